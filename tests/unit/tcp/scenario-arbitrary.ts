/**
 * Random scenarios for the property-based tests and the trace digests: any finite pattern of
 * losses, duplicates, reordering and link outages, both profiles, any socket options and
 * reading habits, every way of ending a connection.
 */
import fc from "fast-check";
import type { Action, HostId, ScenarioInput, SocketOption } from "@/domain/tcp";

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
    // A reader that falls behind but catches up: everything sent is eventually read, also what
    // arrives after the longest outage (up to 205 s) and the retransmission backoff that follows
    // it (up to 120 s). A reader that stopped earlier would keep its window shut, and the peer's
    // FIN outside it, for ever, as in Linux: a true outcome, but not the one these properties test.
    for (let at = 30_000; at <= 600_000; at += 30_000) actions.push({ at, host, do: "read" });
  }
  return actions;
}

type SocketChoice = typeof socketArbitrary extends fc.Arbitrary<infer T> ? T : never;

export const scenarioArbitrary: fc.Arbitrary<ScenarioInput> = fc
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
