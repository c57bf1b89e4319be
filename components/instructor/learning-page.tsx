import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { Locale } from "@/domain/locale";
import { orNotFound } from "@/lib/classes/page-guard.server";
import { formatPercent } from "@/lib/format/number";
import { gradebookWords } from "@/lib/i18n/words/gradebook";
import { classLearning } from "@/lib/learning/analytics.server";
import { startClassPage } from "./class-page-start.server";
import { GainTable, formatGain } from "./gain-table";

export function learningMetadata(locale: Locale): Metadata {
  return { title: gradebookWords(locale).learning.title };
}

/** What a class learned: diagnostics before and after each lesson, as normalized gains per lesson and concept. */
export async function LearningPage({ classId, locale }: { classId: string; locale: Locale }) {
  const { base, user, words: all, concepts } = await startClassPage(locale, classId, "/learning");
  const learning = await orNotFound(classLearning(user, classId, locale));
  const words = all.learning;
  const measured = learning.lessons.filter((lesson) => lesson.gain.matched > 0);
  const least = learning.leastLearned.map((concept) => learning.concepts.find((c) => c.concept === concept)!);
  return (
    <div className="grid grid-cols-1 gap-6">
      <Card>
        <h2 className="text-lg font-semibold">{words.heading}</h2>
        <p className="mt-1 text-sm text-fg-muted">
          {words.intro.before}
          <i>g</i>
          {words.intro.formula}
          <i>g</i>
          {words.intro.assign}
          <Link href={base} className="text-accent underline underline-offset-2">
            {words.intro.classPage}
          </Link>
          {words.intro.after}
        </p>
        <section aria-labelledby="least-learned" className="mt-5">
          <h3 id="least-learned" className="font-semibold">
            {words.least}
          </h3>
          {least.length === 0 ? (
            <p className="mt-1 text-sm text-fg-muted">{words.noneYet}</p>
          ) : (
            <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm">
              {least.map(({ concept, gain }) => (
                <li key={concept}>
                  <span className="font-medium">{concepts[concept]}</span>
                  {words.leastLine(formatGain(gain.classGain), gain.matched, formatPercent(gain.meanPre ?? 0, locale), formatPercent(gain.meanPost ?? 0, locale))}
                </li>
              ))}
            </ol>
          )}
        </section>
      </Card>

      <Card>
        <h2 className="text-lg font-semibold">{words.byLesson}</h2>
        <GainTable
          locale={locale}
          caption={words.byLessonCaption}
          firstColumn={words.lesson}
          rows={learning.lessons.map((lesson) => ({
            key: lesson.slug,
            label: lesson.title,
            gain: lesson.gain,
            note: words.took(lesson.tookPre, lesson.tookPost),
          }))}
        />
      </Card>

      <Card>
        <h2 className="text-lg font-semibold">{words.byConcept}</h2>
        <p className="mt-1 text-sm text-fg-muted">{words.byConceptIntro}</p>
        {learning.concepts.length === 0 ? (
          <p className="mt-3 text-sm text-fg-muted">{words.noMatched}</p>
        ) : (
          <GainTable
            locale={locale}
            caption={words.byConceptCaption}
            firstColumn={words.concept}
            rows={learning.concepts.map((c) => ({ key: c.concept, label: concepts[c.concept], gain: c.gain }))}
          />
        )}
      </Card>

      {measured.map((lesson) => (
        <Card key={lesson.slug}>
          <h2 className="text-lg font-semibold">{words.lessonByConcept(lesson.title)}</h2>
          <GainTable
            locale={locale}
            caption={words.lessonByConceptCaption(lesson.title)}
            firstColumn={words.concept}
            rows={lesson.concepts.map((c) => ({ key: c.concept, label: concepts[c.concept], gain: c.gain }))}
          />
        </Card>
      ))}
    </div>
  );
}
