/**
 * Class-level views computed from rows already authorised and loaded: per-question analytics,
 * the "needs attention" list and class progress over time. Pure; see docs/gradebook.md.
 */
import { instantToWallTime, wallTimeToInstant } from "./zoned-time";
import { isHandedIn, type AssignmentResult } from "./semantics";

export type AnswerRow = {
  attemptId: string;
  questionId: string;
  concept: string;
  response: string;
  correct: boolean;
  misconception: string | null;
  answeredAt: Date;
};

export type QuestionStats = {
  questionId: string;
  concept: string;
  answered: number;
  correct: number;
  shareCorrect: number;
  mostCommonWrong: { response: string; count: number; misconception: string | null } | null;
};

function mostFrequent<T>(items: readonly T[], key: (item: T) => string): { item: T; count: number } | null {
  const counts = new Map<string, { item: T; count: number }>();
  for (const item of items) {
    const k = key(item);
    const entry = counts.get(k);
    if (entry) entry.count += 1;
    else counts.set(k, { item, count: 1 });
  }
  let best: { item: T; count: number } | null = null;
  // Ties go to the response seen first, so the result does not depend on Map internals.
  for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
  return best;
}

/**
 * Share correct per question and its most common wrong response with that response's most
 * common misconception tag. Questions keep `order` (the quiz's own order) when given, then the
 * order they were first answered in.
 */
export function questionAnalytics(answers: readonly AnswerRow[], order: readonly string[] = []): QuestionStats[] {
  const byQuestion = new Map<string, AnswerRow[]>();
  for (const answer of [...answers].sort((a, b) => a.answeredAt.getTime() - b.answeredAt.getTime())) {
    const list = byQuestion.get(answer.questionId) ?? [];
    list.push(answer);
    byQuestion.set(answer.questionId, list);
  }
  const rank = (id: string) => {
    const i = order.indexOf(id);
    return i === -1 ? order.length : i;
  };
  const ids = [...byQuestion.keys()].sort((a, b) => rank(a) - rank(b));
  return ids.map((questionId) => {
    const list = byQuestion.get(questionId) ?? [];
    const wrong = list.filter((a) => !a.correct);
    const common = mostFrequent(wrong, (a) => a.response);
    const tag = common ? mostFrequent(wrong.filter((a) => a.response === common.item.response && a.misconception), (a) => a.misconception ?? "") : null;
    const correct = list.length - wrong.length;
    return {
      questionId,
      concept: list[0]?.concept ?? "",
      answered: list.length,
      correct,
      shareCorrect: list.length ? correct / list.length : 0,
      mostCommonWrong: common ? { response: common.item.response, count: common.count, misconception: tag?.item.misconception ?? null } : null,
    };
  });
}

export const REPEATED_FAILURE_MIN_WRONG = 3;
export const REPEATED_FAILURE_MIN_ATTEMPTS = 2;
export const RECOVERED_SHARE = 0.7;
export const NO_ACTIVITY_GRACE_MS = 48 * 60 * 60 * 1000;
export const NO_ACTIVITY_DUE_SOON_MS = 24 * 60 * 60 * 1000;

export type AttentionReason =
  | { kind: "repeated-failures"; concept: string; wrong: number; attempts: number; misconception: string | null }
  | { kind: "no-activity"; assignmentId: string; title: string; opensAt: Date; status: AssignmentResult["status"] };

/**
 * Concepts a student keeps getting wrong: at least 3 wrong answers on the concept across at
 * least 2 attempts, and their latest attempt that asked about it still got less than 70 % of
 * that concept's questions right (someone who has since mastered it is not stuck).
 */
