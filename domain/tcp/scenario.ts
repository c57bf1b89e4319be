/**
 * A scenario is the CLI's input: profile, network, actions. runScenario() plays it to the end and
 * returns the CLI's output plus the ordered event list. Same input, same output.
 */
import type { DropRule, ReorderSpec } from "./network";
import { linuxParams, rfc9293Params, type EngineParams, type LinuxSysctls, type Rfc9293Params } from "./profiles";
import type { Action } from "./actions";
import { segmentInCliOrder, Simulation, type SimulationOptions } from "./simulation";
import type { ErrorRecord, HostId, ProfileName, SegmentRecord, SimEvent, TcpState, TransitionRecord } from "./types";

export interface ScenarioInput {
  profile?: ProfileName;
  seed?: number;
  isn?: Partial<Record<HostId, number>>;
  latencyMs?: number;
  /** Linux sysctls for the linux profile, RFC9293_DEFAULTS keys for rfc9293. */
  sysctl?: Partial<LinuxSysctls> | Partial<Rfc9293Params>;
  /** Round timers like the Linux timer wheel (HZ=250). Off by default: timings read as the constants. */
  timerWheel?: boolean;
  mss?: number;
  /** The path counts as loopback for tcp_tw_reuse=2. */
  loopback?: boolean;
  lossProbability?: number;
  duplicateProbability?: number;
  reorder?: ReorderSpec;
  drop?: DropRule[];
  /**
   * Whether the applications read data as soon as it arrives (default true). `false` stops both;
   * `{ server: false }` stops one. A host that does not read keeps data in its receive buffer
   * until a `read` action takes it.
   */
  autoRead?: boolean | Partial<Record<HostId, boolean>>;
  actions: Action[];
  /** Stop at this virtual time (ms). */
  until?: number;
  maxEvents?: number;
}

export const SCENARIO_DEFAULTS = {
  profile: "linux" as ProfileName,
  seed: 1,
  latencyMs: 10,
  /** One hour: every timer the engine arms (131 s SYN give-up, 60 s TIME-WAIT, ~925 s data give-up) fits. */
  until: 3_600_000,
};

/** Exactly what `tcp simulate` prints. */
export interface ScenarioOutput {
  segments: SegmentRecord[];
  transitions: TransitionRecord[];
  final: Record<HostId, TcpState>;
  errors: ErrorRecord[];
  /** Present only when the event cap stopped the run. */
  truncated?: true;
}

export interface ScenarioResult extends ScenarioOutput {
  events: SimEvent[];
}

export function paramsFor(input: Pick<ScenarioInput, "profile" | "sysctl" | "timerWheel" | "mss">): EngineParams {
  const options = { timerWheel: input.timerWheel, mss: input.mss };
  return (input.profile ?? SCENARIO_DEFAULTS.profile) === "rfc9293"
    ? rfc9293Params(input.sysctl as Partial<Rfc9293Params> | undefined, options)
    : linuxParams(input.sysctl as Partial<LinuxSysctls> | undefined, options);
}

/** A simulation set up from a scenario, with its actions queued but nothing run yet. */
export function createSimulation(input: ScenarioInput, observers: Pick<SimulationOptions, "onTimerArmed" | "cliOrderRecords"> = {}): Simulation {
  const simulation = new Simulation({
    ...observers,
    params: paramsFor(input),
    seed: input.seed ?? SCENARIO_DEFAULTS.seed,
    isn: input.isn,
    latencyMs: input.latencyMs ?? SCENARIO_DEFAULTS.latencyMs,
    lossProbability: input.lossProbability,
    duplicateProbability: input.duplicateProbability,
    reorder: input.reorder,
    drop: input.drop,
    loopback: input.loopback,
    autoRead: autoReadOf(input.autoRead),
    maxEvents: input.maxEvents,
  });
  for (const action of input.actions) simulation.schedule(action);
  return simulation;
}

/** `autoRead` as each host's flag. */
export function autoReadOf(autoRead: ScenarioInput["autoRead"]): Record<HostId, boolean> {
  if (autoRead === undefined) return { client: true, server: true };
  if (typeof autoRead === "boolean") return { client: autoRead, server: autoRead };
  return { client: autoRead.client ?? true, server: autoRead.server ?? true };
}

export function runScenario(input: ScenarioInput): ScenarioResult {
  const simulation = createSimulation(input, { cliOrderRecords: true });
  simulation.runToQuiescence(input.until ?? SCENARIO_DEFAULTS.until);
  return resultOf(simulation, { owned: true });
}

/**
 * The run's result as fresh records. `owned`: the caller discards the simulation, so its own
 * records are handed over instead of copied (they are already exactly what a copy would produce;
 * segment records are when the simulation built them in the CLI's key order).
 */
export function resultOf(simulation: Simulation, { owned = false }: { owned?: boolean } = {}): ScenarioResult {
  const output: ScenarioOutput = {
    segments: owned && simulation.cliOrderRecords ? (simulation.segments as SegmentRecord[]) : simulation.segments.map(segmentInCliOrder),
    transitions: owned ? (simulation.transitions as TransitionRecord[]) : simulation.transitions.map((transition) => ({ ...transition })),
    final: { client: simulation.state("client"), server: simulation.state("server") },
    errors: owned ? (simulation.errors as ErrorRecord[]) : simulation.errors.map((error) => ({ ...error })),
    ...(simulation.truncated ? { truncated: true as const } : {}),
  };
  if (owned) return withEventsOnRead(output, simulation);
  return { ...output, events: simulation.events.map((event) => ({ ...event })) };
}

/** On a result whose events have not been read yet (not enumerable): the simulation that will build them. */
const UNBUILT = Symbol("unbuilt events");

/**
 * The output plus `events`, an ordinary enumerable property except that the simulation builds the
 * event objects from its compact trace when `events` is first read (then it is a plain data
 * property holding them). The CLI, which prints only the output, never pays for them (ADR 0192).
 * The simulation hangs on the result itself: accessors that close over it would sit in V8's
 * hidden class, and a WeakMap entry in the old generation, either keeping every run's simulation
 * alive until the next full collection.
 */
function withEventsOnRead(output: ScenarioOutput, simulation: Simulation): ScenarioResult {
  Object.defineProperty(output, UNBUILT, { value: simulation, configurable: true, writable: true });
  Object.defineProperty(output, "events", { enumerable: true, configurable: true, get: readEvents, set: settleEvents });
  return output as ScenarioResult;
}

function readEvents(this: ScenarioOutput): SimEvent[] {
  const events = ((this as unknown as Record<symbol, Simulation | undefined>)[UNBUILT]?.events ?? []) as SimEvent[];
  settleEvents.call(this, events);
  return events;
}

function settleEvents(this: ScenarioOutput, events: SimEvent[]): void {
  delete (this as unknown as Record<symbol, unknown>)[UNBUILT];
  Object.defineProperty(this, "events", { value: events, enumerable: true, configurable: true, writable: true });
}

/** The result without its events (the events are not built for this). */
export function outputOf(result: ScenarioResult): ScenarioOutput {
  const output: ScenarioOutput = { segments: result.segments, transitions: result.transitions, final: result.final, errors: result.errors };
  if (result.truncated === true) output.truncated = true;
  return output;
}
