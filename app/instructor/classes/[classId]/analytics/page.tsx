import { AnalyticsPage, analyticsMetadata } from "@/components/instructor/analytics-page";

export const metadata = analyticsMetadata("en");

export default async function EnglishAnalyticsPage({ params }: { params: Promise<{ classId: string }> }) {
  return <AnalyticsPage classId={(await params).classId} locale="en" />;
}