export function repeatedFailures(answers: readonly AnswerRow[]): Extract<AttentionReason, { kind: "repeated-failures" }>[] {
  const byConcept = new Map<string, AnswerRow[]>();
  for (const answer of answers) {
    const list = byConcept.get(answer.concept) ?? [];
    list.push(answer);
    byConcept.set(answer.concept, list);
  }
  const reasons: Extract<AttentionReason, { kind: "repeated-failures" }>[] = [];
  for (const [concept, list] of byConcept) {
    list.sort((a, b) => a.answeredAt.getTime() - b.answeredAt.getTime());
    const wrong = list.filter((a) => !a.correct);
    const attempts = new Set(wrong.map((a) => a.attemptId)).size;
    const latestAttempt = list[list.length - 1]?.attemptId;
    const latest = list.filter((a) => a.attemptId === latestAttempt);
    const stillWrong = latest.filter((a) => a.correct).length < RECOVERED_SHARE * latest.length;
    if (wrong.length >= REPEATED_FAILURE_MIN_WRONG && attempts >= REPEATED_FAILURE_MIN_ATTEMPTS && stillWrong) {
      const tag = mostFrequent(wrong.filter((a) => a.misconception), (a) => a.misconception ?? "");
      reasons.push({ kind: "repeated-failures", concept, wrong: wrong.length, attempts, misconception: tag?.item.misconception ?? null });
    }
  }
  return reasons.sort((a, b) => b.wrong - a.wrong || a.concept.localeCompare(b.concept));
}

/**
 * Assignments a student has not touched since they opened, once that matters: opened at least
 * 48 hours ago, due within 24 hours, or already missing. Handed-in work never counts.
 */
export function inactiveAssignments(
  assignments: ReadonlyArray<{ id: string; title: string; opensAt: Date; result: AssignmentResult }>,
  now: Date,
): Extract<AttentionReason, { kind: "no-activity" }>[] {
  return assignments
    .filter(({ result, opensAt }) => {
      if (!result.isOpen || result.activeSinceOpen) return false;
      if (isHandedIn(result.status) || result.status === "excused") return false;
      // A student who joined after the opening gets the grace period from joining.
      const openFor = now.getTime() - Math.max(opensAt.getTime(), result.windowStart.getTime());
      const untilDue = result.effectiveDueAt.getTime() - now.getTime();
      return result.status === "missing" || openFor >= NO_ACTIVITY_GRACE_MS || untilDue <= NO_ACTIVITY_DUE_SOON_MS;
    })
    .map(({ id, title, opensAt, result }) => ({ kind: "no-activity" as const, assignmentId: id, title, opensAt, status: result.status }));
}

export type ProgressPoint = { date: string; submitted: number; expected: number; share: number };

export const PROGRESS_MAX_DAYS = 120;

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Class progress per day (in the class's time zone): of the student × assignment pairs whose
 * window had started by the end of that day (the assignment opened and the student was in the
 * class; excused pairs are left out), the share handed in by then. Work handed in is counted
 * from its window's start, never earlier.
 */
export function progressOverTime(input: {
  /** One entry per student × assignment pair that is expected (not excused). */
  pairs: ReadonlyArray<{ windowStart: Date; handedInAt: Date | null }>;
  timeZone: string;
  now: Date;
}): ProgressPoint[] {
  const { pairs, timeZone, now } = input;
  if (pairs.length === 0) return [];
  const starts = pairs.map((p) => p.windowStart.getTime());
  const firstStart = Math.min(...starts);
  if (firstStart > now.getTime()) return [];
  const handedIn = pairs.flatMap((p) => (p.handedInAt ? [Math.max(p.handedInAt.getTime(), p.windowStart.getTime())] : []));

  const today = instantToWallTime(now, timeZone).slice(0, 10);
  let date = instantToWallTime(new Date(Math.max(firstStart, now.getTime() - PROGRESS_MAX_DAYS * 86_400_000)), timeZone).slice(0, 10);
  const points: ProgressPoint[] = [];
  for (;;) {
    const end = Math.min(wallTimeToInstant(`${nextDay(date)}T00:00`, timeZone)?.getTime() ?? Infinity, now.getTime() + 1);
    const expected = starts.filter((t) => t < end).length;
    const submitted = handedIn.filter((t) => t < end).length;
    points.push({ date, submitted, expected, share: expected ? submitted / expected : 0 });
    if (date >= today) break;
    date = nextDay(date);
  }
  return points;
}
