/**
 * Where the engine knowingly differs from the kernel: modelling choices, each with its reason.
 * The kernel differential test fails on any difference none of these explains, and on an entry
 * that no longer explains anything (the kernel and the engine agree there now: remove it). Every
 * entry is also listed in docs/kernel-differential.md and has an engine-side test in
 * tests/unit/kernel-diff/documented-differences.test.ts, so the choice cannot drift unnoticed.
 */
import type { TcpState } from "@/domain/tcp";
import { matchStatePaths, timerSlackMs, type Difference, type KernelObservation, type SegmentView } from "./compare";
import type { EngineTrace } from "./engine-trace";

export interface DocumentedDifference {
  /** Stable, kebab-case; the heading id in docs/kernel-differential.md. */
  id: string;
  title: string;
  /** What the engine does, what Linux does, and why the engine keeps its way. */
  reason: string;
  /**
   * A race the kernel wins either way from run to run: the suite does not require it to show up
   * in every run (an entry that always shows up must, or it is stale).
   */
  intermittent?: true;
  explains(difference: Difference, trace: EngineTrace): boolean;
}

const SYNCHRONIZED: ReadonlySet<TcpState> = new Set(["ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT", "CLOSING", "LAST-ACK", "TIME-WAIT"]);

/** The host's observations with every LISTEN that follows a connection read as CLOSED. */
function listenerAsClosedAfterConnection(observations: readonly KernelObservation[]): KernelObservation[] {
  let connected = false;
  const rewritten: KernelObservation[] = [];
  for (const observation of observations) {
    if (SYNCHRONIZED.has(observation.state)) connected = true;
    const state: TcpState = connected && observation.state === "LISTEN" ? "CLOSED" : observation.state;
    const previous = rewritten.at(-1);
    if (previous?.state === state) continue;
    rewritten.push({ ...observation, state });
  }
  return rewritten;
}

/**
 * Segment `id` is one of two identical segments the engine sent within a timer's slack, one on
 * that timer and one for another reason (or a reply to such a segment): the kernel, whose timer
 * may fire up to that slack later, may find it moot by then and send the segment once.
 */
function racedTimer(trace: EngineTrace, id: number): boolean {
  const segment = trace.result.segments[id - 1];
  const stepOf = (segmentId: number) => trace.steps[trace.stepOfSegment.get(segmentId) ?? -1];
  const step = stepOf(id);
  if (segment === undefined || step === undefined) return false;
  const twins = trace.result.segments.filter(
    (other) =>
      other.id !== id &&
      other.from === segment.from &&
      other.flags.join() === segment.flags.join() &&
      other.seq === segment.seq &&
      other.ack === segment.ack &&
      other.len === segment.len,
  );
  const raced = twins.some((twin) => {
    const twinStep = stepOf(twin.id);
    const timer = step.kind === "timer" ? step : twinStep?.kind === "timer" ? twinStep : undefined;
    const other = timer === step ? twinStep : step;
    return timer !== undefined && other?.kind !== "timer" && Math.abs(twin.t - segment.t) <= timerSlackMs(timer.delayMs);
  });
  if (raced) return true;
  return step.kind === "deliver" && racedTimer(trace, step.segment);
}

/**
 * The difference is about a data segment or a bare ACK (no SYN, FIN or RST) sent before either
 * host's first FIN, on a connection where the engine's receiver ran out of buffer (advertised a
 * zero window): a data segment or window probe towards that receiver, or an ACK or window update
 * from it. Handshake, close, states and errors stay judged.
 */
function whileReceiveBufferFills(difference: Difference, trace: EngineTrace): boolean {
  if (difference.kind !== "segment" && difference.kind !== "segment-time") return false;
  const views = [difference.engine, difference.kernel].filter((view): view is SegmentView => view !== undefined);
  if (!views.every((view) => view.flags.every((flag) => flag === "ACK" || flag === "PSH"))) return false;
  const firstFin = Math.min(...trace.result.segments.filter((segment) => segment.flags.includes("FIN")).map((segment) => segment.t));
  if (!views.every((view) => view.t < firstFin)) return false;
  const filled = (host: string) => trace.result.segments.some((segment) => segment.from === host && segment.win === 0 && segment.t < firstFin);
  const sender = difference.host;
  const receiver = sender === "client" ? "server" : "client";
  // Towards the receiver whose buffer filled: its data and window probes. From it: ACKs and window updates.
  return filled(receiver) || (filled(sender) && views.every((view) => view.len === 0));
}

