import { JoinLinkPage, joinLinkMetadata } from "@/components/instructor/join-pages";

export const metadata = joinLinkMetadata("en");

export default async function EnglishJoinLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <JoinLinkPage locale="en" token={token} />;
}
