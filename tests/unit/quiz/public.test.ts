import { describe, expect, it } from "vitest";
import { QUIZ_FLAGS } from "@/domain/quiz/schema";
import { resolveQuiz, toPublicQuiz } from "@/domain/quiz/variant";
import { loadQuizzes } from "@/lib/quiz/registry.server";
import { sampleQuiz } from "./fixtures";

/** Every string of the answer side of a quiz: explanations, feedback, misconception tags. */
function secretsOf(quiz: ReturnType<typeof sampleQuiz>): string[] {
  const secrets: string[] = [];
  for (const question of quiz.questions) {
    secrets.push(question.explanation);
    const json = JSON.stringify(question);
    for (const match of json.matchAll(/"(feedback|misconception|missedMisconception)":"([^"]+)"/g)) secrets.push(match[2]!);
  }
  return secrets;
}

const ALLOWED_KEYS: Record<string, string[]> = {
  single: ["id", "concept", "type", "prompt", "options"],
  multiple: ["id", "concept", "type", "prompt", "options"],
  flags: ["id", "concept", "type", "prompt", "segment", "flags"],
  state: ["id", "concept", "type", "prompt", "host", "segment", "moment", "ladder", "calls", "choices"],
  number: ["id", "concept", "type", "prompt", "field", "numbering", "ladder"],
  order: ["id", "concept", "type", "prompt", "items"],
  match: ["id", "concept", "type", "prompt", "left", "right"],
};

describe("the public projection of a quiz", () => {
  const quizzes = [sampleQuiz(), ...loadQuizzes().values()];

  it.each(quizzes.map((quiz) => [quiz.id, quiz] as const))("%s: carries no explanation, feedback, misconception or key", (_id, quiz) => {
    for (const seed of [1, 2, 3, 4242, 2 ** 31 - 1]) {
      const publicQuiz = toPublicQuiz(quiz, seed);
      const json = JSON.stringify(publicQuiz);
      for (const secret of secretsOf(quiz)) expect(json).not.toContain(secret);
      expect(json).not.toMatch(/"correct"|"expected"|"wrongBit"|"explanation"|"feedback"|"misconception|"mistakes"|"answer"|"right":\{/);
      publicQuiz.questions.forEach((question, index) => {
        expect(Object.keys(question).sort()).toEqual([...ALLOWED_KEYS[question.type]!].sort());
        const options = "options" in question ? question.options : "items" in question ? question.items : [];
        for (const option of options) expect(Object.keys(option).sort()).toEqual(["id", "text"]);
        const key = resolveQuiz(quiz, seed)[index]!.answer;
        if (question.type === "order" && key.type === "order") expect(question.items.map((i) => i.id)).not.toEqual(key.itemIds);
        if (question.type === "number") {
          const asked = question.ladder.find((s) => s.asked);
          expect(asked?.[asked.asked!]).toBeNull();
        }
        if (question.type === "flags") expect(question.flags).toEqual([...QUIZ_FLAGS]);
      });
    }
  });

  it("match: right-hand choices are shuffled and carry only their own ids", () => {
    const quiz = sampleQuiz();
    const orders = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      const match = toPublicQuiz(quiz, seed).questions.find((q) => q.type === "match");
      if (match?.type !== "match") throw new Error("no match question");
      orders.add(match.right.map((r) => r.id).join());
      expect(match.left.map((l) => l.id)).toEqual(["fin-timeout", "tw-reuse"]);
    }
    expect(orders.size).toBeGreaterThan(1);
  });

  it("is deterministic per seed and different across seeds", () => {
    const quiz = sampleQuiz();
    expect(toPublicQuiz(quiz, 5)).toEqual(toPublicQuiz(quiz, 5));
    expect(JSON.stringify(toPublicQuiz(quiz, 5))).not.toEqual(JSON.stringify(toPublicQuiz(quiz, 6)));
  });
});
