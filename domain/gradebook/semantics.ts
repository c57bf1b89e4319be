/**
 * What counts toward an assignment, its status and its score: the rules of docs/gradebook.md
 * (ADR 0401) as pure functions. No database and no clock (`now` is an argument); the gradebook,
 * its CSV export, a student's drill-down and dashboard, and grades sent to an LMS all call these,
 * so they always agree.
 *
 * The vocabulary:
 * - **Evidence** is a finished piece of work stored for the student: a finished quiz attempt, a
 *   lesson completion, a server-verified challenge completion. It has two times: when the work
 *   was done (`doneAt`: the attempt's start, the completion, a signed-out success) and when the
 *   account handed it in (`handedInAt`: the attempt's submission, or the moment a signed-out
 *   success was merged into the account).
 * - **Activity** is work under way (a lesson opened or a position saved, an attempt started).
 * - The **window** of an assignment for a student starts when the assignment opens (or, when the
 *   instructor accepts work done before it opened, at no particular time) and never before the
 *   student joined the class: an instructor sees and grades work from the enrollment on only.
 */

/** REVIEW: "review until mastered" for a set of concepts; DIAGNOSTIC: a lesson's diagnostic before and after it (docs/learning.md). */
export type TargetType = "LESSON" | "QUIZ" | "CHALLENGE" | "REVIEW" | "DIAGNOSTIC";
export type LatePolicy = "ACCEPT_WITH_PENALTY" | "CLOSE";
export type SubmissionStatus = "not-started" | "in-progress" | "submitted" | "late" | "missing" | "excused";

export const SUBMISSION_STATUSES: readonly SubmissionStatus[] = ["not-started", "in-progress", "submitted", "late", "missing", "excused"];

export type AssignmentRules = {
  targetType: TargetType;
  /** Points the assignment is worth; 0 for ungraded practice. */
  points: number;
  /** Ungraded practice: statuses are tracked, no score is given and totals leave it out. */
  ungraded: boolean;
  opensAt: Date;
  dueAt: Date;
  latePolicy: LatePolicy;
  latePenaltyPercent: number;
  /** The instructor ticked "accept work done before it opened". */
  acceptsEarlierWork: boolean;
};

export type EvidenceKind = "quiz-attempt" | "lesson-completion" | "challenge-completion" | "review-mastery" | "diagnostic-completion";

export type Evidence = {
  id: string;
  kind: EvidenceKind;
  doneAt: Date;
  handedInAt: Date;
  /** Share of the points this work earns before any penalty (0..1): a quiz attempt's score over its maximum, 1 for a completion. */
  fraction: number;
  /** Quiz attempts: whether it reached the quiz's pass mark (shown, not used for the status). */
  passed?: boolean;
  /** It was earned signed out and merged into the account later (from a receipt). */
  signedOut?: boolean;
};

export type Activity = { at: Date };

/** What is known about one student for one assignment besides their work. */
export type StudentStanding = {
  /** When they joined the class: nothing earlier is theirs to show the instructor. */
  enrolledAt: Date;
  /** Their extension's due date, if they have one. */
  extensionDueAt?: Date | null;
  /** The instructor excused them from this assignment. */
  excused?: boolean;
};

export type StudentWork = { evidence: readonly Evidence[]; activity: readonly Activity[] };

export type EvidenceVerdict =
  | { evidenceId: string; counts: true; late: boolean; value: number | null }
  | { evidenceId: string; counts: false; reason: "before-window" | "closed" };

export type AssignmentResult = {
  status: SubmissionStatus;
  /** The student's due date: their extension when it is later than the assignment's, else the assignment's. */
  effectiveDueAt: Date;
  /** Work done from this moment on counts: the opening, or the enrollment when that is later or earlier work is accepted. */
  windowStart: Date;
  /** When the first counting evidence was handed in. */
  submittedAt: Date | null;
  /** Points earned, penalty applied; 0 when missing; null while nothing is settled, when excused, or for ungraded practice. */
  score: number | null;
  /** Points this assignment adds to the possible total when settled (0 for ungraded practice). */
  pointsPossible: number;
  /** The counting evidence whose (penalised) value is the score. */
  bestEvidenceId: string | null;
  /** Why each piece of evidence counts or not: the gradebook's explanation of the number. */
  verdicts: EvidenceVerdict[];
  /** Latest work or activity inside the window (by when it was done). */
  lastActivityAt: Date | null;
  /** Some work or activity inside the window. */
  activeSinceOpen: boolean;
  isOpen: boolean;
};

const round2 = (n: number) => Math.round(n * 100) / 100;
const time = (d: Date) => d.getTime();

/** The student's due date: an extension only ever moves it later (one made moot by a later due date is ignored). */
export function effectiveDueDate(dueAt: Date, extensionDueAt: Date | null | undefined): Date {
  return extensionDueAt && time(extensionDueAt) > time(dueAt) ? extensionDueAt : dueAt;
}

/** The share of points kept for work handed in after the effective due date (0..1). */
export function lateFactor(rules: Pick<AssignmentRules, "latePolicy" | "latePenaltyPercent">): number {
  if (rules.latePolicy === "CLOSE") return 0;
  return 1 - Math.min(100, Math.max(0, rules.latePenaltyPercent)) / 100;
}

