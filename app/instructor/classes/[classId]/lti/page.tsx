import { ClassLmsPage, classLmsMetadata } from "@/components/instructor/class-lms-page";

export const metadata = classLmsMetadata("en");

export default async function EnglishClassLmsPage({ params }: { params: Promise<{ classId: string }> }) {
  const { classId } = await params;
  return <ClassLmsPage locale="en" classId={classId} />;
}
