/**
 * The socket model against the real kernel: keep-alive, zero-window probes, close() with unread
 * data and the retransmission give-up rules, recorded on Linux 6.18 loopback in network
 * namespaces by scripts/record-tcp-timings.py (tests/fixtures/tcp/kernel-timings.json, pcaps in
 * tests/fixtures/tcp/captures/). Kernel timers fire late, never early: a kernel interval must lie
 * in [engine interval, engine interval + the timer wheel's rounding of it].
 */
import { describe, expect, it } from "vitest";
import { LINUX_CONSTANTS, runScenario, type Action, type HostId, type ScenarioInput, type SegmentRecord } from "@/domain/tcp";
import { call, OPEN, send, sentBy, transitionTime } from "./helpers";
import { experiment, flagsEqual, kernelEvent, kernelEvents, segmentsFrom, segmentsTo, type KernelSegment } from "./kernel-fixture";

const JIFFY = LINUX_CONSTANTS.JIFFY_MS;
const JITTER_MS = 3;
const LOOPBACK: Partial<ScenarioInput> = { latencyMs: 0.02, loopback: true };

/** The timer wheel's rounding of a `delayMs` timer, plus one jiffy of phase and one of RTO rounding. */
function slackMs(delayMs: number): number {
  const jiffies = Math.ceil(delayMs / JIFFY);
  const level = [63, 504, 4032, 32256].filter((start) => jiffies >= start).length;
  return 8 ** level * JIFFY + 2 * JIFFY;
}

function expectLateBySlack(kernelMs: number, engineMs: number, extraMs = 0): void {
  expect(kernelMs).toBeGreaterThanOrEqual(engineMs - JITTER_MS);
  expect(kernelMs).toBeLessThanOrEqual(engineMs + slackMs(engineMs) + extraMs + JITTER_MS);
}

/**
 * The kernel keeps the RTO in whole jiffies, rounded up (up to 2 jiffies more than the engine's
 * exact 200.04 ms on loopback), and each backoff doubles the rounded value: a timeout of k RTOs
 * may be k × 2 jiffies longer before the wheel rounds it.
 */
function rtoRounding(engineMs: number): number {
  return Math.ceil(engineMs / LINUX_CONSTANTS.TCP_RTO_MIN_MS) * 2 * JIFFY;
}

const setsockopt = (at: number, host: HostId, option: "SO_KEEPALIVE" | "TCP_KEEPIDLE" | "TCP_KEEPINTVL" | "TCP_KEEPCNT" | "SO_RCVBUF" | "TCP_USER_TIMEOUT", value: number): Action => ({
  at,
  host,
  do: "setsockopt",
  option,
  value,
});
const emptyAcks = (segments: readonly KernelSegment[]) => segments.filter((s) => flagsEqual(s, "ACK") && s.len === 0);
const engineProbes = (segments: readonly SegmentRecord[], purpose: "keepalive probe" | "window probe") => segments.filter((s) => s.purpose === purpose);

