import type { ConceptMastery } from "@/domain/quiz/mastery";
import { dashboardWords } from "@/lib/i18n/words/dashboard";
import { Card } from "../ui/card";
import { ProgressBar } from "../ui/progress-bar";
import type { Locale } from "@/domain/locale";

/** Mastery per concept from quiz answers, recent answers weighing more (domain/quiz/mastery.ts). */
export function MasteryCard({ mastery, locale = "en" }: { mastery: ConceptMastery[]; locale?: Locale }) {
  const words = dashboardWords(locale).mastery;
  return (
    <Card>
      <h2 id="mastery-heading" className="font-semibold">
        {words.heading}
      </h2>
      <p className="mt-1 text-sm text-fg-muted">{words.intro}</p>
      <ul className="mt-4 space-y-3">
        {mastery.map((concept) => {
          const percent = concept.score === null ? null : Math.round(concept.score * 100);
          return (
            <li key={concept.concept}>
              <div className="flex items-baseline justify-between gap-2 text-sm">
                <span className="font-medium">{concept.label}</span>
                <span className="text-fg-muted">
                  {words.level[concept.level]}
                  {percent === null ? "" : ` · ${percent}%`}
                </span>
              </div>
              <ProgressBar
                value={concept.score ?? 0}
                label={words.bar(concept.label, percent, words.level[concept.level], concept.answered)}
                className="mt-1"
              />
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
