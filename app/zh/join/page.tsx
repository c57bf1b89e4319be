import { JoinPage, joinMetadata } from "@/components/instructor/join-pages";

export const metadata = joinMetadata("zh");

export default async function ChineseJoinPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const { code } = await searchParams;
  return <JoinPage locale="zh" code={typeof code === "string" ? code : undefined} />;
}