describe("keep-alive to a peer that disappears (keepalive-dead-peer)", () => {
  const name = "keepalive-dead-peer";
  const data = segmentsTo(name, 7020).find((s) => s.len === 5)!;
  const dataAck = segmentsFrom(name, 7020).find((s) => s.ack === data.seq + 5)!;
  const probes = emptyAcks(segmentsTo(name, 7020)).filter((s) => s.t > data.t);
  const answer = segmentsFrom(name, 7020).find((s) => s.t > probes[0]!.t)!;
  const rst = segmentsTo(name, 7020).find((s) => s.flags.includes("RST"))!;
  const cutAt = kernelEvent(name, "link-cut").t;
  const start = segmentsTo(name, 7020)[0]!.t;

  const engine = runScenario({
    ...LOOPBACK,
    actions: [
      setsockopt(0, "client", "SO_KEEPALIVE", 1),
      setsockopt(0, "client", "TCP_KEEPIDLE", 2),
      setsockopt(0, "client", "TCP_KEEPINTVL", 1),
      setsockopt(0, "client", "TCP_KEEPCNT", 3),
      ...OPEN,
      send(data.t - start, "client", 5),
      { at: cutAt - start, do: "link", up: false },
    ],
  });
  const mine = engineProbes(sentBy(engine, "client"), "keepalive probe");

  it("probes with an empty ACK one below SND.NXT, four times, the first one answered", () => {
    expect(probes).toHaveLength(4);
    for (const probe of probes) expect(probe.seq).toBe(data.seq + 5 - 1);
    expect(mine).toHaveLength(4);
    expect(mine.every((probe) => probe.seq === sentBy(engine, "client").find((s) => s.len === 5)!.seq + 4)).toBe(true);
  });

  it("probes 2 s after the peer was last heard, then every 1 s once unanswered", () => {
    const kernelGaps = [probes[0]!.t - dataAck.t, probes[1]!.t - answer.t, probes[2]!.t - probes[1]!.t, probes[3]!.t - probes[2]!.t, rst.t - probes[3]!.t];
    const engineAnswer = sentBy(engine, "server").find((s) => s.t > mine[0]!.t)!;
    const engineDataAck = sentBy(engine, "server").find((s) => s.t > 1 && s.t < mine[0]!.t)!;
    const engineRst = sentBy(engine, "client").find((s) => s.flags.includes("RST"))!;
    const engineGaps = [mine[0]!.t - engineDataAck.t, mine[1]!.t - engineAnswer.t, mine[2]!.t - mine[1]!.t, mine[3]!.t - mine[2]!.t, engineRst.t - mine[3]!.t];
    expect(engineGaps).toEqual([2000, 2000, 1000, 1000, 1000].map((gap) => expect.closeTo(gap, 1)));
    kernelGaps.forEach((gap, index) => expectLateBySlack(gap, engineGaps[index]!));
  });

  it("after the third unanswered probe: RST+ACK at SND.NXT and ETIMEDOUT", () => {
    expect([...rst.flags].sort()).toEqual(["ACK", "RST"]);
    expect(rst.seq).toBe(data.seq + 5);
    expect(kernelEvent(name, "client-error").code).toBe("ETIMEDOUT");
    expect(kernelEvent(name, "client-error").t - rst.t).toBeLessThan(5);
    expect(engine.errors).toEqual([{ t: transitionTime(engine, "client", "CLOSED"), host: "client", code: "ETIMEDOUT" }]);
    expect(sentBy(engine, "client").at(-1)?.flags).toEqual(["RST", "ACK"]);
  });
});

describe("a reader that stops reading (zero-window)", () => {
  const name = "zero-window";
  const [, , , firstData] = segmentsTo(name, 7021);
  const zeroWindowAck = segmentsFrom(name, 7021).filter((s) => s.t < 300).at(-1)!;
  const probes = emptyAcks(segmentsTo(name, 7021)).filter((s) => s.t > zeroWindowAck.t && s.t < 3000);
  const answers = segmentsFrom(name, 7021).filter((s) => s.t > zeroWindowAck.t && s.t < 3000);
  const firstRead = kernelEvents(name, "server-read")[0]!;

  it("the kernel doubles SO_RCVBUF (8192 for 4096), as the engine does", () => {
    expect(kernelEvent(name, "rcvbuf").value).toBe(8192);
  });

  it("probes with an empty ACK at SND.UNA - 1, like the engine (tcp_xmit_probe_skb)", () => {
    expect(probes).toHaveLength(3);
    for (const probe of probes) expect(probe.seq).toBe(zeroWindowAck.ack! - 1);
    const engine = runScenario({
      ...LOOPBACK,
      mss: 1448,
      autoRead: { server: false },
      actions: [setsockopt(0, "server", "SO_RCVBUF", 4096), ...OPEN, send(10, "client", 6000), { at: 3000, host: "server", do: "read" }],
    });
    const mine = engineProbes(sentBy(engine, "client"), "window probe").filter((s) => s.t < 3000);
    expect(mine).toHaveLength(3);
    const acked = sentBy(engine, "server").filter((s) => s.t < mine[0]!.t).at(-1)!.ack!;
    expect(mine.every((probe) => probe.len === 0 && probe.seq === acked - 1)).toBe(true);
  });

  it("answers the first and third probe but not the second: 500 ms rate limit (tcp_oow_rate_limited)", () => {
    expect(answers.map((answer) => answer.t - probes.find((probe) => probe.t <= answer.t && answer.t - probe.t < 1)!.t)).toHaveLength(2);
    expect(answers[0]!.t - probes[0]!.t).toBeLessThan(1);
    expect(answers[1]!.t - probes[2]!.t).toBeLessThan(1);
    expect(probes[1]!.t - answers[0]!.t).toBeLessThan(LINUX_CONSTANTS.TCP_RTO_MIN_MS * 2.5);
  });

  it("the persist timer starts at the RTO and doubles: 1, 2, 4 times it (tcp_probe0_when)", () => {
    const base = probes[0]!.t - zeroWindowAck.t;
    expect(base).toBeGreaterThanOrEqual(LINUX_CONSTANTS.TCP_RTO_MIN_MS);
    // The answered probe restarts the timer from the answer, the unanswered one from the probe.
    expect((probes[1]!.t - answers[0]!.t) / base).toBeCloseTo(2, 0);
    expect((probes[2]!.t - probes[1]!.t) / base).toBeCloseTo(4, 0);
  });

  it("reading reopens the window at once: a window update sent by the read, then the data", () => {
    const update = segmentsFrom(name, 7021).find((s) => s.t > firstRead.t - 5 && s.t < firstRead.t + 5);
    expect(update).toBeDefined();
    expect(update?.ack).toBe(zeroWindowAck.ack);
    const next = segmentsTo(name, 7021).find((s) => s.t > update!.t);
    expect(next?.seq).toBe(zeroWindowAck.ack);
    expect(firstData?.len).toBe(1448);
  });
});

