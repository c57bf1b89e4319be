import "server-only";
import type { Action } from "@/domain/tcp";
import { CAPTURE_CHALLENGE_LIST } from "@/domain/capture-challenges/catalog";
import { CHALLENGE_LIST, verifySubmission, type ChallengeSubmitResult } from "@/domain/challenges";
import type { CurrentUser } from "../auth/session.server";
import { db } from "../db.server";
import { isUniqueViolation } from "../db/unique-retry";
import { recordCompletionEvidence } from "../gradebook/evidence.server";
import { redeemReceipt } from "../progress/redeem.server";
import { actionLogDigest, challengeReceiptFor, MAX_TOKEN_LENGTH, newReceiptId, signReceipt } from "../progress/receipts.server";

export type SubmitResult = ChallengeSubmitResult;

/** A verified attempt, as a Server Action's payload: reached (and how it was stored) or not. */
export type ChallengeOutcome = SubmitResult extends infer R ? (R extends { ok: true } ? Omit<R, "ok"> : never) : never;

/**
 * Records a verified challenge success for an account. The completion (one row per user and
 * challenge, the first wins; double clicks, two tabs and retries find it) is dated when the
 * account proved it, now: nothing ever moves it earlier. Each success is also offered as
 * evidence for assignments (recordCompletionEvidence); `signedOut` is the time a success earned
 * signed out was reached, from a redeemed receipt, kept as when the work was done. Only call with
 * a log the engine verified.
 */
export async function recordCompletion(
  user: CurrentUser,
  challengeId: string,
  log: readonly Action[],
  signedOut?: { reachedAt: Date },
): Promise<{ completedAt: Date; created: boolean }> {
  const userId = user.id;
  const now = new Date();
  let outcome: { completedAt: Date; created: boolean };
  try {
    const row = await db.challengeCompletion.create({ data: { userId, challengeId, actionLog: JSON.stringify(log), completedAt: now }, select: { completedAt: true } });
    outcome = { completedAt: row.completedAt, created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const row = await db.challengeCompletion.findUniqueOrThrow({ where: { userId_challengeId: { userId, challengeId } }, select: { completedAt: true } });
    outcome = { completedAt: row.completedAt, created: false };
  }
  await recordCompletionEvidence(userId, "CHALLENGE", challengeId, { doneAt: signedOut?.reachedAt ?? now, handedInAt: now, signedOut: Boolean(signedOut) });
  return outcome;
}

/** A submission may carry the receipt of a success the learner had while signed out. */
function withoutReceipt(raw: unknown): { submission: unknown; receipt: unknown } {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw) || !("receipt" in raw)) return { submission: raw, receipt: undefined };
  const { receipt, ...submission } = raw as Record<string, unknown>;
  return { submission, receipt: typeof receipt === "string" && receipt.length <= MAX_TOKEN_LENGTH ? receipt : undefined };
}

/**
 * When a visitor reached this challenge with exactly this log, if `receipt` vouches for it, was
 * earned in this browser (`visitor`) and was not spent before; spending it here.
 */
async function redeemedSuccess(receipt: unknown, challengeId: string, log: readonly Action[], visitor: string | null, userId: string) {
  const vouched = challengeReceiptFor(receipt, challengeId, log);
  if (!vouched) return undefined;
  return (await redeemReceipt(vouched, visitor, userId)) === "accepted" ? { reachedAt: new Date(vouched.at) } : undefined;
}

/**
 * Verifies a signed-in learner's action log by replaying it with the TCP engine and, when it
 * reaches the goal, records the completion. Whatever the browser claims, only the replay decides;
 * nothing is stored for a log that fails or does not parse. A receipt the learner earned in this
 * browser (`visitor`: the binding of its visitor cookie) before signing in keeps its time.
 */
export async function submitChallenge(user: CurrentUser, raw: unknown, visitor: string | null = null): Promise<SubmitResult> {
  const { submission, receipt } = withoutReceipt(raw);
  const verification = verifySubmission(submission);
  if (!verification.ok) return verification;
  const { challengeId, log, feedback } = verification;
  if (!verification.reached) return { ok: true, reached: false, feedback };
  const signedOut = await redeemedSuccess(receipt, challengeId, log, visitor, user.id);
  const { completedAt, created } = await recordCompletion(user, challengeId, log, signedOut);
  return { ok: true, reached: true, feedback, stored: created ? "new" : "existing", completedAt: completedAt.toISOString() };
}

/**
 * A visitor's attempt, replayed like a learner's: nothing is stored; a success comes with a
 * signed receipt bound to the browser (`visitor`), to be merged into an account after sign-in.
 */
export function checkVisitorChallenge(raw: unknown, visitor: string | null): SubmitResult {
  const verification = verifySubmission(withoutReceipt(raw).submission);
  if (!verification.ok) return verification;
  const { challengeId, log, feedback } = verification;
  if (!verification.reached) return { ok: true, reached: false, feedback };
  if (!visitor) return { ok: true, reached: true, feedback, stored: "signed-out", completedAt: null };
  const signed = signReceipt({ k: "challenge", id: newReceiptId(), v: visitor, challengeId, log: actionLogDigest(log), at: Date.now() });
  return { ok: true, reached: true, feedback, stored: "signed-out", completedAt: null, receipt: signed };
}

/** Most visitor challenge successes one merge replays (there are far fewer challenges). */
export const MAX_MERGED_CHALLENGES = 50;

/**
 * Records the challenges a visitor reached before signing in: each `{ challengeId, log, receipt? }`
 * is replayed like a fresh submission, so a forged entry counts for nothing. A receipt earned in
 * this browser and not spent before says when the work was done; the completion itself is the
 * account's from now. Idempotent: a second merge finds the completions.
 */
export async function mergeVisitorChallenges(user: CurrentUser, visitor: string | null, entries: readonly unknown[]): Promise<{ recorded: number; rejected: number }> {
  const summary = { recorded: 0, rejected: Math.max(0, entries.length - MAX_MERGED_CHALLENGES) };
  for (const entry of entries.slice(0, MAX_MERGED_CHALLENGES)) {
    const { submission, receipt } = withoutReceipt(entry);
    const verification = verifySubmission(submission);
    if (!verification.ok || !verification.reached) {
      summary.rejected += 1;
      continue;
    }
    const signedOut = await redeemedSuccess(receipt, verification.challengeId, verification.log, visitor, user.id);
    if (receipt !== undefined && !signedOut) summary.rejected += 1;
    await recordCompletion(user, verification.challengeId, verification.log, signedOut);
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
