import { describe, expect, it } from "vitest";
import { describeMisconception, misconceptionsOf, MISCONCEPTIONS } from "@/domain/quiz/misconceptions";
import { listQuizzes } from "@/lib/quiz/registry.server";

/** Every misconception tag a quiz can record, wherever it is written in the quiz. */
function tagsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) tagsIn(item, found);
  else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if ((key === "misconception" || key === "missedMisconception") && typeof inner === "string") found.add(inner);
      else tagsIn(inner, found);
    }
  }
  return found;
}

describe("misconceptions for instructors", () => {
  const used = tagsIn(listQuizzes());

  it("give every tag a quiz records a human title and a one-line explanation", () => {
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((tag) => !MISCONCEPTIONS[tag]);
    expect(missing, "add these tags to domain/quiz/misconceptions.ts").toEqual([]);
  });

  it("read as sentences, not slugs, each explanation on one line", () => {
    for (const [tag, { title, explanation }] of Object.entries(MISCONCEPTIONS)) {
      expect(title, tag).not.toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
      expect(title.length, tag).toBeLessThanOrEqual(80);
      expect(explanation, tag).not.toContain("\n");
      expect(explanation.length, tag).toBeLessThanOrEqual(160);
      expect(explanation, tag).toMatch(/[.)]$/);
    }
  });

  it("split stored tags and never show a slug even for an unknown tag", () => {
    expect(misconceptionsOf("thinks-synack-has-no-ack,forgets-syn-consumes-a-sequence-number").map((m) => m.title)).toEqual([
      "Thinks the SYN+ACK carries no acknowledgment",
      "Forgets that SYN takes a sequence number",
    ]);
    expect(misconceptionsOf(null)).toEqual([]);
    expect(describeMisconception("thinks-something-new").title).toBe("Thinks something new");
  });
});
