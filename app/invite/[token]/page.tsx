import { InvitationPage, invitationMetadata } from "@/components/instructor/join-pages";

export const metadata = invitationMetadata("en");

export default async function EnglishInvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <InvitationPage locale="en" token={token} />;
}
