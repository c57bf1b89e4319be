/**
 * The quiz and progress Server Actions with a mocked session: input validation, who is asking,
 * and what crosses the network (answer keys only in the reply to a submission). Then the same
 * functions as the learner's hot calls through their route handler (app/api/calls/[name], ADR
 * 1490): the actions' answers, and the route's own refusals (another site's page, a body that is
 * not a JSON array of arguments, a call that does not exist).
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
const { POST } = await import("@/app/api/calls/[name]/route");

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

const SITE = "http://localhost:3000";

type Sent = { locale?: string; headers?: Record<string, string>; body?: string };

/** A call as the app's pages send it (same-origin fetch of JSON), unless `headers`/`body` say otherwise. */
async function call(name: string, args: unknown[], { locale = "en", headers = {}, body }: Sent = {}) {
  const request = new Request(`${SITE}/api/calls/${name}?locale=${locale}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: SITE, "sec-fetch-site": "same-origin", ...headers },
    body: body ?? JSON.stringify(args),
  });
  const response = await POST(request, { params: Promise.resolve({ name }) });
  expect(response.headers.get("cache-control")).toBe("no-store");
  return { status: response.status, result: (await response.json()) as Record<string, unknown> };
}

const invalid = (locale: "en" | "zh") => ({ ok: false, message: actionWords(locale).invalidRequest, at: expect.any(Number) });
const ended = (locale: "en" | "zh") => ({ ok: false, sessionEnded: true, message: actionWords(locale).sessionEnded, at: expect.any(Number) });

async function attemptCount(clientKey: string) {
  return db.quizAttempt.count({ where: { clientKey } });
}

describe("hot calls through the route handler", () => {
  it("start an attempt, grade an answer and save the reading position for a signed-in learner", async () => {
    const user = await createUser();
    session.user = user;
    const clientKey = newClientKey();
    const started = await call("quiz-start", [{ quizId: QUIZ_ID, clientKey }]);
    expect(started).toMatchObject({ status: 200, result: { ok: true, mode: "account", answered: [] } });
    expect(JSON.stringify(started.result)).not.toMatch(/"correct"|"feedback"|misconception/);

    const seed = await seedOf(user.id, clientKey);
    const answer = { quizId: QUIZ_ID, clientKey, questionId: "fin-meaning", response: rightResponse(quiz, seed, "fin-meaning") };
    const graded = await call("quiz-answer", [answer]);
    expect(graded).toMatchObject({ status: 200, result: { ok: true, mode: "account", grading: { correct: true }, progress: { answered: 1 }, alreadyAnswered: false } });
    // A double click: graded once, stored once.
    expect((await call("quiz-answer", [answer])).result).toMatchObject({ ok: true, alreadyAnswered: true });
    const attempt = await db.quizAttempt.findFirstOrThrow({ where: { clientKey } });
    expect(await db.quizAnswer.count({ where: { attemptId: attempt.id } })).toBe(1);

    const saved = await call("reading-position", [{ slug: LESSON, position: "summary" }, "en"]);
    expect(saved).toMatchObject({ status: 200, result: { ok: true } });
    expect((await db.lessonProgress.findFirstOrThrow({ where: { userId: user.id, lessonSlug: LESSON } })).lastPosition).toBe("summary");
  });

  it("answer arguments of the wrong shape with the action's invalid request, in the page's language", async () => {
    session.user = await createUser();
    const clientKey = newClientKey();
    expect(await call("quiz-start", [{ quizId: QUIZ_ID, clientKey, attemptId: "x" }])).toEqual({ status: 200, result: invalid("en") });
    expect(await call("quiz-answer", [{ quizId: QUIZ_ID, clientKey, questionId: "fin-meaning", response: { type: "single" }, locale: "zh" }])).toEqual({ status: 200, result: invalid("zh") });
    expect(await call("reading-position", [{ slug: LESSON, position: "not a heading!" }, "zh"])).toEqual({ status: 200, result: invalid("zh") });
    expect(await attemptCount(clientKey)).toBe(0);
  });

  it("refuse a body that is not a JSON array of arguments, in the language the page named", async () => {
    session.user = await createUser();
    expect(await call("quiz-start", [], { body: "{not json", locale: "zh" })).toEqual({ status: 400, result: invalid("zh") });
    expect(await call("quiz-start", [], { body: JSON.stringify({ quizId: QUIZ_ID }) })).toEqual({ status: 400, result: invalid("en") });
    expect(await call("quiz-start", [], { body: JSON.stringify([1, 2, 3, 4, 5]) })).toEqual({ status: 400, result: invalid("en") });
    expect(await call("quiz-start", [], { body: JSON.stringify([{ quizId: QUIZ_ID, padding: "x".repeat(70_000) }]) })).toEqual({ status: 413, result: invalid("en") });
    expect(await call("quiz-start", [{ quizId: QUIZ_ID, clientKey: newClientKey() }], { headers: { "content-type": "text/plain;charset=UTF-8" } })).toEqual({ status: 415, result: invalid("en") });
    expect(await call("grade-everything", [{}], { locale: "zh" })).toEqual({ status: 404, result: invalid("zh") });
  });

  it("refuse a request from another site's page before anything runs", async () => {
    session.user = await createUser();
    const clientKey = newClientKey();
    const crossSite = (locale: "en" | "zh") => ({ status: 403, result: { ok: false, refusal: "cross-site", message: actionWords(locale).crossSite, at: expect.any(Number) } });
    expect(await call("quiz-start", [{ quizId: QUIZ_ID, clientKey }], { headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } })).toEqual(crossSite("en"));
    expect(await call("quiz-start", [{ quizId: QUIZ_ID, clientKey }], { headers: { origin: "https://evil.example" }, locale: "zh" })).toEqual(crossSite("zh"));
    expect(await call("reading-position", [{ slug: LESSON, position: "summary" }], { headers: { "sec-fetch-site": "same-site" } })).toEqual(crossSite("en"));
    expect(await attemptCount(clientKey)).toBe(0);
    expect(actionWords("zh").crossSite).not.toBe(actionWords("en").crossSite);
  });

  it("tell a learner whose session ended so, in the page's language, and store nothing", async () => {
    session.user = null;
    const clientKey = newClientKey();
    expect(await call("quiz-start", [{ quizId: QUIZ_ID, clientKey, account: true, locale: "zh" }])).toEqual({ status: 200, result: ended("zh") });
    const answer = { quizId: QUIZ_ID, clientKey, questionId: "fin-meaning", response: { type: "single", optionId: "a" }, account: true };
    expect(await call("quiz-answer", [answer])).toEqual({ status: 200, result: ended("en") });
    expect(await call("quiz-answer", [{ ...answer, locale: "zh" }])).toEqual({ status: 200, result: ended("zh") });
    expect(await call("reading-position", [{ slug: LESSON, position: "summary" }, "zh"])).toEqual({ status: 200, result: ended("zh") });
    expect(await attemptCount(clientKey)).toBe(0);
  });

  it("map lib's refusals to their reasons and words", async () => {
    session.user = await createUser();
    const answer = { quizId: QUIZ_ID, clientKey: newClientKey(), questionId: "fin-meaning", response: { type: "single", optionId: "a" } };
    expect((await call("quiz-answer", [answer])).result).toEqual({ ok: false, refusal: "unknown-attempt", message: quizWords("en").errors["unknown-attempt"], at: expect.any(Number) });
    expect((await call("quiz-answer", [{ ...answer, locale: "zh" }])).result).toEqual({ ok: false, refusal: "unknown-attempt", message: quizWords("zh").errors["unknown-attempt"], at: expect.any(Number) });
    expect((await call("quiz-start", [{ quizId: "no-such-quiz", clientKey: newClientKey(), locale: "zh" }])).result).toMatchObject({ ok: false, refusal: "unknown-quiz", message: quizWords("zh").errors["unknown-quiz"] });
    expect(await call("reading-position", [{ slug: "no-such-lesson", position: "summary" }, "zh"])).toEqual({
      status: 200,
      result: { ok: false, refusal: "unknown-lesson", message: actionWords("zh").unknownLesson, at: expect.any(Number) },
    });
  });

  it("serve a visitor too, with the visitor cookie the action sets", async () => {
    session.user = null;
    session.jar.clear();
    const started = await call("quiz-start", [{ quizId: QUIZ_ID, clientKey: newClientKey() }]);
    expect(started).toMatchObject({ status: 200, result: { ok: true, mode: "anonymous", token: expect.any(String) } });
    expect(session.jar.size).toBeGreaterThan(0);
  });
});
