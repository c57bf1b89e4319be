/**
 * The engine against the real kernel: tests/fixtures/tcp/kernel-timings.json was recorded on
 * Linux 6.18 loopback by scripts/record-tcp-timings.py. Kernel timers fire late, never early:
 * the timer wheel rounds each expiry up to its level's granularity (8^level jiffies, 4 ms at
 * HZ=250), so a kernel interval must lie in [engine interval, engine interval + that slack].
 */
import { describe, expect, it } from "vitest";
import {
  LINUX_CONSTANTS,
  runScenario,
  runSynBacklogLab,
  runTimeWaitLab,
  withRelativeNumbers,
  type ScenarioInput,
} from "@/domain/tcp";
import { call, gaps, hasFlags, OPEN, range, send, sentBy, statePath, transitionTime } from "./helpers";
import {
  experiment,
  flagsEqual,
  KERNEL,
  kernelEvent,
  kernelEvents,
  segmentsFrom,
  segmentsTo,
  type KernelSegment,
} from "./kernel-fixture";

const JIFFY = LINUX_CONSTANTS.JIFFY_MS;
/** Scheduling noise between the kernel, tcpdump and a Python test program. */
const JITTER_MS = 3;
/** Loopback one-way latency: tens of microseconds. */
const LOOPBACK: Partial<ScenarioInput> = { latencyMs: 0.02, loopback: true };

/** Upper bound of the timer wheel's rounding for a timer of `delayMs`, plus one jiffy of phase. */
function wheelSlackMs(delayMs: number): number {
  const jiffies = Math.ceil(delayMs / JIFFY);
  const levelStarts = [63, 504, 4032, 32256, 258048];
  const level = levelStarts.filter((start) => jiffies >= start).length;
  return 8 ** level * JIFFY + JIFFY;
}

function expectKernelLateBySlack(kernelMs: number, engineMs: number): void {
  expect(kernelMs).toBeGreaterThanOrEqual(engineMs - JITTER_MS);
  expect(kernelMs).toBeLessThanOrEqual(engineMs + wheelSlackMs(engineMs) + JITTER_MS);
}

const times = (segments: readonly { t: number }[]) => segments.map((segment) => segment.t);
const relativeTimes = (segments: readonly { t: number }[]) => {
  const first = segments[0]?.t ?? 0;
  return segments.map((segment) => segment.t - first);
};

describe("recorded on the kernel the course describes", () => {
  it("is Linux 6.x with the default sysctls the engine uses", () => {
    expect(KERNEL.kernel).toMatch(/^6\./);
    expect(Number(KERNEL.sysctls.tcp_syn_retries)).toBe(6);
    expect(Number(KERNEL.sysctls.tcp_syn_linear_timeouts)).toBe(4);
    expect(Number(KERNEL.sysctls.tcp_synack_retries)).toBe(5);
    expect(Number(KERNEL.sysctls.tcp_fin_timeout)).toBe(60);
    expect(Number(KERNEL.sysctls.tcp_tw_reuse)).toBe(2);
  });
});

