/**
 * Judges the engine against the kernel for one case: segment by segment per direction (flags,
 * relative seq/ack, length, lost or not), each host's state path, the errors the applications
 * saw, and times. Times are judged cause by cause, not against the engine's absolute clock: a
 * segment sent in reply to an arrival must leave when that segment arrived in the kernel run, a
 * segment sent by a timer must leave the timer's delay after the kernel event that armed it, no
 * sooner and no later than the timer wheel allows. See docs/kernel-differential.md.
 */
import { withRelativeNumbers, type ErrorRecord, type HostId, type SegmentRecord, type TcpState } from "@/domain/tcp";
import type { EngineStep, EngineTrace } from "./engine-trace";
import type { KernelRun, KernelSegment } from "./kernel-run";

/** Scheduling noise of the recording: the wire and the driver are one Python process. */
export const JITTER_MS = 3;
export const JIFFY_MS = 4;
/** Engine states that last less than this cannot be seen by polling the kernel. */
export const MIN_OBSERVABLE_MS = 1;

/**
 * How late the kernel may fire a timer of `delayMs` (never early): the delay is rounded up to
 * whole jiffies, then to the granularity of its timer-wheel level (8^level jiffies at HZ=250),
 * and the expiry runs on the next tick.
 */
export function timerSlackMs(delayMs: number): number {
  const jiffies = Math.ceil(delayMs / JIFFY_MS);
  const level = [63, 504, 4032, 32256, 258048].filter((start) => jiffies >= start).length;
  return 8 ** level * JIFFY_MS + 2 * JIFFY_MS;
}

export interface SegmentView {
  t: number;
  flags: readonly string[];
  relSeq: number;
  relAck: number | null;
  len: number;
  dropped: boolean;
}

export type Window = readonly [number, number];

export type Difference =
  | { kind: "segment"; host: HostId; change: "missing" | "extra" | "changed"; engine?: SegmentView & { id: number }; kernel?: SegmentView; fields?: string[]; summary: string }
  | { kind: "segment-time"; host: HostId; engine: SegmentView & { id: number }; kernel: SegmentView; expected: Window; cause: string; summary: string }
  | { kind: "states"; host: HostId; engine: TcpState[]; kernel: TcpState[]; engineStates: EngineState[]; kernelStates: KernelObservation[]; summary: string }
  | { kind: "state-time"; host: HostId; state: TcpState; engineT: number; kernelBetween: Window; expected: Window; cause: string; summary: string }
  | { kind: "errors"; host: HostId; engine: string[]; kernel: string[]; summary: string }
  | { kind: "error-time"; host: HostId; code: string; engineT: number; kernelT: number; expected: Window; cause: string; summary: string };

export interface CaseComparison {
  differences: Difference[];
  /** The recording could not be trusted (late calls, a slow wire, capture and wire disagreeing). */
  harness: string[];
  /** Engine events beyond the judged window (the horizon). */
  notJudged: string[];
  /** Side by side, for the report. */
  table: string;
  counts: { segments: number; transitions: number; errors: number; timings: number };
}

type Engined = SegmentRecord & { relSeq: number; relAck: number | null };

function view(segment: Engined | KernelSegment): SegmentView {
  return { t: segment.t, flags: [...segment.flags], relSeq: segment.relSeq, relAck: segment.relAck, len: segment.len, dropped: segment.dropped };
}

