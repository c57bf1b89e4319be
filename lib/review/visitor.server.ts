import "server-only";
import { z } from "zod";
import { parseStoredJson } from "@/domain/stored-json";
import { gradeQuestion } from "@/domain/quiz/grade";
import { CONCEPTS, parseStoredResponse, questionResponseSchema, type QuestionResponse } from "@/domain/quiz/schema";
import { parseItemKey, questionKey } from "@/domain/review/items";
import { replayQueue, type AnswerFact, type QueueCard } from "@/domain/review/rules";
import { db } from "../db.server";
import { refusal, type Refusal } from "../http/refusal";
import { isUniqueViolation } from "../db/unique-retry";
import { signReceipt, verifyReceipt, type ReviewSessionToken } from "../progress/receipts.server";
import { attemptQuestion } from "../quiz/presentation.server";
import { questionPool } from "./pool.server";
import { itemAvailable, summarizeQueue, type ReviewSummary } from "./queue.server";
import {
  addSeenVariant,
  gradeItem,
  planFreshSession,
  publicItem,
  REVIEW_QUIZ_ID,
  type AnsweredItem,
  type ReviewError,
  type ReviewProgress,
  type SeenVariants,
  type StartedReview,
  type StoredItem,
} from "./sessions.server";
import type { Locale } from "@/domain/locale";

/**
 * Spaced review for visitors without an account (ADR 1003), under the receipt rules of ADR 0402.
 * A visitor is the binding of their browser's httpOnly cookie. Their queue is rebuilt, by the
 * same rules as an account's (domain/review/rules.ts), from the answers this browser gave: the
 * first answers to quiz questions and review items stored against the visitor (VisitorQuizAnswer)
 * and not yet merged into an account. A session travels in a signed token bound to the browser;
 * each item's first answer is stored and comes back with a signed receipt that the browser keeps
 * with its other receipts and that is merged, from this browser only and once, at sign-up or
 * sign-in (lib/review/merge.server.ts).
 */

/** How much of a visitor's history the queue reads (a long signed-out stretch stays far below). */
const HISTORY_LIMIT = 1000;

/** What a review row stores as its "response": the question drawn for the item, the answer and the unsure mark. */
const storedReviewSchema = z.object({ quizId: z.string().max(64), questionId: z.string().max(64), response: questionResponseSchema, unsure: z.boolean() }).strict();

function parseStoredReview(json: string): z.infer<typeof storedReviewSchema> | null {
  return parseStoredJson(storedReviewSchema, json);
}

const ROW = { id: true, clientKey: true, quizId: true, variantSeed: true, questionId: true, response: true, answeredAt: true } as const;

/** The visitor's answers as facts for the queue rules: quiz answers graded again from their seed, review answers with their unsure mark. */
async function visitorFacts(visitor: string): Promise<AnswerFact[]> {
  // The latest answers, then oldest first (equal times in the order they were stored) for the replay.
  const rows = (await db.visitorQuizAnswer.findMany({ where: { visitor }, orderBy: [{ answeredAt: "desc" }, { id: "desc" }], take: HISTORY_LIMIT, select: ROW })).reverse();
  // Answers already merged into an account are that account's now.
  const spent = new Set((await db.spentReceipt.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: { id: true } })).map((r) => r.id));
  return rows.flatMap((row): AnswerFact[] => {
    if (spent.has(row.id)) return [];
    if (row.quizId === REVIEW_QUIZ_ID) {
      const stored = parseStoredReview(row.response);
      const item = parseItemKey(row.questionId);
      const resolved = stored ? attemptQuestion(stored.quizId, stored.questionId, row.variantSeed) : null;
      if (!stored || !item || !resolved) return [];
      const graded = gradeQuestion(resolved, stored.response);
      return graded.ok
        ? [{ id: row.id, source: "review", key: row.questionId, concept: resolved.question.concept, correct: graded.grading.correct, unsure: stored.unsure, at: row.answeredAt }]
        : [];
    }
    const resolved = attemptQuestion(row.quizId, row.questionId, row.variantSeed);
    const response = parseStoredResponse(row.response);
    if (!resolved || !response) return [];
    const graded = gradeQuestion(resolved, response);
    return graded.ok ? [{ id: row.id, source: "quiz", key: questionKey(row.quizId, row.questionId), concept: resolved.question.concept, correct: graded.grading.correct, at: row.answeredAt }] : [];
  });
}

