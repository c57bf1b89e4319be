import { JoinPage, joinMetadata } from "@/components/instructor/join-pages";

export const metadata = joinMetadata("en");

export default async function EnglishJoinPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const { code } = await searchParams;
  return <JoinPage locale="en" code={typeof code === "string" ? code : undefined} />;
}