function describe(segment: SegmentView): string {
  const numbers = `seq=${segment.relSeq}${segment.relAck === null ? "" : ` ack=${segment.relAck}`}${segment.len > 0 ? ` len=${segment.len}` : ""}`;
  return `${segment.flags.join("+")} ${numbers}${segment.dropped ? " (lost)" : ""} at ${round(segment.t)} ms`;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

const FIELDS = ["flags", "relSeq", "relAck", "len", "dropped"] as const;

function differingFields(a: SegmentView, b: SegmentView): string[] {
  return FIELDS.filter((field) => (field === "flags" ? a.flags.join() !== b.flags.join() : a[field] !== b[field]));
}

type Step = { engine?: number; kernel?: number };

function flagsBesidesPush(flags: readonly string[]): string {
  return flags.filter((flag) => flag !== "PSH").join();
}

/**
 * Minimal edit alignment of two segment lists: equal segments pair up, segments with the same
 * flags (PSH aside) but other numbers pair up as changed, everything else is missing or extra.
 * Among equally good alignments, segments closer in time pair up.
 */
export function alignSegments(engine: readonly SegmentView[], kernel: readonly SegmentView[]): Step[] {
  const n = engine.length;
  const m = kernel.length;
  const cost = (i: number, j: number) => {
    const fields = differingFields(engine[i]!, kernel[j]!);
    const apart = Math.min(Math.abs(engine[i]!.t - kernel[j]!.t), 1e6) / 1e7;
    if (fields.length === 0) return apart;
    // Only PSH differs: the same segment, pushed or not; any other flag makes it another segment.
    const otherFlags = fields.includes("flags") && flagsBesidesPush(engine[i]!.flags) !== flagsBesidesPush(kernel[j]!.flags);
    return (otherFlags ? 2.5 : 1) + apart;
  };
  const table: number[][] = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      table[i]![j] = Math.min(table[i - 1]![j]! + 1, table[i]![j - 1]! + 1, table[i - 1]![j - 1]! + cost(i - 1, j - 1));
    }
  }
  const steps: Step[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && table[i]![j] === table[i - 1]![j - 1]! + cost(i - 1, j - 1)) {
      steps.push({ engine: i - 1, kernel: j - 1 });
      i--;
      j--;
    } else if (i > 0 && table[i]![j] === table[i - 1]![j]! + 1) {
      steps.push({ engine: i - 1 });
      i--;
    } else {
      steps.push({ kernel: j - 1 });
      j--;
    }
  }
  return steps.reverse();
}

interface Context {
  trace: EngineTrace;
  kernel: KernelRun;
  judgedUntil: number;
  /** Engine segment id -> the kernel segment paired with it. */
  paired: Map<number, KernelSegment>;
}

function stepLabel(step: EngineStep): string {
  switch (step.kind) {
    case "app":
      return `${step.host} called ${step.call}() at ${step.t} ms`;
    case "deliver":
      return `segment ${step.segment} arrived at the ${step.host} at ${step.t} ms`;
    case "timer":
      return `the ${step.host}'s ${step.timer} timer (${step.delayMs} ms) fired at ${step.t} ms`;
  }
}

/**
 * When a step happened in the kernel run: exactly, for a call, an arrival or a timer that sent a
 * segment; as a window for a timer that sent nothing (armed time + delay, up to its slack).
 */
function kernelTimeOfStep(context: Context, stepIndex: number, memo: Map<number, Window | null>): Window | null {
  if (memo.has(stepIndex)) return memo.get(stepIndex)!;
  memo.set(stepIndex, null);
  const step = context.trace.steps[stepIndex];
  let window: Window | null = null;
  if (step?.kind === "app") {
    const call = context.kernel.calls.filter((entry) => entry.host !== undefined)[step.ordinal];
    window = call ? [call.t, call.t] : null;
  } else if (step?.kind === "deliver") {
    const arrived = context.paired.get(step.segment)?.arriveAt;
    window = arrived === undefined || arrived === null ? null : [arrived, arrived];
  } else if (step?.kind === "timer") {
    const firstSent = [...context.trace.stepOfSegment.entries()].find(([, s]) => s === stepIndex)?.[0];
    const kernelSegment = firstSent === undefined ? undefined : context.paired.get(firstSent);
    window = kernelSegment ? [kernelSegment.t, kernelSegment.t] : predictedTimerWindow(context, step, memo);
  }
  memo.set(stepIndex, window);
  return window;
}

/**
 * Where a timer step should fall in the kernel run: its arming plus the delay, up to the wheel's
 * slack later, or one jiffy sooner (a timer of n jiffies counts from the current tick, which
 * began up to a jiffy before it was armed).
 */
function predictedTimerWindow(context: Context, step: Extract<EngineStep, { kind: "timer" }>, memo: Map<number, Window | null>): Window | null {
  if (step.armedIn === null) return null;
  const armed = kernelTimeOfStep(context, step.armedIn, memo);
  if (armed === null) return null;
  return [armed[0] + step.delayMs - JIFFY_MS, armed[1] + step.delayMs + timerSlackMs(step.delayMs)];
}