export const DOCUMENTED_DIFFERENCES: readonly DocumentedDifference[] = [
  {
    id: "listener-outlives-its-connection",
    title: "A server's listening socket outlives the connection it accepted",
    reason:
      "The engine gives each host one connection (ADR 0101): the server's endpoint goes LISTEN → SYN-RECEIVED → … and, " +
      "once that connection is over, CLOSED. On Linux accept() returns a new socket and the listening socket keeps " +
      "listening, so `ss` shows the server in LISTEN again when the connection is gone. The states up to the end of the " +
      "connection are the same.",
    explains: (difference) =>
      difference.kind === "states" &&
      difference.kernelStates.some((observation) => observation.state === "LISTEN") &&
      matchStatePaths(difference.engineStates, listenerAsClosedAfterConnection(difference.kernelStates)).consistent,
  },
  {
    id: "timer-races-within-its-slack",
    title: "A timer and another event within the timer's slack can come in either order",
    reason:
      "The engine fires a timer at exactly its delay; the kernel fires it up to the timer wheel's slack later (32 ms for " +
      "the 1 s SYN+ACK timer). When a lost SYN+ACK makes the server's SYN+ACK timer and the client's retransmitted SYN " +
      "meet (both at 1010 ms with 10 ms of latency), the engine sends two SYN+ACKs, one for each, and the client acknowledges " +
      "both. The kernel does the same when its timer fires before the handshake completes, and sends one when it fires " +
      "after. Which one happens varies from run to run; the engine keeps exact timers so that its runs are reproducible " +
      "(with timer-wheel rounding on it can land on either side too).",
    intermittent: true,
    explains: (difference, trace) => difference.kind === "segment" && difference.change === "missing" && difference.engine !== undefined && racedTimer(trace, difference.engine.id),
  },
  {
    id: "push-on-every-gso-chunk",
    title: "Linux sets PSH at the end of every chunk of two full segments, not only at the end of a write",
    reason:
      "The engine sets PSH on the last segment of what one send() call handed over. Linux builds a write into chunks of " +
      "size_goal bytes, tcp_tso_autosize(): two full segments at the pacing rate of a 20 ms RTT, more on faster paths, " +
      "and each chunk leaves with PSH on its last segment (software GSO on a device without TSO keeps the flag there), " +
      "so a 20000-byte write shows PSH on every second 1460-byte segment. The chunk size follows the pacing rate (cwnd " +
      "and SRTT), which the engine does not model; PSH changes nothing for the receiver's state, so the engine keeps the " +
      "RFC 9293 reading (push at the end of the data handed over).",
    explains: (difference) =>
      difference.kind === "segment" &&
      difference.change === "changed" &&
      difference.fields?.join() === "flags" &&
      difference.kernel?.flags.includes("PSH") === true &&
      difference.engine?.flags.includes("PSH") === false &&
      difference.engine.len === 1460 &&
      difference.kernel.flags.filter((flag) => flag !== "PSH").join() === difference.engine.flags.join(),
  },
  {
    id: "receive-window-from-buffer-memory",
    title: "While a small receive buffer fills, Linux's window follows memory, the engine's follows payload bytes",
    reason:
      "The engine's receive window is half the (doubled) SO_RCVBUF less the payload bytes held, in whole segments, never " +
      "shrinking (ADR 0110). Linux charges each queued packet its whole memory (skb truesize, the packet's buffer and " +
      "bookkeeping) and turns free memory into window with a ratio it learns from the traffic (tcp_win_from_space(), " +
      "scaling_ratio, 6.5+), so the window it advertises after the first segments depends on the driver and the packet " +
      "sizes: with SO_RCVBUF 4096 on the test's TUN device it lets three 1460-byte segments in where the engine lets two, and " +
      "the zero window, the probes and the window updates that follow come at other points of the stream. The engine keeps " +
      "a window that a learner can compute from the buffer size; what is the same is judged: the handshake, the zero-window " +
      "probes' form and backoff (tests/unit/tcp/kernel-socket-model.test.ts), the close, the states and the errors.",
    explains: whileReceiveBufferFills,
  },
];

export function explanationOf(difference: Difference, trace: EngineTrace): DocumentedDifference | undefined {
  return DOCUMENTED_DIFFERENCES.find((entry) => entry.explains(difference, trace));
}
