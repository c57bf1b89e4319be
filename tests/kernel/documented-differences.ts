/**
 * Where the engine knowingly differs from the kernel: modelling choices, each with its reason.
 * The kernel differential test fails on any difference none of these explains, and on an entry
 * that no longer explains anything (the kernel and the engine agree there now: remove it). Every
 * entry is also listed in docs/kernel-differential.md and has an engine-side test in
 * tests/unit/kernel-diff/documented-differences.test.ts, so the choice cannot drift unnoticed.
 */
import type { HostId, TcpState } from "@/domain/tcp";
import { matchStatePaths, type Difference, type KernelObservation } from "./compare";

export interface DocumentedDifference {
  /** Stable, kebab-case; the heading id in docs/kernel-differential.md. */
  id: string;
  title: string;
  /** What the engine does, what Linux does, and why the engine keeps its way. */
  reason: string;
  explains(difference: Difference): boolean;
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
];

export function explanationOf(difference: Difference): DocumentedDifference | undefined {
  return DOCUMENTED_DIFFERENCES.find((entry) => entry.explains(difference));
}

export type { HostId };
