import { describe, expect, it } from "vitest";
import { instantToWallTime } from "@/domain/gradebook/zoned-time";
import { resolveQuestion } from "@/domain/quiz/variant";
import { createAssignment, getAssignmentForEdit } from "@/lib/assignments/assignments.server";
import { listStudentAssignments } from "@/lib/assignments/student.server";
import { db } from "@/lib/db.server";
import { gradeForStudent } from "@/lib/gradebook/grade.server";
import { getGradebook } from "@/lib/gradebook/gradebook.server";
import { startDiagnostic, submitDiagnosticAnswer, lessonDiagnostic } from "@/lib/learning/diagnostics.server";
import { markLessonRead, startLesson } from "@/lib/progress/lesson-progress.server";
import { createOrFindAttempt, storeAnswer } from "@/lib/quiz/attempts.server";
import { getQuiz } from "@/lib/quiz/registry.server";
import { reviewAssignmentFor } from "@/lib/review/mastery-evidence.server";
import { parseStoredItems, startReviewSession, submitReviewAnswer } from "@/lib/review/sessions.server";
import { keyResponse } from "@/tests/support/quiz-responses";
import { createUser } from "../factories/users";
import { newClientKey, wrongResponse } from "./quiz-helpers";

const HOUR = 3_600_000;
const timeWait = getQuiz("time-wait")!;

async function setUp({ acceptEarlierWork = false } = {}) {
  const teacher = await createUser({ role: "INSTRUCTOR" });
  const classroom = await db.classroom.create({
    data: { name: "Review class", joinCode: `V${Math.random().toString(36).slice(2, 9).toUpperCase()}`, inviteToken: `t-${Math.random()}`, instructors: { create: { userId: teacher.id, isOwner: true } } },
  });
  const student = await createUser();
  await db.enrollment.create({ data: { classId: classroom.id, userId: student.id, joinedAt: new Date(Date.now() - 10 * HOUR) } });
  return { teacher, classroom, student, acceptEarlierWork };
}

/** The form as the browser posts it (wall-clock times in the class's zone, UTC here). */
function form(over: Record<string, string> = {}) {
  const wall = (ms: number) => instantToWallTime(new Date(Date.now() + ms), "UTC");
  return { title: "Master TIME-WAIT", instructions: "", target: "REVIEW:concepts", points: "10", opensAt: wall(-2 * HOUR), dueAt: wall(48 * HOUR), latePolicy: "ACCEPT_WITH_PENALTY", latePenaltyPercent: "0", ...over };
}

/** Answers every time-wait question of one attempt at `at`: right unless named. */
async function answerTimeWait(userId: string, at: Date, wrong: readonly string[] = []) {
  const attempt = await createOrFindAttempt(userId, timeWait, newClientKey(), 99, at);
  for (const question of timeWait.questions) {
    const response = wrong.includes(question.id) ? wrongResponse(timeWait, 99, question.id) : keyResponse(resolveQuestion(question, 99).answer);
    await storeAnswer(userId, attempt, timeWait, question.id, response, at);
  }
}

