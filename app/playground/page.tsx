import { PlaygroundPage, playgroundMetadata, type PlaygroundSearchParams } from "@/components/simulator/playground-page";

export const metadata = playgroundMetadata("en");

export default function EnglishPlaygroundPage({ searchParams }: { searchParams: PlaygroundSearchParams }) {
  return <PlaygroundPage locale="en" searchParams={searchParams} />;
}
