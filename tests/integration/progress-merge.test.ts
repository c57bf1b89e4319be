import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { QuestionResponse } from "@/domain/quiz/schema";
import { db } from "@/lib/db.server";
import { getLessonProgress, saveLessonPosition } from "@/lib/progress/lesson-progress.server";
import { mergeAnonymousProgress } from "@/lib/progress/merge.server";
import { signReceipt, verifyAttemptToken, verifyReceipt } from "@/lib/progress/receipts.server";
import { startAnonymousAttempt, submitAnonymousAnswer } from "@/lib/quiz/anonymous.server";
import { createUser } from "../factories/users";
import { LESSON, QUIZ_ID, lessonQuiz, newClientKey, rightResponse, wrongResponse } from "./quiz-helpers";

const quiz = lessonQuiz();

/** What a visitor's browser collects: answering the whole quiz without an account. */
function anonymousRun(right: number) {
  const clientKey = newClientKey();
  const started = startAnonymousAttempt(QUIZ_ID, clientKey);
  if (!started.ok) throw new Error(started.error);
  const { token } = started.attempt;
  const seed = verifyAttemptToken(token)!.seed;
  const receipts = quiz.questions.map((question, index) => {
    const response: QuestionResponse = index < right ? rightResponse(quiz, seed, question.id) : wrongResponse(quiz, seed, question.id);
    const answered = submitAnonymousAnswer(token, question.id, response);
    if (!answered.ok) throw new Error(answered.error);
    return answered.answer.receipt;
  });
  return { clientKey, token, seed, receipts };
}

const lessonReceipt = (milestone: "started" | "position" | "read" | "done", at: number, position?: string) =>
  signReceipt({ k: "lesson", slug: LESSON, milestone, ...(position ? { position } : {}), at });

