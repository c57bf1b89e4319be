import "server-only";
import { randomInt } from "node:crypto";
import { z } from "zod";
import { parseStoredJson } from "@/domain/stored-json";
import { gradeQuestion } from "@/domain/quiz/grade";
import { CONCEPTS, parseStoredResponse, type Concept, type PublicQuestion, type QuestionGrading, type QuestionResponse } from "@/domain/quiz/schema";
import { resolveQuestion } from "@/domain/quiz/variant";
import { parseItemKey, type ReviewItemKind } from "@/domain/review/items";
import { planSession, type SessionItem, type SessionPlan } from "@/domain/review/queue";
import { db } from "../db.server";
import { refusal, type Refusal } from "../http/refusal";
import { isUniqueViolation } from "../db/unique-retry";
import { findQuestion, questionPool } from "./pool.server";
import { refreshMasteryEvidence } from "./mastery-evidence.server";
import { listQueue, recordAnswerForReview, summarizeQueue } from "./queue.server";
import type { Locale } from "@/domain/locale";
import type { CurrentUser } from "../auth/session.server";

/**
 * Review sessions of signed-in learners (ADR 1000). A session draws its items when it starts
 * (due items, or an assignment's concepts) and a fresh variant seed; it is stored with a quiz
 * attempt whose quiz id is REVIEW_QUIZ_ID, so its answers are stored, graded and counted toward
 * mastery exactly like quiz answers, while quiz statistics, completion and gradebooks, which all
 * name their quizzes, never see it. The browser names a session by its own client key and each
 * item by its position; answer keys leave the server only in the reply to that item's answer.
 */

/** The quiz id of review attempts (a colon never appears in a course quiz id). */
export const REVIEW_QUIZ_ID = "review:session";

/** Why an item is in the session: it was due, or it is practice toward an assignment's mastery. */
export type ItemReason = "due" | "practice";

export type StoredItem = SessionItem & { reason: ItemReason };

const storedItemsSchema = z.array(
  z.object({
    key: z.string().max(140),
    quizId: z.string().max(64),
    questionId: z.string().max(64),
    concept: z.enum(CONCEPTS),
    reason: z.enum(["due", "practice"]),
  }),
);

export function parseStoredItems(json: string): StoredItem[] {
  return parseStoredJson(storedItemsSchema, json) ?? [];
}

export type PublicReviewItem = {
  /** Position in the session: how the browser names the item. */
  index: number;
  kind: ReviewItemKind;
  reason: ItemReason;
  concept: Concept;
  /** The lesson whose quiz the question comes from. */
  lessonSlug: string;
  /** The question, answer-free; its id is the item's, unique in the session. */
  question: PublicQuestion;
};

export type AnsweredItem = { index: number; grading: QuestionGrading; response: QuestionResponse; nextDueAt: Date | null };

export type ReviewProgress = { answered: number; total: number; correct: number; finished: boolean };

export type StartedReview = { items: PublicReviewItem[]; answered: AnsweredItem[]; progress: ReviewProgress };

export type ReviewError = "nothing-due" | "key-in-use" | "unknown-session" | "unknown-item" | "invalid-response" | "unknown-assignment";

/** What a session should practise toward: an assignment's concepts and which are not mastered yet. */
export type ReviewFocus = { assignmentId: string; concepts: Concept[]; unmastered: Concept[] };

export function newReviewSeed(): number {
  return randomInt(0, 0x7fffffff);
}

/** The seeds a learner has seen each question in, keyed `quizId/questionId`. */
export type SeenVariants = ReadonlyMap<string, readonly number[]>;

/** Records that the question `quizId/questionId` was shown with `seed`. */
export function addSeenVariant(seen: Map<string, number[]>, quizId: string, questionId: string, seed: number): void {
  const key = `${quizId}/${questionId}`;
  const seeds = seen.get(key) ?? [];
  if (!seeds.includes(seed)) seeds.push(seed);
  seen.set(key, seeds);
}

/** How many seeds a new session tries before settling for the one that repeats fewest variants. */
const SEED_TRIES = 16;

function repeatsSeenVariant(item: SessionItem, seed: number, seen: SeenVariants): boolean {
  const seeds = seen.get(`${item.quizId}/${item.questionId}`);
  const found = seeds?.length ? findQuestion(item.quizId, item.questionId) : null;
  if (!seeds || !found) return false;
  const variant = JSON.stringify(resolveQuestion(found.question, seed).public);
  return seeds.some((other) => JSON.stringify(resolveQuestion(found.question, other).public) === variant);
}

/**
 * Plans a new session whose questions come in variants the learner has not seen: seeds are drawn
 * until no item repeats a variant in `seen` (a question with one variant, or few, repeats under
 * any seed; then the seed repeating fewest wins).
 */
