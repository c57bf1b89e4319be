import { DashboardPage, dashboardMetadata } from "@/components/dashboard/dashboard-page";

export const metadata = dashboardMetadata("en");

export default function EnglishDashboardPage() {
  return <DashboardPage locale="en" />;
}
