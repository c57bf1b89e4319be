/**
 * The rest of the socket model: setsockopt(), reading (or not) and the receive window, zero-window
 * probes, keep-alive, a cut link, the retransmission give-up rules and close() with unread data.
 * Expected numbers come from the kernel sources named in each test and the profile constants
 * (RTT 20 ms here, so Linux's RTO is RTT + TCP_RTO_MIN = 220 ms), never from a previous run.
 */
import { describe, expect, it } from "vitest";
import {
  createSimulation,
  linuxModelTimeout,
  LINUX_CONSTANTS,
  parseScenario,
  runScenario,
  type Action,
  type HostId,
  type ScenarioInput,
  type ScenarioResult,
  type SocketOption,
  type SocketOptionValue,
} from "@/domain/tcp";
import { call, ISN, OPEN, scenario, send, sentBy, statePath, transitionTime } from "./helpers";

const RTT = 20;
const RTO = RTT + LINUX_CONSTANTS.TCP_RTO_MIN_MS;
const MSS = 1460;

const setsockopt = (at: number, host: HostId, option: SocketOption, value: SocketOptionValue): Action => ({
  at,
  host,
  do: "setsockopt",
  option,
  value,
});
const read = (at: number, host: HostId, bytes?: number): Action => ({ at, host, do: "read", ...(bytes === undefined ? {} : { bytes }) });
const link = (at: number, up: boolean): Action => ({ at, do: "link", up });

const probes = (result: ScenarioResult, host: HostId, purpose: "keepalive probe" | "window probe") =>
  sentBy(result, host).filter((segment) => segment.purpose === purpose);
const errorsOf = (result: ScenarioResult, host: HostId) => result.errors.filter((error) => error.host === host);

describe("SO_RCVBUF", () => {
  const snapshotAfter = (value: number, sysctl?: ScenarioInput["sysctl"]) => {
    const simulation = createSimulation({ ...(sysctl ? { sysctl } : {}), actions: [setsockopt(0, "server", "SO_RCVBUF", value)] });
    simulation.runUntil(1);
    return simulation.snapshot().hosts.server.options.rcvbuf;
  };

  it("is doubled, as Linux does, clamped to net.core.rmem_max first and never below SOCK_MIN_RCVBUF", () => {
    expect(snapshotAfter(4096)).toBe(8192);
    expect(snapshotAfter(1_000_000)).toBe(2 * 212_992);
    expect(snapshotAfter(1_000_000, { rmem_max: 4_194_304 })).toBe(2_000_000);
    expect(snapshotAfter(100)).toBe(LINUX_CONSTANTS.SOCK_MIN_RCVBUF);
  });

  it("sizes the window: half the doubled buffer, in whole segments (tcp_win_from_space, __tcp_select_window)", () => {
    const result = runScenario(scenario([setsockopt(0, "server", "SO_RCVBUF", 4096), ...OPEN]));
    const synAck = sentBy(result, "server")[0];
    expect(synAck?.win).toBe(Math.floor(8192 / 2 / MSS) * MSS);
    // Without SO_RCVBUF: the engine's 65,535-byte buffer, also in whole segments.
    expect(sentBy(result, "client")[0]?.win).toBe(Math.floor(65_535 / MSS) * MSS);
  });
});

