/** The sentences under the labs: numbers come from the engine's result and constants. */
import { describe, expect, it } from "vitest";
import { LINUX_CONSTANTS, LINUX_DEFAULTS, runSynBacklogLab, runTimeWaitLab } from "@/domain/tcp";
import {
  DEFAULT_SYN_BACKLOG_INPUT,
  DEFAULT_TIME_WAIT_INPUT,
  explainSynBacklog,
  explainTimeWait,
  keepPortRangeOrdered,
  labInputFrom,
  synBacklogInputSchema,
  synBacklogParams,
  timeWaitInputSchema,
  timeWaitParams,
  type SynBacklogInput,
  type TimeWaitInput,
} from "@/domain/simulator/labs";

const timeWait = (patch: Partial<TimeWaitInput> = {}) => {
  const input = { ...DEFAULT_TIME_WAIT_INPUT, ...patch };
  return { input, result: runTimeWaitLab(timeWaitParams(input)), text: explainTimeWait(input, runTimeWaitLab(timeWaitParams(input))) };
};
const synBacklog = (patch: Partial<SynBacklogInput> = {}) => {
  const input = { ...DEFAULT_SYN_BACKLOG_INPUT, ...patch };
  const result = runSynBacklogLab(synBacklogParams(input));
  return { input, result, text: explainSynBacklog(input, result) };
};

const PORTS = LINUX_DEFAULTS.ip_local_port_range[1] - LINUX_DEFAULTS.ip_local_port_range[0] + 1;
const TIME_WAIT_S = LINUX_CONSTANTS.TCP_TIMEWAIT_LEN_MS / 1000;

describe("TIME-WAIT lab sentence", () => {
  it("defaults: the client closes, ports run out and the failure time is the engine's", () => {
    const { result, text } = timeWait();
    expect(PORTS).toBe(28232);
    const failure = PORTS / DEFAULT_TIME_WAIT_INPUT.requestsPerSecond;
    expect(result.summary.firstFailureAt).toBeCloseTo(failure, 1);
    expect(text).toContain("With the client closing first, each connection keeps one of its 28,232 ephemeral ports (32768–60999) busy");
    expect(text).toContain(`for the whole ${TIME_WAIT_S} s of TIME-WAIT`);
    expect(text).toContain(`the ${Math.floor(PORTS / TIME_WAIT_S)} per second the ports can sustain`);
    expect(text).toContain(`connects start failing with EADDRNOTAVAIL at ${failure.toFixed(1)} s`);
    expect(text).toContain("tcp_tw_reuse=2 only applies to loopback connections");
    expect(text).toContain(`${result.summary.totalFailed.toLocaleString("en-US")} of 72,000 connects fail`);
  });

  it("the server closing first keeps the client's ports free", () => {
    const { text, result } = timeWait({ closer: "server" });
    expect(result.summary.totalFailed).toBe(0);
    expect(text).toMatch(/^With the server closing first, TIME-WAIT sits on the server \(up to 36,000 sockets\)/);
    expect(text).toContain("No connect fails in 120 s.");
  });

  it("keep-alive divides the connection rate", () => {
    const { text } = timeWait({ requestsPerConnection: 10 });
    expect(text).toMatch(/^With 10 requests per connection, 600 requests per second need only 60 new connections per second\./);
    expect(text).toContain("stays within the 470 per second");
  });

  it("tcp_tw_reuse=1 reuses TIME-WAIT 4-tuples", () => {
    const { text, result } = timeWait({ tcp_tw_reuse: 1 });
    expect(result.summary.totalFailed).toBe(0);
    expect(text).toContain("until tcp_tw_reuse=1 may take it over");
    expect(text).toContain(`${result.summary.totalReused.toLocaleString("en-US")} connects reused a 4-tuple still in TIME-WAIT.`);
  });

  it("tcp_max_tw_buckets overflow is named, with the counter current kernels keep", () => {
    const { text } = timeWait({ tcp_max_tw_buckets: 5000 });
    expect(text).toContain("tcp_max_tw_buckets (5,000) was reached");
    expect(text).toContain("counted in TcpExtTCPTimeWaitOverflow");
    expect(text).not.toContain("bucket table overflow");
    expect(text).toContain("yet no connect fails");
  });

  it("validates its inputs", () => {
    expect(timeWaitInputSchema.safeParse(DEFAULT_TIME_WAIT_INPUT).success).toBe(true);
    expect(timeWaitInputSchema.safeParse({ ...DEFAULT_TIME_WAIT_INPUT, portLow: 61000, portHigh: 60000 }).success).toBe(false);
  });
});