describe("SYN retransmission to a silent port", () => {
  const kernelSyns = segmentsTo("syn-retries", 7002).filter((segment) => flagsEqual(segment, "SYN"));
  const kernelTimeout = kernelEvent("syn-retries", "connect-error");
  const silent: ScenarioInput = {
    ...LOOPBACK,
    actions: [call(0, "client", "connect")],
    drop: [{ from: "client", nth: range(1, 20) }],
  };
  const engine = runScenario(silent);
  const engineSyns = sentBy(engine, "client");

  it("sends 1 + tcp_syn_retries + tcp_syn_linear_timeouts = 11 SYNs, like the kernel", () => {
    expect(kernelSyns).toHaveLength(11);
    expect(engineSyns).toHaveLength(1 + 6 + 4);
  });

  it("keeps a 1 s timeout for the first five gaps, then doubles (kernel gaps in powers of two)", () => {
    const kernelPowers = gaps(times(kernelSyns)).map((gap) => 2 ** Math.round(Math.log2(gap / 1000)));
    expect(kernelPowers).toEqual([1, 1, 1, 1, 1, 2, 4, 8, 16, 32]);
    expect(gaps(times(engineSyns))).toEqual(kernelPowers.map((power) => power * 1000));
  });

  it("matches every kernel gap up to timer-wheel rounding", () => {
    const kernelGaps = gaps(times(kernelSyns));
    gaps(times(engineSyns)).forEach((engineGap, index) => expectKernelLateBySlack(kernelGaps[index] ?? NaN, engineGap));
  });

  it("fails connect() with ETIMEDOUT after the last SYN's 64 s timeout (131 s), as the kernel did", () => {
    expect(kernelTimeout.code).toBe("ETIMEDOUT");
    const kernelElapsed = kernelTimeout.t - (kernelSyns[0]?.t ?? 0);
    expect(engine.errors).toEqual([{ t: 131_000, host: "client", code: "ETIMEDOUT" }]);
    const totalSlack = gaps([...times(engineSyns), 131_000]).reduce((sum, gap) => sum + wheelSlackMs(gap), 0);
    expect(kernelElapsed).toBeGreaterThanOrEqual(131_000);
    expect(kernelElapsed).toBeLessThanOrEqual(131_000 + totalSlack);
  });

  it("with timer-wheel rounding on, lands within one granularity of each kernel gap", () => {
    const wheel = sentBy(runScenario({ ...silent, timerWheel: true }), "client");
    const kernelGaps = gaps(times(kernelSyns));
    gaps(times(wheel)).forEach((gap, index) => {
      expect(Math.abs(gap - (kernelGaps[index] ?? NaN))).toBeLessThanOrEqual(wheelSlackMs(gap));
    });
    // The first, level-1 gaps come out exactly as measured: 256 jiffies.
    expect(gaps(times(wheel)).slice(0, 4)).toEqual([1024, 1024, 1024, 1024]);
  });
});

describe("SYN retransmission with tcp_syn_retries=2", () => {
  it("ends on the time budget tcp_model_timeout(2) = 7 s, not on the 2 + 4 retransmission count", () => {
    const kernelSyns = segmentsTo("syn-retries-2", 7002);
    const kernelFailure = kernelEvent("syn-retries-2", "connect-error");
    expect(kernelSyns).toHaveLength(6);
    expect(kernelFailure.code).toBe("ETIMEDOUT");
    const engine = runScenario({
      ...LOOPBACK,
      sysctl: { tcp_syn_retries: 2 },
      actions: [call(0, "client", "connect")],
      drop: [{ from: "client", nth: range(1, 20) }],
    });
    expect(sentBy(engine, "client")).toHaveLength(6);
    const engineFailure = engine.errors[0]?.t ?? NaN;
    const kernelElapsed = kernelFailure.t - (kernelSyns[0]?.t ?? 0);
    expect(kernelElapsed).toBeGreaterThanOrEqual(engineFailure);
    expect(kernelElapsed).toBeLessThanOrEqual(engineFailure + 6 * wheelSlackMs(1000) + wheelSlackMs(2000));
  });
});

