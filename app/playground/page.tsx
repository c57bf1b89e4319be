import type { Metadata } from "next";
import { Playground } from "@/components/simulator/playground";

export const metadata: Metadata = {
  title: "Playground",
  description: "The TCP simulator, challenges, the TIME-WAIT and SYN backlog labs and a capture viewer, all in one page.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PlaygroundPage({ searchParams }: Props) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, item);
  }
  return (
    <div className="mx-auto max-w-6xl px-4 py-10">
      <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Playground</h1>
      <p className="mt-3 max-w-3xl text-lg text-fg-muted">
        Run TCP yourself: open and close connections, lose segments, watch timers fire, take on the challenges, load a server in the labs
        and read real captures. Everything you see is computed by the course&apos;s TCP engine.
      </p>
      <div className="mt-8">
        <Playground query={params.toString()} />
      </div>
    </div>
  );
}
