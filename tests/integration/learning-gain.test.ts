import type { CurrentUser } from "@/lib/auth/session.server";
import { describe, expect, it } from "vitest";
import { groupGain } from "@/domain/learning/gain";
import type { QuestionResponse } from "@/domain/quiz/schema";
import { resolveQuestion } from "@/domain/quiz/variant";
import { createClass } from "@/lib/classes/classes.server";
import { NotAllowedError } from "@/lib/classes/errors";
import { joinByCode } from "@/lib/classes/membership.server";
import { db } from "@/lib/db.server";
import { classLearning } from "@/lib/learning/analytics.server";
import { diagnosticStatus, lessonDiagnostic, startDiagnostic, submitDiagnosticAnswer, type PhaseName } from "@/lib/learning/diagnostics.server";
import { markLessonRead, startLesson } from "@/lib/progress/lesson-progress.server";
import { createOrFindAttempt, storeAnswer } from "@/lib/quiz/attempts.server";
import { getQuiz } from "@/lib/quiz/registry.server";
import { listQueue } from "@/lib/review/queue.server";
import { keyResponse } from "@/tests/support/quiz-responses";
import { createUser } from "../factories/users";
import { newClientKey, wrongResponse } from "./quiz-helpers";

const LESSON = "time-wait";
const diagnostic = lessonDiagnostic(LESSON)!;
const quiz = diagnostic.quiz;

async function attemptOf(userId: string, phase: PhaseName) {
  return db.diagnosticAttempt.findUniqueOrThrow({ where: { userId_lessonSlug_phase: { userId, lessonSlug: LESSON, phase: phase === "pre" ? "PRE" : "POST" } } });
}

function response(seed: number, index: number, right: boolean): QuestionResponse {
  const question = diagnostic.questions[index]!;
  return right ? keyResponse(resolveQuestion(question, seed).answer) : wrongResponse(quiz, seed, question.id);
}

/** Takes a phase, answering right the questions whose index is in `right`. */
async function take(user: CurrentUser, phase: PhaseName, right: readonly number[], now?: Date) {
  const started = await startDiagnostic(user, LESSON, phase, now ? { now } : {});
  expect(started.ok).toBe(true);
  const { seed } = await attemptOf(user.id, phase);
  for (let index = 0; index < diagnostic.questions.length; index++) {
    const result = await submitDiagnosticAnswer(user, LESSON, phase, index, response(seed, index, right.includes(index)), now ? { now } : {});
    expect(result.ok).toBe(true);
  }
}

describe("a lesson's diagnostic, before and after", () => {
  it("is open before reading, measures without revealing, then opens after the lesson with feedback", async () => {
    const user = await createUser();
    const fresh = await diagnosticStatus(user, LESSON);
    expect(fresh).toMatchObject({ lessonRead: false, pre: { state: "open" }, post: { state: "locked" }, questions: diagnostic.questions.length });
    expect(await startDiagnostic(user, LESSON, "post")).toEqual({ ok: false, refusal: "read-first" });

    const started = await startDiagnostic(user, LESSON, "pre");
    expect(started.ok && started.diagnostic.items).toHaveLength(diagnostic.questions.length);
    expect(JSON.stringify(started.ok && started.diagnostic.items)).not.toMatch(/"correct"|"answer"|"explanation"|"feedback"/);
    const { seed } = await attemptOf(user.id, "pre");
    const first = await submitDiagnosticAnswer(user, LESSON, "pre", 0, response(seed, 0, false));
    // Before the lesson nothing is revealed.
    expect(first).toEqual({ ok: true, answer: { index: 0, grading: null, answered: 1, total: diagnostic.questions.length, done: false } });
    const again = await submitDiagnosticAnswer(user, LESSON, "pre", 0, response(seed, 0, true));
    expect(again.ok && again.answer.answered).toBe(1);
    for (let index = 1; index < diagnostic.questions.length; index++) await submitDiagnosticAnswer(user, LESSON, "pre", index, response(seed, index, index === 1));
    const resumed = await startDiagnostic(user, LESSON, "pre");
    expect(resumed.ok && resumed.diagnostic.done).toBe(true);
    expect(resumed.ok && resumed.diagnostic.answered.every((a) => a.grading === null)).toBe(true);
    expect(await diagnosticStatus(user, LESSON)).toMatchObject({ pre: { state: "done", score: 1 } });
    // The before-phase answers do not enter the review queue and do not count toward mastery.
    expect(await listQueue(user)).toEqual([]);

    await startLesson(user, LESSON);
    await markLessonRead(user, LESSON);
    await take(user, "post", [0, 1, 2]);
    const status = (await diagnosticStatus(user, LESSON))!;
    expect(status).toMatchObject({ lessonRead: true, pre: { state: "done", score: 1 }, post: { state: "done", score: 3 } });
    expect(status.concepts).toEqual([{ concept: "time-wait", pre: 1 / 5, post: 3 / 5 }]);
    // After the lesson, answers are graded and explained, and misses enter the review queue.
    const post = await startDiagnostic(user, LESSON, "post");
    expect(post.ok && post.diagnostic.answered.every((a) => a.grading && typeof a.grading.explanation === "string")).toBe(true);
    const missed = diagnostic.questions.slice(3).map((q) => `q:${quiz.id}/${q.id}`);
    expect((await listQueue(user)).map((c) => c.key)).toEqual(expect.arrayContaining(missed));
    expect(await db.quizAnswer.count({ where: { attempt: { userId: user.id } } })).toBe(0);
  });

  it("closes the before-phase once the lesson is read or its quiz begun, and never counts an unfinished one", async () => {
    const [reader, quizzer] = await Promise.all([createUser(), createUser()]);
    await startDiagnostic(reader, LESSON, "pre");
    const { seed } = await attemptOf(reader.id, "pre");
    await submitDiagnosticAnswer(reader, LESSON, "pre", 0, response(seed, 0, true));
    await startLesson(reader, LESSON);
    await markLessonRead(reader, LESSON);
    expect(await submitDiagnosticAnswer(reader, LESSON, "pre", 1, response(seed, 1, true))).toEqual({ ok: false, refusal: "pre-closed" });
    expect(await startDiagnostic(reader, LESSON, "pre")).toEqual({ ok: false, refusal: "pre-closed" });
    expect(await diagnosticStatus(reader, LESSON)).toMatchObject({ pre: { state: "closed", score: null }, post: { state: "open" } });

    const full = getQuiz(quiz.id)!;
    const attempt = await createOrFindAttempt(quizzer.id, full, newClientKey(), 7);
    await storeAnswer(quizzer.id, attempt, full, full.questions[0]!.id, keyResponse(resolveQuestion(full.questions[0]!, 7).answer));
    expect(await startDiagnostic(quizzer, LESSON, "pre")).toEqual({ ok: false, refusal: "pre-closed" });
  });

  it("refuses what does not exist", async () => {
    const user = await createUser();
    expect(await startDiagnostic(user, "no-such-lesson", "pre")).toEqual({ ok: false, refusal: "no-diagnostic" });
    expect(await submitDiagnosticAnswer(user, LESSON, "pre", 0, { type: "single", optionId: "x" })).toEqual({ ok: false, refusal: "unknown-item" });
    await startDiagnostic(user, LESSON, "pre");
    expect(await submitDiagnosticAnswer(user, LESSON, "pre", 42, { type: "single", optionId: "x" })).toEqual({ ok: false, refusal: "unknown-item" });
    expect(await submitDiagnosticAnswer(user, LESSON, "pre", 0, { type: "number", value: 1 })).toEqual({ ok: false, refusal: "invalid-response" });
  });
});

