/**
 * Some well-formed answer to a public quiz question, right or wrong: load and benchmark runs
 * measure the grading path, not a learner's knowledge.
 */
export type AnyPublicQuestion = {
  id: string;
  type: string;
  options?: Array<{ id: string }>;
  choices?: string[];
  items?: Array<{ id: string }>;
  left?: Array<{ id: string }>;
  right?: Array<{ id: string }>;
};

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;

export function someResponse(question: AnyPublicQuestion, random: () => number = Math.random): unknown {
  switch (question.type) {
    case "single":
      return { type: "single", optionId: pick(question.options ?? [{ id: "a" }], random).id };
    case "multiple":
      return { type: "multiple", optionIds: (question.options ?? []).filter(() => random() < 0.5).map((o) => o.id) };
    case "flags":
      return { type: "flags", flags: ["SYN", "ACK", "FIN", "RST", "PSH"].filter(() => random() < 0.4) };
    case "state":
      return { type: "state", state: pick(question.choices ?? ["ESTABLISHED"], random) };
    case "number":
      return { type: "number", value: Math.floor(random() * 100_000) };
    case "order":
      return { type: "order", itemIds: [...(question.items ?? [])].sort(() => random() - 0.5).map((i) => i.id) };
    case "match": {
      const right = (question.right ?? []).map((r) => r.id);
      return { type: "match", pairs: Object.fromEntries((question.left ?? []).map((l, i) => [l.id, right[i % right.length]!])) };
    }
    default:
      throw new Error(`unknown question type ${question.type}`);
  }
}
