/**
 * "Predict, then run": before a step of the simulator (or before a lab shows its result) the
 * learner answers one compact question about what is about to happen. The question and its
 * answer come from the engine's run: the step's cause (a segment arriving, a timer, a call) is
 * shown, the outcome asked. The server rebuilds the same run to grade an answer, so nothing the
 * browser says about correctness counts; answers are practice toward mastery of a concept.
 */
import { z } from "zod";
import {
  actionSchema,
  runSynBacklogLab,
  runTimeWaitLab,
  TCP_STATES,
  TRANSITION_TABLE,
  type Action,
  type HostId,
  type SegmentRecord,
  type SimEvent,
  type TcpState,
} from "@/domain/tcp";
import type { Concept } from "@/domain/quiz/schema";
import { synBacklogInputSchema, synBacklogParams, timeWaitInputSchema, timeWaitParams, type SynBacklogInput, type TimeWaitInput } from "./labs";
import { PRESET_IDS } from "./presets";
import { buildRun, statesAt, type SimulatorRun } from "./run";
import { SIM_LIMITS, buildScenario, type SimulatorSettings } from "./session";
import { localeSchema } from "@/domain/locale-schema";

/** What a segment is called in a prediction (probes and window updates are ACKs). */
export const SEGMENT_ANSWERS = ["nothing", "SYN", "SYN-ACK", "ACK", "data", "FIN", "RST"] as const;
export type SegmentAnswer = (typeof SEGMENT_ANSWERS)[number];

export type StepQuestion =
  | { kind: "state"; host: HostId; options: readonly TcpState[]; trigger: SimEvent }
  | { kind: "segment"; host: HostId; options: readonly SegmentAnswer[]; trigger: SimEvent };

export function segmentAnswerOf(segment: Pick<SegmentRecord, "flags" | "len">): SegmentAnswer {
  if (segment.flags.includes("RST")) return "RST";
  if (segment.flags.includes("SYN")) return segment.flags.includes("ACK") ? "SYN-ACK" : "SYN";
  if (segment.flags.includes("FIN")) return "FIN";
  return segment.len > 0 ? "data" : "ACK";
}

/** The host a step is about: the one a segment reaches, a timer fires on, or that calls. */
function triggerHost(event: SimEvent): HostId | null {
  switch (event.kind) {
    case "app":
    case "deliver":
    case "timer":
      return event.host;
    default:
      return null;
  }
}

function stepEvents(run: SimulatorRun, step: number): SimEvent[] {
  const range = run.steps[step];
  if (range === undefined) return [];
  return run.events.slice(range.first, range.end);
}

/** States a learner might expect from `from`: where the table says it can go, and staying put. */
function stateOptions(from: TcpState, truth: TcpState): TcpState[] {
  const reachable = new Set<TcpState>([from, truth]);
  for (const row of TRANSITION_TABLE) if (row.from === from) reachable.add(row.to);
  // A short list: the truth, staying put, and the nearest alternatives in the RFC's order.
  const ordered = TCP_STATES.filter((state) => reachable.has(state));
  const others = ordered.filter((state) => state !== truth && state !== from);
  const picked = new Set<TcpState>([truth, from, ...others.slice(0, 2)]);
  return TCP_STATES.filter((state) => picked.has(state));
}

/**
 * The question before step `cursor` (0-based: the step the next press of Step runs), or null
 * when the step is not about a host (a drop, the link changing) or the run is over.
 */
export function stepQuestion(run: SimulatorRun, cursor: number): StepQuestion | null {
  const events = stepEvents(run, cursor);
  const trigger = events[0];
  if (trigger === undefined) return null;
  const host = triggerHost(trigger);
  if (host === null) return null;
  const moves = events.some((event) => event.kind === "transition" && event.host === host);
  if (moves) {
    const before = statesAt(run, cursor)[host].state;
    const after = statesAt(run, cursor + 1)[host].state;
    return { kind: "state", host, options: stateOptions(before, after), trigger };
  }
  return { kind: "segment", host, options: SEGMENT_ANSWERS, trigger };
}

