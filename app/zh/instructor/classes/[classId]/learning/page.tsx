import { LearningPage, learningMetadata } from "@/components/instructor/learning-page";

export const metadata = learningMetadata("zh");

export default async function ChineseLearningPage({ params }: { params: Promise<{ classId: string }> }) {
  return <LearningPage classId={(await params).classId} locale="zh" />;
}