/** The seeds this browser saw each question in (its quiz answers and review answers). */
async function visitorSeenVariants(visitor: string): Promise<SeenVariants> {
  const seen = new Map<string, number[]>();
  const rows = await db.visitorQuizAnswer.findMany({ where: { visitor }, orderBy: [{ answeredAt: "desc" }, { id: "desc" }], take: HISTORY_LIMIT, select: ROW });
  for (const row of rows) {
    const stored = row.quizId === REVIEW_QUIZ_ID ? parseStoredReview(row.response) : { quizId: row.quizId, questionId: row.questionId };
    if (stored) addSeenVariant(seen, stored.quizId, stored.questionId, row.variantSeed);
  }
  return seen;
}

/** The visitor's queue: every card the course can still ask. */
export async function visitorQueue(visitor: string): Promise<QueueCard[]> {
  const pool = questionPool();
  return replayQueue(await visitorFacts(visitor)).filter((card) => itemAvailable(card.key, pool));
}

export async function visitorReviewSummary(visitor: string | null, now = new Date()): Promise<ReviewSummary> {
  if (!visitor) return { due: 0, queued: 0, nextDueAt: null };
  return summarizeQueue(await visitorQueue(visitor), now);
}

const REASONS = { d: "due", p: "practice" } as const;

function encodeItem(item: StoredItem): string {
  return `${item.key}|${item.quizId}/${item.questionId}|${item.reason === "due" ? "d" : "p"}`;
}

function decodeItem(text: string): StoredItem | null {
  const [key, question, reason] = text.split("|");
  const [quizId, questionId] = (question ?? "").split("/");
  if (!key || !quizId || !questionId || (reason !== "d" && reason !== "p") || !parseItemKey(key)) return null;
  const concept = questionPool().find((q) => q.quizId === quizId && q.questionId === questionId)?.concept;
  return concept && (CONCEPTS as readonly string[]).includes(concept) ? { key, quizId, questionId, concept, reason: REASONS[reason] } : null;
}

function sessionOf(token: string | undefined, visitor: string, clientKey: string): (ReviewSessionToken & { decoded: StoredItem[] }) | null {
  const verified = verifyReceipt(token);
  if (verified?.k !== "review-session" || verified.v !== visitor || verified.clientKey !== clientKey) return null;
  const decoded = verified.items.map(decodeItem);
  return decoded.every((item): item is StoredItem => item !== null) ? { ...verified, decoded } : null;
}

type StoredRow = { id: string; questionId: string; response: string; answeredAt: Date; variantSeed: number; clientKey: string };

function receiptFor(visitor: string, row: StoredRow, item: StoredItem, response: QuestionResponse, unsure: boolean): string {
  return signReceipt({
    k: "review",
    id: row.id,
    v: visitor,
    clientKey: row.clientKey,
    seed: row.variantSeed,
    key: item.key,
    quizId: item.quizId,
    questionId: item.questionId,
    response,
    unsure,
    at: row.answeredAt.getTime(),
  });
}

export type VisitorStart = StartedReview & { token: string; receipts: string[] };

