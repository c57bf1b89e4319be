/**
 * A "kernel run" built from the engine's own trace, as if a kernel had done exactly what the
 * engine did, `lateMs` later on every event: the comparison must find no difference in it, and
 * must find each difference a test plants in it.
 */
import { withRelativeNumbers, type HostId, type TcpState } from "@/domain/tcp";
import type { EngineTrace } from "../../kernel/engine-trace";
import type { KernelRun, KernelSegment } from "../../kernel/kernel-run";

export function syntheticKernelRun(trace: EngineTrace, lateMs = 0.3, durationMs = 65_000): KernelRun {
  const { result } = trace;
  const segments: KernelSegment[] = withRelativeNumbers(result.segments.filter((segment) => segment.duplicateOf === undefined)).map((segment) => ({
    from: segment.from,
    t: segment.t + lateMs,
    flags: [...segment.flags],
    relSeq: segment.relSeq,
    relAck: segment.relAck,
    len: segment.len,
    dropped: segment.dropped,
    arriveAt: segment.arriveAt === null ? null : segment.arriveAt + lateMs,
  })).filter((segment) => segment.t <= durationMs);
  const states = {} as KernelRun["states"];
  for (const host of ["client", "server"] as const) {
    const observations: { t: number; state: TcpState; since: number }[] = [{ t: -50, state: "CLOSED", since: -50 }];
    for (const transition of result.transitions.filter((entry) => entry.host === host && entry.t + lateMs <= durationMs)) {
      const t = transition.t + lateMs + 0.2;
      if (observations.at(-1)?.t === t) observations.pop();
      observations.push({ t, state: transition.to, since: t - 0.5 });
    }
    states[host] = observations.filter((observation, index) => index === 0 || observation.state !== observations[index - 1]?.state);
  }
  return {
    id: "synthetic",
    kernel: "6.18-synthetic",
    t0: 1_800_000_000,
    durationMs,
    latencyMs: 10,
    ports: { client: 40000, server: 8080 },
    addresses: { client: "10.0.0.1", server: "10.0.0.2" },
    sysctls: {},
    wire: segments.map((segment, index) => ({
      id: index + 1,
      from: segment.from,
      n: segments.slice(0, index + 1).filter((other) => other.from === segment.from).length,
      t: segment.t,
      flags: [...segment.flags],
      seq: 0,
      ack: null,
      len: segment.len,
      dropped: segment.dropped ? "rule" : null,
      arriveAt: segment.arriveAt,
    })),
    states,
    errors: result.errors.filter((error) => error.t + lateMs <= durationMs).map((error) => ({ t: error.t + lateMs + 0.2, host: error.host as HostId, code: error.code, ...(error.call ? { call: error.call } : {}) })),
    calls: result.events.flatMap((event) => (event.kind === "app" ? [{ t: event.t + 0.1, host: event.host, do: event.call, result: "ok" }] : [])),
    notes: [],
    segments,
    harness: [],
  };
}
