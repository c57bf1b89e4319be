import { describe, expect, it } from "vitest";
import { eventsForAnswer, isShaky, replayQueue, type AnswerFact } from "@/domain/review/rules";
import { dueCards, drawQuestion, nextDue, planSession, type PoolQuestion } from "@/domain/review/queue";
import { reviewCard } from "@/domain/review/schedule";

const DAY = 86_400_000;
const t0 = new Date("2027-03-01T09:00:00Z");
const at = (days: number) => new Date(t0.getTime() + days * DAY);
let id = 0;
const fact = (over: Partial<AnswerFact>): AnswerFact => ({ id: `a${++id}`, source: "quiz", key: "q:time-wait/who-enters", concept: "time-wait", correct: true, at: t0, ...over });
const none = { hasCard: () => false, conceptMastery: null };

describe("what enters the review queue", () => {
  it("a missed quiz question enters as again; a right one does not", () => {
    expect(eventsForAnswer(fact({ correct: false }), none)).toMatchObject([{ key: "q:time-wait/who-enters", rating: "again" }]);
    expect(eventsForAnswer(fact({ correct: true }), none)).toEqual([]);
  });

  it("once queued, every later answer to the item is a review", () => {
    const queued = { hasCard: (key: string) => key === "q:time-wait/who-enters", conceptMastery: null };
    expect(eventsForAnswer(fact({ correct: true }), queued)).toMatchObject([{ rating: "good" }]);
  });

  it("review answers always count; right but unsure is hard (and only in reviews)", () => {
    expect(eventsForAnswer(fact({ source: "review", correct: true, unsure: true }), none)).toMatchObject([{ rating: "hard", source: "review" }]);
    expect(eventsForAnswer(fact({ source: "review", correct: true }), none)).toMatchObject([{ rating: "good" }]);
    const queued = { hasCard: () => true, conceptMastery: null };
    expect(eventsForAnswer(fact({ source: "quiz", correct: true, unsure: true }), queued)).toMatchObject([{ rating: "good" }]);
  });

  it("a missed prediction enters as a prediction item of its concept", () => {
    expect(eventsForAnswer(fact({ source: "prediction", key: "p:handshake-states", concept: "handshake-states", correct: false }), none)).toMatchObject([
      { key: "p:handshake-states", rating: "again" },
    ]);
  });

  it("a shaky concept enters once: again while learning, hard while practising", () => {
    const learning = { hasCard: () => false, conceptMastery: { answered: 3, level: "learning" as const } };
    expect(eventsForAnswer(fact({ correct: true }), learning)).toMatchObject([{ key: "c:time-wait", rating: "again" }]);
    const practising = { hasCard: () => false, conceptMastery: { answered: 4, level: "practising" as const } };
    expect(eventsForAnswer(fact({ correct: false }), practising).map((e) => [e.key, e.rating])).toEqual([
      ["q:time-wait/who-enters", "again"],
      ["c:time-wait", "hard"],
    ]);
    const alreadyQueued = { hasCard: (key: string) => key === "c:time-wait", conceptMastery: { answered: 4, level: "practising" as const } };
    expect(eventsForAnswer(fact({ correct: true }), alreadyQueued)).toEqual([]);
  });

  it("needs enough answers to call a concept shaky, and never a mastered one", () => {
    expect(isShaky({ answered: 2, level: "learning" })).toBe(false);
    expect(isShaky({ answered: 3, level: "learning" })).toBe(true);
    expect(isShaky({ answered: 9, level: "mastered" })).toBe(false);
  });
});

describe("a visitor's queue rebuilt from their answers", () => {
  it("agrees with applying the rules answer by answer, whatever order the answers arrive in", () => {
    const facts = [
      fact({ correct: false, at: t0 }),
      fact({ key: "q:time-wait/linux-length", correct: false, at: at(0.01) }),
      fact({ key: "q:time-wait/rfc-msl", correct: false, at: at(0.02) }),
      fact({ source: "review", correct: true, at: at(1) }),
    ];
    const queue = replayQueue(facts);
    expect(queue.map((entry) => entry.key).sort()).toEqual(["c:time-wait", "q:time-wait/linux-length", "q:time-wait/rfc-msl", "q:time-wait/who-enters"]);
    const reviewed = queue.find((entry) => entry.key === "q:time-wait/who-enters")!.card;
    expect(reviewed).toEqual(reviewCard(reviewCard(null, t0, "again"), at(1), "good"));
    expect(replayQueue([...facts].reverse())).toEqual(expect.arrayContaining(queue));
    // Three misses in a row: mastery 0 after three answers, so the concept entered too (again).
    expect(queue.find((entry) => entry.key === "c:time-wait")!.card).toEqual(reviewCard(null, at(0.02), "again"));
  });
});

