import { formatPoints, type EvidenceVerdict } from "@/domain/gradebook/semantics";
import { Badge } from "../ui/badge";

/** Why a piece of work counts toward the assignment, or why not: the explanation of a grade. */
export function VerdictBadge({ verdict, best }: { verdict: EvidenceVerdict | null; best: boolean }) {
  if (!verdict) return null;
  if (!verdict.counts) {
    return <Badge tone="warning">{verdict.reason === "before-window" ? "Done before it counted: does not count" : "After the due date: not accepted"}</Badge>;
  }
  return (
    <>
      <Badge tone={verdict.late ? "warning" : "success"}>{verdict.late ? "Counts, late" : "Counts"}</Badge>
      {best ? <Badge tone="accent">{verdict.value === null ? "Counted" : `Score from this: ${formatPoints(verdict.value)}`}</Badge> : null}
    </>
  );
}
