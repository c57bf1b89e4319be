/**
 * Property-based tests: whatever finite pattern of losses, duplicates and reordering the network
 * applies, and whatever the applications do, the run ends, both ends settle in a state that
 * needs no timer, sequence numbers only move forward, and every transition is in the table.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  findTransitionRow,
  runScenario,
  seqDiff,
  type Action,
  type HostId,
  type ScenarioInput,
  type ScenarioResult,
  type SocketOption,
  type TcpState,
} from "@/domain/tcp";

/** States a connection can rest in with no timer running (everything else must time out). */
const RESTING: ReadonlySet<TcpState> = new Set(["CLOSED", "LISTEN", "ESTABLISHED", "CLOSE-WAIT", "FIN-WAIT-2"]);

const endingCall = fc.constantFrom("close", "shutdown", "abort", "none") as fc.Arbitrary<"close" | "shutdown" | "abort" | "none">;

/** Socket options and reading habits of one host. */
const socketArbitrary = fc.record({
  keepalive: fc.option(fc.record({ idle: fc.integer({ min: 60, max: 600 }), interval: fc.integer({ min: 1, max: 75 }), count: fc.integer({ min: 1, max: 9 }) })),
  userTimeoutMs: fc.constantFrom(0, 0, 1000, 20_000),
  rcvbuf: fc.constantFrom(0, 0, 2048, 4096, 20_000),
  autoRead: fc.boolean(),
  reads: fc.array(fc.record({ at: fc.integer({ min: 0, max: 10_000 }), bytes: fc.option(fc.integer({ min: 1, max: 3000 })) }), { maxLength: 3 }),
});

function socketActions(host: HostId, socket: SocketChoice): Action[] {
  const actions: Action[] = [];
  const option = (name: SocketOption, value: number): Action => ({ at: 0, host, do: "setsockopt", option: name, value });
  if (socket.keepalive !== null) {
    actions.push(option("SO_KEEPALIVE", 1), option("TCP_KEEPIDLE", socket.keepalive.idle), option("TCP_KEEPINTVL", socket.keepalive.interval));
    actions.push(option("TCP_KEEPCNT", socket.keepalive.count));
  }
  if (socket.userTimeoutMs > 0) actions.push(option("TCP_USER_TIMEOUT", socket.userTimeoutMs));
  if (socket.rcvbuf > 0) actions.push(option("SO_RCVBUF", socket.rcvbuf));
  if (!socket.autoRead) {
    for (const read of socket.reads) actions.push({ at: read.at, host, do: "read", ...(read.bytes === null ? {} : { bytes: read.bytes }) });
    // A reader that falls behind but catches up: everything sent is eventually read.
    for (const at of [30_000, 60_000, 90_000, 120_000]) actions.push({ at, host, do: "read" });
  }
  return actions;
}

type SocketChoice = typeof socketArbitrary extends fc.Arbitrary<infer T> ? T : never;

const scenarioArbitrary: fc.Arbitrary<ScenarioInput> = fc
  .record({
    profile: fc.constantFrom("linux", "rfc9293") as fc.Arbitrary<"linux" | "rfc9293">,
    seed: fc.integer(),
    latencyMs: fc.integer({ min: 0, max: 60 }),
    clientDrops: fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 12 }),
    serverDrops: fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 12 }),
    duplicateProbability: fc.constantFrom(0, 0, 0.2, 0.5),
    jitterMs: fc.constantFrom(0, 0, 5, 30),
    simultaneousOpen: fc.boolean(),
    clientBytes: fc.integer({ min: 0, max: 5000 }),
    serverBytes: fc.integer({ min: 0, max: 5000 }),
    clientEnd: endingCall,
    serverEnd: endingCall,
    clientEndAt: fc.integer({ min: 20, max: 3000 }),
    serverEndAt: fc.integer({ min: 20, max: 3000 }),
    clientSocket: socketArbitrary,
    serverSocket: socketArbitrary,
    link: fc.option(fc.record({ downAt: fc.integer({ min: 0, max: 5000 }), upAfter: fc.option(fc.integer({ min: 1, max: 200_000 })) })),
  })
  .map((p) => {
    const actions: Action[] = p.simultaneousOpen
      ? [{ at: 0, host: "client", do: "connect" }, { at: 0, host: "server", do: "connect" }]
      : [{ at: 0, host: "server", do: "listen" }, { at: 0, host: "client", do: "connect" }];
    if (p.clientBytes > 0) actions.push({ at: 10, host: "client", do: "send", bytes: p.clientBytes });
    if (p.serverBytes > 0) actions.push({ at: 15, host: "server", do: "send", bytes: p.serverBytes });
    const ending = (host: HostId, what: typeof p.clientEnd, at: number) => {
      if (what !== "none") actions.push({ at, host, do: what });
    };
    ending("client", p.clientEnd, p.clientEndAt);
    ending("server", p.serverEnd, p.serverEndAt);
    actions.push(...socketActions("client", p.clientSocket), ...socketActions("server", p.serverSocket));
    if (p.link !== null) {
      actions.push({ at: p.link.downAt, do: "link", up: false });
      if (p.link.upAfter !== null) actions.push({ at: p.link.downAt + p.link.upAfter, do: "link", up: true });
    }
    actions.sort((a, b) => a.at - b.at);
    return {
      autoRead: { client: p.clientSocket.autoRead, server: p.serverSocket.autoRead },
      profile: p.profile,
      seed: p.seed,
      latencyMs: p.latencyMs,
      drop: [
        { from: "client" as const, nth: p.clientDrops },
        { from: "server" as const, nth: p.serverDrops },
      ],
      duplicateProbability: p.duplicateProbability,
      ...(p.jitterMs > 0 ? { reorder: { jitterMs: p.jitterMs } } : {}),
      actions,
    };
  });

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
