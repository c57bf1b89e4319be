import { LtiLinkPage } from "@/components/lti/lti-pages";

export const dynamic = "force-dynamic";

export default async function Page({ params }: { params: Promise<{ token: string }> }) {
  return <LtiLinkPage locale="zh" token={(await params).token} />;
}
