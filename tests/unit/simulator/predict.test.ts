/**
 * "Predict, then run": the question before each step comes from the engine's run, and the answer
 * is graded by replaying the same run, whatever the browser claims.
 */
import { describe, expect, it } from "vitest";
import {
  digest,
  gradeLabPrediction,
  gradeStepPrediction,
  labPredictionSchema,
  labTruth,
  segmentAnswerOf,
  stepAnswer,
  stepConcept,
  stepPredictionSchema,
  stepQuestion,
} from "@/domain/simulator/predict";
import { DEFAULT_SYN_BACKLOG_INPUT, DEFAULT_TIME_WAIT_INPUT } from "@/domain/simulator/labs";
import { buildRun } from "@/domain/simulator/run";
import { DEFAULT_SETTINGS, buildScenario, type SimulatorSettings } from "@/domain/simulator/session";
import { TCP_STATES } from "@/domain/tcp";

const settings = (preset: SimulatorSettings["preset"]): SimulatorSettings => ({ ...DEFAULT_SETTINGS, preset });
const runOf = (preset: SimulatorSettings["preset"]) => buildRun(buildScenario(settings(preset), []));

describe("the question before a step", () => {
  const run = runOf("four-way-close");

  it("asks the state after the step when the step moves the host, with the truth among a few states", () => {
    // Step 3 (0-based 2): the server receives the SYN.
    const question = stepQuestion(run, 2);
    expect(question).toMatchObject({ kind: "state", host: "server", trigger: { kind: "deliver", host: "server" } });
    if (question?.kind !== "state") return;
    expect(question.options).toContain("SYN-RECEIVED");
    expect(question.options).toContain("LISTEN");
    expect(question.options.length).toBeGreaterThanOrEqual(2);
    expect(question.options.length).toBeLessThanOrEqual(4);
    // In the RFC's order, so the order gives nothing away.
    expect([...question.options].sort((a, b) => TCP_STATES.indexOf(a) - TCP_STATES.indexOf(b))).toEqual(question.options);
    expect(stepAnswer(run, 2, question)).toBe("SYN-RECEIVED");
    expect(stepConcept(run, 2, question)).toBe("handshake-states");
  });

  it("asks what the host sends when its state does not change", () => {
    const index = run.steps.findIndex((_, step) => stepQuestion(run, step)?.kind === "segment");
    const question = stepQuestion(run, index);
    expect(question?.kind).toBe("segment");
    if (question === null) return;
    expect(question.options).toEqual(["nothing", "SYN", "SYN-ACK", "ACK", "data", "FIN", "RST"]);
    expect(stepConcept(run, index, question)).toBe("flags");
  });

  it("names teardown and TIME-WAIT concepts", () => {
    const concepts = run.steps.map((_, step) => {
      const question = stepQuestion(run, step);
      return question === null ? null : stepConcept(run, step, question);
    });
    expect(concepts).toContain("teardown-states");
    expect(concepts).toContain("time-wait");
  });

  it("asks nothing about a step no host acts in (the link changing)", () => {
    const dead = runOf("idle-dead-peer");
    const cut = dead.steps.findIndex((step) => dead.events.slice(step.first, step.end).some((event) => event.kind === "link"));
    expect(stepQuestion(dead, cut)).toBeNull();
    expect(stepQuestion(dead, dead.steps.length)).toBeNull();
  });

  it("calls a segment as a learner would", () => {
    expect(segmentAnswerOf({ flags: ["SYN"], len: 0 })).toBe("SYN");
    expect(segmentAnswerOf({ flags: ["SYN", "ACK"], len: 0 })).toBe("SYN-ACK");
    expect(segmentAnswerOf({ flags: ["FIN", "ACK"], len: 0 })).toBe("FIN");
    expect(segmentAnswerOf({ flags: ["RST", "ACK"], len: 0 })).toBe("RST");
    expect(segmentAnswerOf({ flags: ["PSH", "ACK"], len: 100 })).toBe("data");
    expect(segmentAnswerOf({ flags: ["ACK"], len: 0 })).toBe("ACK");
  });
});