describe("a reader that stops reading", () => {
  // The server's window is 2,920 bytes (two segments); its application reads at 3 s.
  const input = scenario(
    [setsockopt(0, "server", "SO_RCVBUF", 4096), ...OPEN, send(100, "client", 6000), read(3000, "server")],
    { autoRead: { server: false } },
  );
  const result = runScenario(input);
  const serverAcks = sentBy(result, "server").filter((segment) => segment.t > 100 && segment.t < 3000 && segment.purpose === undefined);
  const windowProbes = probes(result, "client", "window probe").filter((segment) => segment.t < 3000);

  it("fills its window: the ACKs advertise less and less room, down to zero", () => {
    expect(serverAcks.slice(0, 2).map((segment) => segment.win)).toEqual([MSS, 0]);
    const client = sentBy(result, "client").filter((segment) => segment.len > 0 && segment.t < 3000);
    expect(client.map((segment) => segment.len)).toEqual([MSS, MSS]);
  });

  it("the sender probes the closed window with an empty ACK at SND.UNA - 1 (tcp_xmit_probe_skb)", () => {
    expect(windowProbes.length).toBeGreaterThanOrEqual(3);
    for (const probe of windowProbes) {
      expect(probe).toMatchObject({ flags: ["ACK"], len: 0, seq: ISN.client + 1 + 2 * MSS - 1 });
    }
  });

  it("probes on the persist timer: the RTO, doubling (tcp_probe0_when), restarted when a probe is answered", () => {
    const zeroWindowArrives = 100 + RTT; // the ACK with window 0 reaches the client at 120 ms
    const first = zeroWindowArrives + RTO;
    // Answered: tcp_ack_probe() restarts the timer, doubled, from the answer's arrival.
    const second = first + RTT + 2 * RTO;
    // Not answered (next test): the timer tcp_send_probe0() set, doubled again, runs out.
    const third = second + 4 * RTO;
    expect(windowProbes.slice(0, 3).map((probe) => probe.t)).toEqual([first, second, third]);
  });

  it("the second probe gets no answer: an ACK to an old empty segment is rate-limited (tcp_oow_rate_limited, 500 ms)", () => {
    const answers = sentBy(result, "server").filter((segment) => segment.t > 300 && segment.t < 3000);
    expect(answers.map((segment) => segment.t)).toEqual([windowProbes[0]!.t + RTT / 2, windowProbes[2]!.t + RTT / 2]);
    expect(answers.every((segment) => segment.win === 0)).toBe(true);
    const notes = result.events.filter((event) => event.kind === "note" && event.t < 3000 && event.text.includes("suppressed by rate limit"));
    expect(notes).toHaveLength(1);
  });

  it("reading reopens the window: an immediate window update (tcp_cleanup_rbuf), then data flows again", () => {
    const update = sentBy(result, "server").find((segment) => segment.purpose === "window update");
    expect(update).toMatchObject({ t: 3000, win: 2 * MSS, ack: ISN.client + 1 + 2 * MSS });
    const next = sentBy(result, "client").find((segment) => segment.len > 0 && segment.t >= 3000);
    expect(next).toMatchObject({ t: 3000 + RTT / 2, seq: ISN.client + 1 + 2 * MSS, len: MSS });
    const readEvent = result.events.find((event) => event.kind === "app" && event.call === "read");
    expect(readEvent).toMatchObject({ host: "server", result: 2 * MSS });
  });

  it("a small read that frees less than half the buffer sends no window update (receiver silly window avoidance)", () => {
    const partial = runScenario({ ...input, actions: [...input.actions.slice(0, -1), read(3000, "server", 100)] });
    expect(sentBy(partial, "server").some((segment) => segment.purpose === "window update")).toBe(false);
    expect(partial.events.find((event) => event.kind === "app" && event.call === "read")).toMatchObject({ bytes: 100, result: 100 });
  });

  it("a live receiver that keeps its window closed is probed for as long as it answers, every 120 s at most", () => {
    const forever = runScenario({ ...input, actions: input.actions.slice(0, -1), until: 3_600_000 });
    expect(forever.final.client).toBe("ESTABLISHED");
    expect(errorsOf(forever, "client")).toEqual([]);
    const times = probes(forever, "client", "window probe").map((probe) => probe.t);
    const intervals = times.slice(1).map((t, index) => t - times[index]!);
    expect(Math.max(...intervals)).toBeLessThanOrEqual(LINUX_CONSTANTS.TCP_RTO_MAX_MS + RTT);
    expect(intervals.filter((gap) => gap >= LINUX_CONSTANTS.TCP_RTO_MAX_MS).length).toBeGreaterThan(20);
  });

  it("unanswered probes give up after tcp_retries2 of them, with ETIMEDOUT and no RST (tcp_probe_timer)", () => {
    const dead = runScenario({ ...input, sysctl: { tcp_retries2: 3 }, actions: [...input.actions.slice(0, -1), link(2000, false)] });
    const lastProbe = probes(dead, "client", "window probe").at(-1)!;
    expect(dead.final.client).toBe("CLOSED");
    expect(dead.transitions.at(-1)).toMatchObject({ host: "client", cause: "persist timeout" });
    expect(errorsOf(dead, "client")).toEqual([{ t: transitionTime(dead, "client", "CLOSED"), host: "client", code: "ETIMEDOUT" }]);
    const lostProbes = probes(dead, "client", "window probe").filter((probe) => probe.dropReason === "link");
    expect(lostProbes).toHaveLength(3);
    expect(sentBy(dead, "client").at(-1)).toBe(lastProbe);
  });

  it("TCP_USER_TIMEOUT ends the wait even when every probe is answered: from the first probe (icsk_probes_tstamp)", () => {
    const impatient = runScenario({ ...input, actions: [setsockopt(0, "client", "TCP_USER_TIMEOUT", 2000), ...input.actions.slice(0, -1)] });
    const first = probes(impatient, "client", "window probe")[0]!;
    expect(transitionTime(impatient, "client", "CLOSED")).toBe(first.t + 2000);
    expect(errorsOf(impatient, "client").map((error) => error.code)).toEqual(["ETIMEDOUT"]);
  });

  it("RFC 9293 profile: the probe carries one octet of new data (3.8.6.1), which the closed window refuses", () => {
    const rfc = runScenario({ ...input, profile: "rfc9293" });
    const probe = probes(rfc, "client", "window probe")[0];
    expect(probe).toMatchObject({ len: 1, seq: ISN.client + 1 + 2 * MSS });
    // Refused, the octet is not counted as sent: the data after the read starts at the same number.
    expect(sentBy(rfc, "client").find((segment) => segment.len > 1 && segment.t >= 3000)?.seq).toBe(probe?.seq);
    expect(rfc.segments.find((segment) => segment.from === "server" && segment.t === probe!.t + RTT / 2)).toMatchObject({ ack: probe?.seq, win: 0 });
  });
});

