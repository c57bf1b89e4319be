import { AssignmentPage, assignmentMetadata } from "@/components/instructor/assignment-pages";

export const metadata = assignmentMetadata("en");

export default async function EnglishAssignmentPage({ params }: { params: Promise<{ classId: string; assignmentId: string }> }) {
  const { classId, assignmentId } = await params;
  return <AssignmentPage locale="en" classId={classId} assignmentId={assignmentId} />;
}
