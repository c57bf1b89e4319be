import type { CaptureEvidenceSummary } from "@/domain/capture-challenges";

/** One stored success as the learner sees it (browser-safe). */
export interface CaptureEvidenceItem {
  id: string;
  checkedAt: string;
  fileSha256: string;
  fileBytes: number;
  summary: CaptureEvidenceSummary | null;
  /** Size of the kept packets, or null when nothing of the file is kept. */
  keptBytes: number | null;
}
