/**
 * The quiz and progress Server Actions with a mocked session: input validation, who is asking,
 * and what crosses the network (answer keys only in the reply to a submission).
 */
import { describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/session.server";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null, jar: new Map<string, string>() }));
vi.mock("@/lib/auth/session.server", () => ({ getCurrentUser: async () => session.user }));
// The browser's cookies: the visitor cookie set by the actions lives here.
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (session.jar.has(name) ? { name, value: session.jar.get(name) } : undefined),
    getAll: () => [...session.jar].map(([name, value]) => ({ name, value })),
    set: (name: string, value: string) => void session.jar.set(name, value),
  }),
}));

const { db } = await import("@/lib/db.server");
const { createUser } = await import("../factories/users");
const { startQuizAttemptAction, submitQuizAnswerAction } = await import("@/lib/quiz/actions");
const { mergeAnonymousProgressAction, recordAnonymousLessonAction } = await import("@/lib/progress/visitor-actions");
const { LESSON, QUIZ_ID, lessonQuiz, newClientKey, rightResponse, seedOf, wrongResponse } = await import("./quiz-helpers");
const { verifyAttemptToken } = await import("@/lib/progress/receipts.server");
const { actionWords } = await import("@/lib/i18n/words/actions");
const { quizWords } = await import("@/lib/i18n/words/quiz");

const quiz = lessonQuiz();
/** The one answer to arguments of the wrong shape, and to a learner whose session ended (ADR 1310). */
const INVALID = { ok: false, message: actionWords("en").invalidRequest, at: expect.any(Number) };
const ENDED = { ok: false, sessionEnded: true, message: actionWords("en").sessionEnded, at: expect.any(Number) };

