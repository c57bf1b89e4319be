import { ClassPage, classMetadata } from "@/components/instructor/class-page";

export const metadata = classMetadata("en");

export default async function EnglishClassPage({ params }: { params: Promise<{ classId: string }> }) {
  const { classId } = await params;
  return <ClassPage locale="en" classId={classId} />;
}
