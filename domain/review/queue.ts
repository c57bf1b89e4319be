/**
 * Planning a review session: which items are due, which questions stand for them, and (for an
 * assignment "review until mastered") what else to practise so every concept can reach mastery.
 */
import { MASTERED_MIN_ANSWERS } from "../quiz/mastery";
import { pick, randomFor } from "../quiz/random";
import type { Concept, QuestionType } from "../quiz/schema";
import { parseItemKey, questionKey } from "./items";
import type { QueueCard } from "./rules";
import { isDue, retrievability } from "./schedule";

/** Items in one review session: a few minutes of work. */
export const SESSION_SIZE = 10;
/** A session for an assignment may add practice questions for each concept not yet mastered. */
export const FOCUS_SESSION_SIZE = 15;

/** A question of the course that can stand for a concept or prediction item. */
export type PoolQuestion = { quizId: string; questionId: string; concept: Concept; type: QuestionType };

/** One item of a session: the queue item it reviews and the question asked for it. */
export type SessionItem = { key: string; quizId: string; questionId: string; concept: Concept };

/** Due items, the most overdue first (then the one most likely forgotten). */
export function dueCards(cards: readonly QueueCard[], now: Date): QueueCard[] {
  return cards
    .filter((entry) => isDue(entry.card, now))
    .sort((a, b) => a.card.due.getTime() - b.card.due.getTime() || retrievability(a.card, now) - retrievability(b.card, now) || a.key.localeCompare(b.key));
}

/** The next time something is due, or null when the queue is empty. */
export function nextDue(cards: readonly QueueCard[]): Date | null {
  return cards.reduce<Date | null>((soonest, entry) => (!soonest || entry.card.due < soonest ? entry.card.due : soonest), null);
}

/** Question types that ask what a prediction asks: the state a host reaches, or the segment it sends. */
const PREDICTION_TYPES: readonly QuestionType[] = ["state", "flags"];

/**
 * The question asked for an item: a question item asks itself (if it still exists); a concept
 * item a question on the concept; a prediction item a question of the kind the simulator asked
 * (a state to name, a segment to build) on the concept, else any question on it. Never a
 * question already in the session. Deterministic in (seed, key).
 */
export function drawQuestion(key: string, pool: readonly PoolQuestion[], seed: number, used: ReadonlySet<string>): SessionItem | null {
  const item = parseItemKey(key);
  if (!item) return null;
  if (item.kind === "question") {
    const question = pool.find((q) => q.quizId === item.quizId && q.questionId === item.questionId);
    return question && !used.has(key) ? { key, quizId: question.quizId, questionId: question.questionId, concept: question.concept } : null;
  }
  const fresh = pool.filter((q) => q.concept === item.concept && !used.has(questionKey(q.quizId, q.questionId)));
  const preferred = item.kind === "prediction" ? fresh.filter((q) => PREDICTION_TYPES.includes(q.type)) : [];
  const candidates = preferred.length ? preferred : fresh;
  if (!candidates.length) return null;
  const question = pick(randomFor(seed, key), candidates);
  return { key, quizId: question.quizId, questionId: question.questionId, concept: question.concept };
}

export type SessionPlan = { items: SessionItem[] };

/**
 * The items of a session. Without a focus: due items, most overdue first, up to SESSION_SIZE.
 * With a focus (the concepts of a "review until mastered" assignment and which of them are not
 * mastered yet): due items on those concepts first, then fresh questions on each unmastered
 * concept until it has MASTERED_MIN_ANSWERS questions in the session, up to FOCUS_SESSION_SIZE.
 */
export function planSession({
  cards,
  now,
  pool,
  seed,
  focus,
}: {
  cards: readonly QueueCard[];
  now: Date;
  pool: readonly PoolQuestion[];
  seed: number;
  focus?: { concepts: readonly Concept[]; unmastered: readonly Concept[] };
}): SessionPlan {
  const limit = focus ? FOCUS_SESSION_SIZE : SESSION_SIZE;
  const used = new Set<string>();
  const items: SessionItem[] = [];
  const markUsed = (item: SessionItem | null) => {
    if (item) used.add(questionKey(item.quizId, item.questionId));
    return item;
  };
  const add = (item: SessionItem | null) => {
    if (!item || items.length >= limit) return;
    markUsed(item);
    items.push(item);
  };
  const due = dueCards(cards, now)
    .filter((entry) => !focus || focus.concepts.includes(entry.concept))
    .slice(0, limit);
  // Question items ask themselves, so they choose first; concept and prediction items then draw
  // from what is left. The session keeps the due order.
  const drawn = new Map<string, SessionItem | null>();
  const questionsFirst = [...due].sort((a, b) => Number(parseItemKey(b.key)?.kind === "question") - Number(parseItemKey(a.key)?.kind === "question"));
  for (const entry of questionsFirst) drawn.set(entry.key, markUsed(drawQuestion(entry.key, pool, seed, used)));
  for (const entry of due) add(drawn.get(entry.key) ?? null);
  for (const concept of focus?.unmastered ?? []) {
    const random = randomFor(seed, `practice:${concept}`);
    const fresh = pool.filter((q) => q.concept === concept);
    while (items.filter((item) => item.concept === concept).length < MASTERED_MIN_ANSWERS && items.length < limit) {
      const candidates = fresh.filter((q) => !used.has(questionKey(q.quizId, q.questionId)));
      if (!candidates.length) break;
      const question = pick(random, candidates);
      add({ key: questionKey(question.quizId, question.questionId), quizId: question.quizId, questionId: question.questionId, concept });
    }
  }
  return { items };
}
