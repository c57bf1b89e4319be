/**
 * Spaced review scheduling with FSRS (the `ts-fsrs` implementation), kept behind a small pure
 * interface so the rest of the course never depends on its types: a card's state is a plain
 * object that the database stores column by column, and the same sequence of reviews always
 * gives the same state (no fuzz, no hidden clock: every time is an argument).
 *
 * Reviews are scheduled in days (FSRS's short-term learning steps are off): a missed item comes
 * back the next day, then at growing intervals while it is answered well (ADR 1000).
 */
import { createEmptyCard, fsrs, generatorParameters, Rating, State, type Card, type Grade } from "ts-fsrs";

export const REVIEW_RATINGS = ["again", "hard", "good", "easy"] as const;
export type ReviewRating = (typeof REVIEW_RATINGS)[number];

export const CARD_STATES = ["new", "learning", "review", "relearning"] as const;
export type CardStateName = (typeof CARD_STATES)[number];

export type CardState = {
  due: Date;
  stability: number;
  difficulty: number;
  /** Days from the last review to `due`. */
  scheduledDays: number;
  reps: number;
  /** Times the item was forgotten after it had been learned. */
  lapses: number;
  state: CardStateName;
  lastReview: Date | null;
};

/** A review of an item: when, and how it went. */
export type ReviewEventInput = { at: Date; rating: ReviewRating };

/** FSRS-6 default weights; a 90 % chance of remembering at the due date; at most a year apart. */
export const REQUEST_RETENTION = 0.9;
export const MAXIMUM_INTERVAL_DAYS = 365;

const scheduler = fsrs(
  generatorParameters({
    request_retention: REQUEST_RETENTION,
    maximum_interval: MAXIMUM_INTERVAL_DAYS,
    enable_fuzz: false,
    enable_short_term: false,
  }),
);

const GRADES: Record<ReviewRating, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };
const STATE_NAMES: Record<State, CardStateName> = { [State.New]: "new", [State.Learning]: "learning", [State.Review]: "review", [State.Relearning]: "relearning" };
const STATES: Record<CardStateName, State> = { new: State.New, learning: State.Learning, review: State.Review, relearning: State.Relearning };

/**
 * How an answer rates as a review: wrong is "again"; right but marked unsure is "hard"; right is
 * "good". "easy" is never inferred from a graded answer (being right says nothing about effort).
 */
export function ratingFor(correct: boolean, unsure = false): ReviewRating {
  if (!correct) return "again";
  return unsure ? "hard" : "good";
}

function toCard(state: CardState): Card {
  return {
    due: state.due,
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: 0,
    scheduled_days: state.scheduledDays,
    learning_steps: 0,
    reps: state.reps,
    lapses: state.lapses,
    state: STATES[state.state],
    ...(state.lastReview ? { last_review: state.lastReview } : {}),
  };
}

function fromCard(card: Card): CardState {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    reps: card.reps,
    lapses: card.lapses,
    state: STATE_NAMES[card.state],
    lastReview: card.last_review ?? null,
  };
}

/**
 * The card after one more review at `at`. `card` null is an item seen for the first time. A
 * review must not be older than the card's last one: replay the whole history instead.
 */
export function reviewCard(card: CardState | null, at: Date, rating: ReviewRating): CardState {
  if (card?.lastReview && at.getTime() < card.lastReview.getTime()) {
    throw new Error("reviewCard: a review older than the card's last one; replay the history instead");
  }
  const current = card ? toCard(card) : createEmptyCard(at);
  return fromCard(scheduler.next(current, at, GRADES[rating]).card);
}

/** The card a history of reviews leads to (in time order; equal times keep their given order), or null for none. */
export function replayCard(events: readonly ReviewEventInput[]): CardState | null {
  const ordered = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  let card: CardState | null = null;
  for (const event of ordered) card = reviewCard(card, event.at, event.rating);
  return card;
}

export function isDue(card: Pick<CardState, "due">, now: Date): boolean {
  return card.due.getTime() <= now.getTime();
}

/** The chance (0..1) the learner still remembers the item at `now`, per FSRS's forgetting curve. */
export function retrievability(card: CardState, now: Date): number {
  if (card.state === "new") return 0;
  return scheduler.get_retrievability(toCard(card), now, false);
}