describe("grading on the server", () => {
  const base = { settings: settings("three-way-handshake"), actions: [], cursor: 2, kind: "state" as const, host: "server" as const };

  it("replays the run: right and wrong answers, and the truth", () => {
    expect(gradeStepPrediction({ ...base, answer: "SYN-RECEIVED" })).toMatchObject({ ok: true, correct: true, truth: "SYN-RECEIVED", concept: "handshake-states" });
    expect(gradeStepPrediction({ ...base, answer: "LISTEN" })).toMatchObject({ ok: true, correct: false, truth: "SYN-RECEIVED" });
  });

  it("refuses an answer that is not an option, and a question the run does not ask", () => {
    expect(gradeStepPrediction({ ...base, answer: "ESTABLISHED-ISH" })).toEqual({ ok: false, error: "invalid" });
    expect(gradeStepPrediction({ ...base, kind: "segment", answer: "SYN-ACK" })).toEqual({ ok: false, error: "no-question" });
    expect(gradeStepPrediction({ ...base, host: "client", answer: "SYN-SENT" })).toEqual({ ok: false, error: "no-question" });
    expect(gradeStepPrediction({ ...base, cursor: 999, answer: "CLOSED" })).toEqual({ ok: false, error: "no-question" });
  });

  it("names each question by what it asks, so the same question counts once, in any run", () => {
    const key = (extra: object) => {
      const grade = gradeStepPrediction({ ...base, answer: "SYN-RECEIVED", ...extra });
      return grade.ok ? grade.key : null;
    };
    expect(key({})).toBe(key({}));
    expect(key({ answer: "LISTEN" })).toBe(key({}));
    // Another latency or another preset with the same handshake: the same question.
    expect(key({ settings: { ...base.settings, latencyMs: 20 } })).toBe(key({}));
    expect(key({ settings: settings("four-way-close") })).toBe(key({}));
    // The client receiving the SYN-ACK is another question.
    const clientKey = gradeStepPrediction({ ...base, cursor: 3, host: "client", answer: "ESTABLISHED" });
    expect(clientKey).toMatchObject({ ok: true, correct: true });
    expect(clientKey.ok ? clientKey.key : null).not.toBe(key({}));
    // What the server sends on the final ACK of a handshake vs on a client's FIN: different questions.
    const closing = settings("four-way-close");
    const run = buildRun(buildScenario(closing, []));
    const keys = new Set<string>();
    for (let cursor = 0; cursor < run.steps.length; cursor++) {
      const question = stepQuestion(run, cursor);
      if (question === null) continue;
      const grade = gradeStepPrediction({ settings: closing, actions: [], cursor, kind: question.kind, host: question.host, answer: question.options[0] as string });
      if (grade.ok) keys.add(grade.key);
    }
    expect(keys.size).toBeGreaterThan(4);
    expect(key({})).toMatch(/^step:[0-9a-f]{16}$/);
    expect(digest("a")).not.toBe(digest("b"));
  });

  it("the input schema bounds everything the browser sends", () => {
    const ok = stepPredictionSchema.safeParse({ ...base, answer: "LISTEN" });
    expect(ok.success).toBe(true);
    expect(stepPredictionSchema.safeParse({ ...base, answer: "LISTEN", correct: true }).success).toBe(false);
    expect(stepPredictionSchema.safeParse({ ...base, answer: "LISTEN", settings: { ...base.settings, preset: "nope" } }).success).toBe(false);
    expect(stepPredictionSchema.safeParse({ ...base, answer: "LISTEN", actions: [{ at: 0, host: "client", do: "send", bytes: 2_000_000 }] }).success).toBe(false);
    expect(stepPredictionSchema.safeParse({ ...base, answer: "LISTEN", cursor: -1 }).success).toBe(false);
  });
});

describe("lab predictions", () => {
  it("TIME-WAIT lab: do connects fail within the run?", () => {
    expect(labTruth("timewait", DEFAULT_TIME_WAIT_INPUT)).toBe("yes");
    expect(labTruth("timewait", { ...DEFAULT_TIME_WAIT_INPUT, requestsPerSecond: 100 })).toBe("no");
    expect(gradeLabPrediction({ lab: "timewait", input: DEFAULT_TIME_WAIT_INPUT, answer: "no" })).toMatchObject({ ok: true, correct: false, truth: "yes", concept: "time-wait" });
  });

  it("SYN backlog lab: do nine in ten legitimate clients get through?", () => {
    expect(labTruth("synflood", DEFAULT_SYN_BACKLOG_INPUT)).toBe("yes");
    expect(labTruth("synflood", { ...DEFAULT_SYN_BACKLOG_INPUT, tcp_syncookies: 0, attackSynPerSecond: 50_000 })).toBe("no");
    expect(gradeLabPrediction({ lab: "synflood", input: DEFAULT_SYN_BACKLOG_INPUT, answer: "yes" })).toMatchObject({ ok: true, correct: true, concept: "sysctls" });
    expect(labPredictionSchema.safeParse({ lab: "synflood", input: { ...DEFAULT_SYN_BACKLOG_INPUT, backlog: -1 }, answer: "yes" }).success).toBe(false);
  });
});
