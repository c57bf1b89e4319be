/** What the kernel differential test replays: everything a learner can run, nothing left out silently. */
import { describe, expect, it } from "vitest";
import { CHALLENGES } from "@/domain/challenges";
import { parseQuiz } from "@/domain/quiz/schema";
import { PRESET_IDS } from "@/domain/simulator/presets";
import { quizFiles } from "@/content/quizzes";
import { caseTiming, KERNEL_HORIZON_MS, kernelCases, specOf, TAIL_MS, unsupportedFeature } from "../../kernel/cases";
import { call, OPEN, scenario } from "../tcp/helpers";

const { cases, unsupported } = kernelCases();
const sources = cases.flatMap((kernelCase) => kernelCase.sources);

describe("kernel cases", () => {
  it("replay every simulator preset", () => {
    for (const preset of PRESET_IDS) expect(sources).toContain(`preset ${preset}`);
  });

  it("replay every challenge's reference solution", () => {
    for (const challenge of CHALLENGES) expect(sources).toContain(`challenge ${challenge.id} (reference solution)`);
  });

  it("replay a scenario of every quiz question that runs the engine, with every variant of a generated one", () => {
    for (const file of quizFiles) {
      const quiz = parseQuiz(file.quiz, file.source);
      for (const question of quiz.questions.filter((q) => q.type === "state" || q.type === "number")) {
        expect(sources.some((source) => source.startsWith(`quiz ${quiz.id}, question ${question.id}`)), question.id).toBe(true);
      }
    }
    // A teardown question drawn from two variants replays both.
    expect(sources).toContain("quiz four-way-teardown, question teardown-state (variant 2)");
  });

  it("leave nothing out: every scenario today runs on the kernel", () => {
    expect(unsupported).toEqual([]);
  });

  it("replay identical scenarios once, listing every place they come from", () => {
    const refused = cases.find((kernelCase) => kernelCase.id === "preset:refused-connection");
    expect(refused?.sources).toEqual(["preset refused-connection", "challenge refused-connect (reference solution)"]);
    expect(new Set(cases.map((kernelCase) => kernelCase.id)).size).toBe(cases.length);
  });

  it("name what the kernel cannot replay", () => {
    expect(unsupportedFeature({ actions: [], profile: "rfc9293" })).toMatch(/profile rfc9293/);
    expect(unsupportedFeature({ actions: [], reorder: { jitterMs: 5 } })).toBe("reordering");
    expect(unsupportedFeature({ actions: [], duplicateProbability: 0.1 })).toBe("duplication");
    expect(unsupportedFeature({ actions: OPEN })).toBeNull();
  });
});

describe("specOf", () => {
  it("turns a drop action into the lost segment's place in its host's sequence, and keeps only application calls", () => {
    const challenge = cases.find((kernelCase) => kernelCase.id === "challenge:time-wait-reacks-fin");
    if (challenge === undefined) throw new Error("no case for time-wait-reacks-fin");
    const spec = specOf(challenge);
    // Segment 7 of four-way-close is the client's 4th: its ACK of the server's FIN.
    expect(spec.drop).toEqual([{ from: "client", nth: 4 }]);
    expect(spec.actions.every((action) => action.do !== "drop")).toBe(true);
  });

  it("replays the segments a lossy run lost at random as drop rules", () => {
    const lossy = scenario(OPEN, { lossProbability: 0.5, seed: 7 });
    const spec = specOf({ id: "lossy", sources: [], scenario: lossy, ...caseTiming(lossy) });
    expect(spec.drop.length).toBeGreaterThan(0);
  });
});

describe("caseTiming", () => {
  it("runs TAIL_MS past the last engine event", () => {
    expect(caseTiming(scenario(OPEN))).toEqual({ judgedUntilMs: 30, durationMs: 30 + TAIL_MS });
  });

  it("stops at the horizon where the engine is quiet for TAIL_MS: TIME-WAIT's end is judged, a 131 s ETIMEDOUT is not", () => {
    expect(caseTiming(scenario([...OPEN, call(100, "client", "close"), call(300, "server", "close")])).judgedUntilMs).toBe(60_310);
    const silent = caseTiming(scenario([call(0, "client", "connect")], { drop: [{ from: "client", nth: Array.from({ length: 20 }, (_, i) => i + 1) }] }));
    expect(silent).toEqual({ judgedUntilMs: 35_000, durationMs: 35_000 + TAIL_MS });
    expect(silent.durationMs).toBeLessThanOrEqual(KERNEL_HORIZON_MS);
  });
});
