import { formatPoints, type EvidenceVerdict } from "@/domain/gradebook/semantics";
import type { Locale } from "@/domain/locale";
import { gradebookWords } from "@/lib/i18n/words/gradebook";
import { Badge } from "../ui/badge";

/** Why a piece of work counts toward the assignment, or why not: the explanation of a grade. */
export function VerdictBadge({ verdict, best, locale = "en" }: { verdict: EvidenceVerdict | null; best: boolean; locale?: Locale }) {
  if (!verdict) return null;
  const words = gradebookWords(locale).verdict;
  if (!verdict.counts) {
    return <Badge tone="warning">{verdict.reason === "before-window" ? words.beforeWindow : words.closed}</Badge>;
  }
  return (
    <>
      <Badge tone={verdict.late ? "warning" : "success"}>{verdict.late ? words.countsLate : words.counts}</Badge>
      {best ? <Badge tone="accent">{verdict.value === null ? words.counted : words.scoreFrom(formatPoints(verdict.value))}</Badge> : null}
    </>
  );
}
