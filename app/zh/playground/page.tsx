import { PlaygroundPage, playgroundMetadata, type PlaygroundSearchParams } from "@/components/simulator/playground-page";

export const metadata = playgroundMetadata("zh");

export default function ChinesePlaygroundPage({ searchParams }: { searchParams: PlaygroundSearchParams }) {
  return <PlaygroundPage locale="zh" searchParams={searchParams} />;
}
