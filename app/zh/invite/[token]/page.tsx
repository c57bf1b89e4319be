import { InvitationPage, invitationMetadata } from "@/components/instructor/join-pages";

export const metadata = invitationMetadata("zh");

export default async function ChineseInvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <InvitationPage locale="zh" token={token} />;
}