describe("close() with unread data", () => {
  const input = scenario([...OPEN, send(100, "client", 1000), call(300, "server", "close")], { autoRead: { server: false } });
  const result = runScenario(input);

  it("sends RST instead of FIN (RFC 1122 4.2.2.13; tcp_close(): RST+ACK at SND.NXT on Linux)", () => {
    const last = sentBy(result, "server").at(-1);
    expect(last).toMatchObject({ t: 300, flags: ["RST", "ACK"], seq: ISN.server + 1, ack: ISN.client + 1 + 1000 });
    expect(sentBy(result, "server").some((segment) => segment.flags.includes("FIN"))).toBe(false);
    expect(statePath(result, "server").slice(-2)).toEqual(["ESTABLISHED", "CLOSED"]);
  });

  it("and the peer's application gets ECONNRESET", () => {
    expect(errorsOf(result, "client")).toEqual([{ t: 300 + RTT / 2, host: "client", code: "ECONNRESET" }]);
  });

  it("reading everything first makes it an ordinary close", () => {
    const tidy = runScenario({ ...input, actions: [...input.actions.slice(0, -1), read(290, "server"), call(300, "server", "close")] });
    expect(sentBy(tidy, "server").at(-1)?.flags).not.toContain("RST");
    expect(sentBy(tidy, "server").some((segment) => segment.flags.includes("FIN"))).toBe(true);
  });

  it("RFC 9293 profile: the RST carries no ACK", () => {
    const rfc = runScenario({ ...input, profile: "rfc9293" });
    expect(sentBy(rfc, "server").at(-1)?.flags).toEqual(["RST"]);
  });
});

