import { describe, expect, it } from "vitest";
import { assignmentResult, totalScore, type AssignmentRules, type QuizAttemptActivity } from "@/lib/gradebook/semantics";

const T = (iso: string) => new Date(`2026-12-${iso}Z`);
const base: AssignmentRules = {
  targetType: "QUIZ",
  points: 10,
  opensAt: T("01T09:00:00"),
  dueAt: T("08T17:00:00"),
  latePolicy: "ACCEPT_WITH_PENALTY",
  latePenaltyPercent: 20,
};
let n = 0;
const attempt = (submitted: string | null, score: number, passed: boolean, started = "02T10:00:00"): QuizAttemptActivity => ({
  id: `a${++n}`,
  startedAt: T(started),
  submittedAt: submitted ? T(submitted) : null,
  score,
  maxScore: 4,
  passed,
});
const BEFORE_DUE = T("05T12:00:00");
const AFTER_DUE = T("09T12:00:00");

describe("quiz assignments", () => {
  it("is not started without attempts, missing with 0 points once due", () => {
    expect(assignmentResult(base, { quizAttempts: [] }, null, BEFORE_DUE)).toMatchObject({ status: "not-started", score: null });
    expect(assignmentResult(base, { quizAttempts: [] }, null, AFTER_DUE)).toMatchObject({ status: "missing", score: 0 });
  });

  it("is in progress with a failed attempt, scored with the best attempt so far", () => {
    const r = assignmentResult(base, { quizAttempts: [attempt("02T10:05:00", 1, false)] }, null, BEFORE_DUE);
    expect(r).toMatchObject({ status: "in-progress", score: 2.5, submittedAt: null, activeSinceOpen: true });
  });

  it("is submitted at the first passing attempt and scored with the best attempt", () => {
    const first = attempt("03T10:00:00", 3, true);
    const best = attempt("04T10:00:00", 4, true);
    const r = assignmentResult(base, { quizAttempts: [best, first, attempt("02T10:00:00", 1, false)] }, null, BEFORE_DUE);
    expect(r).toMatchObject({ status: "submitted", score: 10, submittedAt: first.submittedAt, bestAttemptId: best.id });
  });

  it("applies the late penalty to attempts after the due date and keeps the best penalised value", () => {
    const onTime = attempt("05T10:00:00", 3, false);
    const late = attempt("09T10:00:00", 4, true);
    const r = assignmentResult(base, { quizAttempts: [onTime, late] }, null, AFTER_DUE);
    // Late: 4/4 × 10 × 0.8 = 8 beats on time 3/4 × 10 = 7.5.
    expect(r).toMatchObject({ status: "late", score: 8, bestAttemptId: late.id });
    const close = assignmentResult({ ...base, latePenaltyPercent: 30 }, { quizAttempts: [onTime, late] }, null, AFTER_DUE);
    expect(close).toMatchObject({ status: "late", score: 7.5, bestAttemptId: onTime.id });
  });

  it("ignores attempts after the due date when the policy closes the assignment", () => {
    const rules = { ...base, latePolicy: "CLOSE" as const };
    const r = assignmentResult(rules, { quizAttempts: [attempt("09T10:00:00", 4, true)] }, null, AFTER_DUE);
    expect(r).toMatchObject({ status: "missing", score: 0, submittedAt: null });
  });

  it("uses the extension as the due date", () => {
    const late = attempt("09T10:00:00", 4, true);
    const extension = T("10T17:00:00");
    expect(assignmentResult(base, { quizAttempts: [late] }, extension, AFTER_DUE)).toMatchObject({ status: "submitted", score: 10, effectiveDueAt: extension });
    expect(assignmentResult(base, { quizAttempts: [] }, extension, AFTER_DUE).status).toBe("not-started");
  });

  it("treats unsubmitted attempts as activity but never as a score", () => {
    const r = assignmentResult(base, { quizAttempts: [attempt(null, 0, false, "03T08:00:00")] }, null, BEFORE_DUE);
    expect(r).toMatchObject({ status: "in-progress", score: null });
  });

  it("counts only activity since opening as in progress, but earlier passing work as submitted", () => {
    const early = attempt("01T08:00:00", 1, false, "01T07:00:00");
    expect(assignmentResult(base, { quizAttempts: [early] }, null, BEFORE_DUE)).toMatchObject({ status: "not-started", activeSinceOpen: false });
    const earlyPass = attempt("01T08:00:00", 4, true, "01T07:00:00");
    expect(assignmentResult(base, { quizAttempts: [earlyPass] }, null, BEFORE_DUE)).toMatchObject({ status: "submitted", score: 10 });
  });
});

describe("lesson and challenge assignments", () => {
  const lesson = { ...base, targetType: "LESSON" as const };
  const progress = (completed: string | null) => ({ startedAt: T("02T10:00:00"), updatedAt: T("02T10:30:00"), completedAt: completed ? T(completed) : null });

  it("is submitted when the lesson was completed, late with the penalty after the due date", () => {
    expect(assignmentResult(lesson, { lesson: progress("03T10:00:00") }, null, BEFORE_DUE)).toMatchObject({ status: "submitted", score: 10 });
    expect(assignmentResult(lesson, { lesson: progress("09T10:00:00") }, null, AFTER_DUE)).toMatchObject({ status: "late", score: 8 });
    expect(assignmentResult({ ...lesson, latePolicy: "CLOSE" }, { lesson: progress("09T10:00:00") }, null, AFTER_DUE)).toMatchObject({ status: "missing", score: 0 });
  });

  it("is in progress when the lesson was opened but not finished", () => {
    expect(assignmentResult(lesson, { lesson: progress(null) }, null, BEFORE_DUE)).toMatchObject({ status: "in-progress", score: null });
    expect(assignmentResult(lesson, { lesson: null }, null, BEFORE_DUE).status).toBe("not-started");
  });

  it("scores a verified challenge completion", () => {
    const challenge = { ...base, targetType: "CHALLENGE" as const, points: 5 };
    expect(assignmentResult(challenge, { challenge: { completedAt: T("04T10:00:00") } }, null, AFTER_DUE)).toMatchObject({ status: "submitted", score: 5 });
    expect(assignmentResult(challenge, { challenge: null }, null, AFTER_DUE)).toMatchObject({ status: "missing", score: 0 });
  });

  it("submits exactly at the due instant on time", () => {
    expect(assignmentResult(lesson, { lesson: progress("08T17:00:00") }, null, AFTER_DUE).status).toBe("submitted");
  });
});

describe("totals", () => {
  it("adds settled work only; missing counts as 0", () => {
    const now = AFTER_DUE;
    const lesson = { ...base, targetType: "LESSON" as const };
    const cells = [
      { points: 10, result: assignmentResult(lesson, { lesson: { startedAt: T("02T10:00:00"), updatedAt: T("02T10:00:00"), completedAt: T("02T11:00:00") } }, null, now) },
      { points: 10, result: assignmentResult(base, { quizAttempts: [] }, null, now) },
      { points: 5, result: assignmentResult({ ...base, dueAt: T("20T10:00:00") }, { quizAttempts: [attempt("09T10:00:00", 2, false)] }, null, now) },
    ];
    expect(totalScore(cells)).toEqual({ earned: 10, possible: 20 });
  });
});