describe("SYN backlog lab sentence", () => {
  it("defaults: cookies keep legitimate clients connecting", () => {
    const { text, result } = synBacklog();
    expect(text).toMatch(/^The listener's queues hold about 512 requests: min\(backlog, somaxconn\) = 511\./);
    expect(text).toContain(`SYN cookies instead (${result.summary.totalCookiesSent.toLocaleString("en-US")} sent), so legitimate clients still got through.`);
  });

  it("without cookies SYNs are dropped and legitimate clients suffer", () => {
    const { text, result } = synBacklog({ tcp_syncookies: 0 });
    expect(result.summary.totalSynDropped).toBeGreaterThan(0);
    expect(text).toContain(`${result.summary.totalSynDropped.toLocaleString("en-US")} SYNs were dropped.`);
    expect(text).toContain("Legitimate clients lost SYNs from");
  });

  it("tcp_syncookies=2 answers everything with cookies", () => {
    expect(synBacklog({ tcp_syncookies: 2 }).text).toContain("With tcp_syncookies=2 every SYN is answered with a cookie");
  });

  it("a backlog above somaxconn is capped, and a slow accept() fills the accept queue", () => {
    expect(synBacklog({ backlog: 10_000 }).text).toContain("(listen(10,000) is capped by somaxconn)");
    const slow = synBacklog({ attackSynPerSecond: 0, legitConnectsPerSecond: 200, acceptPerSecond: 20 });
    expect(slow.text).toContain("The application accepts only 20 connections per second");
    expect(slow.text).toContain("even cookies stop");
  });

  it("validates its inputs", () => {
    expect(synBacklogInputSchema.safeParse(DEFAULT_SYN_BACKLOG_INPUT).success).toBe(true);
    expect(synBacklogInputSchema.safeParse({ ...DEFAULT_SYN_BACKLOG_INPUT, tcp_syncookies: 3 }).success).toBe(false);
  });
});

describe("a lab's settings", () => {
  it("takes a lesson's settings over the defaults and ignores those left out", () => {
    const input = labInputFrom(timeWaitInputSchema, DEFAULT_TIME_WAIT_INPUT, { requestsPerSecond: 400, closer: "server", loopback: undefined });
    expect(input).toEqual({ ...DEFAULT_TIME_WAIT_INPUT, requestsPerSecond: 400, closer: "server" });
  });

  it("falls back to the defaults whole when a setting is out of bounds or unknown", () => {
    expect(labInputFrom(synBacklogInputSchema, DEFAULT_SYN_BACKLOG_INPUT, { backlog: 5, tcp_syncookies: 3 })).toEqual(DEFAULT_SYN_BACKLOG_INPUT);
    expect(labInputFrom(synBacklogInputSchema, DEFAULT_SYN_BACKLOG_INPUT, { backlog: 5, colour: "red" })).toEqual(DEFAULT_SYN_BACKLOG_INPUT);
    expect(labInputFrom(timeWaitInputSchema, DEFAULT_TIME_WAIT_INPUT, { portLow: 50_000, portHigh: 40_000 })).toEqual(DEFAULT_TIME_WAIT_INPUT);
  });

  it("keeps the port range from turning inside out: the other end follows the one moved", () => {
    const range = { ...DEFAULT_TIME_WAIT_INPUT, portLow: 40_000, portHigh: 50_000 };
    expect(keepPortRangeOrdered({ ...range, portLow: 55_000 }, "portLow")).toMatchObject({ portLow: 55_000, portHigh: 55_000 });
    expect(keepPortRangeOrdered({ ...range, portHigh: 30_000 }, "portHigh")).toMatchObject({ portLow: 30_000, portHigh: 30_000 });
    expect(keepPortRangeOrdered({ ...range, portLow: 45_000 }, "portLow")).toMatchObject({ portLow: 45_000, portHigh: 50_000 });
    expect(keepPortRangeOrdered({ ...range, requestsPerSecond: 10 }, "requestsPerSecond")).toEqual({ ...range, requestsPerSecond: 10 });
  });
});
