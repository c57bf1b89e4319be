/**
 * The gradebook, drill-down, analytics, CSV and LMS grade over stored rows on a real database:
 * every number from stored evidence and the assignment's rules, the same in every view.
 */
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { createClass } from "@/lib/classes/classes.server";
import { db } from "@/lib/db.server";
import { gradeForStudent } from "@/lib/gradebook/grade.server";
import { exportGradebookCsv, getGradebook, getQuestionAnalytics, getStudentDrilldown } from "@/lib/gradebook/gradebook.server";
import { recordCompletionEvidence } from "@/lib/gradebook/evidence.server";
import { createUser } from "../factories/users";

const DAY = 86_400_000;
const NOW = new Date("2026-12-10T12:00:00Z");
const at = (days: number) => new Date(NOW.getTime() + days * DAY);
const QUIZ = "tcp-header-and-flags";

async function attempt(userId: string, day: number, answers: Array<{ q: string; correct: boolean; response?: string; misconception?: string }>, seed = 1) {
  const score = answers.filter((a) => a.correct).length;
  return db.quizAttempt.create({
    data: {
      userId,
      quizId: QUIZ,
      clientKey: `k-${Math.random()}`,
      variantSeed: seed,
      startedAt: at(day - 0.01),
      submittedAt: at(day),
      score,
      maxScore: answers.length,
      passed: score / answers.length >= 0.7,
      answers: {
        create: answers.map((a, i) => ({
          questionId: a.q,
          concept: "flags",
          response: a.response ?? JSON.stringify({ type: "single", optionId: a.correct ? "connection-request" : "connection-acceptance" }),
          correct: a.correct,
          points: a.correct ? 1 : 0,
          misconception: a.misconception ?? null,
          answeredAt: new Date(at(day).getTime() - (10 - i) * 1000),
        })),
      },
    },
  });
}

const wrong = (q: string) => ({ q, correct: false, misconception: "confuses-syn-and-syn-ack" });
const right = (q: string) => ({ q, correct: true });
const FOUR = ["syn-without-ack", "ack-field-valid", "fin-meaning", "segments-with-ack"];

async function setUp() {
  const teacher = await createUser({ role: "INSTRUCTOR" });
  const created = await createClass(teacher, { name: 'Réseaux, "TCP" & co', timeZone: "UTC" });
  if (!created.ok) throw new Error("no class");
  const classroom = await db.classroom.findUniqueOrThrow({ where: { id: created.id } });
  const [onTime, late, missing, excused, extended] = await Promise.all([
    createUser({ name: "Zoë On-time" }),
    createUser({ name: "王 Late" }),
    createUser({ name: "=cmd Missing" }),
    createUser({ name: "Excused Eve" }),
    createUser({ name: "Extended Ed" }),
  ]);
  for (const s of [onTime, late, missing, excused, extended]) await db.enrollment.create({ data: { classId: classroom.id, userId: s.id, joinedAt: at(-20) } });
  const quiz = await db.assignment.create({
    data: {
      classId: classroom.id,
      createdById: teacher.id,
      title: "Flags quiz",
      targetType: "QUIZ",
      targetId: QUIZ,
      points: 20,
      opensAt: at(-10),
      dueAt: at(-3),
      latePolicy: "ACCEPT_WITH_PENALTY",
      latePenaltyPercent: 25,
    },
  });
  await attempt(onTime.id, -8, [right(FOUR[0]!), right(FOUR[1]!), right(FOUR[2]!), wrong(FOUR[3]!)]);
  await attempt(late.id, -6, [wrong(FOUR[0]!), wrong(FOUR[1]!), right(FOUR[2]!), right(FOUR[3]!)]);
  await attempt(late.id, -1, [wrong(FOUR[0]!), right(FOUR[1]!), right(FOUR[2]!), right(FOUR[3]!)]);
  await attempt(late.id, -0.5, FOUR.map(right));
  // Done before the assignment opened: it must not satisfy it.
  await attempt(missing.id, -12, FOUR.map(right));
  await attempt(excused.id, -9, FOUR.map(right));
  await db.assignmentExcusal.create({ data: { assignmentId: quiz.id, userId: excused.id, excusedById: teacher.id, note: "Away" } });
  await db.assignmentExtension.create({ data: { assignmentId: quiz.id, userId: extended.id, dueAt: at(2) } });
  await attempt(extended.id, -1, FOUR.map(right));
  return { teacher, classroom, onTime, late, missing, excused, extended, quiz };
}

