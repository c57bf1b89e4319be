import type { Action } from "@/domain/tcp";
import { CHALLENGE_LIST, verifySubmission, type ChallengeSubmitResult } from "@/domain/challenges";
import type { CurrentUser } from "../auth/session.server";
import { db } from "../db.server";
import { isUniqueViolation } from "../db/unique-retry";

export type SubmitResult = ChallengeSubmitResult;

/**
 * Stores a completion once per user and challenge: the first verified success wins and later
 * ones (double clicks, two tabs, retries) find it. Only call with a log the engine verified.
 */
export async function recordCompletion(userId: string, challengeId: string, log: readonly Action[]): Promise<{ completedAt: Date; created: boolean }> {
  try {
    const row = await db.challengeCompletion.create({
      data: { userId, challengeId, actionLog: JSON.stringify(log) },
      select: { completedAt: true },
    });
    return { completedAt: row.completedAt, created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const row = await db.challengeCompletion.findUniqueOrThrow({
      where: { userId_challengeId: { userId, challengeId } },
      select: { completedAt: true },
    });
    return { completedAt: row.completedAt, created: false };
  }
}

/**
 * Verifies a learner's action log by replaying it with the TCP engine and, for a signed-in
 * user whose log reaches the goal, records the completion. Whatever the browser claims, only
 * the replay decides; nothing is stored for a log that fails or does not parse.
 */
export async function submitChallenge(user: CurrentUser | null, raw: unknown): Promise<SubmitResult> {
  const verification = verifySubmission(raw);
  if (!verification.ok) return verification;
  if (!verification.reached) return { ok: true, reached: false, feedback: verification.feedback };
  if (user === null) return { ok: true, reached: true, feedback: verification.feedback, stored: "signed-out", completedAt: null };
  const { completedAt, created } = await recordCompletion(user.id, verification.challengeId, verification.log);
  return {
    ok: true,
    reached: true,
    feedback: verification.feedback,
    stored: created ? "new" : "existing",
    completedAt: completedAt.toISOString(),
  };
}

const KNOWN = new Set(CHALLENGE_LIST.map((challenge) => challenge.id));

/** The user's completions among `ids` (unknown ids are ignored): id → ISO time. */
export async function completionsFor(user: CurrentUser, ids: readonly string[]): Promise<Record<string, string>> {
  const wanted = ids.filter((id) => KNOWN.has(id));
  if (wanted.length === 0) return {};
  const rows = await db.challengeCompletion.findMany({
    where: { userId: user.id, challengeId: { in: wanted } },
    select: { challengeId: true, completedAt: true },
  });
  return Object.fromEntries(rows.map((row) => [row.challengeId, row.completedAt.toISOString()]));
}
