import { describe, expect, it } from "vitest";
import { db } from "@/lib/db.server";
import { createOrFindAttempt, getQuizStats, startAttempt, submitAnswer } from "@/lib/quiz/attempts.server";
import { getLessonProgress, markLessonRead } from "@/lib/progress/lesson-progress.server";
import { getQuiz } from "@/lib/quiz/registry.server";
import { createUser } from "../factories/users";
import type { CurrentUser } from "@/lib/auth/session.server";
import { LESSON, QUIZ_ID, lessonQuiz, newClientKey, rightResponse, seedOf, wrongResponse } from "./quiz-helpers";

const quiz = lessonQuiz();
const total = quiz.questions.length;

/** Answers every question of an attempt: the first `right` correctly, the rest wrongly. */
async function answerAll(user: CurrentUser, clientKey: string, right: number) {
  const seed = await seedOf(user.id, clientKey);
  let last;
  for (const [index, question] of quiz.questions.entries()) {
    const response = index < right ? rightResponse(quiz, seed, question.id) : wrongResponse(quiz, seed, question.id);
    last = await submitAnswer(user, QUIZ_ID, clientKey, question.id, response);
    expect(last.ok).toBe(true);
  }
  return last;
}

describe("quiz attempts", () => {
  it("stores the attempt and every answer with concept and misconception", async () => {
    const user = await createUser();
    const key = newClientKey();
    const started = await startAttempt(user, QUIZ_ID, key);
    expect(started.ok && started.attempt.quiz.questions).toHaveLength(total);
    const seed = await seedOf(user.id, key);

    const question = quiz.questions.find((q) => q.id === "syn-without-ack")!;
    const wrong = await submitAnswer(user, QUIZ_ID, key, question.id, wrongResponse(quiz, seed, question.id));
    expect(wrong).toMatchObject({ ok: true, answer: { grading: { correct: false, points: 0 }, progress: { answered: 1, total, score: 0, complete: false } } });

    const rows = await db.quizAnswer.findMany({ where: { attempt: { userId: user.id } } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ questionId: "syn-without-ack", concept: "flags", correct: false, points: 0 });
    expect(rows[0]!.misconception).toMatch(/^[a-z-]+(,[a-z-]+)*$/);
    expect(JSON.parse(rows[0]!.response)).toMatchObject({ type: "single" });
  });

  it("a double click or two tabs store one answer and return the stored grading", async () => {
    const user = await createUser();
    const key = newClientKey();
    await startAttempt(user, QUIZ_ID, key);
    const seed = await seedOf(user.id, key);
    const id = "data-ack-number";
    const right = rightResponse(quiz, seed, id);
    const wrong = wrongResponse(quiz, seed, id);
    // The first write wins; the others (even with another response) get its grading back.
    const results = await Promise.all([submitAnswer(user, QUIZ_ID, key, id, right), ...Array.from({ length: 7 }, () => submitAnswer(user, QUIZ_ID, key, id, wrong))]);
    expect(await db.quizAnswer.count({ where: { attempt: { userId: user.id }, questionId: id } })).toBe(1);
    const stored = await db.quizAnswer.findFirstOrThrow({ where: { attempt: { userId: user.id }, questionId: id } });
    for (const result of results) expect(result.ok && result.answer.grading.correct).toBe(stored.correct);
    const attempt = await db.quizAttempt.findFirstOrThrow({ where: { userId: user.id } });
    expect(attempt.score).toBe(stored.correct ? 1 : 0);
  });

  it("starting twice with the same client key resumes one attempt with the same variant", async () => {
    const user = await createUser();
    const key = newClientKey();
    const [a, b, c] = await Promise.all([startAttempt(user, QUIZ_ID, key), startAttempt(user, QUIZ_ID, key), startAttempt(user, QUIZ_ID, key)]);
    expect(await db.quizAttempt.count({ where: { userId: user.id } })).toBe(1);
    expect(a.ok && b.ok && c.ok).toBe(true);
    if (a.ok && b.ok) expect(b.attempt.quiz).toEqual(a.attempt.quiz);

    const seed = await seedOf(user.id, key);
    await submitAnswer(user, QUIZ_ID, key, "fin-meaning", rightResponse(quiz, seed, "fin-meaning"));
    const resumed = await startAttempt(user, QUIZ_ID, key);
    expect(resumed.ok && resumed.attempt.answered.map((g) => [g.questionId, g.correct])).toEqual([["fin-meaning", true]]);
    expect(resumed.ok && resumed.attempt.answered[0]!.explanation).toBe(quiz.questions.find((q) => q.id === "fin-meaning")!.explanation);
  });

  it("stores a started attempt as Prisma reads it: empty score, the quiz's maximum, no submission", async () => {
    const user = await createUser();
    const key = newClientKey();
    const before = Date.now();
    const started = await startAttempt(user, QUIZ_ID, key);
    expect(started).toMatchObject({ ok: true, attempt: { clientKey: key, answered: [], responses: {}, progress: { answered: 0, total, score: 0, complete: false, passed: false } } });
    const row = await db.quizAttempt.findUniqueOrThrow({ where: { userId_clientKey: { userId: user.id, clientKey: key } } });
    expect(row).toMatchObject({ quizId: QUIZ_ID, score: 0, maxScore: total, passed: false, submittedAt: null });
    expect(row.id).toMatch(/^c[0-9a-z]{24}$/);
    expect(row.startedAt.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(row.startedAt.getTime()).toBeLessThanOrEqual(Date.now());
    // Prisma's filters on the start time see the same instant.
    expect(await db.quizAttempt.count({ where: { id: row.id, startedAt: { gte: row.startedAt, lte: row.startedAt } } })).toBe(1);
    // The same key again returns the stored attempt, whatever seed and time the repeat brings.
    const again = await createOrFindAttempt(user.id, quiz, key, row.variantSeed + 1, new Date(0));
    expect(again).toEqual({ id: row.id, quizId: QUIZ_ID, variantSeed: row.variantSeed, score: 0, maxScore: total, passed: false, submittedAt: null });
  });

  it("resumes the learner's latest unfinished attempt at this quiz, never another learner's or quiz's, and refuses a key taken by another quiz", async () => {
    const [user, other] = await Promise.all([createUser(), createUser()]);
    const [older, latest, finished] = [newClientKey(), newClientKey(), newClientKey()];
    await createOrFindAttempt(user.id, quiz, older, 11, new Date("2026-01-01T10:00:00.000Z"));
    await createOrFindAttempt(user.id, quiz, latest, 12, new Date("2026-01-02T10:00:00.000Z"));
    const done = await createOrFindAttempt(user.id, quiz, finished, 13, new Date("2026-01-03T10:00:00.000Z"));
    await db.quizAttempt.update({ where: { id: done.id }, data: { submittedAt: new Date("2026-01-03T10:05:00.000Z") } });
    await createOrFindAttempt(other.id, quiz, newClientKey(), 14, new Date("2026-01-04T10:00:00.000Z"));
    const resumed = await startAttempt(user, QUIZ_ID, newClientKey(), "en", { resumeLatest: true });
    expect(resumed.ok && resumed.attempt.clientKey).toBe(latest);
    expect(await db.quizAttempt.count({ where: { userId: user.id } })).toBe(3);

    const fresh = newClientKey();
    const started = await startAttempt(other, QUIZ_ID, fresh, "en", { resumeLatest: false });
    expect(started.ok && started.attempt.clientKey).toBe(fresh);
    const elsewhere = getQuiz("three-way-handshake");
    if (!elsewhere) throw new Error("the handshake quiz is not registered");
    const taken = newClientKey();
    await createOrFindAttempt(user.id, elsewhere, taken, 15);
    expect(await startAttempt(user, QUIZ_ID, taken)).toEqual({ ok: false, refusal: "key-in-use" });
  });

  it("every new attempt is a fresh variant with its own stored seed", async () => {
    const user = await createUser();
    const keys = [newClientKey(), newClientKey(), newClientKey()];
    const quizzes = await Promise.all(keys.map((key) => startAttempt(user, QUIZ_ID, key)));
    const seeds = await Promise.all(keys.map((key) => seedOf(user.id, key)));
    expect(new Set(seeds).size).toBe(3);
    const prompts = quizzes.map((q) => (q.ok ? q.attempt.quiz.questions.find((x) => x.id === "synack-ack-number")?.prompt : null));
    expect(new Set(prompts).size).toBe(3);
  });

  it("scores attempts against the pass threshold and keeps best and latest", async () => {
    const user = await createUser();
    const needed = Math.ceil(quiz.passThreshold * total);

    const first = newClientKey();
    await startAttempt(user, QUIZ_ID, first);
    const failed = await answerAll(user, first, needed - 1);
    expect(failed).toMatchObject({ ok: true, answer: { progress: { complete: true, passed: false, score: needed - 1 } } });
    let stats = await getQuizStats(user, QUIZ_ID);
    expect(stats).toMatchObject({ finished: 1, passed: false, best: (needed - 1) / total, latest: (needed - 1) / total });

    const second = newClientKey();
    await startAttempt(user, QUIZ_ID, second);
    await answerAll(user, second, total);
    const third = newClientKey();
    await startAttempt(user, QUIZ_ID, third);
    const exactly = await answerAll(user, third, needed);
    expect(exactly).toMatchObject({ ok: true, answer: { progress: { passed: true, score: needed } } });

    stats = await getQuizStats(user, QUIZ_ID);
    expect(stats).toMatchObject({ finished: 3, passed: true, best: 1, latest: needed / total });
    const attempts = await db.quizAttempt.findMany({ where: { userId: user.id }, orderBy: { startedAt: "asc" } });
    expect(attempts.map((a) => [a.score, a.maxScore, a.passed, a.submittedAt !== null])).toEqual([
      [needed - 1, total, false, true],
      [total, total, true, true],
      [needed, total, true, true],
    ]);
  });

  it("concurrent answers to different questions lose nothing", async () => {
    const user = await createUser();
    const key = newClientKey();
    await startAttempt(user, QUIZ_ID, key);
    const seed = await seedOf(user.id, key);
    await Promise.all(quiz.questions.map((q) => submitAnswer(user, QUIZ_ID, key, q.id, rightResponse(quiz, seed, q.id))));
    const attempt = await db.quizAttempt.findFirstOrThrow({ where: { userId: user.id } });
    expect(attempt).toMatchObject({ score: total, maxScore: total, passed: true });
    expect(attempt.submittedAt).not.toBeNull();
    expect(await db.quizAnswer.count({ where: { attemptId: attempt.id } })).toBe(total);
  });

  it("nobody can answer into someone else's attempt", async () => {
    const [owner, intruder] = await Promise.all([createUser(), createUser()]);
    const key = newClientKey();
    await startAttempt(owner, QUIZ_ID, key);
    const seed = await seedOf(owner.id, key);
    const result = await submitAnswer(intruder, QUIZ_ID, key, "fin-meaning", rightResponse(quiz, seed, "fin-meaning"));
    expect(result).toEqual({ ok: false, refusal: "unknown-attempt" });
    expect(await db.quizAnswer.count({ where: { attempt: { userId: owner.id } } })).toBe(0);

    // The same key is simply a different attempt for the intruder.
    await startAttempt(intruder, QUIZ_ID, key);
    expect(await db.quizAttempt.count({ where: { clientKey: key } })).toBe(2);
  });

  it("refuses unknown quizzes, questions, other quizzes' keys and malformed responses", async () => {
    const user = await createUser();
    const key = newClientKey();
    expect(await startAttempt(user, "no-such-quiz", key)).toEqual({ ok: false, refusal: "unknown-quiz" });
    await startAttempt(user, QUIZ_ID, key);
    expect(await submitAnswer(user, QUIZ_ID, key, "no-such-question", { type: "single", optionId: "x" })).toEqual({ ok: false, refusal: "unknown-question" });
    expect(await submitAnswer(user, "other-quiz", key, "fin-meaning", { type: "single", optionId: "x" })).toEqual({ ok: false, refusal: "unknown-attempt" });
    expect(await submitAnswer(user, QUIZ_ID, key, "fin-meaning", { type: "flags", flags: [] })).toEqual({ ok: false, refusal: "invalid-response" });
    expect(await submitAnswer(user, QUIZ_ID, key, "fin-meaning", { type: "single", optionId: "not-an-option" })).toEqual({ ok: false, refusal: "invalid-response" });
    expect(await db.quizAnswer.count({ where: { attempt: { userId: user.id } } })).toBe(0);
  });

  it("passing the quiz completes a lesson that was read, whichever comes first", async () => {
    const [readFirst, quizFirst] = await Promise.all([createUser(), createUser()]);

    await markLessonRead(readFirst, LESSON);
    expect((await getLessonProgress(readFirst, LESSON))?.completedAt).toBeNull();
    const key = newClientKey();
    await startAttempt(readFirst, QUIZ_ID, key);
    await answerAll(readFirst, key, total);
    expect((await getLessonProgress(readFirst, LESSON))?.completedAt).toBeInstanceOf(Date);

    const other = newClientKey();
    await startAttempt(quizFirst, QUIZ_ID, other);
    await answerAll(quizFirst, other, total);
    expect(await getLessonProgress(quizFirst, LESSON)).toBeNull();
    const read = await markLessonRead(quizFirst, LESSON);
    expect(read.completedAt).toBeInstanceOf(Date);
  });

  it("reading to the end and passing at the same moment still complete the lesson", async () => {
    for (let round = 0; round < 3; round++) {
      const user = await createUser();
      const key = newClientKey();
      await startAttempt(user, QUIZ_ID, key);
      const seed = await seedOf(user.id, key);
      const [last, ...rest] = [...quiz.questions].reverse();
      for (const question of rest) await submitAnswer(user, QUIZ_ID, key, question.id, rightResponse(quiz, seed, question.id));
      await Promise.all([markLessonRead(user, LESSON), submitAnswer(user, QUIZ_ID, key, last!.id, rightResponse(quiz, seed, last!.id))]);
      expect((await getLessonProgress(user, LESSON))?.completedAt).toBeInstanceOf(Date);
    }
  });

  it("a failed quiz does not complete the lesson", async () => {
    const user = await createUser();
    await markLessonRead(user, LESSON);
    const key = newClientKey();
    await startAttempt(user, QUIZ_ID, key);
    await answerAll(user, key, 0);
    expect((await getLessonProgress(user, LESSON))?.completedAt).toBeNull();
  });

  it("deletes attempts and answers with the account", async () => {
    const user = await createUser();
    const key = newClientKey();
    await startAttempt(user, QUIZ_ID, key);
    await answerAll(user, key, 2);
    await db.user.delete({ where: { id: user.id } });
    expect(await db.quizAttempt.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.quizAnswer.count({ where: { attempt: { clientKey: key } } })).toBe(0);
  });
});
