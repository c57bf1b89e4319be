import { InstructorHomePage, instructorHomeMetadata } from "@/components/instructor/instructor-home-page";

export const metadata = instructorHomeMetadata("en");

export default function EnglishInstructorPage() {
  return <InstructorHomePage locale="en" />;
}
