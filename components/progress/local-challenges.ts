/**
 * Challenges a visitor without an account reached, kept in this browser: the verified log and
 * the server's signed receipt for it. At sign-up or sign-in they are merged into the account
 * (components/progress/merge-client.ts): the server replays each log again, and the receipt dates the
 * completion to the visitor's success. Browser-only; tolerates storage being unavailable.
 */
import type { Action } from "@/domain/tcp";

const KEY = "syn-to-fin:challenges:v1";
/** Keeps storage bounded; the server replays at most this many per merge too. */
const MAX_ENTRIES = 50;

export type SavedChallenge = { challengeId: string; log: Action[]; receipt?: string; verifiedAt: string };

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

export function savedChallenges(): SavedChallenge[] {
  try {
    const raw = storage()?.getItem(KEY);
    const list: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(list)
      ? list.filter((item): item is SavedChallenge => typeof item?.challengeId === "string" && Array.isArray(item?.log))
      : [];
  } catch {
    return [];
  }
}

export function saveChallenge(entry: SavedChallenge) {
  try {
    const others = savedChallenges().filter((item) => item.challengeId !== entry.challengeId);
    storage()?.setItem(KEY, JSON.stringify([...others, entry].slice(-MAX_ENTRIES)));
  } catch {
    // Full or disabled storage: the result is simply not kept.
  }
}

/** Forgets these challenges (merged, or completed in the account already). */
export function forgetChallenges(challengeIds: readonly string[]) {
  try {
    const gone = new Set(challengeIds);
    storage()?.setItem(KEY, JSON.stringify(savedChallenges().filter((item) => !gone.has(item.challengeId))));
  } catch {
    // Nothing to do.
  }
}
