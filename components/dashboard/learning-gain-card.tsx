import { reviewWords } from "@/lib/i18n/words/review";
import type { LessonGainRow } from "@/lib/learning/learner.server";
import Link from "next/link";
import { Card } from "../ui/card";
import type { Locale } from "@/domain/locale";

const percent = (share: number | null, missing: string) => (share === null ? missing : `${Math.round(share * 100)}%`);

/** The learner's own lesson diagnostics: before → after for each lesson they checked. */
export function LearningGainCard({ rows, locale = "en" }: { rows: LessonGainRow[]; locale?: Locale }) {
  const words = reviewWords(locale);
  return (
    <Card>
      <h2 id="learning-gain-heading" className="font-semibold">
        {words.dashboard.gainHeading}
      </h2>
      {rows.length === 0 ? (
        <p className="mt-1 text-sm text-fg-muted">{words.dashboard.gainEmpty}</p>
      ) : (
        <>
          <p className="mt-1 text-sm text-fg-muted">{words.dashboard.gainIntro}</p>
          <ul className="mt-3 space-y-2 text-sm">
            {rows.map((row) => {
              const before = percent(row.before, words.diagnostic.notTaken);
              const after = percent(row.after, words.diagnostic.notTaken);
              return (
                <li key={row.slug} className="flex flex-wrap items-baseline justify-between gap-x-3">
                  <Link href={row.href} className="text-accent underline underline-offset-2" aria-label={words.dashboard.gainBar(row.title, before, after)}>
                    {row.title}
                  </Link>
                  <span className="tabular-nums text-fg-muted" aria-hidden="true">
                    {words.dashboard.gainRow(before, after)}
                  </span>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </Card>
  );
}
