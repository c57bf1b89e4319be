import "server-only";
import { createHash } from "node:crypto";
import { getCaptureChallenge, type CaptureEvidenceSummary, type CaptureValues } from "@/domain/capture-challenges";
import type { CurrentUser } from "../auth/session.server";
import { db } from "../db.server";
import { isUniqueViolation } from "../db/unique-retry";
import { hitRateLimit } from "../security/rate-limit.server";
import { recordCaptureCompletion } from "./completions.server";
import type { UploadError, UploadResponse } from "@/domain/capture-challenges/upload-response";
import { captureUploadWords } from "../i18n/words/capture-upload";
import { gradeInWorker } from "./grader.server";
import { accountCaptureValues, visitorCaptureValues } from "./values.server";
import type { Locale } from "@/domain/locale";

export type { UploadResponse };

export const UPLOAD_LIMITS = {
  /** A capture of one challenge's port is a few kilobytes; this leaves room for unfiltered captures. */
  maxBytes: 5 * 1024 * 1024,
  /** Checks per learner (or browser) per window. */
  checks: { limit: 30, windowMs: 10 * 60 * 1000 },
} as const;

const MB = (UPLOAD_LIMITS.maxBytes / 1024 / 1024).toFixed(0);

type UploadRefusal = Exclude<UploadError, "timeout" | "memory" | "busy" | "failed" | "not-a-capture">;

export function uploadError(error: UploadRefusal, locale: Locale): Extract<UploadResponse, { ok: false }> {
  const words = captureUploadWords(locale);
  return { ok: false, error, message: error === "too-large" ? words["too-large"](MB) : words[error] };
}

async function storeEvidence(userId: string, challengeId: string, bytes: Uint8Array, evidence: CaptureEvidenceSummary, kept: Uint8Array | null) {
  const fileSha256 = createHash("sha256").update(bytes).digest("hex");
  const data = { userId, challengeId, fileSha256, fileBytes: bytes.length, summary: JSON.stringify(evidence), ...(kept ? { keptCapture: Buffer.from(kept) } : {}) };
  try {
    return { ...(await db.captureEvidence.create({ data, select: { id: true, checkedAt: true } })), sameFileAgain: false };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The same file again: the first check stays the evidence; a copy asked for now is kept.
    const where = { userId_challengeId_fileSha256: { userId, challengeId, fileSha256 } };
    if (kept) await db.captureEvidence.update({ where, data: { keptCapture: Buffer.from(kept) } });
    return { ...(await db.captureEvidence.findUniqueOrThrow({ where, select: { id: true, checkedAt: true } })), sameFileAgain: true };
  }
}

type CheckOptions = { locale: Locale; keep: boolean; visitorId?: string | null };

/** The checks before grading: the challenge exists and the file's size is possible. */
function refusedBeforeGrading(challengeId: string, bytes: Uint8Array, locale: Locale): UploadResponse | null {
  if (!getCaptureChallenge(challengeId)) return uploadError("unknown-challenge", locale);
  if (bytes.length === 0) return uploadError("empty", locale);
  if (bytes.length > UPLOAD_LIMITS.maxBytes) return uploadError("too-large", locale);
  return null;
}

/** Grades within the uploader's (`who`) rate limit; null when the limit is reached. */
async function gradeLimited(who: string, bytes: Uint8Array, options: { challengeId: string; values: CaptureValues; locale: Locale; keep: boolean }) {
  const limit = await hitRateLimit(`capture-check:${who}`, UPLOAD_LIMITS.checks);
  return limit.allowed ? gradeInWorker(bytes, options) : null;
}

/**
 * Checks a signed-in learner's uploaded capture against a challenge with their values (carried
 * over from this browser's visitor values, `visitorId`, on first use). The bytes are graded in a
 * worker thread and then dropped: only a success is stored, as evidence (what the grader found,
 * the file's hash) and a completion; the examined connection's packets only when `keep`.
 */
export async function checkCaptureUpload(user: CurrentUser, challengeId: string, bytes: Uint8Array, { locale, keep, visitorId = null }: CheckOptions): Promise<UploadResponse> {
  const refused = refusedBeforeGrading(challengeId, bytes, locale);
  if (refused) return refused;
  const values = await accountCaptureValues(user, challengeId, visitorId ? visitorCaptureValues(visitorId, challengeId) : undefined);
  const result = await gradeLimited(`user:${user.id}`, bytes, { challengeId, values, locale, keep });
  if (!result) return uploadError("rate-limited", locale);
  if (!result.ok) return { ok: false, error: result.error, message: result.message };
  const { verdict, evidence, kept } = result;
  if (!verdict.reached || !evidence) return { ok: true, verdict, stored: null, completedAt: null, kept: false };
  const stored = await storeEvidence(user.id, challengeId, bytes, evidence, kept);
  const completion = await recordCaptureCompletion(user, challengeId, stored, { newEvidence: !stored.sameFileAgain });
  return { ok: true, verdict, stored: completion.created ? "new" : "existing", completedAt: completion.completedAt.toISOString(), kept: kept !== null };
}

/**
 * A visitor's capture, checked against the values derived from this browser's visitor id (its
 * httpOnly cookie): the verdict only, nothing stored and no packets kept.
 */
export async function checkVisitorCaptureUpload(visitorId: string | null, challengeId: string, bytes: Uint8Array, { locale }: { locale: Locale }): Promise<UploadResponse> {
  const refused = refusedBeforeGrading(challengeId, bytes, locale);
  if (refused) return refused;
  if (!visitorId) return uploadError("no-values", locale);
  const values = visitorCaptureValues(visitorId, challengeId);
  const result = await gradeLimited(`visitor:${createHash("sha256").update(visitorId).digest("hex").slice(0, 32)}`, bytes, { challengeId, values, locale, keep: false });
  if (!result) return uploadError("rate-limited", locale);
  if (!result.ok) return { ok: false, error: result.error, message: result.message };
  const { verdict, evidence } = result;
  if (!verdict.reached || !evidence) return { ok: true, verdict, stored: null, completedAt: null, kept: false };
  return { ok: true, verdict, stored: "signed-out", completedAt: null, kept: false };
}
