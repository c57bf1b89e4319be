import "server-only";
import { parseItemKey } from "@/domain/review/items";
import { nextDue, type PoolQuestion } from "@/domain/review/queue";
import { conceptMasteryOf, CONCEPT_WINDOW, eventsForAnswer, type AnswerFact, type QueueCard, type ReviewEvent } from "@/domain/review/rules";
import { CARD_STATES, isDue, replayCard, REVIEW_RATINGS, reviewCard, type CardState, type CardStateName, type ReviewRating } from "@/domain/review/schedule";
import { CONCEPTS, type Concept } from "@/domain/quiz/schema";
import type { CurrentUser } from "../auth/session.server";
import { dateOf, dateOrNullOf, db, directSql, newRowId } from "../db.server";
import { isUniqueViolation } from "../db/unique-retry";
import { questionPool } from "./pool.server";

/**
 * A signed-in learner's review queue (ADR 1000): one ReviewCard per queued item, moved by
 * ReviewEvent rows, each caused by one stored answer. The rules (what enters, how each answer
 * rates) are domain/review/rules.ts; this module stores their outcome. A card is always what
 * replaying its events in time order gives: an event later than the card's last review is applied
 * to the card; an earlier one (a signed-out review merged later) makes the card be replayed.
 */

/** A card as stored: its state's columns (the state's name as free text) and what it reviews. */
type CardRow = Omit<CardState, "state"> & { itemKey: string; concept: string; state: string };

const CARD = { itemKey: true, concept: true, due: true, stability: true, difficulty: true, scheduledDays: true, reps: true, lapses: true, state: true, lastReview: true } as const;

/** A stored card's state; a state name this version does not know reads as "review". */
function stateOf({ due, stability, difficulty, scheduledDays, reps, lapses, state, lastReview }: CardRow): CardState {
  const known = (CARD_STATES as readonly string[]).includes(state);
  return { due, stability, difficulty, scheduledDays, reps, lapses, lastReview, state: known ? (state as CardStateName) : "review" };
}

const asConcept = (value: string): Concept | null => ((CONCEPTS as readonly string[]).includes(value) ? (value as Concept) : null);
const asRating = (value: string): ReviewRating => ((REVIEW_RATINGS as readonly string[]).includes(value) ? (value as ReviewRating) : "again");

