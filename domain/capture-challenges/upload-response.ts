import type { CaptureVerdict } from "@/domain/capture-challenges";

/** Why an upload could not be checked. */
export type UploadError =
  | "not-a-capture"
  | "too-large"
  | "empty"
  | "rate-limited"
  | "unknown-challenge"
  | "no-values"
  | "timeout"
  | "memory"
  | "busy"
  | "failed";

/** What POST /api/capture-challenges/[id] answers (browser-safe). */
export type UploadResponse =
  | {
      ok: true;
      verdict: CaptureVerdict;
      /** "new"/"existing": a completion of this account; "signed-out": verified, not recorded; null: goal not met. */
      stored: "new" | "existing" | "signed-out" | null;
      completedAt: string | null;
      /** The examined connection's packets were kept with the evidence. */
      kept: boolean;
    }
  | { ok: false; error: UploadError; message: string };
