/**
 * The assignment rules (docs/gradebook.md, ADR 0401) as tables: each row is one student's work
 * on one assignment and what the gradebook must say about it.
 */
import { describe, expect, it } from "vitest";
import {
  assignmentResult,
  effectiveDueDate,
  scoreText,
  totalScore,
  windowStart,
  type AssignmentRules,
  type Evidence,
  type StudentStanding,
  type SubmissionStatus,
} from "@/domain/gradebook/semantics";

const T = (day: string) => new Date(`2026-12-${day}Z`);
const OPENS = T("05T09:00:00");
const DUE = T("10T17:00:00");
const JOINED = T("01T08:00:00");
const BEFORE_DUE = T("08T12:00:00");
const AFTER_DUE = T("12T12:00:00");

const rules = (over: Partial<AssignmentRules> = {}): AssignmentRules => ({
  targetType: "QUIZ",
  points: 20,
  ungraded: false,
  opensAt: OPENS,
  dueAt: DUE,
  latePolicy: "ACCEPT_WITH_PENALTY",
  latePenaltyPercent: 25,
  acceptsEarlierWork: false,
  ...over,
});

let n = 0;
/** A finished quiz attempt started at `done` and handed in at `handedIn`, scoring `fraction`. */
const attempt = (done: string, handedIn: string, fraction: number): Evidence => ({
  id: `e${++n}`,
  kind: "quiz-attempt",
  doneAt: T(done),
  handedInAt: T(handedIn),
  fraction,
  passed: fraction >= 0.7,
});
const completion = (done: string, handedIn = done, signedOut = false): Evidence => ({
  id: `c${++n}`,
  kind: "challenge-completion",
  doneAt: T(done),
  handedInAt: T(handedIn),
  fraction: 1,
  signedOut,
});
const standing = (over: Partial<StudentStanding> = {}): StudentStanding => ({ enrolledAt: JOINED, extensionDueAt: null, excused: false, ...over });

type Row = {
  name: string;
  rules?: Partial<AssignmentRules>;
  evidence?: Evidence[];
  activity?: string[];
  standing?: Partial<StudentStanding>;
  now: Date;
  status: SubmissionStatus;
  score: number | null;
};

