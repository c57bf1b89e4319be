/**
 * The engine's run of a case, with what the comparison needs beyond the trace: for every event,
 * the step it belongs to (an application call, a delivery or a timer expiry, and everything that
 * followed from it at the same instant), and for every timer step, the step that armed it and
 * the delay it was armed with.
 */
import {
  createSimulation,
  resultOf,
  SCENARIO_DEFAULTS,
  type HostId,
  type ScenarioInput,
  type ScenarioResult,
  type Simulation,
  type TimerKind,
} from "@/domain/tcp";

export type EngineStep =
  | { kind: "app"; event: number; t: number; host: HostId; call: string; ordinal: number }
  | { kind: "deliver"; event: number; t: number; host: HostId; segment: number }
  | { kind: "timer"; event: number; t: number; host: HostId; timer: TimerKind; armedIn: number | null; delayMs: number };

export interface EngineTrace {
  result: ScenarioResult;
  steps: EngineStep[];
  /** For each event index, the index in `steps` of the step it belongs to. */
  stepOfEvent: number[];
  /** For each segment id, the index in `steps` of the step that sent it. */
  stepOfSegment: Map<number, number>;
}

interface Arm {
  host: HostId;
  kind: TimerKind;
  at: number;
  due: number;
  /** Events emitted before it was armed: it was armed during the step of event eventCount - 1. */
  eventCount: number;
}

export function engineTrace(scenario: ScenarioInput): EngineTrace {
  const arms: Arm[] = [];
  const simulation: Simulation = createSimulation(scenario, {
    onTimerArmed: (timer) => arms.push({ ...timer, eventCount: simulation.events.length }),
  });
  simulation.runToQuiescence(scenario.until ?? SCENARIO_DEFAULTS.until);
  const result = resultOf(simulation);

  const steps: EngineStep[] = [];
  const stepOfEvent: number[] = [];
  const stepOfSegment = new Map<number, number>();
  let appOrdinal = 0;
  for (const event of result.events) {
    if (event.kind === "app") {
      steps.push({ kind: "app", event: event.index, t: event.t, host: event.host, call: event.call, ordinal: appOrdinal++ });
    } else if (event.kind === "deliver") {
      steps.push({ kind: "deliver", event: event.index, t: event.t, host: event.host, segment: event.segment });
    } else if (event.kind === "timer") {
      const arm = arms.filter((a) => a.host === event.host && a.kind === event.timer && a.due === event.t && a.eventCount <= event.index).at(-1);
      const armedIn = arm === undefined || arm.eventCount === 0 ? null : (stepOfEvent[arm.eventCount - 1] ?? null);
      steps.push({ kind: "timer", event: event.index, t: event.t, host: event.host, timer: event.timer, armedIn, delayMs: arm ? arm.due - arm.at : 0 });
    }
    const step = steps.length - 1;
    stepOfEvent.push(step);
    if (event.kind === "send") stepOfSegment.set(event.segment, step);
  }
  return { result, steps, stepOfEvent, stepOfSegment };
}
