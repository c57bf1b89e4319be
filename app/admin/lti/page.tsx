import { AdminLtiPage, adminLtiMetadata } from "@/components/lti/admin-lti-page";

export const metadata = adminLtiMetadata("en");

export default function EnglishAdminLtiPage() {
  return <AdminLtiPage locale="en" />;
}
