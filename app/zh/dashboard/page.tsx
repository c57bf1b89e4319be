import { DashboardPage, dashboardMetadata } from "@/components/dashboard/dashboard-page";

export const metadata = dashboardMetadata("zh");

export default function ChineseDashboardPage() {
  return <DashboardPage locale="zh" />;
}
