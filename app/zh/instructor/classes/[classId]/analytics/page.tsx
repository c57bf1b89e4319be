import { AnalyticsPage, analyticsMetadata } from "@/components/instructor/analytics-page";

export const metadata = analyticsMetadata("zh");

export default async function ChineseAnalyticsPage({ params }: { params: Promise<{ classId: string }> }) {
  return <AnalyticsPage classId={(await params).classId} locale="zh" />;
}
