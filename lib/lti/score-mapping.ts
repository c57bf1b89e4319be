/**
 * A gradebook result → the AGS score sent to the LMS (Assignment and Grade Services 2.0, "Score
 * publish service"). Pure. The number is the gradebook's own (docs/gradebook.md: the
 * assignment's rules, late penalty included), so the LMS shows exactly what the tool's
 * gradebook explains.
 */
import type { AssignmentResult } from "@/domain/gradebook/semantics";

export type ActivityProgress = "Initialized" | "Started" | "InProgress" | "Submitted" | "Completed";
export type GradingProgress = "FullyGraded" | "Pending" | "PendingManual" | "Failed" | "NotReady";

export type ScorePayload = {
  scoreGiven: number | null;
  scoreMaximum: number;
  activityProgress: ActivityProgress;
  gradingProgress: GradingProgress;
};

/**
 * The score for a result, or null when there is nothing to say yet (no activity since the
 * student's window opened and no score).
 *
 * - Handed in (on time or late): Completed, FullyGraded, the score.
 * - Missing after the effective due date: InProgress, FullyGraded, 0 (the gradebook's Missing = 0).
 * - Excused: no score, NotReady, so a score sent before the excuse is cleared in the LMS.
 * - Ungraded practice handed in: Completed without a score (NotReady).
 * - Activity without a score (a lesson opened, an attempt started): InProgress, NotReady, no score.
 */
export function scoreFor(result: Pick<AssignmentResult, "status" | "score" | "activeSinceOpen">, points: number): ScorePayload | null {
  const scoreMaximum = Math.max(0, points);
  const handedIn = result.status === "submitted" || result.status === "late";
  if (result.status === "excused") return { scoreGiven: null, scoreMaximum, activityProgress: "Initialized", gradingProgress: "NotReady" };
  if (result.score !== null) {
    const scoreGiven = Math.min(scoreMaximum, Math.max(0, Math.round(result.score * 100) / 100));
    return { scoreGiven, scoreMaximum, activityProgress: handedIn ? "Completed" : "InProgress", gradingProgress: "FullyGraded" };
  }
  if (handedIn) return { scoreGiven: null, scoreMaximum, activityProgress: "Completed", gradingProgress: "NotReady" };
  if (result.status === "in-progress" || result.activeSinceOpen) {
    return { scoreGiven: null, scoreMaximum, activityProgress: "InProgress", gradingProgress: "NotReady" };
  }
  return null;
}

export function samePayload(a: ScorePayload, b: ScorePayload): boolean {
  return a.scoreGiven === b.scoreGiven && a.scoreMaximum === b.scoreMaximum && a.activityProgress === b.activityProgress && a.gradingProgress === b.gradingProgress;
}

/** The JSON body of the AGS score POST. */
export function scoreBody(payload: ScorePayload, userId: string, timestamp: Date): Record<string, unknown> {
  return {
    userId,
    ...(payload.scoreGiven === null ? {} : { scoreGiven: payload.scoreGiven }),
    scoreMaximum: payload.scoreMaximum,
    activityProgress: payload.activityProgress,
    gradingProgress: payload.gradingProgress,
    timestamp: timestamp.toISOString(),
  };
}

/**
 * Delay before delivery attempt `attempt` (1-based) after a failure: 30 s doubling to at most an
 * hour, or the LMS's Retry-After when it says more.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | null = null): number {
  const exponential = Math.min(60 * 60 * 1000, 30_000 * 2 ** Math.max(0, attempt - 1));
  return Math.max(exponential, retryAfterMs ?? 0);
}

/** After this many failed attempts (about a day of retrying) a score is marked failed; an instructor can resend it. */
export const MAX_DELIVERY_ATTEMPTS = 30;
