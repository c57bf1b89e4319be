import type { Action } from "@/domain/tcp";
import { CAPTURE_CHALLENGE_LIST } from "@/domain/capture-challenges/catalog";
import { CHALLENGE_LIST, verifySubmission, type ChallengeSubmitResult } from "@/domain/challenges";
import type { CurrentUser } from "../auth/session.server";
import { db } from "../db.server";
import { isUniqueViolation } from "../db/unique-retry";
import { actionLogDigest, MAX_TOKEN_LENGTH, signReceipt, verifiedChallengeTime } from "../progress/receipts.server";

export type SubmitResult = ChallengeSubmitResult;

/**
 * Stores a completion once per user and challenge: the first verified success wins and later
 * ones (double clicks, two tabs, retries) find it. `reachedAt` is the time of a visitor's
 * success vouched for by a receipt: it dates a new row, and replaces a later time on an existing
 * one. Only call with a log the engine verified.
 */
export async function recordCompletion(
  userId: string,
  challengeId: string,
  log: readonly Action[],
  reachedAt?: Date,
): Promise<{ completedAt: Date; created: boolean }> {
  const actionLog = JSON.stringify(log);
  try {
    const row = await db.challengeCompletion.create({
      data: { userId, challengeId, actionLog, ...(reachedAt ? { completedAt: reachedAt } : {}) },
      select: { completedAt: true },
    });
    return { completedAt: row.completedAt, created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    if (reachedAt) {
      await db.challengeCompletion.updateMany({ where: { userId, challengeId, completedAt: { gt: reachedAt } }, data: { completedAt: reachedAt, actionLog } });
    }
    const row = await db.challengeCompletion.findUniqueOrThrow({
      where: { userId_challengeId: { userId, challengeId } },
      select: { completedAt: true },
    });
    return { completedAt: row.completedAt, created: false };
  }
}

/** A submission may carry the receipt of a success the learner had while signed out. */
function withoutReceipt(raw: unknown): { submission: unknown; receipt: unknown } {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw) || !("receipt" in raw)) return { submission: raw, receipt: undefined };
  const { receipt, ...submission } = raw as Record<string, unknown>;
  return { submission, receipt: typeof receipt === "string" && receipt.length <= MAX_TOKEN_LENGTH ? receipt : undefined };
}

/**
 * Verifies a learner's action log by replaying it with the TCP engine and, for a signed-in
 * user whose log reaches the goal, records the completion. Whatever the browser claims, only
 * the replay decides; nothing is stored for a log that fails or does not parse. A visitor gets
 * a signed receipt instead; handed back with the same log once signed in, it dates the
 * completion to the visitor's success (a receipt for another challenge or log is ignored).
 */
export async function submitChallenge(user: CurrentUser | null, raw: unknown): Promise<SubmitResult> {
  const { submission, receipt } = withoutReceipt(raw);
  const verification = verifySubmission(submission);
  if (!verification.ok) return verification;
  const { challengeId, log, feedback } = verification;
  if (!verification.reached) return { ok: true, reached: false, feedback };
  if (user === null) {
    const signed = signReceipt({ k: "challenge", challengeId, log: actionLogDigest(log), at: Date.now() });
    return { ok: true, reached: true, feedback, stored: "signed-out", completedAt: null, receipt: signed };
  }
  const { completedAt, created } = await recordVerified(user.id, challengeId, log, receipt);
  return { ok: true, reached: true, feedback, stored: created ? "new" : "existing", completedAt: completedAt.toISOString() };
}

function recordVerified(userId: string, challengeId: string, log: readonly Action[], receipt: unknown) {
  return recordCompletion(userId, challengeId, log, verifiedChallengeTime(receipt, challengeId, log) ?? undefined);
}

/** Most visitor challenge successes one merge replays (there are far fewer challenges). */
export const MAX_MERGED_CHALLENGES = 50;

/**
 * Records the challenges a visitor reached before signing in: each `{ challengeId, log, receipt? }`
 * is replayed like a fresh submission, so a forged entry counts for nothing, and its receipt (if
 * it matches) dates the completion. Idempotent: a second merge finds the completions.
 */
export async function mergeVisitorChallenges(userId: string, entries: readonly unknown[]): Promise<{ recorded: number; rejected: number }> {
  const summary = { recorded: 0, rejected: Math.max(0, entries.length - MAX_MERGED_CHALLENGES) };
  for (const entry of entries.slice(0, MAX_MERGED_CHALLENGES)) {
    const { submission, receipt } = withoutReceipt(entry);
    const verification = verifySubmission(submission);
    if (!verification.ok || !verification.reached) {
      summary.rejected += 1;
      continue;
    }
    await recordVerified(userId, verification.challengeId, verification.log, receipt);
    summary.recorded += 1;
  }
  return summary;
}

// Capture challenges (domain/capture-challenges) complete into the same table.
const KNOWN = new Set([...CHALLENGE_LIST, ...CAPTURE_CHALLENGE_LIST].map((challenge) => challenge.id));

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
