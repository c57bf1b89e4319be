/**
 * Every lesson's body as its content renders without the ways pages are made lighter: the
 * interactive parts rendered as themselves (not through components/lesson/on-demand-parts.tsx,
 * which loads their code on demand), the diagrams drawn inline. tests/e2e/lesson-content.spec.ts
 * compares what the served pages say with this, so a reference exists for whatever the lessons
 * say today, with nothing to record by hand.
 *
 *   npx tsx --import ./tests/support/server-only-register.mjs tests/support/lesson-reference.tsx OUT.json
 *   writes [{ slug, locale, html }]
 */
import { writeFileSync } from "node:fs";
import { getMDXComponent } from "mdx-bundler/client";
import type { ComponentType, ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { localizedLessonComponents } from "@/components/lesson/localized-components";
import { Quiz } from "@/components/quiz/quiz";
import { CaptureViewer } from "@/components/simulator/capture-viewer";
import { HandshakeSimulator } from "@/components/simulator/handshake-simulator";
import { SimulatorChallenge } from "@/components/simulator/simulator-challenge";
import { SynBacklogLab } from "@/components/simulator/syn-backlog-lab";
import { TimeWaitLab } from "@/components/simulator/time-wait-lab";
import { LOCALES, type Locale } from "@/domain/content/frontmatter";
import { getLesson, listLessons } from "@/lib/content/lessons.server";

export type ReferenceLesson = { slug: string; locale: Locale; html: string };

function inLocale<P extends { locale?: Locale }>(Component: ComponentType<P>, locale: Locale): (props: P) => ReactElement {
  return function InLocale(props: P) {
    return <Component {...props} locale={locale} />;
  };
}

/** The lesson component map with each interactive part as the component itself. */
function referenceComponents(locale: Locale) {
  return {
    ...localizedLessonComponents(locale),
    Quiz: inLocale(Quiz, locale),
    HandshakeSimulator: inLocale(HandshakeSimulator, locale),
    SimulatorChallenge: inLocale(SimulatorChallenge, locale),
    TimeWaitLab: inLocale(TimeWaitLab, locale),
    SynBacklogLab: inLocale(SynBacklogLab, locale),
    CaptureViewer: inLocale(CaptureViewer, locale),
  };
}

export async function referenceLessons(): Promise<ReferenceLesson[]> {
  const lessons: ReferenceLesson[] = [];
  for (const locale of LOCALES) {
    for (const { slug } of listLessons(locale)) {
      const lesson = await getLesson(slug, locale);
      if (!lesson) throw new Error(`${slug} (${locale}) does not compile`);
      const Content = getMDXComponent(lesson.code) as ComponentType<{ components: ReturnType<typeof referenceComponents> }>;
      lessons.push({ slug, locale, html: renderToStaticMarkup(<Content components={referenceComponents(locale)} />) });
    }
  }
  return lessons;
}

const out = process.argv[2];
if (out) writeFileSync(out, JSON.stringify(await referenceLessons()));
