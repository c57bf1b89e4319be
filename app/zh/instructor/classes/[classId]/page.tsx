import { ClassPage, classMetadata } from "@/components/instructor/class-page";

export const metadata = classMetadata("zh");

export default async function ChineseClassPage({ params }: { params: Promise<{ classId: string }> }) {
  const { classId } = await params;
  return <ClassPage locale="zh" classId={classId} />;
}
