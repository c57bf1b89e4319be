import { describe, expect, it } from "vitest";
import { inactiveAssignments, progressOverTime, questionAnalytics, repeatedFailures, type AnswerRow } from "@/domain/gradebook/analytics";
import { assignmentResult, type AssignmentRules } from "@/domain/gradebook/semantics";

let minute = 0;
const answer = (attemptId: string, questionId: string, correct: boolean, response = correct ? "right" : "wrong", misconception: string | null = null, concept = "flags"): AnswerRow => ({
  attemptId,
  questionId,
  concept,
  response,
  correct,
  misconception,
  answeredAt: new Date(Date.UTC(2026, 11, 1, 10, minute++)),
});

describe("per-question analytics", () => {
  it("computes share correct and the most common wrong answer with its misconception", () => {
    const stats = questionAnalytics(
      [
        answer("a1", "q2", false, "SYN", "thinks SYN carries data"),
        answer("a2", "q2", false, "SYN", "thinks SYN carries data"),
        answer("a3", "q2", false, "RST", null),
        answer("a4", "q2", true),
        answer("a1", "q1", true),
        answer("a2", "q1", true),
      ],
      ["q1", "q2"],
    );
    expect(stats.map((s) => s.questionId)).toEqual(["q1", "q2"]);
    expect(stats[0]).toMatchObject({ answered: 2, correct: 2, shareCorrect: 1, mostCommonWrong: null });
    expect(stats[1]).toMatchObject({ answered: 4, correct: 1, shareCorrect: 0.25, mostCommonWrong: { response: "SYN", count: 2, misconception: "thinks SYN carries data" } });
  });

  it("keeps questions missing from the quiz's order at the end", () => {
    expect(questionAnalytics([answer("a", "zz", true), answer("a", "q1", true)], ["q1"]).map((s) => s.questionId)).toEqual(["q1", "zz"]);
  });
});

describe("needs attention", () => {
  it("flags three wrong answers on a concept across two attempts while the latest attempt is still under 70 % on it", () => {
    const answers = [answer("a1", "q1", false, "x", "tag"), answer("a1", "q2", false), answer("a2", "q1", false, "x", "tag"), answer("a2", "q2", true)];
    expect(repeatedFailures(answers)).toEqual([{ kind: "repeated-failures", concept: "flags", wrong: 3, attempts: 2, misconception: "tag" }]);
    expect(repeatedFailures([...answers, answer("a3", "q1", true), answer("a3", "q2", true)])).toEqual([]);
    const mostlyRight = ["q3", "q4", "q5", "q6"].map((q) => answer("a3", q, true));
    expect(repeatedFailures([...answers, answer("a3", "q1", false), ...mostlyRight])).toEqual([]);
    expect(repeatedFailures(answers.slice(0, 2))).toEqual([]);
    expect(repeatedFailures([answer("a1", "q1", false), answer("a1", "q2", false), answer("a1", "q3", false)])).toEqual([]);
  });

  const rules: AssignmentRules = {
    targetType: "LESSON",
    points: 10,
    ungraded: false,
    opensAt: new Date("2026-12-01T09:00:00Z"),
    dueAt: new Date("2026-12-10T09:00:00Z"),
    latePolicy: "ACCEPT_WITH_PENALTY",
    latePenaltyPercent: 0,
    acceptsEarlierWork: false,
  };
  const joined = new Date("2026-11-20T09:00:00Z");
  const inactive = (now: Date, activity: Date[] = [], enrolledAt = joined, excused = false) =>
    inactiveAssignments(
      [{ id: "x", title: "Read", opensAt: rules.opensAt, result: assignmentResult(rules, { evidence: [], activity: activity.map((at) => ({ at })) }, { enrolledAt, excused }, now) }],
      now,
    );

  it("flags no activity once the assignment has been open for two days, is due soon, or is missing", () => {
    expect(inactive(new Date("2026-12-02T09:00:00Z"))).toEqual([]);
    expect(inactive(new Date("2026-12-03T09:00:00Z"))).toHaveLength(1);
    expect(inactive(new Date("2026-12-11T09:00:00Z"))[0]).toMatchObject({ kind: "no-activity", status: "missing" });
    expect(inactive(new Date("2026-12-05T09:00:00Z"), [new Date("2026-12-02T09:00:00Z")])).toEqual([]);
  });

  it("counts the two days from joining for a student who joined late, and never flags excused work", () => {
    expect(inactive(new Date("2026-12-05T09:00:00Z"), [], new Date("2026-12-04T09:00:00Z"))).toEqual([]);
    expect(inactive(new Date("2026-12-07T09:00:00Z"), [], new Date("2026-12-04T09:00:00Z"))).toHaveLength(1);
    expect(inactive(new Date("2026-12-11T09:00:00Z"), [], joined, true)).toEqual([]);
  });
});

describe("progress over time", () => {
  const open = (day: number) => new Date(Date.UTC(2026, 11, day, 8));
  it("gives, per day in the class's zone, the share of started pairs handed in", () => {
    const points = progressOverTime({
      pairs: [
        { windowStart: open(1), handedInAt: new Date("2026-12-01T10:00:00Z") },
        { windowStart: open(1), handedInAt: new Date("2026-12-03T22:30:00Z") },
        // Handed in before its window started (earlier work accepted): counted from the start.
        { windowStart: open(2), handedInAt: new Date("2026-11-20T10:00:00Z") },
        { windowStart: open(2), handedInAt: null },
      ],
      timeZone: "Europe/Berlin",
      now: new Date("2026-12-04T12:00:00Z"),
    });
    expect(points.map((p) => [p.date, p.submitted, p.expected])).toEqual([
      ["2026-12-01", 1, 2],
      ["2026-12-02", 2, 4],
      // 22:30 UTC on the 3rd is 23:30 in Berlin: still the 3rd.
      ["2026-12-03", 3, 4],
      ["2026-12-04", 3, 4],
    ]);
    expect(points[3]?.share).toBe(0.75);
  });

  it("is empty without pairs or before any window starts", () => {
    const now = new Date("2026-12-04T12:00:00Z");
    expect(progressOverTime({ pairs: [], timeZone: "UTC", now })).toEqual([]);
    expect(progressOverTime({ pairs: [{ windowStart: new Date("2027-01-01T00:00:00Z"), handedInAt: null }], timeZone: "UTC", now })).toEqual([]);
  });
});