describe("quiz actions", () => {
  it("reject unknown fields, so an attempt id from the browser is never even read", async () => {
    session.user = await createUser();
    expect(await startQuizAttemptAction({ quizId: QUIZ_ID, clientKey: newClientKey(), attemptId: "x" })).toEqual(INVALID);
    expect(await startQuizAttemptAction({ quizId: QUIZ_ID, clientKey: "short" })).toEqual(INVALID);
    expect(
      await submitQuizAnswerAction({ quizId: QUIZ_ID, clientKey: newClientKey(), questionId: "fin-meaning", response: { type: "single", optionId: "a" }, userId: "someone" }),
    ).toEqual(INVALID);
    expect(await submitQuizAnswerAction({ quizId: QUIZ_ID, clientKey: newClientKey(), questionId: "fin-meaning", response: { type: "single" } })).toEqual(INVALID);
  });

  it("signed in: the start reply has no keys or explanations; the submit reply has that question's", async () => {
    const user = await createUser();
    session.user = user;
    const clientKey = newClientKey();
    const started = await startQuizAttemptAction({ quizId: QUIZ_ID, clientKey });
    expect(started).toMatchObject({ ok: true, mode: "account", answered: [] });
    const json = JSON.stringify(started);
    for (const question of quiz.questions) expect(json).not.toContain(question.explanation);
    expect(json).not.toMatch(/"correct"|"feedback"|misconception/);

    const seed = await seedOf(user.id, clientKey);
    const submitted = await submitQuizAnswerAction({ quizId: QUIZ_ID, clientKey, questionId: "fin-meaning", response: rightResponse(quiz, seed, "fin-meaning") });
    expect(submitted).toMatchObject({ ok: true, mode: "account", grading: { correct: true }, progress: { answered: 1 } });
    expect(JSON.stringify(submitted)).toContain(quiz.questions.find((q) => q.id === "fin-meaning")!.explanation);
    expect(JSON.stringify(submitted)).not.toContain(quiz.questions.find((q) => q.id === "syn-without-ack")!.explanation);
  });

  it("signed out: graded with a receipt, nothing stored; merge needs an account", async () => {
    session.user = null;
    const clientKey = newClientKey();
    const answersBefore = await db.quizAnswer.count();
    const started = await startQuizAttemptAction({ quizId: QUIZ_ID, clientKey });
    if (!started.ok || started.mode !== "anonymous") throw new Error("expected an anonymous start");
    const seed = verifyAttemptToken(started.token)!.seed;
    expect(await submitQuizAnswerAction({ quizId: QUIZ_ID, clientKey, questionId: "fin-meaning", response: rightResponse(quiz, seed, "fin-meaning") })).toEqual({
      ok: false,
      refusal: "unknown-attempt",
      message: quizWords("en").errors["unknown-attempt"],
      at: expect.any(Number),
    });
    const submitted = await submitQuizAnswerAction({ quizId: QUIZ_ID, clientKey, token: started.token, questionId: "fin-meaning", response: rightResponse(quiz, seed, "fin-meaning") });
    if (!submitted.ok || submitted.mode !== "anonymous") throw new Error("expected an anonymous answer");
    expect(submitted.grading.correct).toBe(true);
    const lesson = await recordAnonymousLessonAction({ slug: LESSON, milestone: "read" });
    expect(lesson.ok).toBe(true);
    expect(await recordAnonymousLessonAction({ slug: "nope", milestone: "read" })).toEqual({ ok: false, refusal: "unknown-lesson", at: expect.any(Number) });
    expect(await db.quizAnswer.count()).toBe(answersBefore);
    expect(await mergeAnonymousProgressAction({ receipts: [submitted.receipt] })).toMatchObject({ ok: false, sessionEnded: true });

    const user = await createUser();
    session.user = user;
    expect(await recordAnonymousLessonAction({ slug: LESSON, milestone: "read" })).toEqual({ ok: false, refusal: "signed-in", at: expect.any(Number) });
    const merged = await mergeAnonymousProgressAction({ receipts: [submitted.receipt, lesson.ok ? lesson.receipt : ""] });
    expect(merged).toMatchObject({ ok: true, summary: { lessons: 1, attempts: 1, answers: 1, rejected: 0, otherBrowser: 0, alreadyUsed: 0 } });
    // The merged attempt keeps its key: the quiz in this browser resumes it with the same variant.
    const resumed = await startQuizAttemptAction({ quizId: QUIZ_ID, clientKey });
    expect(resumed).toMatchObject({ ok: true, mode: "account", answered: [{ questionId: "fin-meaning", correct: true }] });
    expect(resumed.ok && resumed.quiz).toEqual(started.quiz);
  });

  it("a learner whose session ended is told so, with nothing lost, instead of getting a visitor's attempt", async () => {
    const user = await createUser();
    session.user = user;
    const clientKey = newClientKey();
    await startQuizAttemptAction({ quizId: QUIZ_ID, clientKey });
    session.user = null;
    expect(await startQuizAttemptAction({ quizId: QUIZ_ID, clientKey, account: true })).toEqual(ENDED);
    const seed = await seedOf(user.id, clientKey);
    expect(await submitQuizAnswerAction({ quizId: QUIZ_ID, clientKey, account: true, questionId: "fin-meaning", response: rightResponse(quiz, seed, "fin-meaning") })).toEqual(ENDED);
    // Signed in again: the same attempt takes the answer.
    session.user = user;
    expect(await submitQuizAnswerAction({ quizId: QUIZ_ID, clientKey, account: true, questionId: "fin-meaning", response: rightResponse(quiz, seed, "fin-meaning") })).toMatchObject({
      ok: true,
      alreadyAnswered: false,
      progress: { answered: 1 },
    });
  });

  it("a second tab gets the answer already given, not a verdict on its own", async () => {
    const user = await createUser();
    session.user = user;
    const clientKey = newClientKey();
    await startQuizAttemptAction({ quizId: QUIZ_ID, clientKey });
    const seed = await seedOf(user.id, clientKey);
    const wrong = wrongResponse(quiz, seed, "fin-meaning");
    const right = rightResponse(quiz, seed, "fin-meaning");
    await submitQuizAnswerAction({ quizId: QUIZ_ID, clientKey, questionId: "fin-meaning", response: wrong });
    const second = await submitQuizAnswerAction({ quizId: QUIZ_ID, clientKey, questionId: "fin-meaning", response: right });
    expect(second).toMatchObject({ ok: true, mode: "account", alreadyAnswered: true, response: wrong, grading: { correct: false } });
  });

  it("resumes an unfinished attempt on another device, where the browser holds no key of its own", async () => {
    const user = await createUser();
    session.user = user;
    const clientKey = newClientKey();
    const first = await startQuizAttemptAction({ quizId: QUIZ_ID, clientKey });
    const seed = await seedOf(user.id, clientKey);
    await submitQuizAnswerAction({ quizId: QUIZ_ID, clientKey, questionId: "fin-meaning", response: rightResponse(quiz, seed, "fin-meaning") });
    const elsewhere = await startQuizAttemptAction({ quizId: QUIZ_ID, clientKey: newClientKey(), resumeLatest: true });
    expect(elsewhere).toMatchObject({ ok: true, mode: "account", clientKey, answered: [{ questionId: "fin-meaning", correct: true }], responses: { "fin-meaning": rightResponse(quiz, seed, "fin-meaning") } });
    expect(elsewhere.ok && elsewhere.quiz).toEqual(first.ok && first.quiz);
    // A finished attempt is not resumed: a new one starts.
    for (const q of quiz.questions) await submitQuizAnswerAction({ quizId: QUIZ_ID, clientKey, questionId: q.id, response: rightResponse(quiz, seed, q.id) });
    const fresh = await startQuizAttemptAction({ quizId: QUIZ_ID, clientKey: newClientKey(), resumeLatest: true });
    expect(fresh).toMatchObject({ ok: true, answered: [] });
    expect(fresh.ok && fresh.mode === "account" && fresh.clientKey).not.toBe(clientKey);
  });
});