async function replayFromEvents(userId: string, itemKey: string): Promise<CardState | null> {
  const events = await db.reviewEvent.findMany({
    where: { userId, itemKey },
    orderBy: [{ reviewedAt: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: { reviewedAt: true, rating: true },
  });
  return replayCard(events.map((event) => ({ at: event.reviewedAt, rating: asRating(event.rating) })));
}

/** The learner's card for an item, read with a direct statement: every answer reads one (ADR 1350). */
async function cardRow(userId: string, itemKey: string): Promise<CardRow | null> {
  const [row] = await directSql(db).rows<Record<keyof CardRow, unknown>>(
    `SELECT "itemKey", "concept", "due", "stability", "difficulty", "scheduledDays", "reps", "lapses", "state", "lastReview" FROM "ReviewCard" WHERE "userId" = ? AND "itemKey" = ?`,
    [userId, itemKey],
  );
  if (!row) return null;
  return {
    itemKey: String(row.itemKey),
    concept: String(row.concept),
    due: dateOf(row.due),
    stability: Number(row.stability),
    difficulty: Number(row.difficulty),
    scheduledDays: Number(row.scheduledDays),
    reps: Number(row.reps),
    lapses: Number(row.lapses),
    state: String(row.state),
    lastReview: dateOrNullOf(row.lastReview),
  };
}

/** A new card, written by a direct statement: most answers write a card (ADR 1350). */
async function insertCard(userId: string, event: ReviewEvent, card: CardState): Promise<void> {
  const now = new Date();
  await directSql(db).run(
    `INSERT INTO "ReviewCard" ("id", "userId", "itemKey", "concept", "due", "stability", "difficulty", "scheduledDays", "reps", "lapses", "state", "lastReview", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [newRowId(), userId, event.key, event.concept, card.due, card.stability, card.difficulty, card.scheduledDays, card.reps, card.lapses, card.state, card.lastReview, now, now],
  );
}

/** Writes `card` over the stored one only if it is still `row` (same reps and last review); returns the rows changed (0 or 1). */
async function updateCardFrom(userId: string, row: CardRow, card: CardState): Promise<number> {
  const sameLastReview = row.lastReview ? `"lastReview" = ?` : `"lastReview" IS NULL`;
  return directSql(db).run(
    `UPDATE "ReviewCard" SET "due" = ?, "stability" = ?, "difficulty" = ?, "scheduledDays" = ?, "reps" = ?, "lapses" = ?, "state" = ?, "lastReview" = ?, "updatedAt" = ? WHERE "userId" = ? AND "itemKey" = ? AND "reps" = ? AND ${sameLastReview}`,
    [card.due, card.stability, card.difficulty, card.scheduledDays, card.reps, card.lapses, card.state, card.lastReview, new Date(), userId, row.itemKey, row.reps, ...(row.lastReview ? [row.lastReview] : [])],
  );
}

/**
 * Records one review event (once: a second call for the same answer does nothing) and brings the
 * card up to date. Concurrent writers are safe: each write is conditional on the card being the
 * one it was computed from, and a writer that loses replays the events.
 */
export async function applyReviewEvent(userId: string, event: ReviewEvent): Promise<void> {
  try {
    // A direct statement (ADR 1350); the unique key (user, item, source answer) makes a repeat fail here.
    await directSql(db).run(
      `INSERT INTO "ReviewEvent" ("id", "userId", "itemKey", "concept", "rating", "source", "sourceId", "reviewedAt", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [newRowId(), userId, event.key, event.concept, event.rating, event.source, event.sourceId, event.at, new Date()],
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return;
  }
  for (let attempt = 0; attempt < 8; attempt++) {
    const row = await cardRow(userId, event.key);
    const current = row ? stateOf(row) : null;
    // Strictly later than the card's last review: the card cannot hold this event yet. A card as
    // late as this event may already hold it (another writer's replay read our event row), and
    // adding it once more would count it twice.
    const inOrder = !current?.lastReview || event.at.getTime() > current.lastReview.getTime();
    // In order and first try: the card plus this event. Otherwise the events decide.
    const next = inOrder && attempt === 0 ? reviewCard(current, event.at, event.rating) : await replayFromEvents(userId, event.key);
    if (!next) return;
    if (!row) {
      try {
        await insertCard(userId, event, next);
        return;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        continue;
      }
    }
    if ((await updateCardFrom(userId, row, next)) === 1) return;
  }
  throw new Error(`review card ${event.key} kept changing under concurrent writes`);
}

/**
 * Moves the learner's queue for one stored answer: the item it answers, and the concept when its
 * mastery turned shaky (domain/review/rules.ts). Diagnostic answers do not count toward mastery,
 * so they never queue a concept. Returns the events applied.
 */
export async function recordAnswerForReview(userId: string, fact: AnswerFact): Promise<ReviewEvent[]> {
  const conceptKey = `c:${fact.concept}`;
  // Both reads run after every answer: direct statements (ADR 1350).
  const sql = directSql(db);
  const existing = await sql.rows<{ itemKey: string }>(`SELECT "itemKey" FROM "ReviewCard" WHERE "userId" = ? AND "itemKey" IN (?, ?)`, [userId, fact.key, conceptKey]);
  const queued = new Set(existing.map((row) => row.itemKey));
  let conceptMastery = null;
  if (fact.source !== "diagnostic" && fact.key !== conceptKey && !queued.has(conceptKey)) {
    // The learner's latest answers on the concept (the attempt's user is the owner).
    const rows = await sql.rows<{ correct: unknown; answeredAt: unknown }>(
      `SELECT a."correct", a."answeredAt" FROM "QuizAnswer" a JOIN "QuizAttempt" t ON t."id" = a."attemptId" WHERE t."userId" = ? AND a."concept" = ? ORDER BY a."answeredAt" DESC LIMIT ?`,
      [userId, fact.concept, CONCEPT_WINDOW],
    );
    const answers = rows.map((row) => ({ concept: fact.concept, correct: Boolean(row.correct), answeredAt: dateOf(row.answeredAt) }));
    conceptMastery = conceptMasteryOf(fact.concept, answers);
  }
  const events = eventsForAnswer(fact, { hasCard: (key) => queued.has(key), conceptMastery });
  for (const event of events) await applyReviewEvent(userId, event);
  return events;
}

/** Whether the course can still ask something for an item (a removed question cannot be reviewed). */
export function itemAvailable(key: string, pool: readonly PoolQuestion[] = questionPool()): boolean {
  const item = parseItemKey(key);
  if (!item) return false;
  if (item.kind === "question") return pool.some((q) => q.quizId === item.quizId && q.questionId === item.questionId);
  return pool.some((q) => q.concept === item.concept);
}

/** The learner's queue: every card whose item the course can still ask. */
export async function listQueue(user: CurrentUser): Promise<QueueCard[]> {
  const rows = await db.reviewCard.findMany({ where: { userId: user.id }, select: CARD, orderBy: { due: "asc" } });
  const pool = questionPool();
  return rows.flatMap((row) => {
    const concept = asConcept(row.concept);
    return concept && itemAvailable(row.itemKey, pool) ? [{ key: row.itemKey, concept, card: stateOf(row) }] : [];
  });
}

export type ReviewSummary = {
  /** Items due now. */
  due: number;
  /** Items in the queue. */
  queued: number;
  /** When the next item not yet due becomes due (null when nothing waits). */
  nextDueAt: Date | null;
};

export function summarizeQueue(cards: readonly QueueCard[], now: Date): ReviewSummary {
  const due = cards.filter((entry) => isDue(entry.card, now)).length;
  return { due, queued: cards.length, nextDueAt: nextDue(cards.filter((entry) => !isDue(entry.card, now))) };
}

export async function reviewSummary(user: CurrentUser, now = new Date()): Promise<ReviewSummary> {
  return summarizeQueue(await listQueue(user), now);
}