/** Re-signs a payload with another key, as someone without the server's secret would. */
function forge(payload: object, secret = "not-the-server-secret-but-long-enough-000") {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${createHmac("sha256", secret).update(body).digest("base64url")}`;
}

describe("anonymous quizzes", () => {
  it("grade on the server and store nothing", async () => {
    const before = await db.quizAnswer.count();
    const run = anonymousRun(3);
    expect(run.receipts).toHaveLength(quiz.questions.length);
    expect(await db.quizAnswer.count()).toBe(before);
    expect(await db.quizAttempt.count({ where: { clientKey: run.clientKey } })).toBe(0);
  });

  it("resume the same variant only with the token the server signed for that quiz and key", () => {
    const key = newClientKey();
    const first = startAnonymousAttempt(QUIZ_ID, key);
    if (!first.ok) throw new Error();
    const again = startAnonymousAttempt(QUIZ_ID, key, first.attempt.token);
    expect(again.ok && again.attempt).toEqual(first.attempt);
    const otherKey = startAnonymousAttempt(QUIZ_ID, newClientKey(), first.attempt.token);
    expect(otherKey.ok && otherKey.attempt.token).not.toBe(first.attempt.token);
  });

  it("refuse answers under a forged or edited attempt token", () => {
    const run = anonymousRun(0);
    const payload = JSON.parse(Buffer.from(run.token.split(".")[0]!, "base64url").toString());
    const forged = forge({ ...payload, seed: 1 });
    expect(submitAnonymousAnswer(forged, "fin-meaning", { type: "single", optionId: "sender-done" })).toEqual({ ok: false, error: "unknown-attempt" });
    const [body, sig] = run.token.split(".");
    const edited = `${Buffer.from(JSON.stringify({ ...payload, seed: 2 })).toString("base64url")}.${sig}`;
    expect(body).not.toBe(edited.split(".")[0]);
    expect(verifyAttemptToken(edited)).toBeNull();
    expect(verifyReceipt("garbage")).toBeNull();
    expect(verifyReceipt(`${run.token}.extra`)).toBeNull();
  });
});

describe("merging a visitor's progress into an account", () => {
  it("merges signed answers and lesson milestones: the attempt is stored, passed and the lesson completed", async () => {
    const user = await createUser();
    const run = anonymousRun(quiz.questions.length);
    const readAt = Date.now() - 60_000;
    const summary = await mergeAnonymousProgress(user.id, [lessonReceipt("started", readAt - 1000), lessonReceipt("position", readAt - 500, "summary"), lessonReceipt("read", readAt), run.token, ...run.receipts]);
    expect(summary).toEqual({ lessons: 1, attempts: 1, answers: quiz.questions.length, challenges: 0, rejected: 0 });

    const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { userId_clientKey: { userId: user.id, clientKey: run.clientKey } }, include: { answers: true } });
    expect(attempt).toMatchObject({ quizId: QUIZ_ID, variantSeed: run.seed, score: quiz.questions.length, passed: true });
    expect(attempt.answers).toHaveLength(quiz.questions.length);
    const progress = await getLessonProgress(user.id, LESSON);
    expect(progress?.readToEndAt?.getTime()).toBe(readAt);
    expect(progress?.startedAt.getTime()).toBe(readAt - 1000);
    expect(progress?.lastPosition).toBe("summary");
    expect(progress?.completedAt).toBeInstanceOf(Date);
  });

  it("merging twice, or twice at once, adds nothing the second time", async () => {
    const user = await createUser();
    const run = anonymousRun(2);
    const tokens = [lessonReceipt("read", Date.now() - 5000), ...run.receipts];
    await Promise.all([mergeAnonymousProgress(user.id, tokens), mergeAnonymousProgress(user.id, tokens)]);
    await mergeAnonymousProgress(user.id, tokens);
    expect(await db.quizAttempt.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.quizAnswer.count({ where: { attempt: { userId: user.id } } })).toBe(quiz.questions.length);
    expect(await db.lessonProgress.count({ where: { userId: user.id } })).toBe(1);
    const attempt = await db.quizAttempt.findFirstOrThrow({ where: { userId: user.id } });
    expect(attempt).toMatchObject({ score: 2, passed: false });
  });

  it("counts duplicated receipts once and keeps the first answer to a question", async () => {
    const user = await createUser();
    const run = anonymousRun(0);
    // The visitor answered a question again later (another tab): the earlier answer stands.
    const later = submitAnonymousAnswer(run.token, "fin-meaning", rightResponse(quiz, run.seed, "fin-meaning"));
    if (!later.ok) throw new Error();
    const summary = await mergeAnonymousProgress(user.id, [...run.receipts, ...run.receipts, later.answer.receipt]);
    expect(summary.rejected).toBe(0);
    const answer = await db.quizAnswer.findFirstOrThrow({ where: { attempt: { userId: user.id }, questionId: "fin-meaning" } });
    expect(answer.correct).toBe(false);
    expect(await db.quizAnswer.count({ where: { attempt: { userId: user.id } } })).toBe(quiz.questions.length);
  });

  it("rejects forged, edited and foreign receipts and merges nothing from them", async () => {
    const user = await createUser();
    const run = anonymousRun(0);
    const payload = JSON.parse(Buffer.from(run.receipts[0]!.split(".")[0]!, "base64url").toString());
    const rightAnswer = rightResponse(quiz, run.seed, payload.questionId);
    const edited = `${Buffer.from(JSON.stringify({ ...payload, response: rightAnswer })).toString("base64url")}.${run.receipts[0]!.split(".")[1]}`;
    const forgedLesson = forge({ k: "lesson", slug: LESSON, milestone: "read", at: Date.now() });
    const forgedAnswer = forge({ ...payload, response: rightAnswer, clientKey: newClientKey() });
    const unknownLesson = signReceipt({ k: "lesson", slug: "no-such-lesson", milestone: "read", at: Date.now() });
    const summary = await mergeAnonymousProgress(user.id, [edited, forgedLesson, forgedAnswer, unknownLesson, "", 42, { k: "lesson" }]);
    expect(summary).toEqual({ lessons: 0, attempts: 0, answers: 0, challenges: 0, rejected: 7 });
    expect(await db.quizAttempt.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.lessonProgress.count({ where: { userId: user.id } })).toBe(0);
  });

  it("keeps what the account already had: earliest times, existing position", async () => {
    const user = await createUser();
    await saveLessonPosition(user.id, LESSON, "the-other-flags");
    const before = await getLessonProgress(user.id, LESSON);
    await mergeAnonymousProgress(user.id, [lessonReceipt("position", Date.now(), "summary"), lessonReceipt("started", Date.now() + 10_000)]);
    const after = await getLessonProgress(user.id, LESSON);
    expect(after?.lastPosition).toBe("the-other-flags");
    expect(after?.startedAt).toEqual(before?.startedAt);
  });

  it("merges into the signed-in account only, and two accounts merging the same receipts each get their own copy", async () => {
    const [a, b] = await Promise.all([createUser(), createUser()]);
    const run = anonymousRun(1);
    await mergeAnonymousProgress(a.id, run.receipts);
    await mergeAnonymousProgress(b.id, run.receipts);
    expect(await db.quizAttempt.count({ where: { clientKey: run.clientKey } })).toBe(2);
    expect(await db.quizAnswer.count({ where: { attempt: { userId: a.id } } })).toBe(quiz.questions.length);
  });

  it("keeps answer times from the receipts, so mastery sees the real order", async () => {
    const user = await createUser();
    const run = anonymousRun(0);
    await mergeAnonymousProgress(user.id, run.receipts);
    const answers = await db.quizAnswer.findMany({ where: { attempt: { userId: user.id } }, select: { answeredAt: true } });
    for (const answer of answers) expect(answer.answeredAt.getTime()).toBeLessThanOrEqual(Date.now());
    const attempt = await db.quizAttempt.findFirstOrThrow({ where: { userId: user.id } });
    expect(attempt.startedAt.getTime()).toBe(Math.min(...run.receipts.map((r) => (verifyReceipt(r) as { at: number }).at)));
  });
});
