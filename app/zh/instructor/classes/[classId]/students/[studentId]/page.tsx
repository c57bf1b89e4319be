import { StudentPage, studentMetadata } from "@/components/instructor/student-page";

export const metadata = studentMetadata("zh");

export default async function ChineseStudentPage({ params }: { params: Promise<{ classId: string; studentId: string }> }) {
  const { classId, studentId } = await params;
  return <StudentPage classId={classId} studentId={studentId} locale="zh" />;
}
