import { StudentPage, studentMetadata } from "@/components/instructor/student-page";

export const metadata = studentMetadata("en");

export default async function EnglishStudentPage({ params }: { params: Promise<{ classId: string; studentId: string }> }) {
  const { classId, studentId } = await params;
  return <StudentPage classId={classId} studentId={studentId} locale="en" />;
}
