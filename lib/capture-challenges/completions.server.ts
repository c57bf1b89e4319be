import { db } from "../db.server";
import { isUniqueViolation } from "../db/unique-retry";
import { recordCompletionEvidence } from "../gradebook/evidence.server";

/**
 * Records a capture challenge success as a challenge completion (one per user and challenge,
 * the first wins), like a simulator challenge's, and offers it as evidence for assignments
 * (recordCompletionEvidence), so it is assignable, counted in the gradebook and passed back to an
 * LMS. Where a simulator completion keeps the action log that replays it, this one names the
 * stored CaptureEvidence that shows why the capture met the goal. A capture is always checked on
 * an account (visitors' successes are not recorded), so the work is done when it is handed in.
 */
export async function recordCaptureCompletion(userId: string, challengeId: string, evidenceId: string): Promise<{ completedAt: Date; created: boolean }> {
  const now = new Date();
  let outcome: { completedAt: Date; created: boolean };
  try {
    const row = await db.challengeCompletion.create({
      data: { userId, challengeId, actionLog: JSON.stringify({ captureEvidence: evidenceId }), completedAt: now },
      select: { completedAt: true },
    });
    outcome = { completedAt: row.completedAt, created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const row = await db.challengeCompletion.findUniqueOrThrow({ where: { userId_challengeId: { userId, challengeId } }, select: { completedAt: true } });
    outcome = { completedAt: row.completedAt, created: false };
  }
  await recordCompletionEvidence(userId, "CHALLENGE", challengeId, { doneAt: now, handedInAt: now });
  return outcome;
}
