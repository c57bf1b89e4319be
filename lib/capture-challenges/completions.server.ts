import { db } from "../db.server";
import { isUniqueViolation } from "../db/unique-retry";

/**
 * Records a capture challenge success as a challenge completion (one per user and challenge,
 * the first wins), like a simulator challenge's, so it is assignable and shows in the gradebook.
 * Where a simulator completion keeps the action log that replays it, this one names the stored
 * CaptureEvidence that shows why the capture met the goal.
 */
export async function recordCaptureCompletion(userId: string, challengeId: string, evidenceId: string): Promise<{ completedAt: Date; created: boolean }> {
  try {
    const row = await db.challengeCompletion.create({
      data: { userId, challengeId, actionLog: JSON.stringify({ captureEvidence: evidenceId }) },
      select: { completedAt: true },
    });
    return { completedAt: row.completedAt, created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const row = await db.challengeCompletion.findUniqueOrThrow({ where: { userId_challengeId: { userId, challengeId } }, select: { completedAt: true } });
    return { completedAt: row.completedAt, created: false };
  }
}
