import { GradebookPage, gradebookMetadata } from "@/components/instructor/gradebook-page";

export const metadata = gradebookMetadata("en");

export default async function EnglishGradebookPage({ params }: { params: Promise<{ classId: string }> }) {
  return <GradebookPage classId={(await params).classId} locale="en" />;
}
