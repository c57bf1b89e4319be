import "server-only";
import type { CaptureEvidenceSummary } from "@/domain/capture-challenges";
import type { CurrentUser } from "../auth/session.server";
import { db } from "../db.server";
import { refusal, type Refusal } from "../http/refusal";
import type { CaptureEvidenceItem } from "@/domain/capture-challenges/evidence-item";

export type { CaptureEvidenceItem };

function parseSummary(text: string): CaptureEvidenceSummary | null {
  try {
    return JSON.parse(text) as CaptureEvidenceSummary;
  } catch {
    return null;
  }
}

/** The learner's own evidence for a challenge, newest first. */
export async function captureEvidenceFor(user: CurrentUser, challengeId: string): Promise<CaptureEvidenceItem[]> {
  const rows = await db.captureEvidence.findMany({
    where: { userId: user.id, challengeId },
    orderBy: { checkedAt: "desc" },
    select: { id: true, checkedAt: true, fileSha256: true, fileBytes: true, summary: true, keptCapture: true },
  });
  return rows.map((row) => ({
    id: row.id,
    checkedAt: row.checkedAt.toISOString(),
    fileSha256: row.fileSha256,
    fileBytes: row.fileBytes,
    summary: parseSummary(row.summary),
    keptBytes: row.keptCapture ? row.keptCapture.length : null,
  }));
}

/** The kept packets of one of the user's own evidence rows, or null (not theirs, or nothing kept). */
export async function keptCaptureOf(user: CurrentUser, evidenceId: string): Promise<{ challengeId: string; bytes: Uint8Array } | null> {
  const row = await db.captureEvidence.findFirst({ where: { id: evidenceId, userId: user.id }, select: { challengeId: true, keptCapture: true } });
  return row?.keptCapture ? { challengeId: row.challengeId, bytes: new Uint8Array(row.keptCapture) } : null;
}

/**
 * Deletes the kept packets of one of the user's own evidence rows; the evidence summary stays.
 * "not-found" also for someone else's row, so ids cannot be probed.
 */
export async function deleteKeptCapture(user: CurrentUser, evidenceId: string): Promise<{ ok: true } | Refusal<"not-found">> {
  const { count } = await db.captureEvidence.updateMany({ where: { id: evidenceId, userId: user.id, NOT: { keptCapture: null } }, data: { keptCapture: null } });
  return count > 0 ? { ok: true } : refusal("not-found");
}
