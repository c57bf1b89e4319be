import type { Metadata } from "next";
import { pageAlternates } from "@/lib/i18n/paths";
import { simulatorWords } from "@/lib/i18n/words/simulator";
import { Playground } from "./playground";
import type { Locale } from "@/domain/locale";

export type PlaygroundSearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The playground's title and description in one language, with the other language as alternate. */
export function playgroundMetadata(locale: Locale): Metadata {
  const words = simulatorWords(locale).playground;
  return {
    title: words.title,
    description: words.description,
    alternates: pageAlternates("/playground", locale),
  };
}

/** /playground and /zh/playground: the same page; a shared link's query works in both. */
export async function PlaygroundPage({ locale, searchParams }: { locale: Locale; searchParams: PlaygroundSearchParams }) {
  const words = simulatorWords(locale).playground;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, item);
  }
  return (
    <div className="mx-auto max-w-6xl px-4 py-10">
      <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">{words.title}</h1>
      <p className="mt-3 max-w-3xl text-lg text-fg-muted">{words.intro}</p>
      <div className="mt-8">
        <Playground query={params.toString()} locale={locale} />
      </div>
    </div>
  );
}
