import { LtiDeepLinkPage } from "@/components/lti/lti-pages";

export const dynamic = "force-dynamic";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  return <LtiDeepLinkPage locale="zh" requestId={(await params).id} />;
}