const rows: Row[] = [
  { name: "nothing yet, before the due date", now: BEFORE_DUE, status: "not-started", score: null },
  { name: "nothing by the due date: missing, worth 0", now: AFTER_DUE, status: "missing", score: 0 },
  { name: "an unfinished attempt since opening", activity: ["06T10:00:00"], now: BEFORE_DUE, status: "in-progress", score: null },
  { name: "only an unfinished attempt when the due date passed: missing, 0", activity: ["06T10:00:00"], now: AFTER_DUE, status: "missing", score: 0 },
  { name: "activity before the opening is not progress", activity: ["03T10:00:00"], now: BEFORE_DUE, status: "not-started", score: null },
  { name: "a failed attempt on time is submitted with its score", evidence: [attempt("06T10:00:00", "06T10:20:00", 0.4)], now: AFTER_DUE, status: "submitted", score: 8 },
  { name: "a passing attempt on time", evidence: [attempt("06T10:00:00", "06T10:20:00", 0.75)], now: BEFORE_DUE, status: "submitted", score: 15 },
  {
    name: "the best counting attempt is the score",
    evidence: [attempt("06T10:00:00", "06T10:20:00", 0.5), attempt("07T10:00:00", "07T10:20:00", 1), attempt("08T10:00:00", "08T10:20:00", 0.25)],
    now: AFTER_DUE,
    status: "submitted",
    score: 20,
  },
  { name: "late under accept-with-penalty: penalised", evidence: [attempt("11T10:00:00", "11T10:20:00", 1)], now: AFTER_DUE, status: "late", score: 15 },
  {
    name: "on-time 80% beats a late 100% with a 25% penalty",
    evidence: [attempt("06T10:00:00", "06T10:20:00", 0.8), attempt("11T10:00:00", "11T10:20:00", 1)],
    now: AFTER_DUE,
    status: "submitted",
    score: 16,
  },
  { name: "late under close: does not count, missing", rules: { latePolicy: "CLOSE" }, evidence: [attempt("11T10:00:00", "11T10:20:00", 1)], now: AFTER_DUE, status: "missing", score: 0 },
  {
    name: "an attempt made before the opening does not satisfy it",
    evidence: [attempt("02T10:00:00", "02T10:20:00", 1)],
    now: AFTER_DUE,
    status: "missing",
    score: 0,
  },
  {
    name: "an attempt started before the opening and finished after does not count either",
    evidence: [attempt("05T08:50:00", "05T09:10:00", 1)],
    now: BEFORE_DUE,
    status: "not-started",
    score: null,
  },
  {
    name: "earlier work counts when the assignment accepts it",
    rules: { acceptsEarlierWork: true },
    evidence: [attempt("02T10:00:00", "02T10:20:00", 1)],
    now: BEFORE_DUE,
    status: "submitted",
    score: 20,
  },
  {
    name: "work from before the student joined never counts, even when earlier work is accepted",
    rules: { acceptsEarlierWork: true },
    standing: { enrolledAt: T("06T00:00:00") },
    evidence: [attempt("02T10:00:00", "02T10:20:00", 1)],
    now: AFTER_DUE,
    status: "missing",
    score: 0,
  },
  {
    name: "a student who joined after the opening: work from joining counts",
    standing: { enrolledAt: T("07T00:00:00") },
    evidence: [attempt("06T10:00:00", "06T10:20:00", 1), attempt("07T10:00:00", "07T10:20:00", 0.5)],
    now: BEFORE_DUE,
    status: "submitted",
    score: 10,
  },
  { name: "an extension makes late work on time", standing: { extensionDueAt: T("14T17:00:00") }, evidence: [attempt("11T10:00:00", "11T10:20:00", 1)], now: AFTER_DUE, status: "submitted", score: 20 },
  { name: "not missing before the extended due date", standing: { extensionDueAt: T("14T17:00:00") }, now: AFTER_DUE, status: "not-started", score: null },
  { name: "an extension earlier than the due date changes nothing", standing: { extensionDueAt: T("09T17:00:00") }, evidence: [attempt("09T18:00:00", "09T18:20:00", 1)], now: AFTER_DUE, status: "submitted", score: 20 },
  { name: "excused: no score, whatever the work", standing: { excused: true }, evidence: [attempt("06T10:00:00", "06T10:20:00", 1)], now: AFTER_DUE, status: "excused", score: null },
  { name: "excused instead of missing", standing: { excused: true }, now: AFTER_DUE, status: "excused", score: null },
  { name: "ungraded practice handed in: no score", rules: { ungraded: true, points: 0 }, evidence: [attempt("06T10:00:00", "06T10:20:00", 1)], now: BEFORE_DUE, status: "submitted", score: null },
  { name: "ungraded practice not done: missing but no score", rules: { ungraded: true, points: 0 }, now: AFTER_DUE, status: "missing", score: null },
  { name: "a challenge completed on time", rules: { targetType: "CHALLENGE" }, evidence: [completion("06T10:00:00")], now: AFTER_DUE, status: "submitted", score: 20 },
  {
    name: "a challenge done signed out before the due date but merged after it is late (proved then)",
    rules: { targetType: "CHALLENGE" },
    evidence: [completion("06T10:00:00", "11T10:00:00", true)],
    now: AFTER_DUE,
    status: "late",
    score: 15,
  },
  {
    name: "a challenge done signed out before the opening does not count when merged after it",
    rules: { targetType: "CHALLENGE" },
    evidence: [completion("03T10:00:00", "06T10:00:00", true)],
    now: BEFORE_DUE,
    status: "not-started",
    score: null,
  },
  { name: "a lesson completed late with a 100% penalty scores 0 but is late", rules: { targetType: "LESSON", latePenaltyPercent: 100 }, evidence: [{ ...completion("11T10:00:00"), kind: "lesson-completion" }], now: AFTER_DUE, status: "late", score: 0 },
];

