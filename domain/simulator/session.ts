/**
 * What a learner controls in the simulator, as plain data: the preset, the network and profile
 * settings, and the actions they added (application calls at times, drops of in-flight
 * segments). The scenario the engine runs is derived from it, the same way in the browser and
 * on the server that verifies a challenge.
 */
import type { Action, HostId, ProfileName, ScenarioInput } from "@/domain/tcp";
import { PRESETS, presetScenario, type PresetId } from "./presets";

export interface SimulatorSettings {
  preset: PresetId;
  profile: ProfileName;
  /** One-way latency of the simulated path (ms). */
  latencyMs: number;
  /** Probability that the network loses any one segment (0 to SIM_LIMITS.maxLoss). */
  lossProbability: number;
  /** Seeds the ISNs and the random losses; fixed so a shared state replays identically. */
  seed: number;
  /** Whether each host's application reads data as it arrives, where the learner changed the preset's choice. */
  autoRead?: Partial<Record<HostId, boolean>>;
}

export const DEFAULT_SETTINGS: SimulatorSettings = {
  preset: "three-way-handshake",
  profile: "linux",
  latencyMs: 10,
  lossProbability: 0,
  seed: 1,
};

export const SIM_LIMITS = {
  minLatencyMs: 1,
  maxLatencyMs: 2000,
  maxLoss: 0.5,
  /** Learner actions kept in one run (and accepted in a shared URL or a challenge log). */
  maxActions: 200,
  maxSendBytes: 1_000_000,
  /** Virtual time the simulator runs to: long enough for every timer the engine arms. */
  horizonMs: 3_600_000,
  /** Trace events kept; a run that would produce more stops there and says so. */
  maxEvents: 50_000,
} as const;

/** The learner's own calls. */
export type LearnerCall = "listen" | "connect" | "send" | "shutdown" | "close" | "abort" | "read" | "setsockopt";
export const LEARNER_CALLS: readonly LearnerCall[] = ["listen", "connect", "send", "shutdown", "close", "abort", "read", "setsockopt"];

/** A key naming one kind of learner action, e.g. "client:connect", "drop" or "link" (cutting or restoring the path). */
export type ActionKey = `${HostId}:${LearnerCall}` | "drop" | "link";

export function actionKey(action: Action): ActionKey {
  if (action.do === "drop" || action.do === "link") return action.do;
  return `${action.host}:${action.do}`;
}

/** A learner's call without arguments beyond a byte count (send, and read when `bytes` is given). */
export function hostCall(at: number, host: HostId, call: Exclude<LearnerCall, "setsockopt">, bytes = 100): Action {
  if (call === "send") return { at, host, do: "send", bytes };
  if (call === "read") return { at, host, do: "read", ...(bytes > 0 ? { bytes } : {}) };
  return { at, host, do: call };
}

/** The engine scenario: the preset's calls first, then the learner's, in the order they were added. */
export function buildScenario(settings: SimulatorSettings, learnerActions: readonly Action[]): ScenarioInput {
  const base = presetScenario(settings.preset);
  const autoRead = effectiveAutoRead(settings);
  const { autoRead: _presetAutoRead, ...rest } = base;
  return {
    ...rest,
    ...(autoRead.client && autoRead.server ? {} : { autoRead }),
    profile: settings.profile,
    seed: settings.seed,
    latencyMs: settings.latencyMs,
    lossProbability: settings.lossProbability,
    actions: [...base.actions, ...learnerActions.map((action) => ({ ...action }))],
    until: SIM_LIMITS.horizonMs,
    maxEvents: SIM_LIMITS.maxEvents,
  };
}

/** Whether each host reads by itself: the preset's choice, then the learner's. */
export function effectiveAutoRead(settings: Pick<SimulatorSettings, "preset" | "autoRead">): Record<HostId, boolean> {
  const preset = PRESETS[settings.preset].autoRead ?? {};
  return {
    client: settings.autoRead?.client ?? preset.client ?? true,
    server: settings.autoRead?.server ?? preset.server ?? true,
  };
}
