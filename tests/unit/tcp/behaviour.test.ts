/**
 * Scenario tests for the behaviours the course teaches. Expected numbers come from the RFC text
 * (sequence arithmetic), the kernel documentation (ip-sysctl.rst) or plain arithmetic on the
 * profile constants, never from a previous engine run.
 */
import { describe, expect, it } from "vitest";
import {
  createSimulation,
  LINUX_CONSTANTS,
  runScenario,
  type ScenarioInput,
} from "@/domain/tcp";
import { call, gaps, hasFlags, ISN, OPEN, range, scenario, send, sentBy, statePath, transitionTime } from "./helpers";


describe("sequence numbers", () => {
  const result = runScenario(
    scenario([...OPEN, send(100, "client", 100), call(200, "client", "close"), call(300, "server", "close")]),
  );
  const client = sentBy(result, "client");
  const server = sentBy(result, "server");

  it("the handshake: SYN seq=ISN; SYN-ACK acks ISN+1 (SYN consumes one number); ACK acks the server ISN+1", () => {
    expect(client[0]).toMatchObject({ flags: ["SYN"], seq: ISN.client, ack: null, len: 0 });
    expect(server[0]).toMatchObject({ flags: ["SYN", "ACK"], seq: ISN.server, ack: ISN.client + 1 });
    expect(client[1]).toMatchObject({ flags: ["ACK"], seq: ISN.client + 1, ack: ISN.server + 1 });
  });

  it("data starts after the SYN and is acknowledged by its length", () => {
    expect(client[2]).toMatchObject({ flags: ["PSH", "ACK"], seq: ISN.client + 1, len: 100 });
    expect(server[1]).toMatchObject({ flags: ["ACK"], ack: ISN.client + 1 + 100 });
  });

  it("a FIN consumes one sequence number too", () => {
    const fin = client.find((segment) => segment.flags.includes("FIN"));
    expect(fin?.seq).toBe(ISN.client + 1 + 100);
    const ackOfFin = server.find((segment) => segment.ack === ISN.client + 1 + 100 + 1);
    expect(ackOfFin).toBeDefined();
    const serverFin = server.find((segment) => segment.flags.includes("FIN"));
    expect(serverFin?.seq).toBe(ISN.server + 1);
    expect(client.at(-1)).toMatchObject({ flags: ["ACK"], ack: ISN.server + 2 });
  });

  it("ISNs come from the seed when not given, differently for different seeds", () => {
    const isnOf = (seed: number) => runScenario({ seed, actions: OPEN }).segments[0]?.seq;
    expect(isnOf(1)).toBe(isnOf(1));
    expect(isnOf(1)).not.toBe(isnOf(2));
  });
});