describe("SO_LINGER", () => {
  it("{1, 0}: close() aborts with RST, no TIME-WAIT", () => {
    const result = runScenario(scenario([setsockopt(0, "client", "SO_LINGER", { onoff: 1, linger: 0 }), ...OPEN, call(100, "client", "close")]));
    expect(sentBy(result, "client").at(-1)?.flags).toEqual(["RST", "ACK"]);
    expect(result.transitions.at(-2)).toMatchObject({ host: "client", cause: "abort", to: "CLOSED" });
    expect(errorsOf(result, "server").map((error) => error.code)).toEqual(["ECONNRESET"]);
  });

  it("{1, N}: close() waits for the FIN's ACK, up to N seconds; the wire does not change", () => {
    const lingering = runScenario(scenario([setsockopt(0, "client", "SO_LINGER", { onoff: 1, linger: 5 }), ...OPEN, call(100, "client", "close")]));
    const plain = runScenario(scenario([...OPEN, call(100, "client", "close")]));
    expect(lingering.segments).toEqual(plain.segments);
    const notes = lingering.events.filter((event) => event.kind === "note" && event.host === "client").map((event) => (event.kind === "note" ? [event.t, event.text] : []));
    expect(notes).toEqual([
      [100, "close() waits for the FIN to be acknowledged (SO_LINGER)"],
      // The server ACKs a bare FIN at the next tick: no data ever arrived, so its ATO is still 0.
      [100 + RTT + LINUX_CONSTANTS.JIFFY_MS, "close() returns: the FIN was acknowledged"],
    ]);
    const lost = runScenario(
      scenario([setsockopt(0, "client", "SO_LINGER", { onoff: 1, linger: 1 }), ...OPEN, call(100, "client", "close")], {
        drop: [{ from: "client", nth: [3, 4, 5, 6, 7, 8] }],
      }),
    );
    expect(lost.events.find((event) => event.kind === "note" && event.text.startsWith("close() returns"))).toMatchObject({
      t: 1100,
      text: "close() returns: the linger time is up, the FIN is still unacknowledged",
    });
  });
});

describe("a cut link", () => {
  it("loses what is on the wire and everything sent while it is down; retransmission gets through once it is back", () => {
    const result = runScenario(scenario([...OPEN, send(100, "client", 100), link(105, false), link(1000, true)]));
    const data = sentBy(result, "client").filter((segment) => segment.len === 100);
    expect(data[0]).toMatchObject({ t: 100, dropped: true, dropReason: "link" });
    expect(data.filter((segment) => segment.t > 105 && segment.t < 1000).every((segment) => segment.dropReason === "link")).toBe(true);
    const delivered = data.find((segment) => !segment.dropped);
    expect(delivered?.t).toBeGreaterThan(1000);
    expect(result.events.filter((event) => event.kind === "link").map((event) => (event.kind === "link" ? event.up : null))).toEqual([false, true]);
    expect(result.errors).toEqual([]);
  });
});

