import { LearningPage, learningMetadata } from "@/components/instructor/learning-page";

export const metadata = learningMetadata("en");

export default async function EnglishLearningPage({ params }: { params: Promise<{ classId: string }> }) {
  return <LearningPage classId={(await params).classId} locale="en" />;
}