describe("review until mastered", () => {
  it("is created from the concept checkboxes, refused without one, and edited back into them", async () => {
    const { teacher, classroom } = await setUp();
    expect(await createAssignment(teacher, classroom.id, form())).toMatchObject({ ok: false, fieldErrors: { concepts: "Choose at least one concept to master" } });
    const created = await createAssignment(teacher, classroom.id, form({ "concept-time-wait": "on", "concept-flags": "on" }));
    expect(created.ok).toBe(true);
    const row = await db.assignment.findUniqueOrThrow({ where: { id: created.ok ? created.id : "" } });
    expect(row).toMatchObject({ targetType: "REVIEW", targetId: "flags+time-wait" });
    const edit = await getAssignmentForEdit(teacher, row.id);
    expect(edit.form).toMatchObject({ target: "REVIEW:concepts", concepts: ["flags", "time-wait"] });
    expect(await createAssignment(teacher, classroom.id, form({ target: "REVIEW:flags" }))).toMatchObject({ ok: false });
  });

  it("completes when every concept is mastered with answers given inside the window, and not before", async () => {
    const { teacher, classroom, student } = await setUp();
    // Mastered an hour before the assignment opens: that work does not count.
    await answerTimeWait(student.id, new Date(Date.now() - 3 * HOUR));
    const created = await createAssignment(teacher, classroom.id, form({ "concept-time-wait": "on" }));
    if (!created.ok) throw new Error("not created");
    expect(await db.completionEvidence.count({ where: { userId: student.id, targetType: "REVIEW" } })).toBe(0);
    const before = await gradeForStudent(created.id, student.id);
    expect(before).toMatchObject({ status: "not-started", pointsGiven: null });
    const view = await reviewAssignmentFor(student, created.id);
    expect(view?.progress).toMatchObject({ mastered: false, concepts: [{ concept: "time-wait", answered: 0, level: "not-started" }] });
    // The student's dashboard links to a review session for it.
    const mine = (await listStudentAssignments(student)).find((a) => a.id === created.id);
    expect(mine).toMatchObject({ targetType: "REVIEW", href: `/review?assignment=${created.id}`, status: "not-started" });

    // A focused session: practice on the assignment's concept until it can be mastered.
    const clientKey = newClientKey();
    const focus = { assignmentId: created.id, concepts: ["time-wait" as const], unmastered: ["time-wait" as const] };
    const started = await startReviewSession(student, clientKey, { focus });
    expect(started.ok && started.review.items.every((i) => i.concept === "time-wait")).toBe(true);
    expect(started.ok && started.review.items.length).toBeGreaterThanOrEqual(3);
    const session = await db.reviewSession.findUniqueOrThrow({ where: { userId_clientKey: { userId: student.id, clientKey } } });
    expect(session.assignmentId).toBe(created.id);
    const items = parseStoredItems(session.items);
    for (const [index, item] of items.entries()) {
      const question = getQuiz(item.quizId)!.questions.find((q) => q.id === item.questionId)!;
      await submitReviewAnswer(student, clientKey, index, keyResponse(resolveQuestion(question, session.seed).answer));
    }
    // Three right answers since the opening: mastered, handed in now.
    const evidence = await db.completionEvidence.findMany({ where: { userId: student.id, targetType: "REVIEW" } });
    expect(evidence).toHaveLength(1);
    expect(evidence[0]!.doneAt.getTime()).toBeGreaterThanOrEqual(Date.now() - 60_000);
    expect(await gradeForStudent(created.id, student.id)).toMatchObject({ status: "submitted", pointsGiven: 10, evidence: [expect.objectContaining({ kind: "review-mastery", counts: true })] });
    const gradebook = await getGradebook(teacher, classroom.id);
    expect(gradebook.rows[0]?.cells.find((c) => c.assignmentId === created.id)?.result).toMatchObject({ status: "submitted", score: 10 });
    // More answers store nothing more: the completion stands.
    await answerTimeWait(student.id, new Date(), ["who-enters", "linux-length", "rfc-msl", "two-reasons"]);
    expect(await db.completionEvidence.count({ where: { userId: student.id, targetType: "REVIEW" } })).toBe(1);
  });

  it("with earlier work accepted, a student who already masters the concepts since joining completes it when it is created", async () => {
    const { teacher, classroom, student } = await setUp();
    const masteredAt = new Date(Date.now() - 3 * HOUR);
    await answerTimeWait(student.id, masteredAt);
    const created = await createAssignment(teacher, classroom.id, form({ "concept-time-wait": "on", acceptEarlierWork: "on" }));
    if (!created.ok) throw new Error("not created");
    const evidence = await db.completionEvidence.findFirstOrThrow({ where: { userId: student.id, targetType: "REVIEW" } });
    // Done when the last counting answer was given; handed in when the assignment made it count.
    expect(evidence.doneAt).toEqual(masteredAt);
    expect(evidence.handedInAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await gradeForStudent(created.id, student.id)).toMatchObject({ status: "submitted" });
  });

  it("is only for the class's own students", async () => {
    const { teacher, classroom } = await setUp();
    const outsider = await createUser();
    const created = await createAssignment(teacher, classroom.id, form({ "concept-time-wait": "on" }));
    if (!created.ok) throw new Error("not created");
    expect(await reviewAssignmentFor(outsider, created.id)).toBeNull();
    expect(await reviewAssignmentFor(outsider, "no-such-assignment")).toBeNull();
  });
});

describe("a lesson's diagnostic as an assignment", () => {
  it("is handed in with the after-lesson check", async () => {
    const { teacher, classroom, student } = await setUp();
    const created = await createAssignment(teacher, classroom.id, form({ title: "Diagnostic", target: "DIAGNOSTIC:time-wait", ungraded: "on" }));
    if (!created.ok) throw new Error(JSON.stringify(created));
    const diagnostic = lessonDiagnostic("time-wait")!;
    await startLesson(student, "time-wait");
    await markLessonRead(student, "time-wait");
    expect((await startDiagnostic(student, "time-wait", "post")).ok).toBe(true);
    const attempt = await db.diagnosticAttempt.findFirstOrThrow({ where: { userId: student.id } });
    for (const [index, question] of diagnostic.questions.entries()) {
      await submitDiagnosticAnswer(student, "time-wait", "post", index, keyResponse(resolveQuestion(question, attempt.seed).answer));
    }
    expect(await gradeForStudent(created.id, student.id)).toMatchObject({ status: "submitted", pointsGiven: null, evidence: [expect.objectContaining({ kind: "diagnostic-completion" })] });
    expect((await listStudentAssignments(student)).find((a) => a.id === created.id)?.href).toBe("/diagnostic/time-wait");
  });
});
