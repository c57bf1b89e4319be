import { describe, expect, it } from "vitest";
import { replayCard, REVIEW_RATINGS, type ReviewRating } from "@/domain/review/schedule";
import { computeMastery } from "@/domain/quiz/mastery";
import type { QuestionResponse, Quiz } from "@/domain/quiz/schema";
import { resolveQuestion } from "@/domain/quiz/variant";
import { db } from "@/lib/db.server";
import { createOrFindAttempt, listQuizStats, storeAnswer } from "@/lib/quiz/attempts.server";
import { getQuiz } from "@/lib/quiz/registry.server";
import { recordPrediction } from "@/lib/practice/predictions.server";
import { listQueue, recordAnswerForReview, reviewSummary } from "@/lib/review/queue.server";
import { parseStoredItems, REVIEW_QUIZ_ID, startReviewSession, submitReviewAnswer } from "@/lib/review/sessions.server";
import { keyResponse } from "@/tests/support/quiz-responses";
import { createUser } from "../factories/users";
import type { CurrentUser } from "@/lib/auth/session.server";
import { newClientKey, wrongResponse } from "./quiz-helpers";

const DAY = 86_400_000;
const t0 = new Date("2027-03-01T09:00:00Z");
const day = (n: number, hours = 0) => new Date(t0.getTime() + n * DAY + hours * 3_600_000);
const quiz = getQuiz("time-wait")!;
const MISSED = ["who-enters", "linux-length", "after-last-ack"];

/** Takes the time-wait quiz at `at`, missing the questions named. */
async function takeQuiz(userId: string, at: Date, missed: readonly string[]) {
  const attempt = await createOrFindAttempt(userId, quiz, newClientKey(), 4242, at);
  for (const question of quiz.questions) {
    const key = resolveQuestion(question, attempt.variantSeed).answer;
    const response = missed.includes(question.id) ? wrongResponse(quiz, attempt.variantSeed, question.id) : keyResponse(key);
    expect((await storeAnswer(userId, attempt, quiz, question.id, response, at)).ok).toBe(true);
  }
}

async function sessionOf(userId: string, clientKey: string) {
  const session = await db.reviewSession.findUniqueOrThrow({ where: { userId_clientKey: { userId, clientKey } } });
  return { seed: session.seed, items: parseStoredItems(session.items) };
}

function responseFor(item: { quizId: string; questionId: string }, seed: number, right: boolean): QuestionResponse {
  const source: Quiz = getQuiz(item.quizId)!;
  return right ? keyResponse(resolveQuestion(source.questions.find((q) => q.id === item.questionId)!, seed).answer) : wrongResponse(source, seed, item.questionId);
}

/** Runs a whole review session at `now`; `wrong` names the question ids to miss. Returns the keys reviewed. */
async function review(user: CurrentUser, now: Date, wrong: readonly string[] = []) {
  const clientKey = newClientKey();
  const started = await startReviewSession(user, clientKey, { now });
  if (!started.ok) return { started, keys: [] as string[] };
  const { seed, items } = await sessionOf(user.id, clientKey);
  for (const [index, item] of items.entries()) {
    const result = await submitReviewAnswer(user, clientKey, index, responseFor(item, seed, !wrong.includes(item.questionId)), { now });
    expect(result.ok).toBe(true);
  }
  return { started, keys: items.map((item) => item.key), items, seed };
}

async function cardOf(userId: string, itemKey: string) {
  return db.reviewCard.findUniqueOrThrow({ where: { userId_itemKey: { userId, itemKey } } });
}

async function eventsReplay(userId: string, itemKey: string) {
  const events = await db.reviewEvent.findMany({ where: { userId, itemKey }, orderBy: { reviewedAt: "asc" } });
  return replayCard(events.map((e) => ({ at: e.reviewedAt, rating: e.rating as ReviewRating })));
}