/** The right answer to the question before step `cursor`. */
export function stepAnswer(run: SimulatorRun, cursor: number, question: Pick<StepQuestion, "kind" | "host">): string {
  if (question.kind === "state") return statesAt(run, cursor + 1)[question.host].state;
  for (const event of stepEvents(run, cursor)) {
    if (event.kind !== "send" || event.host !== question.host) continue;
    const segment = run.segments[event.segment - 1];
    if (segment !== undefined) return segmentAnswerOf(segment);
  }
  return "nothing";
}

const HANDSHAKE_STATES: ReadonlySet<TcpState> = new Set(["LISTEN", "SYN-SENT", "SYN-RECEIVED"]);

/** The mastery concept a step question practises. */
export function stepConcept(run: SimulatorRun, cursor: number, question: Pick<StepQuestion, "kind" | "host">): Concept {
  if (question.kind === "segment") return "flags";
  const before = statesAt(run, cursor)[question.host].state;
  const after = statesAt(run, cursor + 1)[question.host].state;
  if (before === "TIME-WAIT" || after === "TIME-WAIT") return "time-wait";
  if (HANDSHAKE_STATES.has(before) || HANDSHAKE_STATES.has(after) || before === "CLOSED") return "handshake-states";
  return "teardown-states";
}

// ---------------------------------------------------------------------------------------------
// What the browser sends, validated on the server
// ---------------------------------------------------------------------------------------------

const boundedAction = actionSchema.superRefine((action, context) => {
  if (action.at > SIM_LIMITS.horizonMs) context.addIssue({ code: "custom", message: "after the simulator's horizon", path: ["at"] });
  if ((action.do === "send" || (action.do === "read" && action.bytes !== undefined)) && (action.bytes ?? 0) > SIM_LIMITS.maxSendBytes) {
    context.addIssue({ code: "custom", message: `at most ${SIM_LIMITS.maxSendBytes} bytes`, path: ["bytes"] });
  }
});

const settingsSchema = z
  .object({
    preset: z.enum(PRESET_IDS),
    profile: z.enum(["linux", "rfc9293"]),
    latencyMs: z.number().int().min(SIM_LIMITS.minLatencyMs).max(SIM_LIMITS.maxLatencyMs),
    lossProbability: z.number().min(0).max(SIM_LIMITS.maxLoss),
    seed: z.number().int().min(0).max(0x7fffffff),
    autoRead: z.object({ client: z.boolean().optional(), server: z.boolean().optional() }).strict().optional(),
  })
  .strict();

export const stepPredictionSchema = z
  .object({
    settings: settingsSchema,
    actions: z.array(boundedAction).max(SIM_LIMITS.maxActions),
    /** Steps already taken: the question is about the next one. */
    cursor: z.number().int().min(0).max(SIM_LIMITS.maxEvents),
    kind: z.enum(["state", "segment"]),
    host: z.enum(["client", "server"]),
    answer: z.string().min(1).max(20),
    locale: localeSchema.default("en"),
  })
  .strict();

export type StepPrediction = z.infer<typeof stepPredictionSchema>;

export type PredictionGrade =
  | { ok: true; correct: boolean; answer: string; truth: string; concept: Concept; key: string }
  | { ok: false; error: "invalid" | "no-question" };

/**
 * What a step question asks, independent of the run it appears in: the host, its state, what
 * happens to it (a segment of some kind arriving, a timer, a call), the options and the answer.
 * The same situation met again in another run (another latency, another preset, a learner's
 * extra action) is the same question, so it counts once toward mastery.
 */