export function planFreshSession(input: Omit<Parameters<typeof planSession>[0], "seed">, seen: SeenVariants, nextSeed: () => number = newReviewSeed): { seed: number; plan: SessionPlan } {
  let best: { seed: number; plan: SessionPlan; repeats: number } | null = null;
  for (let tries = 0; tries < SEED_TRIES && best?.repeats !== 0; tries++) {
    const seed = nextSeed();
    const plan = planSession({ ...input, seed });
    const repeats = plan.items.filter((item) => repeatsSeenVariant(item, seed, seen)).length;
    if (!best || repeats < best.repeats) best = { seed, plan, repeats };
  }
  return { seed: best!.seed, plan: best!.plan };
}

/** The seeds a signed-in learner saw each question in: quiz attempts and earlier review sessions. */
async function seenVariants(userId: string): Promise<SeenVariants> {
  const seen = new Map<string, number[]>();
  const answers = await db.quizAnswer.findMany({ where: { attempt: { userId } }, select: { questionId: true, attempt: { select: { id: true, quizId: true, variantSeed: true } } } });
  const sessions = await db.reviewSession.findMany({ where: { userId }, select: { attemptId: true, items: true } });
  const sessionItems = new Map(sessions.map((s) => [s.attemptId, parseStoredItems(s.items)]));
  for (const { questionId, attempt } of answers) {
    if (attempt.quizId !== REVIEW_QUIZ_ID) {
      addSeenVariant(seen, attempt.quizId, questionId, attempt.variantSeed);
      continue;
    }
    const item = sessionItems.get(attempt.id)?.find((i) => i.key === questionId);
    if (item) addSeenVariant(seen, item.quizId, item.questionId, attempt.variantSeed);
  }
  return seen;
}

/** The public part of one item in `locale`, or null when its question left the course. */
export function publicItem(item: StoredItem, index: number, seed: number, locale: Locale): PublicReviewItem | null {
  const found = findQuestion(item.quizId, item.questionId, locale);
  const parsed = parseItemKey(item.key);
  if (!found || !parsed) return null;
  const resolved = resolveQuestion(found.question, seed, locale);
  return { index, kind: parsed.kind, reason: item.reason, concept: item.concept, lessonSlug: found.quiz.lessonSlug, question: { ...resolved.public, id: `item-${index + 1}` } };
}

/** Grades a response to one item of a session (the variant comes from the session's seed). */
/**
 * Stores one graded review answer in the session's attempt and moves the learner's queue with it.
 * A second answer to the same item throws the unique violation its caller decides about.
 */
export async function storeReviewAnswer(
  userId: string,
  attemptId: string,
  item: StoredItem,
  { response, grading, unsure, at }: { response: QuestionResponse; grading: QuestionGrading; unsure: boolean | undefined; at: Date },
): Promise<void> {
  const answer = await db.quizAnswer.create({
    data: {
      attemptId,
      questionId: item.key,
      concept: item.concept,
      response: JSON.stringify(response),
      correct: grading.correct,
      points: grading.points,
      misconception: grading.misconceptions.length ? grading.misconceptions.join(",") : null,
      answeredAt: at,
    },
    select: { id: true },
  });
  await recordAnswerForReview(userId, { id: answer.id, source: "review", key: item.key, concept: item.concept, correct: grading.correct, unsure, at });
}

export function gradeItem(item: StoredItem, seed: number, response: QuestionResponse, locale: Locale): QuestionGrading | null {
  const found = findQuestion(item.quizId, item.questionId, locale);
  if (!found) return null;
  const graded = gradeQuestion(resolveQuestion(found.question, seed, locale), response);
  return graded.ok ? graded.grading : null;
}

function progressOf(total: number, answers: ReadonlyArray<{ correct: boolean }>): ReviewProgress {
  return { answered: answers.length, total, correct: answers.filter((a) => a.correct).length, finished: answers.length >= total };
}

const SESSION = { id: true, attemptId: true, seed: true, items: true, assignmentId: true, finishedAt: true } as const;

async function findSession(userId: string, clientKey: string) {
  return db.reviewSession.findUnique({ where: { userId_clientKey: { userId, clientKey } }, select: SESSION });
}

async function nextDueOf(userId: string, key: string): Promise<Date | null> {
  const card = await db.reviewCard.findUnique({ where: { userId_itemKey: { userId, itemKey: key } }, select: { due: true } });
  return card?.due ?? null;
}

async function answeredItems(userId: string, session: { attemptId: string; seed: number; items: string }, locale: Locale): Promise<{ answered: AnsweredItem[]; progress: ReviewProgress }> {
  const items = parseStoredItems(session.items);
  const rows = await db.quizAnswer.findMany({ where: { attemptId: session.attemptId }, select: { questionId: true, response: true, correct: true }, orderBy: { answeredAt: "asc" } });
  const cards = await db.reviewCard.findMany({ where: { userId, itemKey: { in: items.map((i) => i.key) } }, select: { itemKey: true, due: true } });
  const answered = rows.flatMap((row): AnsweredItem[] => {
    const index = items.findIndex((item) => item.key === row.questionId);
    const response = parseStoredResponse(row.response);
    if (index < 0 || !response) return [];
    const grading = gradeItem(items[index]!, session.seed, response, locale);
    return grading ? [{ index, grading: { ...grading, questionId: `item-${index + 1}` }, response, nextDueAt: cards.find((c) => c.itemKey === row.questionId)?.due ?? null }] : [];
  });
  return { answered, progress: progressOf(items.length, rows) };
}