describe("keep-alive", () => {
  const keepalive = (host: HostId, idle: number, interval: number, count: number): Action[] => [
    setsockopt(0, host, "SO_KEEPALIVE", 1),
    setsockopt(0, host, "TCP_KEEPIDLE", idle),
    setsockopt(0, host, "TCP_KEEPINTVL", interval),
    setsockopt(0, host, "TCP_KEEPCNT", count),
  ];
  // The last thing the client hears is the ACK of its 100 bytes, at 120 ms.
  const quietFrom = 100 + RTT;
  const input = scenario([...keepalive("client", 20, 5, 3), ...OPEN, send(100, "client", 100), link(30_000, false)]);
  const result = runScenario(input);
  const keepaliveProbes = probes(result, "client", "keepalive probe");

  it("probes after the idle time since the peer was last heard, with an empty ACK at SND.NXT - 1", () => {
    expect(keepaliveProbes[0]).toMatchObject({ t: quietFrom + 20_000, flags: ["ACK"], len: 0, seq: ISN.client + 1 + 100 - 1 });
  });

  it("an answered probe starts the idle time again; unanswered ones repeat every interval", () => {
    const answered = keepaliveProbes[0]!.t + RTT;
    expect(keepaliveProbes.map((probe) => probe.t)).toEqual([quietFrom + 20_000, answered + 20_000, answered + 25_000, answered + 30_000]);
  });

  it("after TCP_KEEPCNT unanswered probes: RST and ETIMEDOUT at the next interval (tcp_keepalive_timer)", () => {
    const end = keepaliveProbes.at(-1)!.t + 5000;
    expect(sentBy(result, "client").at(-1)).toMatchObject({ t: end, flags: ["RST", "ACK"], seq: ISN.client + 101 });
    expect(errorsOf(result, "client")).toEqual([{ t: end, host: "client", code: "ETIMEDOUT" }]);
    expect(result.transitions.at(-1)).toMatchObject({ host: "client", cause: "keepalive timeout", to: "CLOSED" });
  });

  it("defaults come from tcp_keepalive_time, tcp_keepalive_intvl and tcp_keepalive_probes", () => {
    const defaults = runScenario(
      scenario([setsockopt(0, "client", "SO_KEEPALIVE", 1), ...OPEN, link(1000, false)], {
        sysctl: { tcp_keepalive_time: 60, tcp_keepalive_intvl: 10, tcp_keepalive_probes: 2 },
      }),
    );
    const handshakeDone = RTT;
    expect(probes(defaults, "client", "keepalive probe").map((probe) => probe.t)).toEqual([handshakeDone + 60_000, handshakeDone + 70_000]);
    expect(transitionTime(defaults, "client", "CLOSED")).toBe(handshakeDone + 80_000);
  });

  it("TCP_USER_TIMEOUT replaces the probe count: give up once that long has passed since the peer was heard", () => {
    const withTimeout = runScenario({ ...input, actions: [setsockopt(0, "client", "TCP_USER_TIMEOUT", 27_000), ...input.actions] });
    const lastHeard = keepaliveProbes[0]!.t + RTT;
    // Expiries at lastHeard + 20 s (probe), + 25 s (probe), + 30 s: 30 s >= 27 s with probes out.
    expect(transitionTime(withTimeout, "client", "CLOSED")).toBe(lastHeard + 30_000);
  });

  it("runs in CLOSE-WAIT too, and stops with SO_KEEPALIVE 0", () => {
    const closeWait = runScenario(scenario([...keepalive("server", 10, 5, 2), ...OPEN, call(100, "client", "shutdown"), link(1000, false)]));
    expect(closeWait.transitions.at(-1)).toMatchObject({ host: "server", from: "CLOSE-WAIT", cause: "keepalive timeout" });
    const off = runScenario({ ...input, actions: [...input.actions, setsockopt(10_000, "client", "SO_KEEPALIVE", 0)] });
    expect(probes(off, "client", "keepalive probe")).toEqual([]);
    expect(off.final.client).toBe("ESTABLISHED");
  });

  it("TCP_KEEPIDLE set later counts the idle time already spent (tcp_sock_set_keepidle_locked)", () => {
    const later = runScenario(scenario([setsockopt(0, "client", "SO_KEEPALIVE", 1), ...OPEN, setsockopt(5000, "client", "TCP_KEEPIDLE", 8)]));
    expect(probes(later, "client", "keepalive probe")[0]?.t).toBe(RTT + 8000);
  });
});