describe("planning a session", () => {
  const pool: PoolQuestion[] = [
    { quizId: "time-wait", questionId: "who-enters", concept: "time-wait", type: "single" },
    { quizId: "time-wait", questionId: "linux-length", concept: "time-wait", type: "single" },
    { quizId: "time-wait", questionId: "after-last-ack", concept: "time-wait", type: "state" },
    { quizId: "three-way-handshake", questionId: "handshake-state", concept: "handshake-states", type: "state" },
    { quizId: "three-way-handshake", questionId: "why-three", concept: "handshake-states", type: "single" },
    { quizId: "tcp-header-and-flags", questionId: "flags-syn-ack", concept: "flags", type: "flags" },
  ];
  const card = (key: string, concept: PoolQuestion["concept"], missedAt: Date) => ({ key, concept, card: reviewCard(null, missedAt, "again") });

  it("takes due items, most overdue first, and says when the next one is due", () => {
    const cards = [card("q:time-wait/who-enters", "time-wait", at(0)), card("c:handshake-states", "handshake-states", at(-3)), card("q:time-wait/linux-length", "time-wait", at(5))];
    expect(dueCards(cards, at(1)).map((c) => c.key)).toEqual(["c:handshake-states", "q:time-wait/who-enters"]);
    expect(nextDue(cards)).toEqual(at(-2));
    expect(nextDue([])).toBeNull();
    const plan = planSession({ cards, now: at(1), pool, seed: 7 });
    expect(plan.items.map((i) => i.key)).toEqual(["c:handshake-states", "q:time-wait/who-enters"]);
    expect(plan.items[0]!.concept).toBe("handshake-states");
  });

  it("lets question items keep their question: a concept item due first draws another one", () => {
    const twoQuestions = pool.filter((q) => q.concept === "time-wait" && q.type === "single");
    for (let seed = 0; seed < 30; seed++) {
      const cards = [card("c:time-wait", "time-wait", at(-2)), card("q:time-wait/who-enters", "time-wait", at(-1))];
      const plan = planSession({ cards, now: at(1), pool: twoQuestions, seed });
      expect(plan.items.map((i) => [i.key, i.questionId])).toEqual([
        ["c:time-wait", "linux-length"],
        ["q:time-wait/who-enters", "who-enters"],
      ]);
    }
  });

  it("draws a question of the prediction's kind for a prediction item, never one already in the session", () => {
    for (let seed = 0; seed < 20; seed++) {
      expect(drawQuestion("p:handshake-states", pool, seed, new Set())).toMatchObject({ questionId: "handshake-state" });
      expect(drawQuestion("p:time-wait", pool, seed, new Set())).toMatchObject({ questionId: "after-last-ack" });
      expect(drawQuestion("c:time-wait", pool, seed, new Set(["q:time-wait/who-enters", "q:time-wait/after-last-ack"]))).toMatchObject({ questionId: "linux-length" });
    }
    expect(drawQuestion("q:gone/question", pool, 1, new Set())).toBeNull();
    expect(drawQuestion("c:sysctls", pool, 1, new Set())).toBeNull();
  });

  it("for an assignment, keeps to its concepts and adds practice until each unmastered concept has three questions", () => {
    const cards = [card("q:time-wait/who-enters", "time-wait", at(-1)), card("q:tcp-header-and-flags/flags-syn-ack", "flags", at(-1))];
    const plan = planSession({ cards, now: at(1), pool, seed: 3, focus: { concepts: ["time-wait", "handshake-states"], unmastered: ["time-wait", "handshake-states"] } });
    expect(plan.items.filter((i) => i.concept === "flags")).toEqual([]);
    expect(plan.items.filter((i) => i.concept === "time-wait")).toHaveLength(3);
    expect(plan.items.filter((i) => i.concept === "handshake-states")).toHaveLength(2); // the pool has only two
    expect(new Set(plan.items.map((i) => `${i.quizId}/${i.questionId}`)).size).toBe(plan.items.length);
    expect(plan.items[0]!.key).toBe("q:time-wait/who-enters");
  });
});
