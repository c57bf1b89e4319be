/**
 * Merges what this browser collected while signed out (signed receipts of reading and answers,
 * and verified challenge logs with their receipts) into the account now signed in. Called right
 * after sign-up and sign-in (and, as a fallback for OAuth redirects, when a quiz or the dashboard
 * loads with some still pending). Safe to call twice: merging is idempotent.
 */
import { mergeAnonymousProgressAction } from "@/lib/progress/visitor-actions";
import { forgetChallenges, savedChallenges } from "@/components/progress/local-challenges";
import { dropReceipts, pendingReceipts } from "./local-progress";

/** Whether this browser holds anything a merge would send. */
export function hasPendingProgress(): boolean {
  return pendingReceipts().length > 0 || savedChallenges().length > 0;
}

export async function mergeLocalProgress(): Promise<boolean> {
  const receipts = pendingReceipts();
  const challenges = savedChallenges().map(({ challengeId, log, receipt }) => ({ challengeId, log, ...(receipt ? { receipt } : {}) }));
  if (receipts.length === 0 && challenges.length === 0) return true;
  try {
    const result = await mergeAnonymousProgressAction({ receipts, challenges });
    if (!result.ok) return false;
    dropReceipts(receipts);
    // Replayed on the server: recorded, or refused for good (a log that no longer verifies).
    forgetChallenges(challenges.map((entry) => entry.challengeId));
    return true;
  } catch {
    // Offline or a server error: everything stays for the next try.
    return false;
  }
}