/** Where work starts to count for this student. */
export function windowStart(rules: Pick<AssignmentRules, "opensAt" | "acceptsEarlierWork">, enrolledAt: Date): Date {
  if (rules.acceptsEarlierWork) return enrolledAt;
  return time(rules.opensAt) > time(enrolledAt) ? rules.opensAt : enrolledAt;
}

/** Whether one piece of evidence counts, whether it is late, and what it is worth. */
export function judgeEvidence(rules: AssignmentRules, evidence: Evidence, start: Date, due: Date): EvidenceVerdict {
  if (time(evidence.doneAt) < time(start)) return { evidenceId: evidence.id, counts: false, reason: "before-window" };
  const late = time(evidence.handedInAt) > time(due);
  if (late && rules.latePolicy === "CLOSE") return { evidenceId: evidence.id, counts: false, reason: "closed" };
  const fraction = Math.min(1, Math.max(0, evidence.fraction));
  const value = rules.ungraded ? null : round2(fraction * rules.points * (late ? lateFactor(rules) : 1));
  return { evidenceId: evidence.id, counts: true, late, value };
}

export function assignmentResult(rules: AssignmentRules, work: StudentWork, standing: StudentStanding, now: Date): AssignmentResult {
  const due = effectiveDueDate(rules.dueAt, standing.extensionDueAt);
  const start = windowStart(rules, standing.enrolledAt);
  const ordered = [...work.evidence].sort((a, b) => time(a.handedInAt) - time(b.handedInAt) || a.id.localeCompare(b.id));
  const verdicts = ordered.map((evidence) => judgeEvidence(rules, evidence, start, due));
  const counting = verdicts.flatMap((v, i) => (v.counts ? [{ verdict: v, evidence: ordered[i] as Evidence }] : []));

  let best: { verdict: Extract<EvidenceVerdict, { counts: true }>; evidence: Evidence } | null = null;
  for (const entry of counting) {
    // Ties go to the earlier hand-in, so the explanation names the first work that earned the score.
    if (!best || (entry.verdict.value ?? 0) > (best.verdict.value ?? 0)) best = entry;
  }

  // Work is dated by when it was done: a merge or a hand-in after the opening does not make earlier work "in progress".
  const inWindow = [...work.evidence.map((e) => e.doneAt), ...work.activity.map((a) => a.at)].filter((at) => time(at) >= time(start));
  const lastActivityAt = inWindow.reduce<Date | null>((latest, at) => (!latest || time(at) > time(latest) ? at : latest), null);
  const pointsPossible = rules.ungraded ? 0 : rules.points;

  let status: SubmissionStatus;
  let score: number | null = null;
  if (standing.excused) {
    status = "excused";
  } else if (counting.length > 0) {
    status = counting.some((c) => !c.verdict.late) ? "submitted" : "late";
    score = best?.verdict.value ?? null;
  } else if (time(now) > time(due)) {
    status = "missing";
    score = rules.ungraded ? null : 0;
  } else {
    status = lastActivityAt ? "in-progress" : "not-started";
  }

  return {
    status,
    effectiveDueAt: due,
    windowStart: start,
    submittedAt: standing.excused ? null : (counting[0]?.evidence.handedInAt ?? null),
    score,
    pointsPossible,
    bestEvidenceId: standing.excused ? null : (best?.evidence.id ?? null),
    verdicts,
    lastActivityAt,
    activeSinceOpen: lastActivityAt !== null,
    isOpen: time(now) >= time(rules.opensAt),
  };
}

/** Handed in (on time or late): the student did the work. */
export function isHandedIn(status: SubmissionStatus): boolean {
  return status === "submitted" || status === "late";
}

/** Statuses that settle a score: handed in or missing (worth 0). Excused and unsettled work is left out. */
export function isSettled(status: SubmissionStatus): boolean {
  return isHandedIn(status) || status === "missing";
}

/**
 * A student's total: settled graded work only, so work not yet due does not drag it down, missing
 * work counts as 0, and excused work and ungraded practice are in neither the earned nor the
 * possible points.
 */
export function totalScore(results: ReadonlyArray<Pick<AssignmentResult, "status" | "score" | "pointsPossible">>): { earned: number; possible: number } {
  let earned = 0;
  let possible = 0;
  for (const result of results) {
    if (!isSettled(result.status) || result.pointsPossible === 0) continue;
    earned += result.score ?? 0;
    possible += result.pointsPossible;
  }
  return { earned: round2(earned), possible };
}

/** Points as people read them: whole numbers plain, others with up to two decimals. */
export function formatPoints(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0$/, "");
}

/** A cell of the gradebook, its CSV and an LMS score: "8.5 / 10", "0 / 10" when missing, "—" when there is no score. */
export function scoreText(result: Pick<AssignmentResult, "score" | "pointsPossible">): string {
  if (result.score === null) return "—";
  return `${formatPoints(result.score)} / ${result.pointsPossible}`;
}