describe("retransmission gives up on a time budget", () => {
  const dead = (extra: Partial<ScenarioInput>, actions: Action[] = []) =>
    runScenario(scenario([...OPEN, ...actions, link(50, false), send(100, "client", 100)], extra));
  const closedAt = (result: ScenarioResult) => transitionTime(result, "client", "CLOSED")!;
  /**
   * tp->retrans_stamp: the first retransmission by the retransmission timer (tcp_retransmit_skb());
   * a tail loss probe before it does not set it. The budgets count from there (measured: see
   * kernel-timings.test.ts).
   */
  const retransStamp = (result: ScenarioResult) => {
    const probes = new Set(result.events.filter((e) => e.kind === "note" && e.text.startsWith("tail loss probe")).map((e) => e.t));
    return sentBy(result, "client").find((segment) => segment.retransmission && !probes.has(segment.t))!.t;
  };

  it("tcp_retries2: the first expiry after tcp_model_timeout(tcp_retries2, TCP_RTO_MIN), whatever the RTO", () => {
    const budget = linuxModelTimeout(3, LINUX_CONSTANTS.TCP_RTO_MIN_MS, LINUX_CONSTANTS.TCP_RTO_MAX_MS);
    expect(budget).toBe(3000);
    const short = dead({ sysctl: { tcp_retries2: 3 } });
    expect(closedAt(short) - retransStamp(short)).toBeGreaterThanOrEqual(budget);
    expect(errorsOf(short, "client").map((error) => error.code)).toEqual(["ETIMEDOUT"]);
    // A ten times longer path: fewer, longer RTOs in the same budget: it is time, not a count.
    const slow = runScenario(scenario([...OPEN, link(500, false), send(1000, "client", 100)], { latencyMs: 100, sysctl: { tcp_retries2: 3 } }));
    const retransmissions = (result: ScenarioResult) => sentBy(result, "client").filter((segment) => segment.retransmission).length;
    expect(retransmissions(slow)).toBeLessThan(retransmissions(short));
    expect(closedAt(slow) - retransStamp(slow)).toBeGreaterThanOrEqual(budget);
    expect(closedAt(slow) - retransStamp(slow)).toBeLessThan(budget + 2 * 4 * (200 + 100 * 2));
  });

  it("tcp_rto_min_us changes the RTO but not the budget, which counts from TCP_RTO_MIN (retransmits_timed_out)", () => {
    const a = dead({ sysctl: { tcp_retries2: 6 } });
    const b = dead({ sysctl: { tcp_retries2: 6, tcp_rto_min_us: 1_000_000 } });
    const budget = linuxModelTimeout(6, 200, 120_000);
    for (const result of [a, b]) {
      expect(closedAt(result) - retransStamp(result)).toBeGreaterThanOrEqual(budget);
    }
    // A budget counted from the sysctl would be five times as long (tcp_model_timeout(6, 1 s) = 127 s).
    expect(closedAt(b) - retransStamp(b)).toBeLessThan(linuxModelTimeout(6, 1000, 120_000));
    expect(sentBy(a, "client").filter((s) => s.retransmission).length).toBeGreaterThan(sentBy(b, "client").filter((s) => s.retransmission).length);
  });

  it("orphans use tcp_orphan_retries (0 means 8 while the RTO is below its maximum)", () => {
    const orphan = (retries: number) =>
      runScenario(scenario([...OPEN, link(50, false), call(100, "client", "close")], { sysctl: { tcp_orphan_retries: retries } }));
    const lifetime = (result: ScenarioResult) => closedAt(result) - retransStamp(result);
    expect(lifetime(orphan(2))).toBeGreaterThanOrEqual(linuxModelTimeout(2, 200, 120_000));
    expect(lifetime(orphan(2))).toBeLessThan(lifetime(orphan(4)));
    expect(lifetime(orphan(0))).toBeGreaterThanOrEqual(linuxModelTimeout(8, 200, 120_000));
    // An orphan reports nothing: nobody holds the socket any more.
    expect(orphan(2).errors).toEqual([]);
  });

  it("TCP_USER_TIMEOUT overrides both, longer or shorter, and the last timer is clamped to the deadline", () => {
    const shorter = dead({ sysctl: { tcp_retries2: 15 } }, [setsockopt(0, "client", "TCP_USER_TIMEOUT", 5000)]);
    expect(closedAt(shorter)).toBe(retransStamp(shorter) + 5000);
    const longer = dead({ sysctl: { tcp_retries2: 3 } }, [setsockopt(0, "client", "TCP_USER_TIMEOUT", 20_000)]);
    expect(closedAt(longer)).toBe(retransStamp(longer) + 20_000);
    const orphan = runScenario(
      scenario([setsockopt(0, "client", "TCP_USER_TIMEOUT", 4000), ...OPEN, link(50, false), call(100, "client", "close")]),
    );
    expect(closedAt(orphan)).toBe(retransStamp(orphan) + 4000);
  });

  it("TCP_USER_TIMEOUT also bounds connect(): the SYN gives up at the deadline", () => {
    const result = runScenario(scenario([setsockopt(0, "client", "TCP_USER_TIMEOUT", 2500), call(0, "client", "connect")], { drop: [{ from: "client", nth: [1, 2, 3, 4, 5, 6] }] }));
    expect(transitionTime(result, "client", "CLOSED")).toBe(2500);
    expect(errorsOf(result, "client").map((error) => error.code)).toEqual(["ETIMEDOUT"]);
  });
});