describe("closing", () => {
  it("Linux: a server closing right after the FIN sends one FIN+ACK (three-segment close)", () => {
    const result = runScenario(scenario([...OPEN, send(100, "client", 10), call(200, "client", "close"), call(215, "server", "close")]));
    expect(result.segments.filter((s) => s.t >= 200).map((s) => s.flags.join(","))).toEqual(["FIN,ACK", "FIN,ACK", "ACK"]);
    expect(statePath(result, "client").slice(-3)).toEqual(["FIN-WAIT-1", "TIME-WAIT", "CLOSED"]);
  });

  it("Linux: a server closing later ACKs the FIN alone after the 40 ms delayed-ACK timeout", () => {
    const result = runScenario(scenario([...OPEN, send(100, "client", 10), call(200, "client", "close"), call(600, "server", "close")]));
    const close = result.segments.filter((s) => s.t >= 200);
    expect(close.map((s) => s.flags.join(","))).toEqual(["FIN,ACK", "ACK", "FIN,ACK", "ACK"]);
    expect((close[1]?.t ?? NaN) - (close[0]?.arriveAt ?? NaN)).toBe(LINUX_CONSTANTS.TCP_DELACK_MIN_MS);
    expect(statePath(result, "client")).toContain("FIN-WAIT-2");
  });

  it("RFC 9293 profile: the FIN is ACKed at once, so even an immediate close takes four segments", () => {
    const result = runScenario(
      scenario([...OPEN, call(200, "client", "close"), call(210, "server", "close")], { profile: "rfc9293" }),
    );
    expect(result.segments.filter((s) => s.t >= 200).map((s) => s.flags.join(","))).toEqual(["FIN,ACK", "ACK", "FIN,ACK", "ACK"]);
  });

  it("simultaneous close goes FIN-WAIT-1 -> CLOSING -> TIME-WAIT on both sides", () => {
    const result = runScenario(scenario([...OPEN, call(100, "client", "close"), call(100, "server", "close")]));
    for (const host of ["client", "server"] as const) {
      expect(statePath(result, host).slice(-4)).toEqual(["FIN-WAIT-1", "CLOSING", "TIME-WAIT", "CLOSED"]);
    }
  });

  it("half-close: after shutdown() the other side keeps sending, and it is acknowledged", () => {
    const result = runScenario(
      scenario([...OPEN, call(100, "client", "shutdown"), send(200, "server", 300), send(400, "server", 300), call(600, "server", "close")]),
    );
    const data = sentBy(result, "server").filter((s) => s.len > 0);
    expect(data.map((s) => s.seq)).toEqual([ISN.server + 1, ISN.server + 301]);
    expect(sentBy(result, "client").map((s) => s.ack)).toContain(ISN.server + 601);
    expect(transitionTime(result, "client", "TIME-WAIT")).toBeGreaterThan(600);
  });

  it("a non-orphaned FIN-WAIT-2 (shutdown, peer never closes) waits forever", () => {
    const result = runScenario(scenario([...OPEN, call(100, "client", "shutdown")], { until: 3_000_000 }));
    expect(result.final.client).toBe("FIN-WAIT-2");
  });

  it("an orphaned FIN-WAIT-2 lasts tcp_fin_timeout, and only that sysctl changes it", () => {
    const run = (sysctl: ScenarioInput["sysctl"]) =>
      runScenario(scenario([...OPEN, call(100, "client", "close")], { sysctl }));
    const lifetime = (sysctl: ScenarioInput["sysctl"]) => {
      const result = run(sysctl);
      return (transitionTime(result, "client", "CLOSED") ?? NaN) - (transitionTime(result, "client", "FIN-WAIT-2") ?? NaN);
    };
    expect(lifetime(undefined)).toBe(60_000);
    expect(lifetime({ tcp_fin_timeout: 30 })).toBe(30_000);
  });

  it("TIME-WAIT is 60 s on Linux whatever tcp_fin_timeout says, and 2 x MSL = 240 s in the RFC profile", () => {
    const timeWait = (extra: Partial<ScenarioInput>) => {
      const result = runScenario(scenario([...OPEN, call(100, "client", "close"), call(200, "server", "close")], extra));
      return (transitionTime(result, "client", "CLOSED") ?? NaN) - (transitionTime(result, "client", "TIME-WAIT") ?? NaN);
    };
    expect(timeWait({})).toBe(60_000);
    expect(timeWait({ sysctl: { tcp_fin_timeout: 10 } })).toBe(60_000);
    expect(timeWait({ profile: "rfc9293" })).toBe(240_000);
    expect(timeWait({ profile: "rfc9293", sysctl: { msl_ms: 30_000 } })).toBe(60_000);
  });

  it("the final ACK lost: the passive closer retransmits its FIN from LAST-ACK, TIME-WAIT re-ACKs it", () => {
    // Client segments: SYN, ACK, FIN, ACK of the server's FIN (lost).
    const result = runScenario(
      scenario([...OPEN, call(100, "client", "close"), call(200, "server", "close")], { drop: [{ from: "client", nth: 4 }] }),
    );
    const serverFins = sentBy(result, "server").filter((s) => s.flags.includes("FIN"));
    expect(serverFins.map((s) => s.retransmission)).toEqual([false, true]);
    expect(serverFins[1]?.seq).toBe(serverFins[0]?.seq);
    const reAck = sentBy(result, "client").find((s) => s.t === serverFins[1]?.arriveAt);
    expect(reAck).toMatchObject({ flags: ["ACK"], ack: ISN.server + 2 });
    expect(statePath(result, "server").slice(-2)).toEqual(["LAST-ACK", "CLOSED"]);
    expect((transitionTime(result, "client", "CLOSED") ?? NaN) - (serverFins[1]?.arriveAt ?? NaN)).toBe(60_000);
  });
});

