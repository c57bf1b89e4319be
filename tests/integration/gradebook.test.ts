import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { createClass } from "@/lib/classes/classes.server";
import { joinByCode } from "@/lib/classes/membership.server";
import { db } from "@/lib/db.server";
import { exportGradebookCsv, getGradebook, getQuestionAnalytics, getStudentDrilldown } from "@/lib/gradebook/gradebook.server";
import { createUser } from "../factories/users";

const DAY = 86_400_000;
const NOW = new Date("2026-12-10T12:00:00Z");
const at = (days: number) => new Date(NOW.getTime() + days * DAY);

async function attempt(userId: string, day: number, answers: Array<{ q: string; correct: boolean; response?: string; misconception?: string }>) {
  const score = answers.filter((a) => a.correct).length;
  return db.quizAttempt.create({
    data: {
      userId,
      quizId: "tcp-header-and-flags",
      clientKey: `k-${Math.random()}`,
      variantSeed: 1,
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

async function setUp() {
  const teacher = await createUser({ role: "INSTRUCTOR" });
  const created = await createClass(teacher, { name: "Réseaux, \"TCP\" & co", timeZone: "UTC" });
  if (!created.ok) throw new Error("no class");
  const classroom = await db.classroom.findUniqueOrThrow({ where: { id: created.id } });
  const [onTime, late, missing] = await Promise.all([
    createUser({ name: "Zoë On-time" }),
    createUser({ name: "王 Late" }),
    createUser({ name: "=cmd Missing" }),
  ]);
  for (const s of [onTime, late, missing]) await joinByCode(s, classroom.joinCode);
  const quiz = await db.assignment.create({
    data: {
      classId: classroom.id,
      createdById: teacher.id,
      title: "Flags quiz",
      targetType: "QUIZ",
      targetId: "tcp-header-and-flags",
      points: 20,
      opensAt: at(-10),
      dueAt: at(-3),
      latePolicy: "ACCEPT_WITH_PENALTY",
      latePenaltyPercent: 25,
    },
  });
  const wrong = (q: string) => ({ q, correct: false, misconception: "confuses-syn-and-syn-ack" });
  const right = (q: string) => ({ q, correct: true });
  await attempt(onTime.id, -8, [right("syn-without-ack"), right("ack-field-valid"), right("fin-meaning"), wrong("segments-with-ack")]);
  await attempt(late.id, -6, [wrong("syn-without-ack"), wrong("ack-field-valid"), right("fin-meaning"), right("segments-with-ack")]);
  await attempt(late.id, -1, [wrong("syn-without-ack"), right("ack-field-valid"), right("fin-meaning"), right("segments-with-ack")]);
  await attempt(late.id, -0.5, [right("syn-without-ack"), right("ack-field-valid"), right("fin-meaning"), right("segments-with-ack")]);
  return { teacher, classroom, onTime, late, missing, quiz };
}

describe("gradebook", () => {
  it("computes statuses, penalised scores and totals from stored attempts", async () => {
    const { teacher, classroom } = await setUp();
    const g = await getGradebook(teacher, classroom.id, NOW);
    const cell = (name: string) => g.rows.find((r) => r.student.name === name)?.cells[0];
    expect(cell("Zoë On-time")?.result).toMatchObject({ status: "submitted", score: 15 });
    // First pass was late (day -0.5); the best attempt is 4/4 late: 20 × 0.75.
    expect(cell("王 Late")?.result).toMatchObject({ status: "late", score: 15 });
    expect(cell("=cmd Missing")?.result).toMatchObject({ status: "missing", score: 0 });
    expect(g.needsAttention.map((n) => n.student.name)).toEqual(["=cmd Missing"]);
    expect(g.progress.at(-1)).toMatchObject({ submitted: 2, expected: 3 });
  });

  it("finds the most missed question and its misconception", async () => {
    const { teacher, classroom } = await setUp();
    const analytics = await getQuestionAnalytics(teacher, classroom.id, NOW);
    const question = analytics.quizzes[0]?.questions.find((q) => q.questionId === "syn-without-ack");
    expect(question).toMatchObject({ answered: 4, correct: 2, shareCorrect: 0.5, mostCommonWrong: { count: 2, misconception: "confuses-syn-and-syn-ack" } });
    expect(question?.prompt).toMatch(/SYN set and ACK clear/);
    expect(analytics.quizzes[0]?.questions.map((q) => q.questionId).slice(0, 2)).toEqual(["syn-without-ack", "ack-field-valid"]);
  });

  it("drills down into every attempt and answer of one enrolled student only", async () => {
    const { teacher, classroom, late } = await setUp();
    const d = await getStudentDrilldown(teacher, classroom.id, late.id, NOW);
    expect(d.assignments[0]?.attempts.map((a) => [a.late, a.counted, a.answers.length])).toEqual([
      [false, true, 4],
      [true, true, 4],
      [true, true, 4],
    ]);
    const outsider = await createUser();
    await expect(getStudentDrilldown(teacher, classroom.id, outsider.id, NOW)).rejects.toThrow("Not allowed");
  });

  it("exports a CSV with a BOM, quoting and neutralised formulas", async () => {
    const { teacher, classroom } = await setUp();
    const { csv, filename } = await exportGradebookCsv(teacher, classroom.id, NOW);
    expect(filename).toBe("reseaux-tcp-co-gradebook-2026-12-10.csv");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const records: string[][] = parse(csv, { bom: true });
    expect(records[0]).toEqual(["Student", "Email", "Flags quiz — status", "Flags quiz — score (of 20)", "Total", "Possible"]);
    expect(records.slice(1).map((r) => [r[0], r[2], r[3]])).toEqual([
      ["'=cmd Missing", "Missing", "0"],
      ["Zoë On-time", "Submitted", "15"],
      ["王 Late", "Late", "15"],
    ]);
  });
});