describe("SYN-ACK retransmission when the final ACK is lost", () => {
  const kernelSynAcks = segmentsFrom("synack-retries", 7003).filter((segment) => flagsEqual(segment, "SYN", "ACK"));
  const requestGone = kernelEvents("synack-retries", "state").find((event) => event.now === "GONE" && event.local === 7003);
  const engine = runScenario({ ...LOOPBACK, actions: OPEN, drop: [{ from: "client", nth: range(2, 21) }] });
  const engineSynAcks = sentBy(engine, "server").filter((segment) => hasFlags(segment, "SYN", "ACK"));

  it("resends the SYN-ACK tcp_synack_retries = 5 times at 1, 3, 7, 15, 31 s", () => {
    expect(kernelSynAcks).toHaveLength(6);
    expect(relativeTimes(engineSynAcks)).toEqual([0, 1000, 3000, 7000, 15_000, 31_000]);
    const kernelGaps = gaps(times(kernelSynAcks));
    gaps(times(engineSynAcks)).forEach((gap, index) => expectKernelLateBySlack(kernelGaps[index] ?? NaN, gap));
  });

  it("drops the request silently after the sixth timeout (63 s) and keeps listening", () => {
    expect(requestGone).toBeDefined();
    const kernelGone = (requestGone?.t ?? NaN) - (kernelSynAcks[0]?.t ?? 0);
    const engineGone = (transitionTime(engine, "server", "LISTEN") ?? NaN) - (engineSynAcks[0]?.t ?? 0);
    // LISTEN is also the server's first state; the fallback comes after the SYN-RECEIVED.
    const fallback = engine.transitions.find((t) => t.host === "server" && t.from === "SYN-RECEIVED" && t.to === "LISTEN");
    expect(fallback?.cause).toBe("retransmission timeout");
    expect((fallback?.t ?? NaN) - (engineSynAcks[0]?.t ?? 0)).toBeCloseTo(63_000, 0);
    expect(engineGone).toBeLessThanOrEqual(63_000);
    // State polling every 20 ms adds up to 40 ms on top of the accumulated wheel slack.
    const slack = [1000, 2000, 4000, 8000, 16_000, 32_000].reduce((sum, gap) => sum + wheelSlackMs(gap), 0);
    expect(kernelGone).toBeGreaterThanOrEqual(63_000);
    expect(kernelGone).toBeLessThanOrEqual(63_000 + slack + 40);
    expect(engine.segments.some((segment) => segment.flags.includes("RST"))).toBe(false);
    expect(experiment("synack-retries").segments.filter((s) => s.sport === 7003 && s.flags.includes("RST"))).toEqual([]);
  });
});

describe("FIN-WAIT-2 of an orphaned socket (close() while the peer keeps its end open)", () => {
  const states = kernelEvents("fin-wait-2-orphan", "state");
  const clientPort = Number(kernelEvent("fin-wait-2-orphan", "established").clientPort);
  const enteredAt = segmentsFrom("fin-wait-2-orphan", 7006).find((s) => flagsEqual(s, "ACK"))?.t ?? NaN;
  const goneAt = states.find((event) => event.local === clientPort && event.was === "FIN-WAIT-2" && event.now === "GONE")?.t ?? NaN;
  const engine = runScenario({ ...LOOPBACK, actions: [...OPEN, call(100, "client", "close"), call(65_100, "server", "close")] });

  it("ends after tcp_fin_timeout = 60 s, silently", () => {
    const engineEntered = transitionTime(engine, "client", "FIN-WAIT-2") ?? NaN;
    const engineEnded = engine.transitions.find((t) => t.host === "client" && t.cause === "fin-wait-2 timeout")?.t ?? NaN;
    expect(engineEnded - engineEntered).toBe(60_000);
    expectKernelLateBySlack(goneAt - enteredAt, 60_000);
  });

  it("answers the peer's late FIN with a bare RST whose seq is the FIN's ACK number", () => {
    const kernelFin = segmentsFrom("fin-wait-2-orphan", 7006).find((s) => s.flags.includes("FIN"));
    const kernelRst = segmentsTo("fin-wait-2-orphan", 7006).find((s) => s.flags.includes("RST"));
    expect(kernelRst?.flags).toEqual(["RST"]);
    expect(kernelRst?.seq).toBe(kernelFin?.ack);
    const fin = sentBy(engine, "server").find((s) => s.flags.includes("FIN"));
    const rst = sentBy(engine, "client").find((s) => s.flags.includes("RST"));
    expect(rst?.flags).toEqual(["RST"]);
    expect(rst?.seq).toBe(fin?.ack);
  });
});

