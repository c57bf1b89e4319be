import type { Metadata } from "next";
import { CHALLENGES, challengeText } from "@/domain/challenges";
import { DEFAULT_PLAYGROUND, decodePlayground, playgroundErrorText } from "@/domain/simulator/url-state";
import { pageAlternates } from "@/lib/i18n/paths";
import { playgroundWords } from "@/lib/i18n/words/playground";
import { simulatorPartSurroundings } from "../lesson/on-demand-parts";
import { Playground } from "./playground";
import type { Locale } from "@/domain/locale";

export type PlaygroundSearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The playground's title and description in one language, with the other language as alternate. */
export function playgroundMetadata(locale: Locale): Metadata {
  const words = playgroundWords(locale);
  return {
    title: words.title,
    description: words.description,
    alternates: pageAlternates("/playground", locale),
  };
}

/** /playground and /zh/playground: the same page; a shared link's query works in both. */
export async function PlaygroundPage({ locale, searchParams }: { locale: Locale; searchParams: PlaygroundSearchParams }) {
  const words = playgroundWords(locale);
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, item);
  }
  // Decoded here, so the browser needs the link's codec (zod, the action grammar) only once the reader changes something.
  const decoded = decodePlayground(params);
  const challenges = CHALLENGES.map((challenge) => {
    const text = challengeText(challenge, locale);
    return { id: challenge.id, title: text.title, summary: text.summary };
  });
  return (
    <div className="mx-auto max-w-6xl px-4 py-10">
      <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">{words.title}</h1>
      <p className="mt-3 max-w-3xl text-lg text-fg-muted">{words.intro}</p>
      <div className="mt-8">
        <Playground
          initial={decoded.ok ? decoded.state : DEFAULT_PLAYGROUND}
          refused={decoded.ok ? null : decoded.errors.map((error) => playgroundErrorText(error, locale))}
          challenges={challenges}
          parts={simulatorPartSurroundings(locale)}
          locale={locale}
        />
      </div>
    </div>
  );
}
