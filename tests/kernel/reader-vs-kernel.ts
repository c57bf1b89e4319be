/**
 * The capture reader judged by the kernel: the state paths it infers from a case's capture must
 * be the ones `ss` (sock_diag) saw, and each change it ties to a segment must have happened in the
 * kernel when that segment was sent (a change the sender made) or arrived (one the receiver made).
 * The capture holds each segment at its sender, so crossing segments (FINs, a RST and a FIN) are
 * exactly what the reader must place from acknowledgement numbers and TCP timestamps.
 */
import type { HostId, TcpState } from "@/domain/tcp";
import { analyzeCapture, type StateTransition } from "@/domain/tcp/pcap";
import { JITTER_MS } from "./compare";
import { msSince, type KernelRun, type KernelSegment } from "./kernel-run";

export interface ReaderCheck {
  problems: string[];
  /** State changes whose time was checked against the kernel's. */
  checked: number;
}

const CONNECTED: ReadonlySet<TcpState> = new Set(["SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT", "CLOSING", "LAST-ACK", "TIME-WAIT"]);

/**
 * What sock_diag showed of one host from the connection's first segment on, as the reader can
 * know it: a listener back in LISTEN after its connection is the connection CLOSED (the reader
 * follows one connection), and the end of TIME-WAIT or of an orphaned FIN-WAIT-2, on a timer
 * that sends nothing, is beyond what a capture shows.
 */
function kernelPath(kernel: KernelRun, host: HostId, from: number): { t: number; since: number; state: TcpState }[] {
  const observations = kernel.states[host];
  const startIndex = Math.max(0, observations.findLastIndex((observation) => observation.t <= from));
  const path: { t: number; since: number; state: TcpState }[] = [];
  let connected = false;
  for (const observation of observations.slice(startIndex)) {
    connected ||= CONNECTED.has(observation.state);
    const state: TcpState = connected && observation.state === "LISTEN" ? "CLOSED" : observation.state;
    const previous = path.at(-1)?.state;
    if (state === "CLOSED" && (previous === "TIME-WAIT" || previous === "FIN-WAIT-2")) break;
    if (previous !== state) path.push({ t: observation.t, since: observation.since, state });
  }
  return path;
}

/**
 * When the kernel made the change the reader ties to `transition`: its segment's send or arrival
 * time; "lost" when the reader credits the arrival of a segment the wire dropped.
 */
function causeTime(transition: StateTransition, segments: readonly (KernelSegment | undefined)[]): number | "lost" | null {
  const segment = segments[transition.segment];
  if (segment === undefined) return null;
  if (transition.by === "sent") return segment.t;
  return segment.dropped ? "lost" : segment.arriveAt;
}

export function readerAgainstKernel(kernel: KernelRun, capture: Uint8Array): ReaderCheck {
  const problems: string[] = [];
  let checked = 0;
  const clientEndpoint = `${kernel.addresses.client}:${kernel.ports.client}`;
  for (const connection of analyzeCapture(capture).connections) {
    const hostOf = (role: HostId): HostId => (connection.client === clientEndpoint ? role : role === "client" ? "server" : "client");
    // The same segments as the kernel run lists them (with when each arrived), by sender and time.
    const segments = connection.segments.map((segment) => {
      const t = msSince(kernel.t0, connection.start, segment.t);
      return kernel.segments.find((candidate) => candidate.from === hostOf(segment.from) && Math.abs(candidate.t - t) < 0.01);
    });
    for (const role of ["client", "server"] as const) {
      const host = hostOf(role);
      // An end that sent nothing has assumed states (the reader says so in its notes).
      if (!connection.segments.some((segment) => segment.from === role)) continue;
      const observed = kernelPath(kernel, host, segments[0]?.t ?? 0);
      const inferred = connection.states[role];
      // Every state the kernel showed is on the reader's path, in order (the reader also lists
      // states left at the instant they were entered, which no polling sees).
      let position = 0;
      const matched: number[] = [];
      for (const observation of observed) {
        const found = inferred.indexOf(observation.state, position);
        if (found < 0) {
          problems.push(`${host}: the reader's path ${inferred.join(" → ")} lacks ${observation.state} (ss: ${observed.map((o) => o.state).join(" → ")})`);
          break;
        }
        matched.push(found);
        position = found + 1;
      }
      const transitions = connection.transitions.filter((transition) => transition.host === role);
      matched.forEach((pathIndex, index) => {
        if (pathIndex === 0) return;
        const transition = transitions[pathIndex - 1];
        const observation = observed[index];
        if (transition === undefined || observation === undefined) return;
        const at = causeTime(transition, segments);
        if (at === null) return;
        checked++;
        if (at === "lost") {
          problems.push(`${host}: the reader ties ${transition.from} → ${transition.to} to the arrival of segment ${transition.segment + 1}, which the wire lost`);
          return;
        }
        if (observation.t < at - JITTER_MS || observation.since > at + JITTER_MS) {
          problems.push(
            `${host} entered ${transition.to} between ${observation.since.toFixed(1)} and ${observation.t.toFixed(1)} ms, but the reader ties it to segment ${transition.segment + 1} ${transition.by === "sent" ? "sent" : "arriving"} at ${at.toFixed(1)} ms`,
          );
        }
      });
    }
  }
  return { problems, checked };
}
