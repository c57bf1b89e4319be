import "server-only";
import { createHash } from "node:crypto";
import { getCaptureChallenge, type CaptureEvidenceSummary, type CaptureLocale, type CaptureValues } from "@/domain/capture-challenges";
import type { CurrentUser } from "../auth/session.server";
import { db } from "../db.server";
import { isUniqueViolation } from "../db/unique-retry";
import { hitRateLimit } from "../security/rate-limit.server";
import { recordCaptureCompletion } from "./completions.server";
import type { UploadError, UploadResponse } from "@/domain/capture-challenges/upload-response";
import { gradeInWorker } from "./grader.server";
import { accountCaptureValues, visitorCaptureValues } from "./values.server";

export type { UploadResponse };

export const UPLOAD_LIMITS = {
  /** A capture of one challenge's port is a few kilobytes; this leaves room for unfiltered captures. */
  maxBytes: 5 * 1024 * 1024,
  /** Checks per learner (or browser) per window. */
  checks: { limit: 30, windowMs: 10 * 60 * 1000 },
} as const;

const MB = (UPLOAD_LIMITS.maxBytes / 1024 / 1024).toFixed(0);

const ERRORS: Record<Exclude<UploadError, "timeout" | "memory" | "busy" | "failed" | "not-a-capture">, Record<CaptureLocale, string>> = {
  "too-large": {
    en: `The file is larger than ${MB} MB, the most a capture upload may be. Capture only the challenge's port (the commands' filter does); such a capture is a few kilobytes.`,
    zh: `文件超过了 ${MB} MB，这是抓包上传的上限。只抓挑战的端口（命令中的过滤条件就是这样做的）；这样的抓包只有几 KB。`,
  },
  empty: {
    en: "The file is empty. Upload the file tcpdump -w wrote, after stopping tcpdump with Ctrl+C.",
    zh: "文件是空的。按 Ctrl+C 停止 tcpdump 之后，再上传 tcpdump -w 写出的文件。",
  },
  "rate-limited": {
    en: "You have checked many captures in the last few minutes. Wait a few minutes, then upload again; nothing was lost.",
    zh: "你在最近几分钟里检查了很多抓包。请等几分钟再上传；没有丢失任何内容。",
  },
  "unknown-challenge": { en: "There is no such capture challenge.", zh: "没有这个抓包挑战。" },
  "no-values": {
    en: "Your values for this challenge are not known to this browser yet: reload the challenge page, run the commands it shows, then upload.",
    zh: "这个浏览器还不知道你在这个挑战中的值：重新加载挑战页面，运行页面上的命令，然后再上传。",
  },
};

export function uploadError(error: keyof typeof ERRORS, locale: CaptureLocale): UploadResponse {
  return { ok: false, error, message: ERRORS[error][locale] };
}

/** Who uploads: an account, or a visitor known by the id in its httpOnly cookie. */
export type Uploader = { user: CurrentUser | null; visitorId: string | null };

/** The values this uploader's capture is checked against, or null when none were issued. */
export async function valuesFor(uploader: Uploader, challengeId: string): Promise<CaptureValues | null> {
  if (uploader.user) return accountCaptureValues(uploader.user.id, challengeId, uploader.visitorId ? visitorCaptureValues(uploader.visitorId, challengeId) : undefined);
  return uploader.visitorId ? visitorCaptureValues(uploader.visitorId, challengeId) : null;
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

/**
 * Checks an uploaded capture against a challenge with the uploader's values. The bytes are graded
 * in a worker thread and then dropped: only a success is stored, as evidence (what the grader
 * found, the file's hash) and a completion; the examined connection's packets only when `keep`.
 */
export async function checkCaptureUpload(
  uploader: Uploader,
  challengeId: string,
  bytes: Uint8Array,
  { locale, keep }: { locale: CaptureLocale; keep: boolean },
): Promise<UploadResponse> {
  const challenge = getCaptureChallenge(challengeId);
  if (!challenge) return uploadError("unknown-challenge", locale);
  if (bytes.length === 0) return uploadError("empty", locale);
  if (bytes.length > UPLOAD_LIMITS.maxBytes) return uploadError("too-large", locale);
  const values = await valuesFor(uploader, challengeId);
  if (!values) return uploadError("no-values", locale);
  const who = uploader.user ? `user:${uploader.user.id}` : `visitor:${createHash("sha256").update(uploader.visitorId ?? "").digest("hex").slice(0, 32)}`;
  const limit = await hitRateLimit(`capture-check:${who}`, UPLOAD_LIMITS.checks);
  if (!limit.allowed) return uploadError("rate-limited", locale);
  const result = await gradeInWorker(bytes, { challengeId, values, locale, keep: keep && uploader.user !== null });
  if (!result.ok) return { ok: false, error: result.error, message: result.message };
  const { verdict, evidence, kept } = result;
  if (!verdict.reached || !evidence) return { ok: true, verdict, stored: null, completedAt: null, kept: false };
  if (!uploader.user) return { ok: true, verdict, stored: "signed-out", completedAt: null, kept: false };
  const stored = await storeEvidence(uploader.user.id, challengeId, bytes, evidence, kept);
  const completion = await recordCaptureCompletion(uploader.user.id, challengeId, stored, { newEvidence: !stored.sameFileAgain });
  return { ok: true, verdict, stored: completion.created ? "new" : "existing", completedAt: completion.completedAt.toISOString(), kept: kept !== null };
}