describe("TIME-WAIT", () => {
  it("lasts TCP_TIMEWAIT_LEN = 60 s after the last ACK", () => {
    const clientPort = Number(kernelEvent("time-wait", "established").clientPort);
    const lastAck = segmentsTo("time-wait", 7007).filter((s) => flagsEqual(s, "ACK")).at(-1)?.t ?? NaN;
    const gone = kernelEvents("time-wait", "state").find((e) => e.local === clientPort && e.was === "TIME-WAIT")?.t ?? NaN;
    expectKernelLateBySlack(gone - lastAck, 60_000);
    const engine = runScenario({ ...LOOPBACK, actions: [...OPEN, call(100, "client", "close"), call(101, "server", "close")] });
    const entered = transitionTime(engine, "client", "TIME-WAIT") ?? NaN;
    expect((transitionTime(engine, "client", "CLOSED") ?? NaN) - entered).toBe(60_000);
  });

  const name = "last-ack-retransmit";
  const clientPort = Number(kernelEvent(name, "established").clientPort);
  const kernelFins = segmentsFrom(name, 7008).filter((s) => s.flags.includes("FIN"));
  const kernelFirstAck = segmentsTo(name, 7008).filter((s) => flagsEqual(s, "ACK")).at(1)?.t ?? NaN;
  const kernelGone = kernelEvents(name, "state").find((e) => e.local === clientPort && e.was === "TIME-WAIT")?.t ?? NaN;
  // Same experiment in the engine: the client's ACKs of the server's FIN are lost four times.
  const engine = runScenario({
    ...LOOPBACK,
    actions: [...OPEN, call(100, "client", "close"), call(100.1, "server", "close")],
    drop: [{ from: "client", nth: [4, 5, 6, 7] }],
  });
  const engineFins = sentBy(engine, "server").filter((s) => s.flags.includes("FIN"));

  it("re-ACKs every retransmitted FIN and restarts its 60 s from the last one", () => {
    expect(kernelFins).toHaveLength(5);
    expectKernelLateBySlack(kernelGone - (kernelFins.at(-1)?.t ?? NaN), 60_000);
    // Ended well after 60 s (+ rounding) from the first ACK: the timer was restarted.
    expect(kernelGone - kernelFirstAck).toBeGreaterThan(60_000 + wheelSlackMs(60_000));
    const lastFinArrival = engineFins.at(-1)?.arriveAt ?? NaN;
    expect((transitionTime(engine, "client", "CLOSED") ?? NaN) - lastFinArrival).toBeCloseTo(60_000, 6);
    expect(sentBy(engine, "client").filter((s) => hasFlags(s, "ACK") && s.t > 100)).toHaveLength(5);
  });

  it("sees the passive closer retransmit its FIN after RTO, RTO (tail loss probe), 2 RTO, 4 RTO", () => {
    const kernelGaps = gaps(times(kernelFins));
    const engineGaps = gaps(times(engineFins));
    expect(engineFins).toHaveLength(5);
    // Linux on loopback: RTO = SRTT + max(mdev, 200 ms) ~ 200 ms; the probe does not back off.
    engineGaps.forEach((gap, index) => expectKernelLateBySlack(kernelGaps[index] ?? NaN, gap));
    expect((kernelGaps[1] ?? 0) / (kernelGaps[0] ?? 1)).toBeCloseTo(1, 1);
    expect((kernelGaps[2] ?? 0) / (kernelGaps[1] ?? 1)).toBeGreaterThan(1.8);
    expect((engineGaps[1] ?? 0) / (engineGaps[0] ?? 1)).toBeCloseTo(1, 3);
  });
});

