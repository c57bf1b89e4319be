import { InstructorHomePage, instructorHomeMetadata } from "@/components/instructor/instructor-home-page";

export const metadata = instructorHomeMetadata("zh");

export default function ChineseInstructorPage() {
  return <InstructorHomePage locale="zh" />;
}
