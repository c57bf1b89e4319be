/**
 * A visitor's progress merged into an account (ADR 0302, ADR 0402) with the lib functions: the
 * visitor is the binding of their browser's cookie, passed in as the Server Actions do.
 */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { QuestionResponse } from "@/domain/quiz/schema";
import { db } from "@/lib/db.server";
import { getLessonProgress, saveLessonPosition } from "@/lib/progress/lesson-progress.server";
import { mergeAnonymousProgress } from "@/lib/progress/merge.server";
import { newReceiptId, signReceipt, verifyAttemptToken, verifyReceipt } from "@/lib/progress/receipts.server";
import { visitorBinding } from "@/lib/progress/visitor.server";
import { startAnonymousAttempt, submitAnonymousAnswer } from "@/lib/quiz/anonymous.server";
import { createUser } from "../factories/users";
import { LESSON, QUIZ_ID, lessonQuiz, newClientKey, rightResponse, wrongResponse } from "./quiz-helpers";

const quiz = lessonQuiz();
const newVisitor = () => visitorBinding(newReceiptId() + newReceiptId().slice(0, 10));

/** What a visitor's browser collects: answering the whole quiz without an account. */
async function anonymousRun(right: number, visitor = newVisitor()) {
  const clientKey = newClientKey();
  const started = await startAnonymousAttempt(visitor, QUIZ_ID, clientKey);
  if (!started.ok) throw new Error(started.refusal);
  const { token } = started.attempt;
  const seed = verifyAttemptToken(token)!.seed;
  const receipts: string[] = [];
  for (const [index, question] of quiz.questions.entries()) {
    const response: QuestionResponse = index < right ? rightResponse(quiz, seed, question.id) : wrongResponse(quiz, seed, question.id);
    const answered = await submitAnonymousAnswer(visitor, token, question.id, response);
    if (!answered.ok) throw new Error(answered.refusal);
    receipts.push(answered.answer.receipt);
  }
  return { visitor, clientKey, token, seed, receipts };
}

const lessonReceipt = (visitor: string, milestone: "started" | "position" | "read" | "done", at: number, position?: string) =>
  signReceipt({ k: "lesson", id: newReceiptId(), v: visitor, slug: LESSON, milestone, ...(position ? { position } : {}), at });

