import { formatPoints, type SubmissionStatus } from "@/domain/gradebook/semantics";
import type { Locale } from "@/domain/locale";
import { submissionStatusWords } from "@/lib/i18n/words/gradebook";
import { Badge } from "../ui/badge";

const TONES: Record<SubmissionStatus, "neutral" | "accent" | "success" | "warning" | "danger"> = {
  "not-started": "neutral",
  "in-progress": "accent",
  submitted: "success",
  late: "warning",
  missing: "danger",
  excused: "neutral",
};

/** A submission status, named in the page's language (`label` overrides the name). */
export function StatusBadge({ status, label, locale = "en", className }: { status: SubmissionStatus; label?: string; locale?: Locale; className?: string }) {
  return (
    <Badge tone={TONES[status]} className={className}>
      {label ?? submissionStatusWords(locale)[status]}
    </Badge>
  );
}

export { formatPoints };