/** The window an engine event of step `stepIndex` must fall in, and how it was derived. */
function expectedWindow(context: Context, stepIndex: number, firstOfStep: boolean, memo: Map<number, Window | null>): { window: Window; cause: string } | null {
  const step = context.trace.steps[stepIndex];
  if (step === undefined) return null;
  const window = step.kind === "timer" && firstOfStep ? predictedTimerWindow(context, step, memo) : kernelTimeOfStep(context, stepIndex, memo);
  if (window === null) return null;
  return { window: [window[0] - JITTER_MS, window[1] + JITTER_MS], cause: stepLabel(step) };
}

function within(t: number, window: Window): boolean {
  return t >= window[0] && t <= window[1];
}

function compareSegments(context: Context, differences: Difference[], rows: string[]): number {
  const engineAll = withRelativeNumbers(context.trace.result.segments.filter((segment) => segment.duplicateOf === undefined));
  let timings = 0;
  const memo = new Map<number, Window | null>();
  const pairsByHost: [HostId, Engined, KernelSegment][] = [];
  for (const host of ["client", "server"] as const) {
    const engine = engineAll.filter((segment) => segment.from === host && segment.t <= context.judgedUntil);
    const kernel = context.kernel.segments.filter((segment) => segment.from === host);
    for (const step of alignSegments(engine.map(view), kernel.map(view))) {
      const e = step.engine === undefined ? undefined : engine[step.engine];
      const k = step.kernel === undefined ? undefined : context.kernel.segments.filter((segment) => segment.from === host)[step.kernel];
      if (e && k) {
        context.paired.set(e.id, k);
        pairsByHost.push([host, e, k]);
        const fields = differingFields(view(e), view(k));
        if (fields.length > 0) {
          differences.push({
            kind: "segment", host, change: "changed", engine: { ...view(e), id: e.id }, kernel: view(k), fields,
            summary: `${host} segment ${e.id}: engine ${describe(view(e))}, kernel ${describe(view(k))} (${fields.join(", ")} differ)`,
          });
        }
      } else if (e) {
        differences.push({ kind: "segment", host, change: "missing", engine: { ...view(e), id: e.id }, summary: `${host} segment ${e.id}: engine ${describe(view(e))}, the kernel sent nothing like it` });
      } else if (k) {
        differences.push({ kind: "segment", host, change: "extra", kernel: view(k), summary: `${host}: the kernel sent ${describe(view(k))}, the engine nothing like it` });
      }
    }
  }
  // Times, once every pair is known (a step's kernel time may come from the other direction).
  for (const [host, e, k] of pairsByHost) {
    const stepIndex = context.trace.stepOfSegment.get(e.id);
    if (stepIndex === undefined) continue;
    const firstOfStep = [...context.trace.stepOfSegment.entries()].find(([, s]) => s === stepIndex)?.[0] === e.id;
    const expected = expectedWindow(context, stepIndex, firstOfStep, memo);
    if (expected === null) continue;
    timings++;
    if (!within(k.t, expected.window)) {
      differences.push({
        kind: "segment-time", host, engine: { ...view(e), id: e.id }, kernel: view(k), expected: expected.window, cause: expected.cause,
        summary: `${host} segment ${e.id} (${e.flags.join("+")}): kernel at ${round(k.t)} ms, expected ${round(expected.window[0])}–${round(expected.window[1])} ms because ${expected.cause}`,
      });
    }
  }
  for (const segment of engineAll) {
    const k = context.paired.get(segment.id);
    rows.push(
      `${String(segment.id).padStart(3)} ${segment.from.padEnd(6)} engine ${describe(view(segment)).padEnd(52)} kernel ${k ? describe(view(k)) : segment.t > context.judgedUntil ? "(not judged)" : "—"}`,
    );
  }
  for (const k of context.kernel.segments) {
    if (![...context.paired.values()].includes(k)) rows.push(`    ${k.from.padEnd(6)} engine ${"—".padEnd(52)} kernel ${describe(view(k))}`);
  }
  return timings;
}

export interface EngineState {
  state: TcpState;
  from: number;
  until: number;
  /** Index of the transition into it (null for the initial state). */
  transition: number | null;
}

export interface KernelObservation {
  /** When sock_diag reported it (ms since t0)... */
  t: number;
  state: TcpState;
  /** ...and when the previous look at that host began: the change happened in between. */
  since?: number;
}