/** Starts a visitor's session for `clientKey`, or resumes the one `token` describes (signed for this browser). */
export async function startVisitorReview(
  visitor: string,
  clientKey: string,
  { token, locale = "en", now = new Date() }: { token?: string; locale?: Locale; now?: Date } = {},
): Promise<{ ok: true; review: VisitorStart } | (Refusal<ReviewError> & { nextDueAt?: Date | null })> {
  let session = sessionOf(token, visitor, clientKey);
  let signed = token ?? "";
  if (!session) {
    const cards = await visitorQueue(visitor);
    const { seed, plan } = planFreshSession({ cards, now, pool: questionPool() }, await visitorSeenVariants(visitor));
    if (!plan.items.length) return { ...refusal("nothing-due"), nextDueAt: summarizeQueue(cards, now).nextDueAt };
    const items: StoredItem[] = plan.items.map((item) => ({ ...item, reason: "due" }));
    signed = signReceipt({ k: "review-session", v: visitor, clientKey, seed, items: items.map(encodeItem), at: now.getTime() });
    session = { ...(sessionOf(signed, visitor, clientKey) as ReviewSessionToken & { decoded: StoredItem[] }) };
  }
  const { seed, decoded: items } = session;
  const rows = await db.visitorQuizAnswer.findMany({ where: { visitor, clientKey, quizId: REVIEW_QUIZ_ID }, orderBy: { answeredAt: "asc" }, select: ROW });
  const cards = rows.length ? await visitorQueue(visitor) : [];
  const answered: AnsweredItem[] = [];
  const receipts: string[] = [];
  let correct = 0;
  for (const row of rows) {
    const index = items.findIndex((item) => item.key === row.questionId);
    const stored = parseStoredReview(row.response);
    if (index < 0 || !stored || row.variantSeed !== seed) continue;
    const grading = gradeItem(items[index]!, seed, stored.response, locale);
    if (!grading) continue;
    if (grading.correct) correct += 1;
    answered.push({ index, grading: { ...grading, questionId: `item-${index + 1}` }, response: stored.response, nextDueAt: cards.find((c) => c.key === row.questionId)?.card.due ?? null });
    receipts.push(receiptFor(visitor, row, items[index]!, stored.response, stored.unsure));
  }
  const progress: ReviewProgress = { answered: answered.length, total: items.length, correct, finished: answered.length >= items.length };
  return {
    ok: true,
    review: { items: items.flatMap((item, index) => publicItem(item, index, seed, locale) ?? []), answered, progress, token: signed, receipts },
  };
}

export type VisitorAnswer = { item: AnsweredItem; progress: ReviewProgress; receipt: string };

/** Grades one item of a visitor's session; its first answer is stored and counts, with a receipt. */
export async function submitVisitorReview(
  visitor: string,
  clientKey: string,
  token: string,
  index: number,
  response: QuestionResponse,
  { unsure = false, locale = "en", now = new Date() }: { unsure?: boolean; locale?: Locale; now?: Date } = {},
): Promise<{ ok: true; answer: VisitorAnswer } | Refusal<ReviewError>> {
  const session = sessionOf(token, visitor, clientKey);
  if (!session) return refusal("unknown-session");
  const item = session.decoded[index];
  if (!item) return refusal("unknown-item");
  if (!gradeItem(item, session.seed, response, locale)) return refusal("invalid-response");
  let row: StoredRow;
  let counted = { response, unsure };
  try {
    row = await db.visitorQuizAnswer.create({
      data: {
        visitor,
        clientKey,
        quizId: REVIEW_QUIZ_ID,
        variantSeed: session.seed,
        questionId: item.key,
        response: JSON.stringify({ quizId: item.quizId, questionId: item.questionId, response, unsure }),
        answeredAt: now,
      },
      select: ROW,
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Answered already (another tab, a retry): the first answer stands.
    row = await db.visitorQuizAnswer.findUniqueOrThrow({ where: { visitor_clientKey_questionId: { visitor, clientKey, questionId: item.key } }, select: ROW });
    const first = parseStoredReview(row.response);
    if (!first || row.variantSeed !== session.seed) return refusal("unknown-session");
    counted = { response: first.response, unsure: first.unsure };
  }
  const grading = gradeItem(item, session.seed, counted.response, locale)!;
  const [rows, cards] = await Promise.all([
    db.visitorQuizAnswer.findMany({ where: { visitor, clientKey, quizId: REVIEW_QUIZ_ID }, select: { questionId: true, response: true } }),
    visitorQueue(visitor),
  ]);
  let answered = 0;
  let correct = 0;
  for (const stored of rows) {
    const answeredItem = session.decoded.find((i) => i.key === stored.questionId);
    const parsed = parseStoredReview(stored.response);
    if (!answeredItem || !parsed) continue;
    answered += 1;
    if (gradeItem(answeredItem, session.seed, parsed.response, locale)?.correct) correct += 1;
  }
  return {
    ok: true,
    answer: {
      item: { index, grading: { ...grading, questionId: `item-${index + 1}` }, response: counted.response, nextDueAt: cards.find((c) => c.key === item.key)?.card.due ?? null },
      progress: { answered, total: session.decoded.length, correct, finished: answered >= session.decoded.length },
      receipt: receiptFor(visitor, row, item, counted.response, counted.unsure),
    },
  };
}