describe("zero-window probes into a cut path give up after tcp_retries2 unanswered ones (zero-window-dead)", () => {
  const name = "zero-window-dead";
  const cutAt = kernelEvent(name, "link-cut").t;
  const answers = segmentsFrom(name, 7022).filter((s) => flagsEqual(s, "ACK"));
  const lastAnswer = answers.at(-1)!;
  const unanswered = emptyAcks(segmentsTo(name, 7022)).filter((s) => s.t > lastAnswer.t);
  const failedAt = kernelEvent(name, "client-error");

  it("three probes after the last answer (the first lost to the rate limit), then ETIMEDOUT and no RST", () => {
    expect(unanswered).toHaveLength(3);
    expect(unanswered[0]!.t).toBeLessThan(cutAt);
    expect(failedAt.code).toBe("ETIMEDOUT");
    expect(segmentsTo(name, 7022).some((s) => s.flags.includes("RST"))).toBe(false);

    const engine = runScenario({
      ...LOOPBACK,
      mss: 1448,
      sysctl: { tcp_retries2: 3 },
      autoRead: { server: false },
      actions: [setsockopt(0, "server", "SO_RCVBUF", 4096), ...OPEN, send(10, "client", 6000), { at: 1100, do: "link", up: false }],
    });
    const probes = engineProbes(sentBy(engine, "client"), "window probe");
    const engineLastAnswer = sentBy(engine, "server").at(-1)!;
    expect(probes.filter((probe) => probe.t > engineLastAnswer.t)).toHaveLength(3);
    expect(engine.errors.map((error) => error.code)).toEqual(["ETIMEDOUT"]);
    expect(engine.transitions.at(-1)?.cause).toBe("persist timeout");
    expect(sentBy(engine, "client").some((s) => s.flags.includes("RST"))).toBe(false);
  });
});

describe("TCP_USER_TIMEOUT while the receiver answers every probe (zero-window-user-timeout)", () => {
  it("ETIMEDOUT 2 s after the first probe, though every other probe was answered", () => {
    const name = "zero-window-user-timeout";
    const zeroWindowAck = segmentsFrom(name, 7023).filter((s) => s.t < 200).at(-1)!;
    const firstProbe = emptyAcks(segmentsTo(name, 7023)).find((s) => s.t > zeroWindowAck.t)!;
    const failure = kernelEvent(name, "client-error");
    expect(failure.code).toBe("ETIMEDOUT");
    expectLateBySlack(failure.t - firstProbe.t, 2000);
    const engine = runScenario({
      ...LOOPBACK,
      autoRead: { server: false },
      actions: [setsockopt(0, "server", "SO_RCVBUF", 4096), setsockopt(0, "client", "TCP_USER_TIMEOUT", 2000), ...OPEN, send(10, "client", 6000)],
    });
    const engineFirst = engineProbes(sentBy(engine, "client"), "window probe")[0]!;
    expect(engine.errors).toEqual([{ t: engineFirst.t + 2000, host: "client", code: "ETIMEDOUT" }]);
  });
});

describe("close() with unread data (close-unread)", () => {
  it("RST+ACK at SND.NXT, acknowledging the unread data; ECONNRESET at the peer", () => {
    const name = "close-unread";
    const synAck = segmentsFrom(name, 7024)[0]!;
    const data = segmentsTo(name, 7024).find((s) => s.len === 1000)!;
    const rst = segmentsFrom(name, 7024).find((s) => s.flags.includes("RST"))!;
    expect([...rst.flags].sort()).toEqual(["ACK", "RST"]);
    expect(rst.seq).toBe(synAck.seq + 1);
    expect(rst.ack).toBe(data.seq + 1000);
    expect(rst.t - kernelEvent(name, "server-close").t).toBeLessThan(5);
    expect(kernelEvent(name, "client-error").code).toBe("ECONNRESET");
    expect(segmentsFrom(name, 7024).some((s) => s.flags.includes("FIN"))).toBe(false);

    const engine = runScenario({ ...LOOPBACK, autoRead: { server: false }, actions: [...OPEN, send(10, "client", 1000), call(200, "server", "close")] });
    const engineRst = sentBy(engine, "server").at(-1)!;
    const engineSynAck = sentBy(engine, "server")[0]!;
    expect(engineRst).toMatchObject({ t: 200, flags: ["RST", "ACK"], seq: engineSynAck.seq + 1, ack: sentBy(engine, "client")[0]!.seq + 1 + 1000 });
    expect(engine.errors.map((error) => [error.host, error.code])).toEqual([["client", "ECONNRESET"]]);
  });
});