describe("closing: when the passive closer's ACK rides on its FIN", () => {
  const closePhase = (segments: KernelSegment[], fromT: number) => segments.filter((s) => s.t >= fromT).map((s) => s.flags.join(","));

  it("closing right after reading EOF: FIN, FIN+ACK, ACK (three segments), as captured", () => {
    const name = "passive-close-immediate";
    const clientFin = experiment(name).segments.find((s) => s.flags.includes("FIN"));
    const kernel = closePhase(experiment(name).segments, clientFin?.t ?? 0);
    expect(kernel).toEqual(["FIN,ACK", "FIN,ACK", "ACK"]);
    const serverCloseDelay = kernelEvent(name, "server-close").t - (clientFin?.t ?? 0);
    const engine = runScenario({
      ...LOOPBACK,
      actions: [...OPEN, send(100, "client", 100), call(200, "client", "close"), call(200 + serverCloseDelay, "server", "close")],
    });
    expect(engine.segments.filter((s) => s.t >= 200).map((s) => s.flags.join(","))).toEqual(["FIN,ACK", "FIN,ACK", "ACK"]);
  });

  it("closing 500 ms later: the ACK goes alone after the 40 ms delayed-ACK timeout, then the FIN", () => {
    const name = "passive-close-delayed";
    const segments = experiment(name).segments;
    const clientFin = segments.find((s) => s.flags.includes("FIN"));
    expect(closePhase(segments, clientFin?.t ?? 0)).toEqual(["FIN,ACK", "ACK", "FIN,ACK", "ACK"]);
    const kernelAck = segmentsFrom(name, 7005).filter((s) => (s.t > (clientFin?.t ?? 0)))[0];
    const kernelDelay = (kernelAck?.t ?? NaN) - (clientFin?.t ?? NaN);
    expectKernelLateBySlack(kernelDelay, LINUX_CONSTANTS.TCP_DELACK_MIN_MS);
    const engine = runScenario({
      ...LOOPBACK,
      actions: [...OPEN, send(100, "client", 100), call(200, "client", "close"), call(700, "server", "close")],
    });
    const engineClose = engine.segments.filter((s) => s.t >= 200);
    expect(engineClose.map((s) => s.flags.join(","))).toEqual(["FIN,ACK", "ACK", "FIN,ACK", "ACK"]);
    expect((engineClose[1]?.t ?? NaN) - (engineClose[0]?.arriveAt ?? NaN)).toBeCloseTo(40, 6);
  });

  it("with no data ever received, the delayed ACK of a FIN goes at the next tick (ATO 0)", () => {
    for (const [name, port] of [["half-close", 7014], ["data-after-close", 7013]] as const) {
      const fin = segmentsTo(name, port).find((s) => s.flags.includes("FIN"));
      const ack = segmentsFrom(name, port).find((s) => (s.t > (fin?.t ?? 0)));
      expect((ack?.t ?? NaN) - (fin?.t ?? NaN)).toBeLessThanOrEqual(JIFFY + 1);
    }
    const engine = runScenario({ ...LOOPBACK, actions: [...OPEN, call(100, "client", "shutdown")] });
    const fin = sentBy(engine, "client").find((s) => s.flags.includes("FIN"));
    const ack = sentBy(engine, "server").find((s) => s.t > (fin?.t ?? 0));
    expect((ack?.t ?? NaN) - (fin?.arriveAt ?? NaN)).toBeCloseTo(JIFFY, 6);
  });

  it("half-close: the side that shut down ACKs the data it still receives at once", () => {
    const data = segmentsFrom("half-close", 7014).filter((s) => s.len > 0);
    const acks = segmentsTo("half-close", 7014).filter((s) => flagsEqual(s, "ACK") && s.t > (data[0]?.t ?? 0));
    expect(data).toHaveLength(2);
    data.forEach((segment, index) => expect((acks[index]?.t ?? NaN) - segment.t).toBeLessThan(1));
    const engine = runScenario({
      ...LOOPBACK,
      actions: [...OPEN, call(100, "client", "shutdown"), send(200, "server", 100), send(500, "server", 100), call(600, "server", "close")],
    });
    const engineData = sentBy(engine, "server").filter((s) => s.len > 0);
    for (const segment of engineData) {
      const ack = sentBy(engine, "client").find((s) => s.ack === segment.seq + segment.len);
      expect(ack?.t).toBeCloseTo(segment.arriveAt ?? NaN, 6);
    }
    expect(statePath(engine, "client")).toEqual(["CLOSED", "SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "CLOSED"]);
  });
});

describe("RST cases, checked against the capture", () => {
  it("refused connect: RST+ACK with seq 0 and ack = SYN + 1; connect() fails with ECONNREFUSED", () => {
    const [syn, rst] = experiment("refused").segments;
    expect(rst?.flags).toEqual(["RST", "ACK"]);
    expect(rst?.seq).toBe(0);
    expect(rst?.ack).toBe((syn?.seq ?? NaN) + 1);
    expect(kernelEvent("refused", "connect-error").code).toBe("ECONNREFUSED");
    const engine = runScenario({ ...LOOPBACK, actions: [call(0, "client", "connect")] });
    const engineRst = engine.segments[1];
    expect(engineRst?.flags).toEqual(["RST", "ACK"]);
    expect(engineRst?.seq).toBe(0);
    expect(engineRst?.ack).toBe((engine.segments[0]?.seq ?? NaN) + 1);
    expect(engine.errors.map((e) => e.code)).toEqual(["ECONNREFUSED"]);
  });

  it("abort (SO_LINGER 0): RST+ACK at SND.NXT; the peer's recv() fails with ECONNRESET", () => {
    const handshakeAck = segmentsTo("abort", 7012).find((s) => flagsEqual(s, "ACK"));
    const rst = segmentsTo("abort", 7012).find((s) => s.flags.includes("RST"));
    expect(rst?.flags).toEqual(["RST", "ACK"]);
    expect(rst?.seq).toBe(handshakeAck?.seq);
    expect(rst?.ack).toBe(handshakeAck?.ack);
    expect(kernelEvent("abort", "server-recv-error").code).toBe("ECONNRESET");
    const engine = runScenario({ ...LOOPBACK, actions: [...OPEN, call(100, "client", "abort")] });
    const engineAck = sentBy(engine, "client")[1];
    const engineRst = sentBy(engine, "client")[2];
    expect(engineRst?.flags).toEqual(["RST", "ACK"]);
    expect([engineRst?.seq, engineRst?.ack]).toEqual([engineAck?.seq, engineAck?.ack]);
    expect(engine.errors).toEqual([expect.objectContaining({ host: "server", code: "ECONNRESET" })]);
  });

  it("data to a socket closed by its application: bare RST, then EPIPE for the sender", () => {
    const data = segmentsFrom("data-after-close", 7013).find((s) => s.len > 0);
    const rst = segmentsTo("data-after-close", 7013).find((s) => s.flags.includes("RST"));
    expect(rst?.flags).toEqual(["RST"]);
    expect(rst?.seq).toBe(data?.ack);
    expect(kernelEvent("data-after-close", "server-second-send-error").code).toBe("EPIPE");
    const engine = runScenario({
      ...LOOPBACK,
      actions: [...OPEN, call(100, "client", "close"), send(300, "server", 10), send(400, "server", 10)],
    });
    const engineData = sentBy(engine, "server").find((s) => s.len > 0);
    const engineRst = sentBy(engine, "client").find((s) => s.flags.includes("RST"));
    expect(engineRst?.flags).toEqual(["RST"]);
    expect(engineRst?.seq).toBe(engineData?.ack);
    expect(engine.errors.filter((e) => e.host === "server").map((e) => e.code)).toContain("EPIPE");
  });

  it("RST in CLOSE-WAIT: Linux reports EPIPE (not ECONNRESET), and recv() still returns EOF", () => {
    expect(kernelEvent("rst-in-close-wait", "server-so-error").code).toBe("EPIPE");
    expect(kernelEvent("rst-in-close-wait", "server-recv").bytes).toBe(0);
    const engine = runScenario({ ...LOOPBACK, actions: [...OPEN, call(100, "client", "shutdown"), call(200, "client", "abort")] });
    expect(engine.errors).toEqual([expect.objectContaining({ host: "server", code: "EPIPE" })]);
  });
});

describe("simultaneous open and close, as provoked on loopback", () => {
  it("simultaneous open: each side sends SYN, then SYN-ACK with its own ISN, then ACK", () => {
    const unique = (segments: KernelSegment[]) =>
      segments.filter((s, index) => segments.findIndex((o) => o.seq === s.seq && o.flags.join() === s.flags.join()) === index);
    for (const [port, peer] of [[7010, 7011], [7011, 7010]] as const) {
      const mine = unique(segmentsFrom("simultaneous-open", port).filter((s) => !s.flags.includes("RST")));
      const theirSyn = segmentsFrom("simultaneous-open", peer)[0];
      expect(mine.map((s) => s.flags.join(","))).toEqual(["SYN", "SYN,ACK", "ACK"]);
      expect(mine[1]?.seq).toBe(mine[0]?.seq);
      expect(mine[1]?.ack).toBe((theirSyn?.seq ?? NaN) + 1);
    }
    const engine = runScenario({ ...LOOPBACK, actions: [call(0, "client", "connect"), call(0, "server", "connect")] });
    for (const host of ["client", "server"] as const) {
      const mine = sentBy(engine, host);
      expect(mine.map((s) => s.flags.join(","))).toEqual(["SYN", "SYN,ACK", "ACK"]);
      expect(mine[1]?.seq).toBe(mine[0]?.seq);
      expect(statePath(engine, host)).toEqual(["CLOSED", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED"]);
    }
  });

  it("simultaneous close: both FINs cross, both ACK, both end in TIME-WAIT", () => {
    const states = kernelEvents("simultaneous-close", "state").filter((e) => e.now === "TIME-WAIT");
    expect(states).toHaveLength(2);
    const engine = runScenario({
      ...LOOPBACK,
      actions: [...OPEN, call(100, "client", "close"), call(100, "server", "close")],
    });
    for (const host of ["client", "server"] as const) {
      expect(statePath(engine, host).slice(-4)).toEqual(["FIN-WAIT-1", "CLOSING", "TIME-WAIT", "CLOSED"]);
    }
    // Kernel: the first FINs were lost, the retransmissions (after ~RTO) crossed.
    const fins = experiment("simultaneous-close").segments.filter((s) => s.flags.includes("FIN"));
    expect(fins).toHaveLength(4);
    expectKernelLateBySlack((fins[2]?.t ?? NaN) - (fins[0]?.t ?? NaN), LINUX_CONSTANTS.TCP_RTO_MIN_MS);
  });
});

describe("a new SYN for a TIME-WAIT 4-tuple and the ISN clock", () => {
  const segments = experiment("time-wait-syn").segments;
  const synTimes = segments.filter((s) => flagsEqual(s, "SYN"));
  const serverFin = segments.find((s) => s.sport === 7015 && s.flags.includes("FIN"));
  const newSynAck = segments.filter((s) => s.sport === 7015 && s.flags.includes("SYN")).at(1);

  it("the kernel reopened the connection and answered with ISN = tw_snd_nxt + 65537", () => {
    expect(newSynAck).toBeDefined();
    expect(((newSynAck?.seq ?? NaN) - ((serverFin?.seq ?? NaN) + 1)) >>> 0).toBe(LINUX_CONSTANTS.TW_ISN_OFFSET);
    expect(kernelEvent("time-wait-syn", "reconnect-ok")).toBeDefined();
  });

  it("the kernel's ISN for the same 4-tuple advanced about 15625 per ms (64 ns clock)", () => {
    const [first, second] = synTimes;
    const perMs = (((second?.seq ?? 0) - (first?.seq ?? 0)) >>> 0) / ((second?.t ?? 0) - (first?.t ?? 1));
    expect(perMs / LINUX_CONSTANTS.ISN_TICKS_PER_MS).toBeCloseTo(1, 2);
  });

  it("the engine does the same", () => {
    const engine = runScenario({
      ...LOOPBACK,
      isn: { client: 1000, server: 5000 },
      actions: [...OPEN, call(100, "server", "close"), call(101, "client", "close"), call(400, "client", "connect")],
    });
    const syns = sentBy(engine, "client").filter((s) => hasFlags(s, "SYN"));
    expect(syns[1]?.seq).toBe(1000 + 400 * LINUX_CONSTANTS.ISN_TICKS_PER_MS);
    const fin = sentBy(engine, "server").find((s) => s.flags.includes("FIN"));
    const synAck = sentBy(engine, "server").filter((s) => hasFlags(s, "SYN", "ACK")).at(1);
    expect(synAck?.seq).toBe((fin?.seq ?? NaN) + 1 + LINUX_CONSTANTS.TW_ISN_OFFSET);
    expect(statePath(engine, "server")).toContain("TIME-WAIT");
    expect(engine.final.server).toBe("ESTABLISHED");
    expect(withRelativeNumbers(engine.segments).at(-1)?.relAck).toBe(1);
  });
});

describe("queues and ports, against the labs", () => {
  it("listen(4) holds backlog + 1 = 5 completed connections and 5 SYN-RECEIVED requests", () => {
    expect(kernelEvent("accept-queue", "accept-queue").serverSide).toEqual({ ESTABLISHED: 5 });
    expect(kernelEvent("syn-queue-nocookies", "syn-queue").serverSide).toEqual({ "SYN-RECEIVED": 5 });
    const lab = runSynBacklogLab({ durationSeconds: 1, legitConnectsPerSecond: 10, backlog: 4, acceptPerSecond: 0 });
    expect(lab.summary.acceptQueueCapacity).toBe(5);
    expect(lab.summary.synQueueCapacity).toBe(5);
    expect(lab.summary.peakAcceptQueue).toBe(5);
  });

  it("with cookies every SYN gets a SYN-ACK; without, SYNs past the SYN queue are dropped", () => {
    expect(kernelEvent("syn-queue-cookies", "syn-queue").clientSide).toEqual({ ESTABLISHED: 10 });
    expect(kernelEvent("syn-queue-nocookies", "syn-queue").clientSide).toEqual({ ESTABLISHED: 5, "SYN-SENT": 5 });
    const flood = (tcp_syncookies: 0 | 1) =>
      runSynBacklogLab({ durationSeconds: 0.5, attackSynPerSecond: 20, backlog: 4, tcp_syncookies }).summary;
    expect(flood(1)).toMatchObject({ totalSynReceived: 10, totalSynDropped: 0, totalCookiesSent: 5, peakSynQueue: 5 });
    expect(flood(0)).toMatchObject({ totalSynReceived: 10, totalSynDropped: 5, totalCookiesSent: 0, peakSynQueue: 5 });
  });

  it("10 ports at 5 connects/s, client closing first: connect 11 (t = 2 s) and every later one fail", () => {
    const kernel = kernelEvents("ports-reuse0-client-closes", "connect");
    const firstFailure = kernel.find((event) => event.code === "EADDRNOTAVAIL");
    expect(firstFailure?.n).toBe(11);
    const lab = runTimeWaitLab({ requestsPerSecond: 5, durationSeconds: 4, closer: "client", portRange: [40000, 40009], tcp_tw_reuse: 0 });
    expect(lab.summary.firstFailureAt).toBeCloseTo(((firstFailure?.t ?? NaN) - (kernel[0]?.t ?? 0)) / 1000, 1);
    expect(lab.summary.totalFailed).toBe(kernel.filter((event) => event.code === "EADDRNOTAVAIL").length);
  });

  it("tcp_tw_reuse=2 on loopback, or the server closing first, makes them all succeed", () => {
    for (const name of ["ports-reuse2-client-closes", "ports-reuse0-server-closes"]) {
      expect(kernelEvents(name, "connect").every((event) => event.code === "OK")).toBe(true);
    }
    const base = { requestsPerSecond: 5, durationSeconds: 4, portRange: [40000, 40009] as const };
    expect(runTimeWaitLab({ ...base, closer: "client", tcp_tw_reuse: 2, loopback: true }).summary.totalFailed).toBe(0);
    expect(runTimeWaitLab({ ...base, closer: "server", tcp_tw_reuse: 0 }).summary.totalFailed).toBe(0);
    // With reuse the kernel took ports back no sooner than tcp_tw_reuse_delay (1 s) after their TIME-WAIT began.
    const connects = kernelEvents("ports-reuse2-client-closes", "connect");
    connects.forEach((event, index) => {
      const previous = connects.slice(0, index).filter((e) => e.clientPort === event.clientPort).at(-1);
      if (previous !== undefined) expect(event.t - previous.t).toBeGreaterThan(1000);
    });
  });
});
