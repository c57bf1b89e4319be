/**
 * A run of the engine recorded step by step: one step is one item of the engine's event queue
 * (an application call, an arrival, a timer), with the events it produced. Every view of the
 * simulator (ladder, packet list, endpoint states, narration) is derived from this record at a
 * cursor, the number of steps taken. Because the engine is deterministic, the record at cursor
 * k is exactly what replaying the same action log for k steps produces, so stepping back is a
 * replay, not an undo. Endpoint internals (sequence variables, timers) come from a
 * ReplayCursor, which replays the scenario to the cursor.
 */
import {
  createNarrator,
  createSimulation,
  withRelativeNumbers,
  type EndpointSnapshot,
  type ErrorRecord,
  type HostId,
  type RelativeNumbers,
  type ScenarioInput,
  type SegmentRecord,
  type SimEvent,
  type TcpState,
  type TransitionRecord,
} from "@/domain/tcp";
import { SIM_LIMITS } from "./session";
import type { Locale } from "@/domain/locale";

export interface RunStep {
  /** Virtual time of the step (ms). */
  t: number;
  /** Events of this step are events[first .. end). */
  first: number;
  end: number;
}

export interface RunSegment extends SegmentRecord, RelativeNumbers {
  /** Step that sent it (0-based). */
  sentStep: number;
  /** Step in which it arrived, or null. */
  deliveredStep: number | null;
  /** Step in which it was lost (at sending for rule or random loss; later for a manual drop), or null. */
  lostStep: number | null;
}

/** Endpoint state after a step, as the engine's snapshot reports it. */
export type HostsSnapshot = Record<HostId, EndpointSnapshot>;

export interface SimulatorRun {
  scenario: ScenarioInput;
  events: readonly SimEvent[];
  steps: readonly RunStep[];
  segments: readonly RunSegment[];
  transitions: readonly TransitionRecord[];
  errors: readonly ErrorRecord[];
  /** States before the first step. */
  hosts0: Record<HostId, TcpState>;
  final: Record<HostId, TcpState>;
  /** The event cap stopped the run before it was quiescent. */
  truncated: boolean;
}

/** Runs a scenario to quiescence (or its horizon), recording each step. */
export function buildRun(scenario: ScenarioInput): SimulatorRun {
  const simulation = createSimulation({ ...scenario, maxEvents: scenario.maxEvents ?? SIM_LIMITS.maxEvents });
  const until = scenario.until ?? SIM_LIMITS.horizonMs;
  const steps: RunStep[] = [];
  const hosts0 = { client: simulation.state("client"), server: simulation.state("server") };
  const sentStep = new Map<number, number>();
  const deliveredStep = new Map<number, number>();
  const lostStep = new Map<number, number>();

  for (;;) {
    const next = simulation.nextEventTime();
    if (next === null || next > until || simulation.truncated) break;
    const first = simulation.events.length;
    const produced = simulation.step();
    const index = steps.length;
    steps.push({ t: simulation.now, first, end: first + produced.length });
    for (const event of produced) {
      if (event.kind === "send") sentStep.set(event.segment, index);
      else if (event.kind === "duplicate") sentStep.set(event.copy, index);
      else if (event.kind === "deliver") deliveredStep.set(event.segment, index);
      else if (event.kind === "drop") lostStep.set(event.segment, index);
    }
  }

  const segments = withRelativeNumbers(simulation.segments).map((segment) => ({
    ...segment,
    flags: [...segment.flags],
    sentStep: sentStep.get(segment.id) ?? 0,
    deliveredStep: deliveredStep.get(segment.id) ?? null,
    lostStep: lostStep.get(segment.id) ?? null,
  }));

  return {
    scenario,
    events: simulation.events.slice(),
    steps,
    segments,
    transitions: simulation.transitions.slice(),
    errors: simulation.errors.slice(),
    hosts0,
    final: { client: simulation.state("client"), server: simulation.state("server") },
    truncated: simulation.truncated,
  };
}

