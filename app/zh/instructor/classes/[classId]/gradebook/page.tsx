import { GradebookPage, gradebookMetadata } from "@/components/instructor/gradebook-page";

export const metadata = gradebookMetadata("zh");

export default async function ChineseGradebookPage({ params }: { params: Promise<{ classId: string }> }) {
  return <GradebookPage classId={(await params).classId} locale="zh" />;
}
