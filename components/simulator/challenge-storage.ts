/**
 * Verified challenge logs of visitors without an account, kept in this browser. A log is its
 * own proof (the server replays it), so when the visitor signs in the log is simply submitted
 * again and recorded then. Browser-only; tolerates storage being unavailable.
 */
import type { Action } from "@/domain/tcp";

const KEY = "syn-to-fin:challenges:v1";
const MAX_ENTRIES = 50;

export type SavedChallenge = { challengeId: string; log: Action[]; verifiedAt: string };

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

export function forgetChallenge(challengeId: string) {
  try {
    storage()?.setItem(KEY, JSON.stringify(savedChallenges().filter((item) => item.challengeId !== challengeId)));
  } catch {
    // Nothing to do.
  }
}