describe("RST", () => {
  it("connect to a port nobody listens on: ECONNREFUSED one RTT later", () => {
    const result = runScenario(scenario([call(0, "client", "connect")]));
    expect(result.errors).toEqual([{ t: 20, host: "client", code: "ECONNREFUSED" }]);
    expect(result.final.client).toBe("CLOSED");
  });

  it("abort sends RST+ACK (Linux) or a bare RST (RFC 9293); the peer gets ECONNRESET", () => {
    for (const [profile, flags] of [["linux", ["RST", "ACK"]], ["rfc9293", ["RST"]]] as const) {
      const result = runScenario(scenario([...OPEN, call(100, "client", "abort")], { profile }));
      expect(sentBy(result, "client").at(-1)?.flags).toEqual(flags);
      expect(result.errors).toEqual([{ t: 110, host: "server", code: "ECONNRESET" }]);
    }
  });

  it("RST in CLOSE-WAIT: EPIPE on Linux, ECONNRESET in the RFC profile", () => {
    for (const [profile, code] of [["linux", "EPIPE"], ["rfc9293", "ECONNRESET"]] as const) {
      const result = runScenario(scenario([...OPEN, call(100, "client", "shutdown"), call(200, "client", "abort")], { profile }));
      expect(result.errors).toEqual([expect.objectContaining({ host: "server", code })]);
    }
  });

  it("RST inside the window but not at RCV.NXT draws a challenge ACK (RFC 5961), whose answer resets", () => {
    // The client's 100 bytes are lost, so its abort RST (seq ISN+101) is ahead of the server's RCV.NXT (ISN+1).
    const result = runScenario(
      scenario([...OPEN, send(100, "client", 100), call(105, "client", "abort")], { drop: [{ from: "client", nth: 3 }] }),
    );
    const [rst, challengeAck, secondRst] = result.segments.filter((s) => s.t >= 105);
    expect(rst).toMatchObject({ from: "client", seq: ISN.client + 101 });
    expect(challengeAck).toMatchObject({ from: "server", flags: ["ACK"], ack: ISN.client + 1 });
    expect(secondRst).toMatchObject({ from: "client", flags: ["RST"], seq: ISN.client + 1 });
    expect(result.errors).toEqual([expect.objectContaining({ host: "server", code: "ECONNRESET" })]);
  });

  it("RST outside the receive window is ignored", () => {
    // 65535 bytes (one full window) are lost; the abort's RST is at ISN+1+65535, just past the window.
    const result = runScenario(
      scenario([...OPEN, send(100, "client", 65_535), call(105, "client", "abort")], {
        drop: [{ from: "client", nth: range(3, 100) }],
        mss: 65_535,
      }),
    );
    expect(sentBy(result, "client").at(-1)).toMatchObject({ flags: ["RST", "ACK"], seq: ISN.client + 1 + 65_535 });
    expect(result.final.server).toBe("ESTABLISHED");
    expect(result.errors).toEqual([]);
  });

  it("data sent to a socket whose application closed it is answered with RST", () => {
    const result = runScenario(scenario([...OPEN, call(100, "client", "close"), send(300, "server", 50)]));
    const rst = sentBy(result, "client").find((s) => s.flags.includes("RST"));
    expect(rst).toMatchObject({ flags: ["RST"], seq: ISN.client + 2 });
    expect(result.final).toEqual({ client: "CLOSED", server: "CLOSED" });
  });
});

