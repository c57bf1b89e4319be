import { describe, expect, it } from "vitest";
import { resolveQuestion } from "@/domain/quiz/variant";
import { reviewCard } from "@/domain/review/schedule";
import { findQuestion, questionPool } from "@/lib/review/pool.server";
import { addSeenVariant, planFreshSession } from "@/lib/review/sessions.server";

const t0 = new Date("2027-03-01T09:00:00Z");
const nextDay = new Date(t0.getTime() + 86_400_000);
const generated = findQuestion("time-wait", "after-last-ack")!.question;
const variant = (seed: number) => JSON.stringify(resolveQuestion(generated, seed).public);
const seenSeed = 4242;
// Another seed that happens to give the same variant, and one that does not.
const collider = Array.from({ length: 5000 }, (_, i) => i + 1).find((seed) => seed !== seenSeed && variant(seed) === variant(seenSeed))!;
const fresh = Array.from({ length: 5000 }, (_, i) => i + 1).find((seed) => variant(seed) !== variant(seenSeed))!;

function seeds(...values: number[]) {
  let index = 0;
  return () => values[Math.min(index++, values.length - 1)]!;
}

describe("a review session asks in a variant the learner has not seen", () => {
  const cards = [{ key: "q:time-wait/after-last-ack", concept: "time-wait" as const, card: reviewCard(null, t0, "again") }];
  const seen = new Map<string, number[]>();
  addSeenVariant(seen, "time-wait", "after-last-ack", seenSeed);

  it("draws again when a seed would repeat the variant last seen", () => {
    expect(collider).toBeDefined();
    const { seed, plan } = planFreshSession({ cards, now: nextDay, pool: questionPool() }, seen, seeds(collider, fresh));
    expect(plan.items.map((item) => item.key)).toEqual(["q:time-wait/after-last-ack"]);
    expect(seed).toBe(fresh);
    expect(variant(seed)).not.toBe(variant(seenSeed));
  });

  it("takes the first seed when nothing was seen before", () => {
    expect(planFreshSession({ cards, now: nextDay, pool: questionPool() }, new Map(), seeds(collider, fresh)).seed).toBe(collider);
  });

  it("settles after its tries when every seed repeats (a question with a single variant)", () => {
    const { seed, plan } = planFreshSession({ cards, now: nextDay, pool: questionPool() }, seen, seeds(collider));
    expect(seed).toBe(collider);
    expect(plan.items).toHaveLength(1);
  });
});