/**
 * The kernel's path must be the engine's, less states too short to be seen by polling. Returns
 * which engine state each observation matched (as far as they agree) and whether all did.
 */
export function matchStatePaths(engine: readonly EngineState[], kernel: readonly KernelObservation[]): { matches: [EngineState, number][]; consistent: boolean } {
  const matches: [EngineState, number][] = [];
  let position = 0;
  let consistent = true;
  const short = (state: EngineState) => state.until - state.from < MIN_OBSERVABLE_MS;
  for (let k = 0; k < kernel.length && consistent; k++) {
    while (position < engine.length && engine[position]!.state !== kernel[k]!.state && short(engine[position]!)) position++;
    if (position < engine.length && engine[position]!.state === kernel[k]!.state) matches.push([engine[position++]!, k]);
    else consistent = false;
  }
  if (engine.slice(position).some((state) => !short(state))) consistent = false;
  return { matches, consistent };
}

function engineStates(context: Context, host: HostId): EngineState[] {
  const transitions = context.trace.result.transitions.map((transition, index) => ({ ...transition, index })).filter((transition) => transition.host === host);
  const states: EngineState[] = [{ state: transitions[0]?.from ?? "CLOSED", from: 0, until: Infinity, transition: null }];
  for (const transition of transitions) {
    if (transition.t > context.judgedUntil) break;
    states[states.length - 1]!.until = transition.t;
    states.push({ state: transition.to, from: transition.t, until: Infinity, transition: transition.index });
  }
  return states;
}

function compareStates(context: Context, differences: Difference[], rows: string[]): { transitions: number; timings: number } {
  let transitions = 0;
  let timings = 0;
  const memo = new Map<number, Window | null>();
  const transitionEvents = context.trace.result.events.filter((event) => event.kind === "transition");
  for (const host of ["client", "server"] as const) {
    const engine = engineStates(context, host);
    const kernel = context.kernel.states[host];
    const { matches, consistent } = matchStatePaths(engine, kernel);
    if (!consistent) {
      differences.push({
        kind: "states", host, engine: engine.map((s) => s.state), kernel: kernel.map((s) => s.state), engineStates: engine, kernelStates: kernel,
        summary: `${host} states: engine ${engine.map((s) => s.state).join(" → ")}, kernel ${kernel.map((s) => s.state).join(" → ")}`,
      });
    }
    rows.push(`${host} states: engine ${engine.map((s) => `${s.state}@${round(s.from)}`).join(" → ")}`);
    rows.push(`${" ".repeat(host.length)}         kernel ${kernel.map((s) => `${s.state}@${round(s.t)}`).join(" → ")}`);
    for (const [state, k] of matches) {
      if (state.transition === null) continue;
      transitions++;
      const event = transitionEvents[state.transition];
      const stepIndex = event === undefined ? undefined : context.trace.stepOfEvent[event.index];
      if (stepIndex === undefined) continue;
      const step = context.trace.steps[stepIndex];
      const silentTimer = step?.kind === "timer" && ![...context.trace.stepOfSegment.values()].includes(stepIndex);
      const expected = expectedWindow(context, stepIndex, silentTimer, memo);
      if (expected === null) continue;
      timings++;
      const observedAt = kernel[k]!.t;
      const since = kernel[k]!.since ?? observedAt;
      const between: Window = [since, observedAt];
      if (between[1] < expected.window[0] || between[0] > expected.window[1]) {
        differences.push({
          kind: "state-time", host, state: state.state, engineT: state.from, kernelBetween: between, expected: expected.window, cause: expected.cause,
          summary: `${host} entered ${state.state} between ${round(between[0])} and ${round(between[1])} ms in the kernel, expected ${round(expected.window[0])}–${round(expected.window[1])} ms because ${expected.cause}`,
        });
      }
    }
  }
  return { transitions, timings };
}

function errorText(error: { code: string; call?: string }): string {
  return error.call ? `${error.code} from ${error.call}()` : error.code;
}

