/**
 * Property-based tests: whatever finite pattern of losses, duplicates and reordering the network
 * applies, and whatever the applications do, the run ends, both ends settle in a state that
 * needs no timer, sequence numbers only move forward, and every transition is in the table.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findTransitionRow, runScenario, seqDiff, type HostId, type ScenarioResult, type TcpState } from "@/domain/tcp";
import { scenarioArbitrary } from "./scenario-arbitrary";

/** States a connection can rest in with no timer running (everything else must time out). */
const RESTING: ReadonlySet<TcpState> = new Set(["CLOSED", "LISTEN", "ESTABLISHED", "CLOSE-WAIT", "FIN-WAIT-2"]);

/** Within one connection (between SYNs), new segments never start below the previous new ones. */
function sequenceRegressions(result: ScenarioResult): string[] {
  const problems: string[] = [];
  const highest: Partial<Record<HostId, number>> = {};
  for (const segment of result.segments) {
    // Keep-alive and window probes reuse an old sequence number on purpose.
    if (segment.duplicateOf !== undefined || segment.flags.includes("RST") || segment.purpose !== undefined) continue;
    if (segment.flags.includes("SYN") && !segment.retransmission && !segment.flags.includes("ACK")) {
      highest[segment.from] = segment.seq;
      continue;
    }
    if (segment.retransmission) continue;
    const previous = highest[segment.from];
    if (previous !== undefined && seqDiff(previous, segment.seq) < 0) {
      problems.push(`segment ${segment.id} from ${segment.from}: seq ${segment.seq} < ${previous}`);
    }
    highest[segment.from] = previous === undefined || seqDiff(previous, segment.seq) > 0 ? segment.seq : previous;
  }
  return problems;
}

/** No ACK acknowledges sequence space the peer never sent. */
function acksBeyondSent(result: ScenarioResult): string[] {
  const problems: string[] = [];
  const sentUpTo: Partial<Record<HostId, number>> = {};
  for (const segment of result.segments) {
    const end = segment.seq + segment.len + (segment.flags.includes("SYN") ? 1 : 0) + (segment.flags.includes("FIN") ? 1 : 0);
    if (!segment.flags.includes("RST")) {
      const known = sentUpTo[segment.from];
      if (segment.flags.includes("SYN") && !segment.retransmission) sentUpTo[segment.from] = end >>> 0;
      else if (known === undefined || seqDiff(known, end >>> 0) > 0) sentUpTo[segment.from] = end >>> 0;
    }
    if (segment.ack === null || segment.flags.includes("RST")) continue;
    const peerSent = sentUpTo[segment.to];
    if (peerSent !== undefined && seqDiff(peerSent, segment.ack) > 0) {
      problems.push(`segment ${segment.id} acks ${segment.ack} beyond ${peerSent}`);
    }
  }
  return problems;
}

describe("under any finite loss, duplication and reordering", () => {
  it("the run ends, with both ends resting in a state that needs no timer", () => {
    fc.assert(
      fc.property(scenarioArbitrary, (input) => {
        const result = runScenario(input);
        expect(result.truncated).toBeUndefined();
        for (const host of ["client", "server"] as const) expect(RESTING.has(result.final[host]), result.final[host]).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("sequence numbers of new segments never go backwards within a connection", () => {
    fc.assert(
      fc.property(scenarioArbitrary, (input) => {
        expect(sequenceRegressions(runScenario(input))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("nothing acknowledges data the other side has not sent", () => {
    fc.assert(
      fc.property(scenarioArbitrary, (input) => {
        expect(acksBeyondSent(runScenario(input))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("every transition is a row of the conformance table, for the profile that ran", () => {
    fc.assert(
      fc.property(scenarioArbitrary, (input) => {
        for (const transition of runScenario(input).transitions) {
          const row = findTransitionRow(transition.from, transition.cause, transition.to);
          expect(row, `${transition.from} --${transition.cause}--> ${transition.to}`).toBeDefined();
          if (input.profile === "rfc9293") expect(row?.profiles).toBe("both");
        }
      }),
      { numRuns: 300 },
    );
  });

  it("the same input gives the same trace", () => {
    fc.assert(
      fc.property(scenarioArbitrary, (input) => {
        expect(runScenario(input)).toEqual(runScenario(structuredClone(input)));
      }),
      { numRuns: 100 },
    );
  });

  it("random loss with any probability below 1 still ends the run", () => {
    fc.assert(
      fc.property(scenarioArbitrary, fc.double({ min: 0, max: 0.9, noNaN: true }), (input, lossProbability) => {
        const result = runScenario({ ...input, lossProbability });
        expect(result.truncated).toBeUndefined();
        for (const host of ["client", "server"] as const) expect(RESTING.has(result.final[host])).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
