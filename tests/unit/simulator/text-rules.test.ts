/**
 * English messages put into Chinese by pattern: the playground link's. The capture reader's are
 * worded from codes instead (capture-words.test.ts).
 */
import { describe, expect, it } from "vitest";
import { applyTextRules } from "@/domain/simulator/text-rules";
import { playgroundErrorZh } from "@/domain/simulator/url-state";

describe("translation by pattern", () => {
  it("applies the first rule that matches, with the parts it captured, and says when none does", () => {
    const rules = [
      [/^(\d+) apples$/, (n: string) => `${n} 个苹果`],
      [/^(\d+) (\w+)$/, (n: string, what: string) => `${n} ${what}?`],
    ] as const;
    expect(applyTextRules(rules, "3 apples")).toBe("3 个苹果");
    expect(applyTextRules(rules, "3 pears")).toBe("3 pears?");
    expect(applyTextRules(rules, "pears")).toBeNull();
  });

  it("names the playground link's parameter and translates its refusal", () => {
    expect(playgroundErrorZh("lat: Too big: expected number to be <=2000")).toBe("lat：太大：最大为 2000");
    expect(playgroundErrorZh("a: at most 200 actions")).toBe("a：最多 200 个操作");
    expect(playgroundErrorZh("lat: a refusal not known")).toBe("lat：a refusal not known");
  });
});
