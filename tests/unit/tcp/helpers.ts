/** Scenario building blocks and trace queries shared by the TCP tests. */
import type { Action, HostId, ScenarioInput, ScenarioResult, SegmentRecord, TcpState } from "@/domain/tcp";

export const ISN = { client: 1000, server: 5000 } as const;

/** listen + connect at t=0 with fixed ISNs and 10 ms one-way latency (RTT 20 ms). */
export function scenario(actions: Action[], extra: Partial<ScenarioInput> = {}): ScenarioInput {
  return { isn: { ...ISN }, latencyMs: 10, actions, ...extra };
}

export const OPEN: Action[] = [
  { at: 0, host: "server", do: "listen" },
  { at: 0, host: "client", do: "connect" },
];

export function call(at: number, host: HostId, what: "listen" | "connect" | "shutdown" | "close" | "abort"): Action {
  return { at, host, do: what };
}

export function send(at: number, host: HostId, bytes: number): Action {
  return { at, host, do: "send", bytes };
}

export function sentBy(result: ScenarioResult, host: HostId): SegmentRecord[] {
  return result.segments.filter((segment) => segment.from === host && segment.duplicateOf === undefined);
}

export function hasFlags(segment: SegmentRecord, ...flags: string[]): boolean {
  return flags.every((flag) => segment.flags.includes(flag as never)) && segment.flags.length === flags.length;
}

/** The state path of one host, starting with its first `from`. */
export function statePath(result: ScenarioResult, host: HostId): TcpState[] {
  const transitions = result.transitions.filter((transition) => transition.host === host);
  const first = transitions[0];
  return first === undefined ? [] : [first.from, ...transitions.map((transition) => transition.to)];
}

export function transitionTime(result: ScenarioResult, host: HostId, to: TcpState): number | undefined {
  return result.transitions.find((transition) => transition.host === host && transition.to === to)?.t;
}

/** from, from+1, ..., to: segment numbers for drop rules. */
export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

/** Differences between consecutive numbers. */
export function gaps(values: readonly number[]): number[] {
  return values.slice(1).map((value, index) => value - (values[index] ?? 0));
}