/**
 * Starts the session named by `clientKey`, or resumes it. A new session takes the items due at
 * `now` (with `focus`, the assignment's concepts and practice for the unmastered ones); with
 * nothing to ask it answers "nothing-due" and creates nothing.
 */
export async function startReviewSession(
  user: CurrentUser,
  clientKey: string,
  { locale = "en", now = new Date(), focus }: { locale?: Locale; now?: Date; focus?: ReviewFocus } = {},
): Promise<{ ok: true; review: StartedReview } | (Refusal<ReviewError> & { nextDueAt?: Date | null })> {
  const userId = user.id;
  let session = await findSession(userId, clientKey);
  if (!session) {
    const cards = await listQueue(user);
    const { seed, plan } = planFreshSession({ cards, now, pool: questionPool(), ...(focus ? { focus } : {}) }, await seenVariants(userId));
    const dueKeys = new Set(cards.map((c) => c.key));
    const items: StoredItem[] = plan.items.map((item) => ({ ...item, reason: dueKeys.has(item.key) ? "due" : "practice" }));
    if (!items.length) return { ...refusal("nothing-due"), nextDueAt: summarizeQueue(cards, now).nextDueAt };
    let attempt: { id: string; quizId: string };
    try {
      attempt = await db.quizAttempt.create({
        data: { userId, quizId: REVIEW_QUIZ_ID, clientKey, variantSeed: seed, maxScore: items.length, startedAt: now },
        select: { id: true, quizId: true },
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      attempt = await db.quizAttempt.findUniqueOrThrow({ where: { userId_clientKey: { userId, clientKey } }, select: { id: true, quizId: true } });
    }
    if (attempt.quizId !== REVIEW_QUIZ_ID) return refusal("key-in-use");
    try {
      session = await db.reviewSession.create({
        data: { userId, clientKey, attemptId: attempt.id, seed, items: JSON.stringify(items), assignmentId: focus?.assignmentId ?? null, startedAt: now },
        select: SESSION,
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      session = await findSession(userId, clientKey);
      if (!session) throw error;
    }
  }
  const items = parseStoredItems(session.items);
  const publicItems = items.flatMap((item, index) => publicItem(item, index, session.seed, locale) ?? []);
  const { answered, progress } = await answeredItems(userId, session, locale);
  return { ok: true, review: { items: publicItems, answered, progress } };
}

export type SubmittedReview = { item: AnsweredItem; progress: ReviewProgress; assignmentId: string | null };

/**
 * Grades and stores the answer to one item, once: a second answer to it returns the first one's
 * grading. The answer moves the learner's queue (and counts toward mastery) at `now`.
 */
export async function submitReviewAnswer(
  user: CurrentUser,
  clientKey: string,
  index: number,
  response: QuestionResponse,
  { unsure = false, locale = "en", now = new Date() }: { unsure?: boolean; locale?: Locale; now?: Date } = {},
): Promise<{ ok: true; answer: SubmittedReview } | Refusal<ReviewError>> {
  const userId = user.id;
  const session = await findSession(userId, clientKey);
  if (!session) return refusal("unknown-session");
  const items = parseStoredItems(session.items);
  const item = items[index];
  if (!item) return refusal("unknown-item");
  const grading = gradeItem(item, session.seed, response, locale);
  if (!grading) return refusal("invalid-response");

  let stored: { grading: QuestionGrading; response: QuestionResponse } = { grading, response };
  try {
    await storeReviewAnswer(userId, session.attemptId, item, { response, grading, unsure, at: now });
    await refreshMasteryEvidence(userId, { now });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Answered already (a retry, a second tab): the first answer stands.
    const first = await db.quizAnswer.findUniqueOrThrow({ where: { attemptId_questionId: { attemptId: session.attemptId, questionId: item.key } }, select: { response: true } });
    const firstResponse = parseStoredResponse(first.response);
    const firstGrading = firstResponse ? gradeItem(item, session.seed, firstResponse, locale) : null;
    if (firstResponse && firstGrading) stored = { grading: firstGrading, response: firstResponse };
  }
  const answers = await db.quizAnswer.findMany({ where: { attemptId: session.attemptId }, select: { correct: true } });
  const progress = progressOf(items.length, answers);
  if (progress.finished) await db.reviewSession.updateMany({ where: { id: session.id, finishedAt: null }, data: { finishedAt: now } });
  return {
    ok: true,
    answer: {
      item: { index, grading: { ...stored.grading, questionId: `item-${index + 1}` }, response: stored.response, nextDueAt: await nextDueOf(userId, item.key) },
      progress,
      assignmentId: session.assignmentId,
    },
  };
}