describe("gradebook", () => {
  it("computes statuses, penalised scores and totals from stored attempts", async () => {
    const { teacher, classroom } = await setUp();
    const g = await getGradebook(teacher, classroom.id, NOW);
    const row = (name: string) => g.rows.find((r) => r.student.name === name);
    expect(row("Zoë On-time")?.cells[0]?.result).toMatchObject({ status: "submitted", score: 15 });
    // A failed attempt on time is already a submission; the best counting attempt is 4/4 late: 20 × 0.75.
    expect(row("王 Late")?.cells[0]?.result).toMatchObject({ status: "submitted", score: 15 });
    // The only attempt was made before the assignment opened: missing, worth 0.
    expect(row("=cmd Missing")?.cells[0]?.result).toMatchObject({ status: "missing", score: 0 });
    expect(row("=cmd Missing")?.total).toEqual({ earned: 0, possible: 20 });
    expect(row("Excused Eve")?.cells[0]?.result).toMatchObject({ status: "excused", score: null });
    expect(row("Excused Eve")?.total).toEqual({ earned: 0, possible: 0 });
    expect(row("Extended Ed")?.cells[0]?.result).toMatchObject({ status: "submitted", score: 20, effectiveDueAt: at(2) });
    expect(g.needsAttention.map((n) => n.student.name)).toEqual(["=cmd Missing"]);
    expect(g.progress.at(-1)).toMatchObject({ submitted: 3, expected: 4 });
  });

  it("gives an LMS the same grade, with the evidence behind it", async () => {
    const { teacher, classroom, quiz, late, missing, excused } = await setUp();
    const g = await getGradebook(teacher, classroom.id, NOW);
    for (const student of [late, missing, excused]) {
      const cell = g.rows.find((r) => r.student.id === student.id)?.cells[0]?.result;
      const grade = await gradeForStudent(quiz.id, student.id, NOW);
      expect(grade).toMatchObject({ status: cell?.status, pointsGiven: cell?.score, pointsPossible: 20, effectiveDueAt: cell?.effectiveDueAt });
    }
    const lateGrade = await gradeForStudent(quiz.id, late.id, NOW);
    expect(lateGrade?.evidence.map((e) => [e.counts, e.late, e.value])).toEqual([
      [true, false, 10],
      [true, true, 11.25],
      [true, true, 15],
    ]);
    expect((await gradeForStudent(quiz.id, missing.id, NOW))?.evidence).toEqual([expect.objectContaining({ counts: false, reason: "before-window" })]);
    expect(await gradeForStudent(quiz.id, teacher.id, NOW)).toBeNull();
    expect(await gradeForStudent("no-such-assignment", late.id, NOW)).toBeNull();
  });

  it("counts late work under each late policy and the effective due date", async () => {
    const { teacher, classroom, quiz, late, extended } = await setUp();
    await db.assignment.update({ where: { id: quiz.id }, data: { latePolicy: "CLOSE", latePenaltyPercent: 0 } });
    const g = await getGradebook(teacher, classroom.id, NOW);
    // Under "close" only the on-time failed attempt counts: 2/4 of 20.
    expect(g.rows.find((r) => r.student.id === late.id)?.cells[0]?.result).toMatchObject({ status: "submitted", score: 10 });
    // Handed in after the class's due date but before their own: on time.
    expect(g.rows.find((r) => r.student.id === extended.id)?.cells[0]?.result).toMatchObject({ status: "submitted", score: 20 });
    await db.assignmentExtension.deleteMany({ where: { userId: extended.id } });
    const after = await getGradebook(teacher, classroom.id, NOW);
    expect(after.rows.find((r) => r.student.id === extended.id)?.cells[0]?.result).toMatchObject({ status: "missing", score: 0 });
  });

  it("accepts work done before the opening only when the assignment says so, and never from before joining", async () => {
    const { teacher, classroom, quiz, missing } = await setUp();
    await db.assignment.update({ where: { id: quiz.id }, data: { acceptEarlierWork: true } });
    let g = await getGradebook(teacher, classroom.id, NOW);
    expect(g.rows.find((r) => r.student.id === missing.id)?.cells[0]?.result).toMatchObject({ status: "submitted", score: 20 });
    await db.enrollment.updateMany({ where: { userId: missing.id }, data: { joinedAt: at(-11) } });
    g = await getGradebook(teacher, classroom.id, NOW);
    expect(g.rows.find((r) => r.student.id === missing.id)?.cells[0]?.result).toMatchObject({ status: "missing", score: 0 });
  });

  it("counts lesson and challenge completions from the evidence recorded since the opening", async () => {
    const { teacher, classroom, onTime } = await setUp();
    const challenge = await db.assignment.create({
      data: { classId: classroom.id, createdById: teacher.id, title: "Close both", targetType: "CHALLENGE", targetId: "both-closing", points: 5, opensAt: at(-2), dueAt: at(3) },
    });
    // Completed long before the assignment opened: the first completion alone does not serve it.
    await db.completionEvidence.create({ data: { userId: onTime.id, targetType: "CHALLENGE", targetId: "both-closing", doneAt: at(-15), handedInAt: at(-15) } });
    let g = await getGradebook(teacher, classroom.id, NOW);
    const cell = () => g.rows.find((r) => r.student.id === onTime.id)?.cells.find((c) => c.assignmentId === challenge.id)?.result;
    expect(cell()).toMatchObject({ status: "not-started", score: null });
    // Solving it again now is new evidence (the opening is later than the last one).
    expect(await recordCompletionEvidence(onTime.id, "CHALLENGE", "both-closing", { doneAt: at(-1) })).toBe(true);
    expect(await recordCompletionEvidence(onTime.id, "CHALLENGE", "both-closing", { doneAt: at(-0.5) })).toBe(false);
    g = await getGradebook(teacher, classroom.id, NOW);
    expect(cell()).toMatchObject({ status: "submitted", score: 5 });
  });

  it("finds the most missed question and its misconception, in human words", async () => {
    const { teacher, classroom } = await setUp();
    const analytics = await getQuestionAnalytics(teacher, classroom.id, NOW);
    const question = analytics.quizzes[0]?.questions.find((q) => q.questionId === "syn-without-ack");
    // Attempts that count only: not the one made before the opening (an excused student's work is still real work).
    expect(question).toMatchObject({ answered: 6, correct: 4, mostCommonWrong: { count: 2, text: "The server accepting a connection" } });
    expect(question?.mostCommonWrong?.misconceptions).toEqual([
      expect.objectContaining({ tag: "confuses-syn-and-syn-ack", title: "Forgets the ACK in the SYN+ACK", explanation: expect.stringMatching(/SYN and ACK/) }),
    ]);
    expect(question?.prompt).toMatch(/SYN set and ACK clear/);
    expect(analytics.quizzes[0]?.questions.map((q) => q.questionId).slice(0, 2)).toEqual(["syn-without-ack", "ack-field-valid"]);
  });

  it("shows numbers of the attempt's own variant, never placeholders", async () => {
    const { teacher, classroom, onTime } = await setUp();
    await attempt(onTime.id, -7, [{ q: "synack-ack-number", correct: false, response: JSON.stringify({ type: "number", value: 7 }) }], 4242);
    const analytics = await getQuestionAnalytics(teacher, classroom.id, NOW);
    const question = analytics.quizzes[0]?.questions.find((q) => q.questionId === "synack-ack-number");
    expect(question?.prompt).toMatch(/seq \d+\./);
    expect(question?.prompt).not.toMatch(/[{}]/);
    const d = await getStudentDrilldown(teacher, classroom.id, onTime.id, NOW);
    const answer = d.assignments[0]?.attempts.flatMap((t) => t.answers).find((a) => a.questionId === "synack-ack-number");
    expect(answer?.presented?.prompt).toBe(question?.prompt);
    expect(answer?.presented?.response).toBe("7");
    expect(answer?.presented?.rightAnswer).toMatch(/^\d+$/);
  });

  it("drills down into one enrolled student's work since joining, with why each attempt counts", async () => {
    const { teacher, classroom, late, missing } = await setUp();
    const d = await getStudentDrilldown(teacher, classroom.id, late.id, NOW);
    expect(d.assignments[0]?.attempts.map((a) => [a.verdict?.counts, a.verdict?.counts && a.verdict.late, a.answers.length])).toEqual([
      [true, false, 4],
      [true, true, 4],
      [true, true, 4],
    ]);
    expect(d.assignments[0]?.attempts[0]?.answers[0]?.misconceptions[0]?.title).toBe("Forgets the ACK in the SYN+ACK");
    const m = await getStudentDrilldown(teacher, classroom.id, missing.id, NOW);
    expect(m.assignments[0]?.attempts.map((a) => a.verdict)).toEqual([{ evidenceId: expect.any(String), counts: false, reason: "before-window" }]);
    const outsider = await createUser();
    await expect(getStudentDrilldown(teacher, classroom.id, outsider.id, NOW)).rejects.toThrow("Not allowed");
  });

  it("never shows an instructor a student's history from before they joined", async () => {
    const { teacher, classroom, onTime } = await setUp();
    const newcomer = await createUser({ name: "Newcomer" });
    // Private practice long before the class existed for them.
    await attempt(newcomer.id, -30, FOUR.map(right));
    await db.enrollment.create({ data: { classId: classroom.id, userId: newcomer.id, joinedAt: at(-5) } });
    const d = await getStudentDrilldown(teacher, classroom.id, newcomer.id, NOW);
    expect(d.assignments[0]?.attempts).toEqual([]);
    const analytics = await getQuestionAnalytics(teacher, classroom.id, NOW);
    expect(analytics.quizzes[0]?.attempts).toBe(6);
    expect((await getGradebook(teacher, classroom.id, NOW)).rows.find((r) => r.student.id === newcomer.id)?.cells[0]?.result.status).toBe("missing");
    expect(onTime).toBeDefined();
  });

  it("exports a CSV that agrees with the page: Missing is 0, Excused has no score, due dates per student", async () => {
    const { teacher, classroom } = await setUp();
    const { csv, filename } = await exportGradebookCsv(teacher, classroom.id, NOW);
    expect(filename).toBe("reseaux-tcp-co-gradebook-2026-12-10.csv");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const records: string[][] = parse(csv, { bom: true });
    expect(records[0]).toEqual(["Student", "Email", "Flags quiz — status", "Flags quiz — score (of 20)", "Flags quiz — due (UTC)", "Total", "Possible"]);
    expect(records.slice(1).map((r) => [r[0], r[2], r[3], r[4], r[5], r[6]])).toEqual([
      ["'=cmd Missing", "Missing", "0", "2026-12-07 12:00", "0", "20"],
      ["Excused Eve", "Excused", "", "2026-12-07 12:00", "0", "0"],
      ["Extended Ed", "Submitted", "20", "2026-12-12 12:00", "20", "20"],
      ["Zoë On-time", "Submitted", "15", "2026-12-07 12:00", "15", "20"],
      ["王 Late", "Submitted", "15", "2026-12-07 12:00", "15", "20"],
    ]);
    const g = await getGradebook(teacher, classroom.id, NOW);
    for (const row of g.rows) {
      const line = records.find((r) => r[1] === row.student.email);
      expect(line?.[3]).toBe(row.cells[0]?.result.score === null ? "" : String(row.cells[0]?.result.score));
      expect(Number(line?.[5])).toBe(row.total.earned);
    }
  });
});
