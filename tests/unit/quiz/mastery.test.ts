import { describe, expect, it } from "vitest";
import { computeMastery, masteryLevel } from "@/domain/quiz/mastery";
import { CONCEPTS } from "@/domain/quiz/schema";

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
const answers = (concept: string, results: boolean[], start = 0) => results.map((correct, i) => ({ concept, correct, answeredAt: at(start + i) }));
const flags = (list: ReturnType<typeof computeMastery>) => list.find((m) => m.concept === "flags")!;

describe("mastery", () => {
  it("lists every concept, not started before any answer", () => {
    const mastery = computeMastery([]);
    expect(mastery.map((m) => m.concept)).toEqual([...CONCEPTS]);
    expect(mastery.every((m) => m.score === null && m.level === "not-started" && m.answered === 0)).toBe(true);
  });

  it("weights recent answers more: the same results in another order give another score", () => {
    const improving = flags(computeMastery(answers("flags", [false, false, true, true])));
    const declining = flags(computeMastery(answers("flags", [true, true, false, false])));
    expect(improving.score).toBeGreaterThan(0.5);
    expect(declining.score).toBeLessThan(0.5);
    expect(improving.answered).toBe(4);
  });

  it("goes down as well as up", () => {
    const history = answers("flags", [true, true, true, true]);
    const before = flags(computeMastery(history));
    expect(before).toMatchObject({ score: 1, level: "mastered" });
    const after = flags(computeMastery([...history, ...answers("flags", [false, false], 10)]));
    expect(after.score!).toBeLessThan(before.score!);
    expect(after.level).not.toBe("mastered");
    const recovered = flags(computeMastery([...history, ...answers("flags", [false, false], 10), ...answers("flags", [true, true, true, true], 20)]));
    expect(recovered.score!).toBeGreaterThan(after.score!);
  });

  it("computes the weighted score exactly", () => {
    // Newest first: wrong (1), right (0.75), right (0.5625).
    const result = flags(computeMastery(answers("flags", [true, true, false])));
    expect(result.score).toBeCloseTo((0.75 + 0.5625) / (1 + 0.75 + 0.5625), 10);
  });

  it("orders by time, not by the order given", () => {
    const list = answers("flags", [true, false]).reverse();
    expect(flags(computeMastery(list)).score).toBeCloseTo(0.75 / 1.75, 10);
  });

  it("keeps concepts apart and ignores unknown ones", () => {
    const mastery = computeMastery([...answers("flags", [true]), ...answers("sysctls", [false]), ...answers("nonsense", [true])]);
    expect(mastery.find((m) => m.concept === "flags")).toMatchObject({ score: 1, answered: 1, level: "practising" });
    expect(mastery.find((m) => m.concept === "sysctls")).toMatchObject({ score: 0, answered: 1, level: "learning" });
  });

  it("needs a few answers before calling a concept mastered", () => {
    expect(masteryLevel(1, 1)).toBe("practising");
    expect(masteryLevel(1, 3)).toBe("mastered");
    expect(masteryLevel(0.79, 10)).toBe("practising");
    expect(masteryLevel(0.2, 10)).toBe("learning");
    expect(masteryLevel(null, 0)).toBe("not-started");
  });
});