describe("spaced review through several days (fixed clock)", () => {
  it("brings missed questions back the next day with fresh variants, spaces them out, and masters the concept", async () => {
    const user = await createUser();
    await takeQuiz(user.id, t0, MISSED);

    // Day 0: the three missed questions are queued, due tomorrow; nothing is due yet.
    const queued = await listQueue(user);
    const questionKeys = MISSED.map((id) => `q:time-wait/${id}`);
    expect(queued.map((c) => c.key)).toEqual(expect.arrayContaining(questionKeys));
    expect(await reviewSummary(user, day(0, 2))).toMatchObject({ due: 0, nextDueAt: day(1) });
    const nothing = await startReviewSession(user, newClientKey(), { now: day(0, 2) });
    expect(nothing).toEqual({ ok: false, refusal: "nothing-due", nextDueAt: day(1) });
    expect(await db.reviewSession.count({ where: { userId: user.id } })).toBe(0);

    // Day 1: all of them are due; the session asks them with its own seed (a fresh variant).
    expect((await reviewSummary(user, day(1))).due).toBe(queued.length);
    const first = await review(user, day(1));
    expect(first.keys).toEqual(expect.arrayContaining(questionKeys));
    expect(first.seed).not.toBe(4242);
    const generated = first.items!.find((item) => item.questionId === "after-last-ack")!;
    const before = resolveQuestion(quiz.questions.find((q) => q.id === "after-last-ack")!, 4242).public;
    const after = resolveQuestion(quiz.questions.find((q) => q.id === "after-last-ack")!, first.seed!).public;
    expect(generated).toBeDefined();
    expect(JSON.stringify(after)).not.toBe(JSON.stringify(before));

    // Answered well: nothing is due the next day; each card's next review is days away.
    expect((await reviewSummary(user, day(2))).due).toBe(0);
    const afterFirst = await Promise.all(questionKeys.map((key) => cardOf(user.id, key)));
    for (const card of afterFirst) {
      expect(card.due.getTime()).toBeGreaterThan(day(2).getTime());
      expect(card.lastReview).toEqual(day(1));
    }

    // Keep reviewing whenever something is due, missing "linux-length" once on its second review.
    const intervals = new Map<string, number[]>();
    let missedOnce = false;
    for (let n = 2; n <= 40; n++) {
      const summary = await reviewSummary(user, day(n));
      if (summary.due === 0) continue;
      const wrong: string[] = !missedOnce && (await cardOf(user.id, "q:time-wait/linux-length")).due <= day(n) ? ["linux-length"] : [];
      missedOnce ||= wrong.length > 0;
      const before = await Promise.all(questionKeys.map((key) => cardOf(user.id, key)));
      const session = await review(user, day(n), wrong);
      for (const [i, key] of questionKeys.entries()) {
        if (!session.keys.includes(key)) continue;
        const card = await cardOf(user.id, key);
        intervals.set(key, [...(intervals.get(key) ?? []), Math.round((card.due.getTime() - before[i]!.lastReview!.getTime()) / DAY)]);
      }
    }
    expect(missedOnce).toBe(true);
    const lapsed = await cardOf(user.id, "q:time-wait/linux-length");
    expect(lapsed.lapses).toBeGreaterThanOrEqual(1);
    for (const key of questionKeys) {
      const card = await cardOf(user.id, key);
      // Every stored card is exactly the replay of its events.
      expect(await eventsReplay(user.id, key)).toMatchObject({ due: card.due, reps: card.reps, lapses: card.lapses, scheduledDays: card.scheduledDays });
      expect(card.scheduledDays).toBeGreaterThanOrEqual(7);
    }
    // Intervals grew for a question never missed again.
    const steady = intervals.get("q:time-wait/who-enters")!;
    expect(steady.length).toBeGreaterThanOrEqual(2);
    expect(steady.at(-1)!).toBeGreaterThan(steady[0]!);

    // Review answers count toward mastery like quiz answers: the concept is mastered now.
    const answers = await db.quizAnswer.findMany({ where: { attempt: { userId: user.id } }, select: { concept: true, correct: true, answeredAt: true } });
    expect(computeMastery(answers).find((m) => m.concept === "time-wait")).toMatchObject({ level: "mastered" });
    // ... while quiz statistics never see review attempts.
    expect((await listQuizStats(user)).map((s) => s.quizId)).toEqual(["time-wait"]);
    expect(await db.quizAttempt.count({ where: { userId: user.id, quizId: REVIEW_QUIZ_ID, submittedAt: { not: null } } })).toBe(0);
  });

  it("queues a shaky concept, and a missed prediction as a question of its kind", async () => {
    const user = await createUser();
    // Four of seven wrong: time-wait mastery is "learning" after enough answers.
    await takeQuiz(user.id, t0, ["two-reasons", "who-enters", "linux-length", "rfc-msl"]);
    expect((await listQueue(user)).map((c) => c.key)).toContain("c:time-wait");

    // A prediction the simulator graded wrong (lib/practice/predictions.server.ts stores it).
    const missed = { ok: true as const, correct: false, answer: "SYN-SENT", truth: "SYN-RECEIVED", concept: "handshake-states" as const, key: "run-1-step-2" };
    expect(await recordPrediction(user, missed)).toEqual({ stored: "new", correct: false });
    expect(await recordPrediction(user, { ...missed, correct: true })).toEqual({ stored: "existing", correct: false });
    expect((await listQueue(user)).map((c) => c.key)).toContain("p:handshake-states");
    expect(await db.reviewEvent.count({ where: { userId: user.id, itemKey: "p:handshake-states" } })).toBe(1);

    const session = await review(user, day(1));
    const predicted = session.items!.find((item) => item.key === "p:handshake-states")!;
    expect(getQuiz(predicted.quizId)!.questions.find((q) => q.id === predicted.questionId)!.type).toBe("state");
    const concept = session.items!.find((item) => item.key === "c:time-wait")!;
    expect(concept.concept).toBe("time-wait");
    // Never the same question twice in one session.
    expect(new Set(session.items!.map((i) => `${i.quizId}/${i.questionId}`)).size).toBe(session.items!.length);
  });

  it("rates right-but-unsure as hard: the item comes back sooner than when sure", async () => {
    const [sure, unsure] = await Promise.all([createUser(), createUser()]);
    for (const user of [sure, unsure]) await takeQuiz(user.id, t0, ["who-enters"]);
    for (const [user, flag] of [[sure, false], [unsure, true]] as const) {
      const clientKey = newClientKey();
      expect((await startReviewSession(user, clientKey, { now: day(1) })).ok).toBe(true);
      const { seed, items } = await sessionOf(user.id, clientKey);
      const index = items.findIndex((i) => i.key === "q:time-wait/who-enters");
      const result = await submitReviewAnswer(user, clientKey, index, responseFor(items[index]!, seed, true), { now: day(1), unsure: flag });
      expect(result.ok && result.answer.item.grading.correct).toBe(true);
    }
    const [a, b] = await Promise.all([cardOf(sure.id, "q:time-wait/who-enters"), cardOf(unsure.id, "q:time-wait/who-enters")]);
    expect(b.due.getTime()).toBeLessThan(a.due.getTime());
    const ratings = await db.reviewEvent.findMany({ where: { userId: unsure.id, source: "review" }, select: { rating: true } });
    expect(ratings.map((r) => r.rating)).toContain("hard");
    expect(REVIEW_RATINGS).toContain("hard");
  });

  it("keeps the first answer of an item, resumes a session, and refuses what is not the learner's", async () => {
    const [user, other] = await Promise.all([createUser(), createUser()]);
    await takeQuiz(user.id, t0, ["who-enters", "rfc-msl"]);
    const clientKey = newClientKey();
    const started = await startReviewSession(user, clientKey, { now: day(1) });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    // Answer keys never travel before an answer.
    const text = JSON.stringify(started.review);
    for (const question of quiz.questions) expect(text).not.toContain(question.explanation.slice(0, 40));
    expect(JSON.stringify(started.review.items)).not.toMatch(/"correct"|"answer"|"explanation"|"feedback"|"misconception"/);

    const { seed, items } = await sessionOf(user.id, clientKey);
    const results = await Promise.all([
      submitReviewAnswer(user, clientKey, 0, responseFor(items[0]!, seed, false), { now: day(1) }),
      ...Array.from({ length: 4 }, () => submitReviewAnswer(user, clientKey, 0, responseFor(items[0]!, seed, true), { now: day(1) })),
    ]);
    const stored = await db.quizAnswer.findMany({ where: { attempt: { userId: user.id, quizId: REVIEW_QUIZ_ID } } });
    expect(stored).toHaveLength(1);
    for (const result of results) expect(result.ok && result.answer.item.grading.correct).toBe(stored[0]!.correct);
    expect(await db.reviewEvent.count({ where: { userId: user.id, source: "review" } })).toBe(1);

    const resumed = await startReviewSession(user, clientKey, { now: day(3) });
    expect(resumed.ok && resumed.review.items.map((i) => i.question.id)).toEqual(started.review.items.map((i) => i.question.id));
    expect(resumed.ok && resumed.review.answered.map((a) => a.index)).toEqual([0]);
    expect(resumed.ok && resumed.review.progress).toMatchObject({ answered: 1, total: items.length, finished: false });

    expect(await submitReviewAnswer(other, clientKey, 0, responseFor(items[0]!, seed, true))).toEqual({ ok: false, refusal: "unknown-session" });
    expect(await submitReviewAnswer(user, clientKey, 99, responseFor(items[0]!, seed, true))).toEqual({ ok: false, refusal: "unknown-item" });
    expect(await submitReviewAnswer(user, clientKey, 1, { type: "number", value: 3 })).toEqual({ ok: false, refusal: "invalid-response" });
    // A key that names one of the learner's quiz attempts is not a review session.
    const quizKey = newClientKey();
    await createOrFindAttempt(user.id, quiz, quizKey, 1, t0);
    expect(await startReviewSession(user, quizKey, { now: day(1) })).toEqual({ ok: false, refusal: "key-in-use" });
  });

  it("replays a card when an older review arrives late (a signed-out review merged later), on both databases", async () => {
    const user = await createUser();
    const key = "q:time-wait/who-enters";
    const answer = async (id: string, at: Date, correct: boolean) =>
      recordAnswerForReview(user.id, { id, source: "review", key, concept: "time-wait", correct, at });
    await answer("late-1", day(0), false);
    await answer("late-3", day(6), true);
    await answer("late-2", day(2), true); // arrives last, happened in between
    const card = await cardOf(user.id, key);
    const expected = replayCard([
      { at: day(0), rating: "again" },
      { at: day(2), rating: "good" },
      { at: day(6), rating: "good" },
    ])!;
    expect(card).toMatchObject({ due: expected.due, reps: 3, lastReview: day(6), scheduledDays: expected.scheduledDays });
    expect(card.stability).toBeCloseTo(expected.stability, 9);
    // The same answer again changes nothing.
    await answer("late-2", day(2), true);
    expect(await db.reviewEvent.count({ where: { userId: user.id, itemKey: key } })).toBe(3);
  });

  it("stays consistent when answers to one item are stored concurrently", async () => {
    const user = await createUser();
    const key = "q:time-wait/rfc-msl";
    await recordAnswerForReview(user.id, { id: "c-0", source: "quiz", key, concept: "time-wait", correct: false, at: day(0) });
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => recordAnswerForReview(user.id, { id: `c-${i + 1}`, source: "review", key, concept: "time-wait", correct: i % 2 === 0, at: day(1 + i) })),
    );
    const card = await cardOf(user.id, key);
    const replayed = (await eventsReplay(user.id, key))!;
    expect(card.reps).toBe(7);
    expect(card).toMatchObject({ due: replayed.due, lastReview: day(6), lapses: replayed.lapses });
  });
});
