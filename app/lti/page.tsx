import { LtiHomePage } from "@/components/lti/lti-pages";

export const dynamic = "force-dynamic";

export default function Page() {
  return <LtiHomePage locale="en" />;
}
