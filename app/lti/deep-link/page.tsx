import { LtiHomePage } from "@/components/lti/lti-pages";

export const dynamic = "force-dynamic";

/** The deep-linking target URI: reached directly (not through a launch), it shows the course. */
export default function Page() {
  return <LtiHomePage locale="en" />;
}
