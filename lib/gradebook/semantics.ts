/**
 * What counts as a submission, its status and its score: the rules of docs/gradebook.md as pure
 * functions (no database, no clock: `now` is an argument), shared by the gradebook, the CSV export
 * and the student's dashboard.
 */

export type TargetType = "LESSON" | "QUIZ" | "CHALLENGE";
export type LatePolicy = "ACCEPT_WITH_PENALTY" | "CLOSE";
export type SubmissionStatus = "not-started" | "in-progress" | "submitted" | "late" | "missing";

export const STATUS_LABELS: Record<SubmissionStatus, string> = {
  "not-started": "Not started",
  "in-progress": "In progress",
  submitted: "Submitted",
  late: "Late",
  missing: "Missing",
};

export type AssignmentRules = {
  targetType: TargetType;
  points: number;
  opensAt: Date;
  dueAt: Date;
  latePolicy: LatePolicy;
  latePenaltyPercent: number;
};

export type LessonActivity = { startedAt: Date; updatedAt: Date; completedAt: Date | null };
export type QuizAttemptActivity = {
  id: string;
  startedAt: Date;
  submittedAt: Date | null;
  score: number;
  maxScore: number;
  passed: boolean;
};
export type ChallengeActivity = { completedAt: Date };

/** One student's work on one assignment's target (only the part matching its type is read). */
export type StudentWork = {
  lesson?: LessonActivity | null;
  quizAttempts?: readonly QuizAttemptActivity[];
  challenge?: ChallengeActivity | null;
};

export type AssignmentResult = {
  status: SubmissionStatus;
  /** Extension if the student has one, else the assignment's due date. */
  effectiveDueAt: Date;
  /** When the counting submission happened (first passing attempt, lesson completion, challenge). */
  submittedAt: Date | null;
  /** Points earned, penalty applied; null while nothing counts and the work is not yet missing. */
  score: number | null;
  /** For quizzes: the attempt whose (penalised) score is the best. */
  bestAttemptId: string | null;
  /** Latest activity on the target, wherever it happened in time. */
  lastActivityAt: Date | null;
  /** Some activity at or after the opening time. */
  activeSinceOpen: boolean;
  isOpen: boolean;
};

const round2 = (n: number) => Math.round(n * 100) / 100;

export function effectiveDueDate(dueAt: Date, extensionDueAt: Date | null | undefined): Date {
  return extensionDueAt ?? dueAt;
}

/** The share of points kept for work handed in after the effective due date (0..1). */
export function lateFactor(rules: Pick<AssignmentRules, "latePolicy" | "latePenaltyPercent">): number {
  if (rules.latePolicy === "CLOSE") return 0;
  return 1 - Math.min(100, Math.max(0, rules.latePenaltyPercent)) / 100;
}

/** Whether work handed in at `at` counts at all under the late policy. */
function counts(at: Date, due: Date, policy: LatePolicy): boolean {
  return policy === "ACCEPT_WITH_PENALTY" || at.getTime() <= due.getTime();
}

function latest(dates: Array<Date | null | undefined>): Date | null {
  let best: Date | null = null;
  for (const d of dates) if (d && (!best || d.getTime() > best.getTime())) best = d;
  return best;
}

export function assignmentResult(
  rules: AssignmentRules,
  work: StudentWork,
  extensionDueAt: Date | null | undefined,
  now: Date,
): AssignmentResult {
  const due = effectiveDueDate(rules.dueAt, extensionDueAt);
  const isLate = (at: Date) => at.getTime() > due.getTime();
  const value = (fraction: number, at: Date) => round2(fraction * rules.points * (isLate(at) ? lateFactor(rules) : 1));

  let submittedAt: Date | null = null;
  let score: number | null = null;
  let bestAttemptId: string | null = null;
  let activity: Date[] = [];

  if (rules.targetType === "LESSON") {
    const lesson = work.lesson;
    if (lesson) {
      activity = [lesson.startedAt, lesson.updatedAt, ...(lesson.completedAt ? [lesson.completedAt] : [])];
      if (lesson.completedAt && counts(lesson.completedAt, due, rules.latePolicy)) {
        submittedAt = lesson.completedAt;
        score = value(1, lesson.completedAt);
      }
    }
  } else if (rules.targetType === "QUIZ") {
    const attempts = work.quizAttempts ?? [];
    for (const attempt of attempts) activity.push(attempt.submittedAt ?? attempt.startedAt);
    const counted = attempts
      .filter((a): a is QuizAttemptActivity & { submittedAt: Date } => a.submittedAt !== null)
      .filter((a) => counts(a.submittedAt, due, rules.latePolicy))
      .sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
    submittedAt = counted.find((a) => a.passed)?.submittedAt ?? null;
    for (const attempt of counted) {
      const fraction = attempt.maxScore > 0 ? attempt.score / attempt.maxScore : 0;
      const v = value(fraction, attempt.submittedAt);
      if (score === null || v > score) {
        score = v;
        bestAttemptId = attempt.id;
      }
    }
  } else {
    const challenge = work.challenge;
    if (challenge) {
      activity = [challenge.completedAt];
      if (counts(challenge.completedAt, due, rules.latePolicy)) {
        submittedAt = challenge.completedAt;
        score = value(1, challenge.completedAt);
      }
    }
  }

  const lastActivityAt = latest(activity);
  const activeSinceOpen = activity.some((d) => d.getTime() >= rules.opensAt.getTime());
  let status: SubmissionStatus;
  if (submittedAt) status = isLate(submittedAt) ? "late" : "submitted";
  else if (now.getTime() > due.getTime()) status = "missing";
  else if (activeSinceOpen) status = "in-progress";
  else status = "not-started";
  if (status === "missing" && score === null) score = 0;

  return {
    status,
    effectiveDueAt: due,
    submittedAt,
    score,
    bestAttemptId,
    lastActivityAt,
    activeSinceOpen,
    isOpen: now.getTime() >= rules.opensAt.getTime(),
  };
}

/** Statuses that settle a score: handed in (on time or late) or missing (counts as 0). */
export function isSettled(status: SubmissionStatus): boolean {
  return status === "submitted" || status === "late" || status === "missing";
}

/**
 * Totals for a row of the gradebook: settled work only, so a quiz still in progress or an
 * assignment not yet due does not drag the total down; missing work counts as 0.
 */
export function totalScore(results: ReadonlyArray<{ result: AssignmentResult; points: number }>): { earned: number; possible: number } {
  let earned = 0;
  let possible = 0;
  for (const { result, points } of results) {
    if (!isSettled(result.status)) continue;
    earned += result.score ?? 0;
    possible += points;
  }
  return { earned: round2(earned), possible };
}
