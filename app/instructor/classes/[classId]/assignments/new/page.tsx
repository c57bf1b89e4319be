import { NewAssignmentPage, newAssignmentMetadata } from "@/components/instructor/assignment-pages";

export const metadata = newAssignmentMetadata("en");

export default async function EnglishNewAssignmentPage({ params }: { params: Promise<{ classId: string }> }) {
  const { classId } = await params;
  return <NewAssignmentPage locale="en" classId={classId} />;
}