function questionIdentity(run: SimulatorRun, cursor: number, question: StepQuestion, truth: string): string {
  const trigger = question.trigger;
  let cause: string;
  if (trigger.kind === "deliver") {
    const segment = run.segments[trigger.segment - 1];
    cause = `recv ${segment === undefined ? "?" : `${segment.flags.join("+")}${segment.len > 0 ? " data" : ""}${segment.purpose ? ` ${segment.purpose}` : ""}`}`;
  } else if (trigger.kind === "timer") {
    cause = `timer ${trigger.timer}`;
  } else if (trigger.kind === "app") {
    cause = `call ${trigger.call}`;
  } else {
    cause = trigger.kind;
  }
  return JSON.stringify([question.kind, question.host, statesAt(run, cursor)[question.host].state, cause, question.options, truth]);
}

/**
 * Grades a step prediction by replaying the run. `key` names the question by what it asks
 * (questionIdentity), so answering the same question again, in this run or another, counts once.
 */
export function gradeStepPrediction(prediction: Omit<StepPrediction, "locale">): PredictionGrade {
  const settings: SimulatorSettings = prediction.settings;
  const run = buildRun(buildScenario(settings, prediction.actions as Action[]));
  const question = stepQuestion(run, prediction.cursor);
  if (question === null || question.kind !== prediction.kind || question.host !== prediction.host) return { ok: false, error: "no-question" };
  const options: readonly string[] = question.options;
  if (!options.includes(prediction.answer)) return { ok: false, error: "invalid" };
  const truth = stepAnswer(run, prediction.cursor, question);
  return {
    ok: true,
    correct: prediction.answer === truth,
    answer: prediction.answer,
    truth,
    concept: stepConcept(run, prediction.cursor, question),
    key: `step:${digest(questionIdentity(run, prediction.cursor, question, truth))}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Labs
// ---------------------------------------------------------------------------------------------

/**
 * A lab's question before it shows its result. TIME-WAIT lab: will connect() fail with
 * EADDRNOTAVAIL within the run? SYN backlog lab: will nine in ten legitimate clients or more
 * complete their handshake?
 */
export type LabKind = "timewait" | "synflood";

export const labPredictionSchema = z.discriminatedUnion("lab", [
  z.object({ lab: z.literal("timewait"), input: timeWaitInputSchema, answer: z.enum(["yes", "no"]), locale: localeSchema.default("en") }).strict(),
  z.object({ lab: z.literal("synflood"), input: synBacklogInputSchema, answer: z.enum(["yes", "no"]), locale: localeSchema.default("en") }).strict(),
]);

export type LabPrediction = z.infer<typeof labPredictionSchema>;

/** Share of legitimate connects that must complete for the SYN lab's "yes". */
export const LEGIT_SUCCESS_SHARE = 0.9;

export function labTruth(lab: LabKind, input: TimeWaitInput | SynBacklogInput): "yes" | "no" {
  if (lab === "timewait") {
    return runTimeWaitLab(timeWaitParams(input as TimeWaitInput)).summary.firstFailureAt === null ? "no" : "yes";
  }
  const synInput = input as SynBacklogInput;
  const summary = runSynBacklogLab(synBacklogParams(synInput)).summary;
  const attempted = synInput.legitConnectsPerSecond * synInput.durationSeconds;
  if (attempted === 0) return "yes";
  return summary.totalHandshakesCompleted / attempted >= LEGIT_SUCCESS_SHARE ? "yes" : "no";
}

export function gradeLabPrediction(prediction: Omit<LabPrediction, "locale">): PredictionGrade {
  const truth = labTruth(prediction.lab, prediction.input);
  return {
    ok: true,
    correct: prediction.answer === truth,
    answer: prediction.answer,
    truth,
    concept: prediction.lab === "timewait" ? "time-wait" : "sysctls",
    key: `lab:${prediction.lab}:${digest(JSON.stringify(prediction.input))}`,
  };
}

/** A short, stable name for a question (FNV-1a, 2 × 32 bits): not a secret, just an identity. */
export function digest(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    a = Math.imul(a ^ code, 0x01000193) >>> 0;
    b = Math.imul(b ^ code, 0x0100019d) >>> 0;
  }
  return a.toString(16).padStart(8, "0") + b.toString(16).padStart(8, "0");
}
