import type { ConceptMastery, MasteryLevel } from "@/domain/quiz/mastery";
import { Card } from "../ui/card";
import { ProgressBar } from "../ui/progress-bar";

const LEVEL: Record<MasteryLevel, string> = {
  "not-started": "No answers yet",
  learning: "Learning",
  practising: "Practising",
  mastered: "Mastered",
};

/** Mastery per concept from quiz answers, recent answers weighing more (domain/quiz/mastery.ts). */
export function MasteryCard({ mastery }: { mastery: ConceptMastery[] }) {
  return (
    <Card>
      <h2 id="mastery-heading" className="font-semibold">
        Mastery
      </h2>
      <p className="mt-1 text-sm text-fg-muted">From your quiz answers; recent answers count most.</p>
      <ul className="mt-4 space-y-3">
        {mastery.map((concept) => {
          const percent = concept.score === null ? null : Math.round(concept.score * 100);
          return (
            <li key={concept.concept}>
              <div className="flex items-baseline justify-between gap-2 text-sm">
                <span className="font-medium">{concept.label}</span>
                <span className="text-fg-muted">
                  {LEVEL[concept.level]}
                  {percent === null ? "" : ` · ${percent}%`}
                </span>
              </div>
              <ProgressBar
                value={concept.score ?? 0}
                label={`${concept.label} mastery: ${percent === null ? "no answers yet" : `${percent}%, ${LEVEL[concept.level].toLowerCase()}, ${concept.answered} answers`}`}
                className="mt-1"
              />
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