describe("retransmission", () => {
  const silent = (extra: Partial<ScenarioInput> = {}) =>
    scenario([call(0, "client", "connect")], { drop: [{ from: "client", nth: range(1, 30) }], ...extra });

  it("SYN: tcp_syn_linear_timeouts=0 gives the pre-6.x schedule 1, 2, 4, 8, 16, 32 s and 127 s to ETIMEDOUT", () => {
    const result = runScenario(silent({ sysctl: { tcp_syn_linear_timeouts: 0 } }));
    expect(gaps(sentBy(result, "client").map((s) => s.t))).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000]);
    expect(result.errors).toEqual([{ t: 127_000, host: "client", code: "ETIMEDOUT" }]);
  });

  it("SYN: with tcp_syn_retries=2 the time budget, (2^3 - 1) x 1 s = 7 s, ends it before the 2 + 4 count", () => {
    const result = runScenario(silent({ sysctl: { tcp_syn_retries: 2 } }));
    const syns = sentBy(result, "client");
    expect(gaps(syns.map((s) => s.t))).toEqual([1000, 1000, 1000, 1000, 1000]);
    expect(result.errors).toEqual([{ t: 7000, host: "client", code: "ETIMEDOUT" }]);
  });

  it("SYN: the RFC profile retransmits for at least 3 minutes (RFC 1122 4.2.3.5)", () => {
    const result = runScenario(silent({ profile: "rfc9293" }));
    expect(result.errors[0]?.code).toBe("ETIMEDOUT");
    expect(result.errors[0]?.t).toBeGreaterThanOrEqual(180_000);
  });

  it("data: exponential backoff capped at TCP_RTO_MAX = 120 s; gives up after ~924.6 s (tcp_retries2 = 15)", () => {
    const result = runScenario(scenario([...OPEN, send(100, "client", 100)], { drop: [{ from: "client", nth: range(3, 100) }] }));
    const data = sentBy(result, "client").filter((s) => s.len > 0);
    const intervals = gaps(data.map((s) => s.t));
    expect(Math.max(...intervals)).toBe(120_000);
    intervals.slice(1).forEach((gap, index) => {
      const previous = intervals[index] ?? 0;
      expect(gap === previous * 2 || gap === 120_000 || (index === 0 && gap === previous)).toBe(true);
    });
    const failure = result.errors.find((e) => e.code === "ETIMEDOUT");
    // ip-sysctl.rst: "The default value of 15 yields a hypothetical timeout of 924.6 seconds".
    expect((failure?.t ?? 0) - 100).toBeGreaterThanOrEqual(924_600);
    expect((failure?.t ?? 0) - 100).toBeLessThan(924_600 + 120_000);
  });

  it("an orphaned FIN gives up after tcp_orphan_retries (0 means 8): 200 ms x (2^9 - 1) = 102.2 s", () => {
    const result = runScenario(scenario([...OPEN, call(100, "client", "close")], { drop: [{ from: "client", nth: range(3, 100) }] }));
    const closed = result.transitions.find((t) => t.host === "client" && t.cause === "retransmission timeout");
    expect((closed?.t ?? 0) - 100).toBeGreaterThanOrEqual(102_200);
    expect((closed?.t ?? 0) - 100).toBeLessThan(102_200 + 60_000);
    expect(result.errors).toEqual([]); // nobody to tell: the application closed the socket
  });

  it("RTO after the handshake: Linux SRTT + max(2 x RTT, 200 ms); RFC 6298 rounds up to 1 s", () => {
    const rtoAfterHandshake = (profile: "linux" | "rfc9293") => {
      const simulation = createSimulation(scenario(OPEN, { profile }));
      simulation.runUntil(50);
      return simulation.snapshot().hosts.client.rtoMs;
    };
    expect(rtoAfterHandshake("linux")).toBe(20 + 200);
    expect(rtoAfterHandshake("rfc9293")).toBe(1000);
  });

  it("RFC 6298 5.7: a handshake that had to retransmit the SYN leaves RTO at 3 s (RFC profile, Karn)", () => {
    const simulation = createSimulation(scenario(OPEN, { profile: "rfc9293", drop: [{ from: "client", nth: 1 }] }));
    simulation.runUntil(1100);
    expect(simulation.snapshot().hosts.client).toMatchObject({ state: "ESTABLISHED", rtoMs: 3000 });
  });
});