function compareErrors(context: Context, differences: Difference[], rows: string[]): { errors: number; timings: number } {
  let count = 0;
  let timings = 0;
  const memo = new Map<number, Window | null>();
  const errorEvents = context.trace.result.events.filter((event) => event.kind === "error");
  const engineErrors = context.trace.result.errors.map((error, index) => ({ ...error, event: errorEvents[index]?.index }));
  for (const host of ["client", "server"] as const) {
    const engine = engineErrors.filter((error) => error.host === host && error.t <= context.judgedUntil);
    const kernel = context.kernel.errors.filter((error) => error.host === host);
    count += engine.length;
    if (engine.map(errorText).join() !== kernel.map(errorText).join()) {
      differences.push({
        kind: "errors", host, engine: engine.map(errorText), kernel: kernel.map(errorText),
        summary: `${host} errors: engine [${engine.map(errorText).join(", ")}], kernel [${kernel.map(errorText).join(", ")}]`,
      });
      continue;
    }
    engine.forEach((error: ErrorRecord & { event?: number }, index) => {
      const stepIndex = error.event === undefined ? undefined : context.trace.stepOfEvent[error.event];
      const kernelError = kernel[index];
      if (stepIndex === undefined || kernelError === undefined) return;
      const step = context.trace.steps[stepIndex];
      const silentTimer = step?.kind === "timer" && ![...context.trace.stepOfSegment.values()].includes(stepIndex);
      const expected = expectedWindow(context, stepIndex, silentTimer, memo);
      if (expected === null) return;
      timings++;
      if (!within(kernelError.t, [expected.window[0], expected.window[1] + JITTER_MS])) {
        differences.push({
          kind: "error-time", host, code: error.code, engineT: error.t, kernelT: kernelError.t, expected: expected.window, cause: expected.cause,
          summary: `${host} saw ${error.code} at ${round(kernelError.t)} ms in the kernel, expected ${round(expected.window[0])}–${round(expected.window[1])} ms because ${expected.cause}`,
        });
      }
    });
  }
  if (context.trace.result.errors.length + context.kernel.errors.length > 0) {
    rows.push(`errors: engine [${context.trace.result.errors.map((e) => `${e.host} ${errorText(e)}@${e.t}`).join(", ")}], kernel [${context.kernel.errors.map((e) => `${e.host} ${errorText(e)}@${round(e.t)}`).join(", ")}]`);
  }
  return { errors: count, timings };
}

/** The recording's own health: calls on time, the wire's latency as asked, capture and wire agreeing. */
function harnessProblems(context: Context): string[] {
  const problems = [...context.kernel.harness];
  const scheduled = context.trace.result.events.filter((event) => event.kind === "app");
  const calls = context.kernel.calls.filter((call) => call.host !== undefined);
  scheduled.forEach((event, index) => {
    const call = calls[index];
    if (call && Math.abs(call.t - event.t) > JITTER_MS) problems.push(`${call.host}'s ${call.do}() ran at ${round(call.t)} ms instead of ${event.t} ms`);
  });
  for (const record of context.kernel.wire) {
    if (record.arriveAt === null) continue;
    const late = record.arriveAt - record.t - context.kernel.latencyMs;
    if (late > JITTER_MS || late < -0.5) problems.push(`the wire delivered segment ${record.id} ${round(record.arriveAt - record.t)} ms after it was sent (latency ${context.kernel.latencyMs} ms)`);
  }
  return problems;
}

export function compareCase(trace: EngineTrace, kernel: KernelRun, judgedUntil: number): CaseComparison {
  const context: Context = { trace, kernel, judgedUntil, paired: new Map() };
  const differences: Difference[] = [];
  const rows: string[] = [];
  const segmentTimings = compareSegments(context, differences, rows);
  const states = compareStates(context, differences, rows);
  const errors = compareErrors(context, differences, rows);
  const notJudged = [
    ...trace.result.segments.filter((segment) => segment.t > judgedUntil).map((segment) => `segment ${segment.id} (${segment.from} ${segment.flags.join("+")}) at ${segment.t} ms`),
    ...trace.result.transitions.filter((transition) => transition.t > judgedUntil).map((transition) => `${transition.host} ${transition.from} → ${transition.to} at ${transition.t} ms`),
    ...trace.result.errors.filter((error) => error.t > judgedUntil).map((error) => `${error.host} ${error.code} at ${error.t} ms`),
  ];
  return {
    differences,
    harness: harnessProblems(context),
    notJudged,
    table: rows.join("\n"),
    counts: {
      segments: context.paired.size,
      transitions: states.transitions,
      errors: errors.errors,
      timings: segmentTimings + states.timings + errors.timings,
    },
  };
}