describe("what a class learned", () => {
  it("gives the class's normalized gain per lesson and concept from matched students who took them after joining", async () => {
    const teacher = await createUser({ role: "INSTRUCTOR" });
    const created = await createClass(teacher, { name: "Networks", timeZone: "UTC" });
    if (!created.ok) throw new Error("no class");
    const classroom = await db.classroom.findUniqueOrThrow({ where: { id: created.id } });
    const [a, b, top, early, onlyPre, outsider] = await Promise.all([createUser(), createUser(), createUser(), createUser(), createUser(), createUser()]);
    // `early` took the before-phase before joining: it stays private, so no pair for them.
    await take(early, "pre", [], new Date(Date.now() - 60_000));
    for (const student of [a, b, top, early, onlyPre]) await joinByCode(student, classroom.joinCode);

    await take(a, "pre", [0]);
    await take(b, "pre", [0, 1]);
    await take(top, "pre", [0, 1, 2, 3, 4]);
    await take(onlyPre, "pre", []);
    await take(outsider, "pre", []);
    for (const student of [a, b, top, early, outsider]) {
      await startLesson(student, LESSON);
      await markLessonRead(student, LESSON);
    }
    await take(a, "post", [0, 1, 2, 3]);
    await take(b, "post", [0, 1, 2, 3, 4]);
    await take(top, "post", [0, 1, 2, 3]);
    await take(early, "post", [0, 1, 2, 3, 4]);
    await take(outsider, "post", [0, 1, 2, 3, 4]);

    const learning = await classLearning(teacher, classroom.id);
    expect(learning.students).toBe(5);
    const lesson = learning.lessons.find((l) => l.slug === LESSON)!;
    expect(lesson).toMatchObject({ tookPre: 4, tookPost: 4, gain: { matched: 3, atCeiling: 1 } });
    const expected = groupGain([
      { learnerId: "a", pre: { correct: 1, total: 5 }, post: { correct: 4, total: 5 } },
      { learnerId: "b", pre: { correct: 2, total: 5 }, post: { correct: 5, total: 5 } },
      { learnerId: "top", pre: { correct: 5, total: 5 }, post: { correct: 4, total: 5 } },
    ]);
    expect(lesson.gain.classGain).toBeCloseTo(expected.classGain!, 12);
    expect(lesson.gain.meanGain).toBeCloseTo((0.75 + 1) / 2, 12);
    expect(lesson.gain.spread?.sd).toBeCloseTo(expected.spread!.sd!, 12);
    expect(lesson.concepts).toEqual([{ concept: "time-wait", gain: expect.objectContaining({ matched: 3 }) }]);
    expect(learning.concepts.find((c) => c.concept === "time-wait")?.gain.classGain).toBeCloseTo(expected.classGain!, 12);
    // Lessons nobody took are listed with no gain rather than a zero.
    const untouched = learning.lessons.find((l) => l.slug === "three-way-handshake")!;
    expect(untouched.gain).toMatchObject({ matched: 0, classGain: null });
    expect(learning.leastLearned).toEqual(["time-wait"]);

    await expect(classLearning(outsider, classroom.id)).rejects.toBeInstanceOf(NotAllowedError);
    const otherTeacher = await createUser({ role: "INSTRUCTOR" });
    await expect(classLearning(otherTeacher, classroom.id)).rejects.toBeInstanceOf(NotAllowedError);
  });
});