describe("simultaneous open and SYN-RECEIVED", () => {
  it("SYN-SENT receiving a bare SYN goes to SYN-RECEIVED and answers SYN-ACK with its own ISN", () => {
    const result = runScenario(scenario([call(0, "client", "connect"), call(0, "server", "connect")]));
    expect(statePath(result, "client")).toEqual(["CLOSED", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED"]);
    expect(sentBy(result, "client")[1]).toMatchObject({ flags: ["SYN", "ACK"], seq: ISN.client, ack: ISN.server + 1 });
  });

  it("Linux answers a retransmitted SYN in SYN-RECEIVED with the SYN-ACK again", () => {
    // The server's SYN-ACK is lost; the client's second SYN (at 1 s) gets a fresh SYN-ACK at once.
    const result = runScenario(scenario(OPEN, { drop: [{ from: "server", nth: 1 }] }));
    const synAcks = sentBy(result, "server").filter((s) => hasFlags(s, "SYN", "ACK"));
    expect(synAcks[1]?.t).toBe(1010);
    expect(synAcks[1]?.retransmission).toBe(true);
    expect(result.final).toEqual({ client: "ESTABLISHED", server: "ESTABLISHED" });
  });
});

describe("TIME-WAIT and reuse of the 4-tuple", () => {
  // The client closes first; the server closes when the FIN has arrived, then listens again.
  const reconnect = (at: number, extra: Partial<ScenarioInput>) =>
    runScenario(
      scenario(
        [...OPEN, call(100, "client", "close"), call(200, "server", "close"), call(500, "server", "listen"), call(at, "client", "connect")],
        extra,
      ),
    );

  it("connect() while the 4-tuple is in TIME-WAIT fails with EADDRNOTAVAIL", () => {
    const result = reconnect(1500, {});
    expect(result.errors).toEqual([{ t: 1500, host: "client", code: "EADDRNOTAVAIL", call: "connect" }]);
    const rfc = runScenario(
      scenario([...OPEN, call(100, "client", "close"), call(200, "server", "close"), call(1500, "client", "connect")], { profile: "rfc9293" }),
    );
    expect(rfc.errors[0]?.code).toBe("EADDRNOTAVAIL");
  });

  it("tcp_tw_reuse=2 reuses it on loopback once the TIME-WAIT is older than tcp_tw_reuse_delay", () => {
    expect(reconnect(1000, { loopback: true }).errors[0]?.code).toBe("EADDRNOTAVAIL");
    const reused = reconnect(1500, { loopback: true });
    expect(reused.errors).toEqual([]);
    expect(reused.final.client).toBe("ESTABLISHED");
    expect(reconnect(1500, { loopback: true, sysctl: { tcp_tw_reuse: 0 } }).errors[0]?.code).toBe("EADDRNOTAVAIL");
    expect(reconnect(1500, { sysctl: { tcp_tw_reuse: 1 } }).errors).toEqual([]);
    expect(reconnect(1500, { loopback: true, sysctl: { tcp_timestamps: 0 } }).errors[0]?.code).toBe("EADDRNOTAVAIL");
  });

  it("RFC profile: a SYN in TIME-WAIT gets a challenge ACK instead of reopening the connection", () => {
    const result = runScenario(
      scenario([...OPEN, call(100, "server", "close"), call(200, "client", "close"), call(400, "client", "connect")], { profile: "rfc9293" }),
    );
    const reply = sentBy(result, "server").find((s) => s.t > 400);
    expect(reply).toMatchObject({ flags: ["ACK"], ack: ISN.client + 2 });
    expect(result.transitions.filter((t) => t.t > 400 && t.to === "SYN-RECEIVED")).toEqual([]);
    // The challenge ACK is unacceptable to the SYN-SENT client, whose RST then ends TIME-WAIT (RFC 1337's hazard).
    expect(result.transitions.find((t) => t.host === "server" && t.from === "TIME-WAIT")?.cause).toBe("recv RST");
  });
});

describe("network", () => {
  it("duplicated segments are delivered twice and answered as duplicates; the connection still works", () => {
    const result = runScenario(
      scenario([...OPEN, send(100, "client", 500), call(200, "client", "close"), call(400, "server", "close")], { duplicateProbability: 1 }),
    );
    expect(result.segments.filter((s) => s.duplicateOf !== undefined).length).toBeGreaterThan(5);
    expect(statePath(result, "client").at(-1)).toBe("CLOSED");
    expect(result.final).toEqual({ client: "CLOSED", server: "CLOSED" });
  });

  it("reordered data is reassembled: everything is acknowledged in the end", () => {
    const result = runScenario(
      scenario([...OPEN, send(100, "client", 10 * 1460)], { reorder: { delays: [{ from: "client", nth: 3, extraMs: 30 }] } }),
    );
    const lastAck = sentBy(result, "server").at(-1)?.ack;
    expect(lastAck).toBe(ISN.client + 1 + 10 * 1460);
  });

  it("drop rules count retransmissions: nth 1 and 2 of the client are the SYN and its first retransmission", () => {
    const result = runScenario(scenario(OPEN, { drop: [{ from: "client", nth: [1, 2] }] }));
    const syns = sentBy(result, "client").filter((s) => hasFlags(s, "SYN"));
    expect(syns.map((s) => [s.n, s.dropped, s.retransmission])).toEqual([
      [1, true, false],
      [2, true, true],
      [3, false, true],
    ]);
    expect(syns[2]?.t).toBe(2000);
  });
});