/** Virtual time after `cursor` steps. */
export function timeAt(run: SimulatorRun, cursor: number): number {
  return cursor <= 0 ? 0 : (run.steps[Math.min(cursor, run.steps.length) - 1]?.t ?? 0);
}

export function clampCursor(run: SimulatorRun, cursor: number): number {
  return Math.max(0, Math.min(run.steps.length, Math.floor(cursor)));
}

/** The last cursor whose time is at or before `t` (used to keep the place when settings change). */
export function cursorAtTime(run: SimulatorRun, t: number): number {
  let low = 0;
  let high = run.steps.length;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((run.steps[middle - 1]?.t ?? 0) <= t) low = middle;
    else high = middle - 1;
  }
  return low;
}

export type SegmentStatus = "hidden" | "in-flight" | "delivered" | "lost";

/** Where a segment is after `cursor` steps. */
export function segmentStatus(segment: RunSegment, cursor: number): SegmentStatus {
  if (segment.sentStep >= cursor) return "hidden";
  if (segment.lostStep !== null && segment.lostStep < cursor) return "lost";
  if (segment.deliveredStep !== null && segment.deliveredStep < cursor) return "delivered";
  return "in-flight";
}

/**
 * When a segment arrives or would have arrived: a manual drop clears `arriveAt` in the record,
 * but before the drop the segment was on its way (the simulator adds no jitter).
 */
export function arrivalTime(run: SimulatorRun, segment: RunSegment): number {
  return segment.arriveAt ?? segment.t + (run.scenario.latencyMs ?? 0);
}

/**
 * Segments a learner can still drop after `cursor` steps: sent, not lost, and arriving strictly
 * later than now (a drop added now is queued after arrivals due at the same instant).
 */
export function inFlightAt(run: SimulatorRun, cursor: number): RunSegment[] {
  const now = timeAt(run, cursor);
  const count = visibleSegmentCount(run, cursor);
  const result: RunSegment[] = [];
  // Only recent segments can still be on the wire; scan back from the newest.
  for (let index = count - 1; index >= 0; index--) {
    const segment = run.segments[index];
    if (segment === undefined) continue;
    if (arrivalTime(run, segment) <= now && segment.t + maxLatency(run) < now) break;
    if (segmentStatus(segment, cursor) === "in-flight" && arrivalTime(run, segment) > now) result.unshift(segment);
  }
  return result;
}

function maxLatency(run: SimulatorRun): number {
  return run.scenario.latencyMs ?? 0;
}

/** Number of segments sent in the first `cursor` steps (segments are in sending order). */
export function visibleSegmentCount(run: SimulatorRun, cursor: number): number {
  let low = 0;
  let high = run.segments.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((run.segments[middle]?.sentStep ?? Infinity) < cursor) low = middle + 1;
    else high = middle;
  }
  return low;
}

export type Narrate = (event: SimEvent) => string;

/** The engine's narrator for this run, in English or Chinese ("客户端发送 SYN，seq 0"). */
export function narratorFor(run: SimulatorRun, absolute: boolean, locale: Locale = "en"): Narrate {
  return createNarrator(run.segments, { absolute, locale });
}

/**
 * One line per step: its events' sentences joined, e.g. "client calls connect(); client enters
 * SYN-SENT (connect); client sends SYN seq 0" ("；" between Chinese sentences).
 */
export function narrateStep(run: SimulatorRun, narrate: Narrate, step: number, locale: Locale = "en"): string {
  const range = run.steps[step];
  if (range === undefined) return "";
  const sentences: string[] = [];
  for (let index = range.first; index < range.end; index++) {
    const event = run.events[index];
    if (event !== undefined) sentences.push(narrate(event));
  }
  return sentences.join(locale === "en" ? "; " : "；");
}

