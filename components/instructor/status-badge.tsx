import { formatPoints, STATUS_LABELS, type SubmissionStatus } from "@/domain/gradebook/semantics";
import { Badge } from "../ui/badge";

const TONES: Record<SubmissionStatus, "neutral" | "accent" | "success" | "warning" | "danger"> = {
  "not-started": "neutral",
  "in-progress": "accent",
  submitted: "success",
  late: "warning",
  missing: "danger",
  excused: "neutral",
};

/** `label` replaces the English status name (the learner's dashboard in another language). */
export function StatusBadge({ status, label, className }: { status: SubmissionStatus; label?: string; className?: string }) {
  return (
    <Badge tone={TONES[status]} className={className}>
      {label ?? STATUS_LABELS[status]}
    </Badge>
  );
}

export { formatPoints };
