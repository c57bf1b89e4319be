import "server-only";
import type { CurrentUser } from "../auth/session.server";
import { db } from "../db.server";
import { isUniqueViolation } from "../db/unique-retry";
import { recordCompletionEvidence } from "../gradebook/evidence.server";

/**
 * Records a capture challenge success as a challenge completion (one per user and challenge,
 * the first wins), like a simulator challenge's, and offers it as evidence for assignments
 * (recordCompletionEvidence), so it is assignable, counted in the gradebook and passed back to an
 * LMS. Where a simulator completion keeps the action log that replays it, this one names the
 * stored CaptureEvidence that shows why the capture met the goal. A capture is always checked on
 * an account (visitors' successes are not recorded), and its own timestamps are written by the
 * learner's machine, so the work counts as done when the server checked it. The same file handed
 * in again (`newEvidence` false) is not new work and offers nothing to an assignment opened since.
 */
export async function recordCaptureCompletion(
  user: CurrentUser,
  challengeId: string,
  evidence: { id: string; checkedAt: Date },
  { newEvidence }: { newEvidence: boolean },
): Promise<{ completedAt: Date; created: boolean }> {
  const { checkedAt } = evidence;
  const userId = user.id;
  let outcome: { completedAt: Date; created: boolean };
  try {
    const row = await db.challengeCompletion.create({
      data: { userId, challengeId, actionLog: JSON.stringify({ captureEvidence: evidence.id }), completedAt: checkedAt },
      select: { completedAt: true },
    });
    outcome = { completedAt: row.completedAt, created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const row = await db.challengeCompletion.findUniqueOrThrow({ where: { userId_challengeId: { userId, challengeId } }, select: { completedAt: true } });
    outcome = { completedAt: row.completedAt, created: false };
  }
  if (newEvidence) await recordCompletionEvidence(userId, "CHALLENGE", challengeId, { doneAt: checkedAt, handedInAt: checkedAt });
  return outcome;
}