/**
 * Endpoint snapshots at any cursor by deterministic replay of the scenario. Stepping forward
 * advances one live simulation; stepping back or jumping replays from the start (a few
 * milliseconds for a 1,000-segment trace). Snapshots already taken are cached, so stepping back
 * over ground already covered costs nothing.
 */
export class ReplayCursor {
  private simulation: ReturnType<typeof createSimulation>;
  private position = 0;
  private readonly cache = new Map<number, HostsSnapshot>();
  /** Replays from scratch (a measure of the cost of stepping back). */
  replays = 0;

  constructor(
    private readonly scenario: ScenarioInput,
    private readonly cacheLimit = 4096,
  ) {
    this.simulation = this.fresh();
  }

  private fresh() {
    return createSimulation({ ...this.scenario, maxEvents: this.scenario.maxEvents ?? SIM_LIMITS.maxEvents });
  }

  /** Both endpoints after `cursor` steps. */
  hostsAt(cursor: number): HostsSnapshot {
    const cached = this.cache.get(cursor);
    if (cached !== undefined) return cached;
    if (cursor < this.position) {
      this.simulation = this.fresh();
      this.position = 0;
      this.replays++;
    }
    const until = this.scenario.until ?? SIM_LIMITS.horizonMs;
    while (this.position < cursor) {
      const next = this.simulation.nextEventTime();
      if (next === null || next > until || this.simulation.truncated) break;
      this.simulation.step();
      this.position++;
      // Keep the last few positions on the way, so stepping back from here is free.
      if (this.position < cursor && this.position >= cursor - ReplayCursor.BACK_WINDOW) this.remember(this.position);
    }
    return this.remember(cursor);
  }

  /** Positions before a jump that are snapshotted on the way. */
  static readonly BACK_WINDOW = 64;

  private remember(cursor: number): HostsSnapshot {
    const cached = this.cache.get(cursor);
    if (cached !== undefined) return cached;
    const hosts = this.simulation.snapshot().hosts;
    if (this.cache.size >= this.cacheLimit) this.cache.clear();
    this.cache.set(cursor, hosts);
    return hosts;
  }
}

/** Each host's state after `cursor` steps and the transition that led there (null: never moved). */
export function statesAt(
  run: SimulatorRun,
  cursor: number,
): Record<HostId, { state: TcpState; last: Extract<SimEvent, { kind: "transition" }> | null }> {
  const result: Record<HostId, { state: TcpState; last: Extract<SimEvent, { kind: "transition" }> | null }> = {
    client: { state: run.hosts0.client, last: null },
    server: { state: run.hosts0.server, last: null },
  };
  const end = cursor <= 0 ? 0 : (run.steps[Math.min(cursor, run.steps.length) - 1]?.end ?? 0);
  let found = 0;
  for (let index = end - 1; index >= 0 && found < 2; index--) {
    const event = run.events[index];
    if (event?.kind !== "transition" || result[event.host].last !== null) continue;
    result[event.host] = { state: event.to, last: event };
    found++;
  }
  return result;
}

/** Errors the applications got in the first `cursor` steps. */
export function errorsAt(run: SimulatorRun, cursor: number): Extract<SimEvent, { kind: "error" }>[] {
  const end = cursor <= 0 ? 0 : (run.steps[Math.min(cursor, run.steps.length) - 1]?.end ?? 0);
  const errors: Extract<SimEvent, { kind: "error" }>[] = [];
  for (let index = 0; index < end; index++) {
    const event = run.events[index];
    if (event?.kind === "error") errors.push(event);
  }
  return errors;
}

/** Whether the path between the hosts is up after `cursor` steps (the last link event before it). */
export function linkUpAt(run: SimulatorRun, cursor: number): boolean {
  const end = cursor <= 0 ? 0 : (run.steps[Math.min(cursor, run.steps.length) - 1]?.end ?? 0);
  for (let index = end - 1; index >= 0; index--) {
    const event = run.events[index];
    if (event?.kind === "link") return event.up;
  }
  return true;
}