/** Re-signs a payload with another key, as someone without the server's secret would. */
function forge(payload: object, secret = "not-the-server-secret-but-long-enough-000") {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${createHmac("sha256", secret).update(body).digest("base64url")}`;
}

const NOTHING = { lessons: 0, attempts: 0, answers: 0, challenges: 0, reviews: 0, rejected: 0, otherBrowser: 0, alreadyUsed: 0 };

describe("anonymous quizzes", () => {
  it("grade on the server and store no attempt, only the visitor's first answers", async () => {
    const before = await db.quizAnswer.count();
    const run = await anonymousRun(3);
    expect(run.receipts).toHaveLength(quiz.questions.length);
    expect(await db.quizAnswer.count()).toBe(before);
    expect(await db.quizAttempt.count({ where: { clientKey: run.clientKey } })).toBe(0);
    expect(await db.visitorQuizAnswer.count({ where: { visitor: run.visitor, clientKey: run.clientKey } })).toBe(quiz.questions.length);
  });

  it("count the first answer to a question: a second answer gets the first one's grading and receipt back", async () => {
    const run = await anonymousRun(0);
    const question = quiz.questions[0]!;
    const again = await submitAnonymousAnswer(run.visitor, run.token, question.id, rightResponse(quiz, run.seed, question.id));
    expect(again).toMatchObject({ ok: true, answer: { alreadyAnswered: true, grading: { correct: false }, receipt: run.receipts[0], response: wrongResponse(quiz, run.seed, question.id) } });
    expect(await db.visitorQuizAnswer.count({ where: { visitor: run.visitor, clientKey: run.clientKey } })).toBe(quiz.questions.length);
  });

  it("resume the same variant, with its answers, only in the browser the token was signed for", async () => {
    const visitor = newVisitor();
    const key = newClientKey();
    const first = await startAnonymousAttempt(visitor, QUIZ_ID, key);
    if (!first.ok) throw new Error();
    const seed = verifyAttemptToken(first.attempt.token)!.seed;
    await submitAnonymousAnswer(visitor, first.attempt.token, "fin-meaning", rightResponse(quiz, seed, "fin-meaning"));
    const again = await startAnonymousAttempt(visitor, QUIZ_ID, key, first.attempt.token);
    expect(again.ok && again.attempt.quiz).toEqual(first.attempt.quiz);
    expect(again.ok && again.attempt.answered.map((g) => g.questionId)).toEqual(["fin-meaning"]);
    expect(again.ok && again.attempt.responses["fin-meaning"]).toEqual(rightResponse(quiz, seed, "fin-meaning"));
    const otherKey = await startAnonymousAttempt(visitor, QUIZ_ID, newClientKey(), first.attempt.token);
    expect(otherKey.ok && otherKey.attempt.token).not.toBe(first.attempt.token);
    // Another browser holding the token starts afresh and cannot answer under it.
    const elsewhere = newVisitor();
    const copied = await startAnonymousAttempt(elsewhere, QUIZ_ID, key, first.attempt.token);
    expect(copied.ok && copied.attempt.token).not.toBe(first.attempt.token);
    expect(await submitAnonymousAnswer(elsewhere, first.attempt.token, "syn-without-ack", rightResponse(quiz, seed, "syn-without-ack"))).toEqual({ ok: false, refusal: "unknown-attempt" });
  });

  it("refuse answers under a forged or edited attempt token", async () => {
    const run = await anonymousRun(0);
    const payload = JSON.parse(Buffer.from(run.token.split(".")[0]!, "base64url").toString());
    const forged = forge({ ...payload, seed: 1 });
    expect(await submitAnonymousAnswer(run.visitor, forged, "fin-meaning", { type: "single", optionId: "sender-done" })).toEqual({ ok: false, refusal: "unknown-attempt" });
    const [body, sig] = run.token.split(".");
    const edited = `${Buffer.from(JSON.stringify({ ...payload, seed: 2 })).toString("base64url")}.${sig}`;
    expect(body).not.toBe(edited.split(".")[0]);
    expect(verifyAttemptToken(edited)).toBeNull();
    expect(verifyReceipt("garbage")).toBeNull();
    expect(verifyReceipt(`${run.token}.extra`)).toBeNull();
  });
});

describe("merging a visitor's progress into an account", () => {
  it("merges signed answers and lesson milestones from the same browser: the attempt is stored, passed and the lesson completed", async () => {
    const user = await createUser();
    const run = await anonymousRun(quiz.questions.length);
    const readAt = Date.now() - 60_000;
    const before = Date.now();
    const summary = await mergeAnonymousProgress(user, run.visitor, [
      lessonReceipt(run.visitor, "started", readAt - 1000),
      lessonReceipt(run.visitor, "position", readAt - 500, "summary"),
      lessonReceipt(run.visitor, "read", readAt),
      run.token,
      ...run.receipts,
    ]);
    expect(summary).toEqual({ ...NOTHING, lessons: 1, attempts: 1, answers: quiz.questions.length });

    const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { userId_clientKey: { userId: user.id, clientKey: run.clientKey } }, include: { answers: true } });
    expect(attempt).toMatchObject({ quizId: QUIZ_ID, variantSeed: run.seed, score: quiz.questions.length, passed: true });
    expect(attempt.answers).toHaveLength(quiz.questions.length);
    // Handed in when the account proved it, not when the visitor answered.
    expect(attempt.submittedAt!.getTime()).toBeGreaterThanOrEqual(before);
    const progress = await getLessonProgress(user, LESSON);
    expect(progress?.readToEndAt?.getTime()).toBe(readAt);
    expect(progress?.startedAt.getTime()).toBe(readAt - 1000);
    expect(progress?.lastPosition).toBe("summary");
    expect(progress!.completedAt!.getTime()).toBeGreaterThanOrEqual(before);
    const evidence = await db.completionEvidence.findFirstOrThrow({ where: { userId: user.id, targetType: "LESSON", targetId: LESSON } });
    // Done when both parts were, signed out: read at readAt, the quiz passed with its last answer.
    const passedAt = Math.max(...run.receipts.map((r) => (verifyReceipt(r) as { at: number }).at));
    expect(evidence).toMatchObject({ doneAt: new Date(Math.max(readAt, passedAt)), signedOut: true });
    expect(evidence.handedInAt.getTime()).toBeGreaterThanOrEqual(before);
  });

  it("merging twice, or twice at once, adds nothing the second time: each receipt is spent once", async () => {
    const user = await createUser();
    const run = await anonymousRun(2);
    const tokens = [lessonReceipt(run.visitor, "read", Date.now() - 5000), ...run.receipts];
    const both = await Promise.all([mergeAnonymousProgress(user, run.visitor, tokens), mergeAnonymousProgress(user, run.visitor, tokens)]);
    expect(both.reduce((sum, s) => sum + s.answers, 0)).toBe(quiz.questions.length);
    expect(await mergeAnonymousProgress(user, run.visitor, tokens)).toEqual({ ...NOTHING, alreadyUsed: tokens.length });
    expect(await db.quizAttempt.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.quizAnswer.count({ where: { attempt: { userId: user.id } } })).toBe(quiz.questions.length);
    expect(await db.lessonProgress.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.spentReceipt.count({ where: { userId: user.id } })).toBe(tokens.length);
    const attempt = await db.quizAttempt.findFirstOrThrow({ where: { userId: user.id } });
    expect(attempt).toMatchObject({ score: 2, passed: false });
  });

  it("rejects receipts from another browser: they cannot be handed to a classmate", async () => {
    const classmate = await createUser();
    const run = await anonymousRun(quiz.questions.length);
    const summary = await mergeAnonymousProgress(classmate, newVisitor(), run.receipts);
    expect(summary).toEqual({ ...NOTHING, otherBrowser: run.receipts.length });
    expect(await mergeAnonymousProgress(classmate, null, run.receipts)).toEqual({ ...NOTHING, otherBrowser: run.receipts.length });
    expect(await db.quizAttempt.count({ where: { userId: classmate.id } })).toBe(0);
    // Nothing was spent: the visitor can still merge their own work into their own account.
    const owner = await createUser();
    expect(await mergeAnonymousProgress(owner, run.visitor, run.receipts)).toMatchObject({ answers: run.receipts.length, otherBrowser: 0 });
  });

  it("credits one account only: a second account signed in from the same browser gets nothing", async () => {
    const [first, second] = await Promise.all([createUser(), createUser()]);
    const run = await anonymousRun(quiz.questions.length);
    await mergeAnonymousProgress(first, run.visitor, run.receipts);
    expect(await mergeAnonymousProgress(second, run.visitor, run.receipts)).toEqual({ ...NOTHING, alreadyUsed: run.receipts.length });
    expect(await db.quizAttempt.count({ where: { clientKey: run.clientKey } })).toBe(1);
  });

  it("rejects forged, edited and invented receipts and merges nothing from them", async () => {
    const user = await createUser();
    const run = await anonymousRun(0);
    const payload = JSON.parse(Buffer.from(run.receipts[0]!.split(".")[0]!, "base64url").toString());
    const rightAnswer = rightResponse(quiz, run.seed, payload.questionId);
    const edited = `${Buffer.from(JSON.stringify({ ...payload, response: rightAnswer })).toString("base64url")}.${run.receipts[0]!.split(".")[1]}`;
    const forgedLesson = forge({ k: "lesson", id: newReceiptId(), v: run.visitor, slug: LESSON, milestone: "read", at: Date.now() });
    const forgedAnswer = forge({ ...payload, response: rightAnswer, clientKey: newClientKey() });
    const unknownLesson = signReceipt({ k: "lesson", id: newReceiptId(), v: run.visitor, slug: "no-such-lesson", milestone: "read", at: Date.now() });
    // Signed by the server but never stored as a first answer (a re-answer cannot get a receipt of its own).
    const invented = signReceipt({ ...payload, id: newReceiptId(), response: rightAnswer });
    const summary = await mergeAnonymousProgress(user, run.visitor, [edited, forgedLesson, forgedAnswer, unknownLesson, invented, "", 42, { k: "lesson" }]);
    expect(summary).toEqual({ ...NOTHING, rejected: 8 });
    expect(await db.quizAttempt.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.lessonProgress.count({ where: { userId: user.id } })).toBe(0);
  });

  it("keeps what the account already had: earliest times, existing position", async () => {
    const user = await createUser();
    const visitor = newVisitor();
    await saveLessonPosition(user, LESSON, "the-other-flags");
    const before = await getLessonProgress(user, LESSON);
    await mergeAnonymousProgress(user, visitor, [lessonReceipt(visitor, "position", Date.now(), "summary"), lessonReceipt(visitor, "started", Date.now() + 10_000)]);
    const after = await getLessonProgress(user, LESSON);
    expect(after?.lastPosition).toBe("the-other-flags");
    expect(after?.startedAt).toEqual(before?.startedAt);
  });

  it("keeps answer times from the receipts, so mastery sees the real order", async () => {
    const user = await createUser();
    const run = await anonymousRun(0);
    await mergeAnonymousProgress(user, run.visitor, run.receipts);
    const answers = await db.quizAnswer.findMany({ where: { attempt: { userId: user.id } }, select: { answeredAt: true } });
    for (const answer of answers) expect(answer.answeredAt.getTime()).toBeLessThanOrEqual(Date.now());
    const attempt = await db.quizAttempt.findFirstOrThrow({ where: { userId: user.id } });
    expect(attempt.startedAt.getTime()).toBe(Math.min(...run.receipts.map((r) => (verifyReceipt(r) as { at: number }).at)));
  });
});
