import { AdminLtiPage, adminLtiMetadata } from "@/components/lti/admin-lti-page";

export const metadata = adminLtiMetadata("zh");

export default function ChineseAdminLtiPage() {
  return <AdminLtiPage locale="zh" />;
}