describe("giving up on retransmission: tcp_retries2, TCP_USER_TIMEOUT, tcp_orphan_retries", () => {
  /** The kernel's retrans_stamp: the first retransmission after the tail loss probe. */
  const kernelStamp = (segments: readonly KernelSegment[]) => segments.filter((s) => s.len > 0 || s.flags.includes("FIN"))[2]!.t;
  const engineRun = (actions: Action[], sysctl?: ScenarioInput["sysctl"]) =>
    runScenario({ ...LOOPBACK, ...(sysctl ? { sysctl } : {}), actions: [...OPEN, { at: 50, do: "link", up: false }, ...actions] });
  const engineStamp = (result: ReturnType<typeof runScenario>) => sentBy(result, "client").filter((s) => s.retransmission)[1]!.t;

  it("tcp_retries2=3: a tail loss probe, then RTOs doubling until 3 s after the first of them (retries2)", () => {
    const name = "retries2";
    const kernel = segmentsTo(name, 7025).filter((s) => s.len === 100);
    const failure = kernelEvent(name, "client-error");
    expect(failure.code).toBe("ETIMEDOUT");
    const engine = engineRun([send(100, "client", 100)], { tcp_retries2: 3 });
    const mine = sentBy(engine, "client").filter((s) => s.len === 100);
    expect(mine).toHaveLength(kernel.length);
    const kernelGaps = kernel.slice(1).map((s, index) => s.t - kernel[index]!.t);
    mine.slice(1).forEach((segment, index) => {
      const gap = segment.t - mine[index]!.t;
      expectLateBySlack(kernelGaps[index]!, gap, rtoRounding(gap));
    });
    const engineEnd = transitionTime(engine, "client", "CLOSED")!;
    expect(engineEnd - engineStamp(engine)).toBeGreaterThanOrEqual(3000);
    const lastGap = engineEnd - mine.at(-1)!.t;
    expectLateBySlack(failure.t - kernel.at(-1)!.t, lastGap, rtoRounding(lastGap));
  });

  it("TCP_USER_TIMEOUT=5000 ms: ETIMEDOUT 5 s after the first RTO retransmission, the last timer cut short (user-timeout)", () => {
    const name = "user-timeout";
    const kernel = segmentsTo(name, 7026).filter((s) => s.len === 100);
    const failure = kernelEvent(name, "client-error");
    expect(failure.code).toBe("ETIMEDOUT");
    const lastWait = failure.t - kernel.at(-1)!.t;
    // Without the clamp the next timeout would be twice the previous gap.
    expect(lastWait).toBeLessThan(2 * (kernel.at(-1)!.t - kernel.at(-2)!.t));
    expectLateBySlack(failure.t - kernelStamp(segmentsTo(name, 7026)), 5000);
    const engine = engineRun([setsockopt(0, "client", "TCP_USER_TIMEOUT", 5000), send(100, "client", 100)]);
    expect(transitionTime(engine, "client", "CLOSED")! - engineStamp(engine)).toBe(5000);
  });

  it("tcp_orphan_retries=2: the orphaned FIN-WAIT-1 is gone after the first expiry past 1.4 s (orphan-retries)", () => {
    const name = "orphan-retries";
    const fins = segmentsTo(name, 7027).filter((s) => s.flags.includes("FIN"));
    const clientPort = Number(kernelEvent(name, "established").clientPort);
    const gone = kernelEvents(name, "state").find((e) => e.local === clientPort && e.now === "GONE")!;
    const engine = engineRun([call(100, "client", "close")], { tcp_orphan_retries: 2 });
    const mine = sentBy(engine, "client").filter((s) => s.flags.includes("FIN"));
    expect(mine).toHaveLength(fins.length);
    expect(engine.errors).toEqual([]);
    // State polling every 20 ms on top of the wheel.
    const kernelLifetime = gone.t - fins.at(-1)!.t;
    const engineLifetime = transitionTime(engine, "client", "CLOSED")! - mine.at(-1)!.t;
    expect(kernelLifetime).toBeGreaterThanOrEqual(engineLifetime - JITTER_MS);
    expect(kernelLifetime).toBeLessThanOrEqual(engineLifetime + slackMs(engineLifetime) + rtoRounding(engineLifetime) + 40);
    expect(experiment(name).segments.filter((s) => s.sport === clientPort && s.flags.includes("RST"))).toEqual([]);
  });
});
