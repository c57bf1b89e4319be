import { NewAssignmentPage, newAssignmentMetadata } from "@/components/instructor/assignment-pages";

export const metadata = newAssignmentMetadata("zh");

export default async function ChineseNewAssignmentPage({ params }: { params: Promise<{ classId: string }> }) {
  const { classId } = await params;
  return <NewAssignmentPage locale="zh" classId={classId} />;
}
