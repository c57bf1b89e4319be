import { describe, expect, it } from "vitest";
import { groupGain, learnedLeast, normalizedGain, share, spreadOf, type LearnerPair } from "@/domain/learning/gain";

const pair = (learnerId: string, pre: [number, number], post: [number, number]): LearnerPair => ({
  learnerId,
  pre: { correct: pre[0], total: pre[1] },
  post: { correct: post[0], total: post[1] },
});

describe("Hake's normalized gain for one learner", () => {
  it("is the share of what was not known before that is known after", () => {
    expect(normalizedGain(0.2, 0.6)).toBeCloseTo(0.5, 12);
    expect(normalizedGain(0, 1)).toBe(1);
    expect(normalizedGain(0, 0)).toBe(0);
    expect(normalizedGain(0.4, 0.4)).toBe(0);
  });

  it("is negative when the learner did worse after the lesson", () => {
    expect(normalizedGain(0.6, 0.2)).toBeCloseTo(-1, 12);
    expect(normalizedGain(0.8, 0)).toBeCloseTo(-4, 12);
  });

  it("is undefined (null) when the score before is already the maximum, whatever the score after", () => {
    expect(normalizedGain(1, 1)).toBeNull();
    expect(normalizedGain(1, 0.4)).toBeNull();
  });

  it("refuses shares outside 0..1", () => {
    expect(() => normalizedGain(-0.1, 0.5)).toThrow(RangeError);
    expect(() => normalizedGain(0.5, 1.2)).toThrow(RangeError);
    expect(() => normalizedGain(Number.NaN, 0.5)).toThrow(RangeError);
  });

  it("reads scores as shares, none without questions", () => {
    expect(share({ correct: 3, total: 4 })).toBe(0.75);
    expect(share({ correct: 0, total: 0 })).toBeNull();
  });
});

describe("a class's gain and its spread", () => {
  it("uses the means of the matched learners for the class gain and the individual gains for the spread", () => {
    const gain = groupGain([pair("a", [1, 5], [3, 5]), pair("b", [2, 5], [5, 5]), pair("c", [0, 5], [1, 5])]);
    // mean pre 3/15 = 0.2, mean post 9/15 = 0.6: g = 0.4 / 0.8 = 0.5
    expect(gain.meanPre).toBeCloseTo(0.2, 12);
    expect(gain.meanPost).toBeCloseTo(0.6, 12);
    expect(gain.classGain).toBeCloseTo(0.5, 12);
    // individual: a 0.2→0.6 = 0.5; b 0.4→1 = 1; c 0→0.2 = 0.2
    expect(gain.learners.map((l) => l.gain)).toEqual([expect.closeTo(0.5, 12), 1, expect.closeTo(0.2, 12)]);
    expect(gain.meanGain).toBeCloseTo((0.5 + 1 + 0.2) / 3, 12);
    expect(gain.spread?.median).toBeCloseTo(0.5, 12);
    expect(gain.spread?.min).toBeCloseTo(0.2, 12);
    expect(gain.spread?.max).toBe(1);
    const mean = (0.5 + 1 + 0.2) / 3;
    const sd = Math.sqrt(((0.5 - mean) ** 2 + (1 - mean) ** 2 + (0.2 - mean) ** 2) / 2);
    expect(gain.spread?.sd).toBeCloseTo(sd, 12);
    expect(gain).toMatchObject({ matched: 3, atCeiling: 0 });
  });

  it("counts learners already at the maximum before apart and leaves them out of every mean of g", () => {
    const gain = groupGain([pair("top", [5, 5], [4, 5]), pair("a", [0, 5], [5, 5]), pair("b", [1, 5], [1, 5])]);
    expect(gain).toMatchObject({ matched: 3, atCeiling: 1 });
    expect(gain.learners.find((l) => l.learnerId === "top")?.gain).toBeNull();
    expect(gain.meanGain).toBeCloseTo(0.5, 12);
    expect(gain.spread?.sd).toBeCloseTo(Math.SQRT1_2, 12);
    // The class gain still uses every matched learner's scores: pre 6/15, post 10/15.
    expect(gain.classGain).toBeCloseTo((10 / 15 - 6 / 15) / (1 - 6 / 15), 12);
  });

  it("has no class gain when every matched learner was at the maximum before", () => {
    const gain = groupGain([pair("a", [5, 5], [5, 5]), pair("b", [3, 3], [2, 3])]);
    expect(gain).toMatchObject({ matched: 2, atCeiling: 2, meanPre: 1, classGain: null, meanGain: null, spread: null });
    expect(gain.meanPost).toBeCloseTo(7 / 8, 12);
  });

  it("matches only learners with a before and an after score", () => {
    const gain = groupGain([pair("only-pre", [2, 5], [0, 0]), pair("only-post", [0, 0], [4, 5]), pair("both", [1, 4], [4, 4])]);
    expect(gain.matched).toBe(1);
    expect(gain.learners.map((l) => l.learnerId)).toEqual(["both"]);
    expect(gain.classGain).toBe(1);
    expect(gain.spread).toMatchObject({ sd: null, min: 1, median: 1, max: 1 });
  });

  it("is empty, not zero, without learners", () => {
    expect(groupGain([])).toMatchObject({ matched: 0, atCeiling: 0, meanPre: null, meanPost: null, classGain: null, meanGain: null, spread: null, learners: [] });
  });

  it("can be negative for the class", () => {
    expect(groupGain([pair("a", [4, 5], [2, 5])]).classGain).toBeCloseTo(-2, 12);
  });

  it("takes quartiles by interpolation", () => {
    expect(spreadOf([0, 1, 2, 3])).toMatchObject({ q1: 0.75, median: 1.5, q3: 2.25 });
    expect(spreadOf([])).toBeNull();
  });
});

describe("the concepts the class learned least", () => {
  const g = (pairs: LearnerPair[]) => groupGain(pairs);
  it("ranks by class gain, lowest first, skipping groups without a gain, better-measured first on ties", () => {
    const groups = [
      { key: "flags", gain: g([pair("a", [0, 2], [2, 2])]) },
      { key: "time-wait", gain: g([pair("a", [0, 2], [1, 2]), pair("b", [0, 2], [1, 2])]) },
      { key: "sysctls", gain: g([pair("a", [0, 2], [1, 2])]) },
      { key: "handshake-states", gain: g([pair("a", [2, 2], [2, 2])]) },
      { key: "teardown-states", gain: g([pair("a", [1, 2], [0, 2])]) },
    ];
    expect(learnedLeast(groups).map((group) => group.key)).toEqual(["teardown-states", "time-wait", "sysctls"]);
    expect(learnedLeast(groups, 10).map((group) => group.key)).not.toContain("handshake-states");
    expect(learnedLeast([], 3)).toEqual([]);
  });
});
