/**
 * What enters a learner's review queue, and how each answer moves it (ADR 1000). Pure: the
 * server applies these rules one answer at a time to the cards it stores for an account, and a
 * visitor's queue is rebuilt by folding the same rules over their answers (`replayQueue`), so
 * both always agree.
 *
 * - A missed quiz question, post-lesson diagnostic question or simulator prediction enters the
 *   queue (rated "again"); once an item is in the queue, every later answer to it is a review.
 * - A concept whose mastery is shaky (enough answers, not mastered) enters as a concept item.
 * - Review answers always count for their item; "right but unsure" rates "hard".
 */
import { computeMastery, MASTERED_MIN_ANSWERS, type ConceptMastery, type MasteryAnswer } from "../quiz/mastery";
import type { Concept } from "../quiz/schema";
import { itemKey } from "./items";
import { ratingFor, reviewCard, type CardState, type ReviewRating } from "./schedule";

export type AnswerSource = "quiz" | "review" | "diagnostic" | "prediction";

export type AnswerFact = {
  /** The stored answer's id: each answer moves the queue once. */
  id: string;
  source: AnswerSource;
  /** The item the answer is about: `q:<quiz>/<question>`, or for review answers the session item's key, for predictions `p:<concept>`. */
  key: string;
  concept: Concept;
  correct: boolean;
  /** Review answers only: the learner said they were unsure. */
  unsure?: boolean;
  at: Date;
};

export type ReviewEvent = { key: string; concept: Concept; rating: ReviewRating; at: Date; sourceId: string; source: AnswerSource };

export type AnswerContext = {
  /** Whether the learner's queue already holds this item. */
  hasCard: (key: string) => boolean;
  /** The concept's mastery with this answer counted; null when the answer does not count toward mastery (diagnostics). */
  conceptMastery: Pick<ConceptMastery, "answered" | "level"> | null;
};

/** Shaky: answered often enough to judge, and not mastered. */
export function isShaky(mastery: Pick<ConceptMastery, "answered" | "level">): boolean {
  return mastery.answered >= MASTERED_MIN_ANSWERS && mastery.level !== "mastered" && mastery.level !== "not-started";
}

/** The review events one answer causes, in order: its own item first, then its concept. */
export function eventsForAnswer(fact: AnswerFact, context: AnswerContext): ReviewEvent[] {
  const events: ReviewEvent[] = [];
  const base = { concept: fact.concept, at: fact.at, sourceId: fact.id, source: fact.source };
  if (fact.source === "review" || !fact.correct || context.hasCard(fact.key)) {
    events.push({ ...base, key: fact.key, rating: ratingFor(fact.correct, fact.source === "review" && fact.unsure) });
  }
  const conceptKey = itemKey({ kind: "concept", concept: fact.concept });
  if (fact.key !== conceptKey && context.conceptMastery && isShaky(context.conceptMastery) && !context.hasCard(conceptKey)) {
    events.push({ ...base, key: conceptKey, rating: context.conceptMastery.level === "learning" ? "again" : "hard" });
  }
  return events;
}

/** How many of a concept's latest answers mastery reads when a queue is updated (older ones weigh under 10⁻⁶). */
export const CONCEPT_WINDOW = 50;

/** A concept's mastery from its answers (any order). */
export function conceptMasteryOf(concept: Concept, answers: readonly MasteryAnswer[]): ConceptMastery {
  const mine = answers.filter((answer) => answer.concept === concept);
  const recent = [...mine].sort((a, b) => b.answeredAt.getTime() - a.answeredAt.getTime()).slice(0, CONCEPT_WINDOW);
  return computeMastery(recent).find((m) => m.concept === concept)!;
}

export type QueueCard = { key: string; concept: Concept; card: CardState };

/**
 * A visitor's queue from their answers alone (they have no stored cards): the rules above,
 * applied in time order (equal times keep the given order). Diagnostics and predictions are
 * never part of a visitor's answers, but the fold handles any source.
 */
export function replayQueue(facts: readonly AnswerFact[]): QueueCard[] {
  const ordered = [...facts].sort((a, b) => a.at.getTime() - b.at.getTime());
  const cards = new Map<string, QueueCard>();
  const answers: MasteryAnswer[] = [];
  for (const fact of ordered) {
    const counts = fact.source !== "diagnostic";
    if (counts) answers.push({ concept: fact.concept, correct: fact.correct, answeredAt: fact.at });
    const events = eventsForAnswer(fact, {
      hasCard: (key) => cards.has(key),
      conceptMastery: counts ? conceptMasteryOf(fact.concept, answers) : null,
    });
    for (const event of events) {
      const previous = cards.get(event.key);
      cards.set(event.key, { key: event.key, concept: event.concept, card: reviewCard(previous?.card ?? null, event.at, event.rating) });
    }
  }
  return [...cards.values()];
}
