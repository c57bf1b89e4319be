import { describe, expect, it } from "vitest";
import { isDue, ratingFor, replayCard, retrievability, reviewCard, type ReviewRating } from "@/domain/review/schedule";
import { itemKey, parseItemKey } from "@/domain/review/items";

const DAY = 86_400_000;
const t0 = new Date("2027-03-01T09:00:00Z");
const at = (days: number) => new Date(t0.getTime() + days * DAY);

describe("review ratings from graded answers", () => {
  it("is again when wrong, hard when right but unsure, good when right", () => {
    expect(ratingFor(false)).toBe("again");
    expect(ratingFor(false, true)).toBe("again");
    expect(ratingFor(true, true)).toBe("hard");
    expect(ratingFor(true)).toBe("good");
  });
});

describe("FSRS scheduling", () => {
  it("brings a missed item back the next day, then at growing intervals while it is answered well", () => {
    let card = reviewCard(null, t0, "again");
    expect(card.due).toEqual(at(1));
    expect(card.state).toBe("review");
    const intervals: number[] = [];
    for (let i = 0; i < 4; i++) {
      const now = card.due;
      card = reviewCard(card, now, "good");
      intervals.push((card.due.getTime() - now.getTime()) / DAY);
    }
    expect(intervals.every((days) => Number.isInteger(days) && days >= 1)).toBe(true);
    for (let i = 1; i < intervals.length; i++) expect(intervals[i]!).toBeGreaterThan(intervals[i - 1]!);
    expect(card.reps).toBe(5);
    expect(card.lapses).toBe(0);
  });

  it("shortens the interval after a lapse and counts it", () => {
    let card = reviewCard(null, t0, "good");
    card = reviewCard(card, card.due, "good");
    const before = card.scheduledDays;
    card = reviewCard(card, card.due, "again");
    expect(card.lapses).toBe(1);
    expect(card.scheduledDays).toBeLessThan(before);
    expect(card.scheduledDays).toBeGreaterThanOrEqual(1);
  });

  it("rates hard between again and good", () => {
    const start = reviewCard(reviewCard(null, t0, "good"), at(3), "good");
    const days = (rating: ReviewRating) => reviewCard(start, start.due, rating).scheduledDays;
    expect(days("again")).toBeLessThanOrEqual(days("hard"));
    expect(days("hard")).toBeLessThan(days("good"));
    expect(days("good")).toBeLessThan(days("easy"));
  });

  it("is deterministic: replaying a history gives the same card as reviewing it step by step", () => {
    const history = [
      { at: t0, rating: "again" as const },
      { at: at(1), rating: "good" as const },
      { at: at(2.5), rating: "hard" as const },
      { at: at(9), rating: "good" as const },
    ];
    let stepwise = null as ReturnType<typeof reviewCard> | null;
    for (const event of history) stepwise = reviewCard(stepwise, event.at, event.rating);
    expect(replayCard([...history].reverse())).toEqual(stepwise);
    expect(replayCard(history)).toEqual(replayCard(history));
    expect(replayCard([])).toBeNull();
  });

  it("refuses a review older than the card's last one (the history must be replayed)", () => {
    const card = reviewCard(null, at(2), "again");
    expect(() => reviewCard(card, at(1), "good")).toThrow(/replay/);
  });

  it("knows what is due and how likely the learner still remembers it", () => {
    const card = reviewCard(null, t0, "good");
    expect(isDue(card, at(0.5))).toBe(false);
    expect(isDue(card, card.due)).toBe(true);
    expect(retrievability(card, t0)).toBeCloseTo(1, 6);
    expect(retrievability(card, card.due)).toBeCloseTo(0.9, 1);
    expect(retrievability(card, at(60))).toBeLessThan(retrievability(card, card.due));
  });
});

describe("review item keys", () => {
  it("round-trips questions, concepts and predictions", () => {
    for (const item of [
      { kind: "question" as const, quizId: "time-wait", questionId: "who-enters" },
      { kind: "concept" as const, concept: "time-wait" as const },
      { kind: "prediction" as const, concept: "handshake-states" as const },
    ]) {
      expect(parseItemKey(itemKey(item))).toEqual(item);
    }
    expect(itemKey({ kind: "question", quizId: "a", questionId: "b" })).toBe("q:a/b");
  });

  it("rejects malformed keys", () => {
    for (const key of ["", "q:", "q:a", "q:a/b/c", "q:A/b", "c:nonsense", "p:", "x:flags", "q:a/" + "b".repeat(200)]) expect(parseItemKey(key), key).toBeNull();
  });
});
