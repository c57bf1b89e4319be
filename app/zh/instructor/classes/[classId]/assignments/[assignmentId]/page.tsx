import { AssignmentPage, assignmentMetadata } from "@/components/instructor/assignment-pages";

export const metadata = assignmentMetadata("zh");

export default async function ChineseAssignmentPage({ params }: { params: Promise<{ classId: string; assignmentId: string }> }) {
  const { classId, assignmentId } = await params;
  return <AssignmentPage locale="zh" classId={classId} assignmentId={assignmentId} />;
}