describe("setsockopt() and read() errors, as the kernel returns them", () => {
  const errorsFor = (actions: Action[]) => runScenario(scenario(actions)).errors;

  it("EINVAL for values out of the kernel's range", () => {
    expect(errorsFor([setsockopt(0, "client", "TCP_KEEPIDLE", 0)])).toEqual([{ t: 0, host: "client", code: "EINVAL", call: "setsockopt" }]);
    expect(errorsFor([setsockopt(0, "client", "TCP_KEEPCNT", 128)])[0]?.code).toBe("EINVAL");
    expect(errorsFor([setsockopt(0, "client", "TCP_KEEPINTVL", 32_768)])[0]?.code).toBe("EINVAL");
    expect(errorsFor([setsockopt(0, "client", "TCP_USER_TIMEOUT", -1)])[0]?.code).toBe("EINVAL");
    expect(errorsFor([setsockopt(0, "client", "TCP_KEEPIDLE", 32_767)])).toEqual([]);
  });

  it("EBADF after close(); ENOTCONN reading a socket that never connected", () => {
    expect(errorsFor([...OPEN, call(100, "client", "close"), setsockopt(200, "client", "SO_KEEPALIVE", 1)]).at(-1)).toMatchObject({ code: "EBADF", call: "setsockopt" });
    expect(errorsFor([read(0, "client")])).toEqual([{ t: 0, host: "client", code: "ENOTCONN", call: "read" }]);
  });

  it("the schema checks the shapes and names the field", () => {
    const issues = (action: unknown) => {
      const parsed = parseScenario({ actions: [action] });
      return parsed.ok ? [] : parsed.issues;
    };
    expect(issues({ at: 0, host: "client", do: "setsockopt", option: "SO_LINGER", value: 1 }).join()).toContain('SO_LINGER takes {"onoff": 0 or 1, "linger": seconds}');
    expect(issues({ at: 0, host: "client", do: "setsockopt", option: "SO_KEEPALIVE", value: { onoff: 1, linger: 0 } }).join()).toContain("SO_KEEPALIVE takes an integer");
    expect(issues({ at: 0, host: "client", do: "setsockopt", option: "SO_SNDBUF", value: 1 }).join()).toContain("actions.0.option");
    expect(issues({ at: 0, host: "client", do: "read", bytes: 0 }).join()).toContain("actions.0.bytes");
    expect(issues({ at: 0, do: "link", up: "no" }).join()).toContain("actions.0.up");
    expect(parseScenario({ autoRead: { server: false }, actions: [{ at: 0, do: "link", up: false }] }).ok).toBe(true);
    expect(parseScenario({ autoRead: "no", actions: [] }).ok).toBe(false);
  });
});

describe("replay", () => {
  it("an interactive run with the new actions replays exactly from its action log", () => {
    const setup = scenario([setsockopt(0, "server", "SO_RCVBUF", 4096), ...OPEN, send(100, "client", 6000)], { autoRead: { server: false } });
    const simulation = createSimulation(setup);
    simulation.runUntil(500);
    simulation.schedule({ at: simulation.now, do: "link", up: false });
    simulation.runUntil(2000);
    simulation.schedule({ at: simulation.now, do: "link", up: true });
    simulation.schedule({ at: simulation.now, host: "server", do: "read" });
    simulation.runToQuiescence(60_000);
    const replayed = runScenario({ ...setup, actions: [...simulation.actionLog], until: 60_000 });
    expect(replayed.segments).toEqual(simulation.segments.map((segment) => replayed.segments[segment.id - 1] && { ...segment }));
    expect(replayed.transitions).toEqual([...simulation.transitions]);
  });
});
