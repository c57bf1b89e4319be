/**
 * A gradebook grade → the AGS score sent to the LMS (Assignment and Grade Services 2.0, §3.4
 * "Score publish service"). Pure. The number is the gradebook's own cell (docs/gradebook.md: the
 * student's window, extensions, excuses, the late penalty, Missing = 0, ungraded practice), its
 * status gives activityProgress and gradingProgress, and its times give submission.startedAt and
 * submittedAt, so the LMS shows exactly what the tool's gradebook explains (ADR 0804).
 */
import type { AssignmentResult, Evidence, EvidenceVerdict, StudentWork } from "@/domain/gradebook/semantics";

export type ActivityProgress = "Initialized" | "Started" | "InProgress" | "Submitted" | "Completed";
export type GradingProgress = "FullyGraded" | "Pending" | "PendingManual" | "Failed" | "NotReady";

export type ScorePayload = {
  scoreGiven: number | null;
  /** The assignment's points (0 for ungraded practice: then no score is ever given). */
  scoreMaximum: number;
  activityProgress: ActivityProgress;
  gradingProgress: GradingProgress;
  /** When the counting work was begun (the earliest counting evidence's doneAt). */
  startedAt: Date | null;
  /** When it was handed in: the gradebook's "submitted at". */
  submittedAt: Date | null;
};

/** What the mapping reads from a grade: the gradebook's result and its evidence with their verdicts. */
export type GradedWork = Pick<AssignmentResult, "status" | "score" | "pointsPossible" | "submittedAt" | "activeSinceOpen" | "bestEvidenceId"> & {
  evidence: ReadonlyArray<Pick<Evidence, "id" | "doneAt" | "fraction"> & { counts: boolean }>;
};

/** The gradebook result with its evidence, as lib/gradebook/grade.server.ts gives it (for callers holding the parts). */
export function gradedWork(result: AssignmentResult, work: StudentWork): GradedWork {
  const verdicts = new Map<string, EvidenceVerdict>(result.verdicts.map((v) => [v.evidenceId, v]));
  return { ...result, evidence: work.evidence.map((e) => ({ id: e.id, doneAt: e.doneAt, fraction: e.fraction, counts: verdicts.get(e.id)?.counts === true })) };
}

/**
 * The score for a grade, status by status:
 *
 * - Submitted or Late: the gradebook's points (penalty included), FullyGraded; Completed, or
 *   Submitted while a quiz below full marks can still be improved; with its start and hand-in times.
 * - Missing: 0, FullyGraded (the gradebook's Missing = 0); Started or Initialized by the activity.
 * - Excused: no score, FullyGraded: the final word is "no grade", so the LMS clears a score it had.
 * - In progress: Started, NotReady, no score. Not started: Initialized, NotReady, no score
 *   (`isBlank`: sent only to clear something sent before).
 * - Ungraded practice: the same statuses, never a score, NotReady.
 */
export function scoreFor(grade: GradedWork): ScorePayload {
  const counting = grade.evidence.filter((e) => e.counts);
  const startedAt = counting.reduce<Date | null>((first, e) => (!first || e.doneAt.getTime() < first.getTime() ? e.doneAt : first), null);
  const best = counting.find((e) => e.id === grade.bestEvidenceId);
  const scoreMaximum = Math.max(0, grade.pointsPossible);
  const graded = scoreMaximum > 0;
  const worked: ActivityProgress = grade.activeSinceOpen ? "Started" : "Initialized";
  const blank = { scoreGiven: null, scoreMaximum, startedAt: null, submittedAt: null };
  switch (grade.status) {
    case "submitted":
    case "late": {
      const activityProgress = best && best.fraction < 1 ? "Submitted" : "Completed";
      const times = { startedAt, submittedAt: grade.submittedAt };
      return graded && grade.score !== null
        ? { scoreGiven: grade.score, scoreMaximum, activityProgress, gradingProgress: "FullyGraded", ...times }
        : { scoreGiven: null, scoreMaximum, activityProgress, gradingProgress: "NotReady", ...times };
    }
    case "missing":
      return graded && grade.score !== null ? { ...blank, scoreGiven: grade.score, activityProgress: worked, gradingProgress: "FullyGraded" } : { ...blank, activityProgress: worked, gradingProgress: "NotReady" };
    case "excused":
      return { ...blank, activityProgress: worked, gradingProgress: graded ? "FullyGraded" : "NotReady" };
    case "in-progress":
      return { ...blank, activityProgress: "Started", gradingProgress: "NotReady" };
    case "not-started":
      return { ...blank, activityProgress: "Initialized", gradingProgress: "NotReady" };
  }
}

/** Nothing to tell an LMS that has heard nothing yet: no score, no work. */
export function isBlank(payload: ScorePayload): boolean {
  return payload.scoreGiven === null && payload.activityProgress === "Initialized" && payload.gradingProgress === "NotReady";
}

const sameTime = (a: Date | null, b: Date | null) => (a === null || b === null ? a === b : a.getTime() === b.getTime());

export function samePayload(a: ScorePayload, b: ScorePayload): boolean {
  return (
    a.scoreGiven === b.scoreGiven &&
    a.scoreMaximum === b.scoreMaximum &&
    a.activityProgress === b.activityProgress &&
    a.gradingProgress === b.gradingProgress &&
    sameTime(a.startedAt, b.startedAt) &&
    sameTime(a.submittedAt, b.submittedAt)
  );
}

/**
 * The timestamp of a new score: now, or just after the previous one, since AGS timestamps
 * strictly increase per line item and user and the LMS ignores anything older (§3.4.9).
 */
export function nextScoreTimestamp(now: Date, previous: Date | null): Date {
  return previous && previous.getTime() >= now.getTime() ? new Date(previous.getTime() + 1) : now;
}

/** The JSON body of the AGS score POST (application/vnd.ims.lis.v1.score+json). */
export function scoreBody(payload: ScorePayload, userId: string, timestamp: Date): Record<string, unknown> {
  const submission = {
    ...(payload.startedAt ? { startedAt: payload.startedAt.toISOString() } : {}),
    ...(payload.submittedAt ? { submittedAt: payload.submittedAt.toISOString() } : {}),
  };
  return {
    userId,
    ...(payload.scoreGiven === null ? {} : { scoreGiven: payload.scoreGiven }),
    // Required beside scoreGiven; for ungraded practice (0 points) there is never a score.
    ...(payload.scoreMaximum > 0 ? { scoreMaximum: payload.scoreMaximum } : {}),
    activityProgress: payload.activityProgress,
    gradingProgress: payload.gradingProgress,
    timestamp: timestamp.toISOString(),
    ...(Object.keys(submission).length ? { submission } : {}),
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
