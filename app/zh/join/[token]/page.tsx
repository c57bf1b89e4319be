import { JoinLinkPage, joinLinkMetadata } from "@/components/instructor/join-pages";

export const metadata = joinLinkMetadata("zh");

export default async function ChineseJoinLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <JoinLinkPage locale="zh" token={token} />;
}
