import { ClassLmsPage, classLmsMetadata } from "@/components/instructor/class-lms-page";

export const metadata = classLmsMetadata("zh");

export default async function ChineseClassLmsPage({ params }: { params: Promise<{ classId: string }> }) {
  const { classId } = await params;
  return <ClassLmsPage locale="zh" classId={classId} />;
}