describe("assignment results", () => {
  it.each(rows)("$name", (row) => {
    const result = assignmentResult(
      rules(row.rules),
      { evidence: row.evidence ?? [], activity: (row.activity ?? []).map((at) => ({ at: T(at) })) },
      standing(row.standing),
      row.now,
    );
    expect({ status: result.status, score: result.score }).toEqual({ status: row.status, score: row.score });
  });

  it("explains every piece of evidence: counts, late, before the window, closed", () => {
    const early = attempt("02T10:00:00", "02T10:20:00", 1);
    const onTime = attempt("06T10:00:00", "06T10:20:00", 0.5);
    const late = attempt("11T10:00:00", "11T10:20:00", 1);
    const result = assignmentResult(rules(), { evidence: [late, early, onTime], activity: [] }, standing(), AFTER_DUE);
    expect(result.verdicts).toEqual([
      { evidenceId: early.id, counts: false, reason: "before-window" },
      { evidenceId: onTime.id, counts: true, late: false, value: 10 },
      { evidenceId: late.id, counts: true, late: true, value: 15 },
    ]);
    expect(result).toMatchObject({ status: "submitted", score: 15, bestEvidenceId: late.id, submittedAt: onTime.handedInAt });
    const closed = assignmentResult(rules({ latePolicy: "CLOSE" }), { evidence: [late], activity: [] }, standing(), AFTER_DUE);
    expect(closed.verdicts).toEqual([{ evidenceId: late.id, counts: false, reason: "closed" }]);
  });

  it("starts the window at the opening, or at joining when later or when earlier work is accepted", () => {
    expect(windowStart({ opensAt: OPENS, acceptsEarlierWork: false }, JOINED)).toEqual(OPENS);
    expect(windowStart({ opensAt: OPENS, acceptsEarlierWork: false }, T("07T00:00:00"))).toEqual(T("07T00:00:00"));
    expect(windowStart({ opensAt: OPENS, acceptsEarlierWork: true }, JOINED)).toEqual(JOINED);
  });

  it("uses an extension only when it is later than the due date", () => {
    expect(effectiveDueDate(DUE, null)).toEqual(DUE);
    expect(effectiveDueDate(DUE, T("14T17:00:00"))).toEqual(T("14T17:00:00"));
    expect(effectiveDueDate(DUE, T("09T17:00:00"))).toEqual(DUE);
  });
});

describe("totals", () => {
  const result = (status: SubmissionStatus, score: number | null, pointsPossible = 20) => ({ status, score, pointsPossible });
  const cases: Array<{ name: string; results: ReturnType<typeof result>[]; earned: number; possible: number }> = [
    { name: "missing counts 0 of its points", results: [result("submitted", 15), result("missing", 0)], earned: 15, possible: 40 },
    { name: "work not yet due is left out", results: [result("late", 10), result("in-progress", null), result("not-started", null)], earned: 10, possible: 20 },
    { name: "excused work is in neither earned nor possible", results: [result("excused", null), result("submitted", 20)], earned: 20, possible: 20 },
    { name: "ungraded practice is left out", results: [result("submitted", null, 0), result("missing", null, 0)], earned: 0, possible: 0 },
    { name: "decimals are rounded to cents", results: [result("submitted", 1 / 3), result("submitted", 1 / 3)], earned: 0.67, possible: 40 },
  ];
  it.each(cases)("$name", ({ results, earned, possible }) => {
    expect(totalScore(results)).toEqual({ earned, possible });
  });

  it("writes scores the same way everywhere: missing is 0, nothing is a dash", () => {
    expect(scoreText({ score: 0, pointsPossible: 20 })).toBe("0 / 20");
    expect(scoreText({ score: 8.89, pointsPossible: 20 })).toBe("8.89 / 20");
    expect(scoreText({ score: null, pointsPossible: 20 })).toBe("—");
  });
});
