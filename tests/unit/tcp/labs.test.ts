/**
 * Labs: expectations come from the 4-tuple arithmetic (ports x destinations held for the
 * TIME-WAIT length) and from tcp_conn_request()'s rules, worked out by hand.
 */
import { describe, expect, it } from "vitest";
import { pruningThreshold, runSynBacklogLab, runTimeWaitLab, type TimeWaitLabParams } from "@/domain/tcp";

const PORTS = 60999 - 32768 + 1; // 28232 ephemeral ports by default

describe("TIME-WAIT lab", () => {
  const base: TimeWaitLabParams = { requestsPerSecond: 500, durationSeconds: 120, closer: "client", tcp_tw_reuse: 0 };

  it("client closing first at 500/s runs out of its 28232 ports after 28232 / 500 = 56.46 s", () => {
    const { summary, series } = runTimeWaitLab(base);
    expect(summary.capacity).toBe(PORTS);
    expect(summary.firstFailureAt).toBeCloseTo(PORTS / 500, 6);
    // Ports come back when the TIME-WAITs of 60 s earlier end, so failures recur in a burst every
    // 60 s; averaged over one period the failure rate is the demand minus what 60 s of TIME-WAIT allows.
    expect(summary.sustainableConnectionsPerSecond).toBeCloseTo(PORTS / 60, 6);
    const period = series.filter((row) => row.t >= 60 && row.t < 120);
    const failuresPerSecond = period.reduce((sum, row) => sum + row.failed, 0) / period.length;
    expect(failuresPerSecond).toBeCloseTo(500 - PORTS / 60, 0);
    expect(series.filter((row) => row.t >= 61 && row.t < 116).every((row) => row.failed === 0)).toBe(true);
    expect(summary.peakClientTimeWait).toBe(PORTS);
  });

  it("below the sustainable rate nothing fails, however long it runs", () => {
    expect(runTimeWaitLab({ ...base, requestsPerSecond: 450, durationSeconds: 600 }).summary.totalFailed).toBe(0);
  });

  it("the server closing first leaves the client's ports alone: TIME-WAIT piles up on the server", () => {
    const { summary } = runTimeWaitLab({ ...base, closer: "server", requestsPerSecond: 2000 });
    expect(summary.totalFailed).toBe(0);
    expect(summary.peakClientTimeWait).toBe(0);
    expect(summary.peakServerTimeWait).toBe(2000 * 60);
  });

  it("keep-alive divides the connection rate: 5000 requests/s at 10 per connection fail like 500/s", () => {
    const keepAlive = runTimeWaitLab({ ...base, requestsPerSecond: 5000, requestsPerConnection: 10 }).summary;
    expect(keepAlive.newConnectionsPerSecond).toBe(500);
    expect(keepAlive.firstFailureAt).toBeCloseTo(PORTS / 500, 6);
  });

  it("each extra destination ip:port gives the client another full port range", () => {
    // 500/s holds 500 x 60 = 30000 TIME-WAITs: too many for one range, fine for two.
    const two = runTimeWaitLab({ ...base, destinations: 2 }).summary;
    expect(two.capacity).toBe(2 * PORTS);
    expect(two.totalFailed).toBe(0);
    expect(runTimeWaitLab({ ...base, destinations: 2, requestsPerSecond: 1000 }).summary.firstFailureAt).toBeCloseTo((2 * PORTS) / 1000, 2);
  });

  it("tcp_tw_reuse=2 helps only on loopback; 1 helps everywhere; both need timestamps", () => {
    const fast = { ...base, requestsPerSecond: 2000 };
    expect(runTimeWaitLab({ ...fast, tcp_tw_reuse: 2 }).summary.totalFailed).toBeGreaterThan(0);
    const loopback = runTimeWaitLab({ ...fast, tcp_tw_reuse: 2, loopback: true }).summary;
    expect(loopback.totalFailed).toBe(0);
    expect(loopback.totalReused).toBeGreaterThan(0);
    expect(runTimeWaitLab({ ...fast, tcp_tw_reuse: 1 }).summary.totalFailed).toBe(0);
    expect(runTimeWaitLab({ ...fast, tcp_tw_reuse: 1, timestamps: false }).summary.totalFailed).toBeGreaterThan(0);
  });

  it("reuse waits for tcp_tw_reuse_delay: 10 ports at 20/s cannot all be reused within 1 s", () => {
    const { summary } = runTimeWaitLab({
      requestsPerSecond: 20,
      durationSeconds: 5,
      closer: "client",
      portRange: [40000, 40009],
      tcp_tw_reuse: 1,
    });
    // 10 ports recycled no faster than every tcp_tw_reuse_delay (1 s) carry at most 10 connections/s.
    expect(summary.sustainableConnectionsPerSecond).toBe(10);
    expect(summary.totalFailed).toBeGreaterThan(0);
    expect(summary.totalEstablished).toBeLessThanOrEqual(10 + 10 * 5);
  });

  it("tcp_max_tw_buckets caps TIME-WAIT; the excess is destroyed at once, so ports never run out", () => {
    const { summary } = runTimeWaitLab({ ...base, tcp_max_tw_buckets: 1000 });
    expect(summary.peakClientTimeWait).toBe(1000);
    expect(summary.totalFailed).toBe(0);
    // In 120 s two generations of 1000 are kept (the first expires at 60 s); the rest overflow.
    expect(summary.twOverflows).toBe(summary.totalEstablished - 2000);
    expect(summary.notes.join(" ")).toContain("TcpExtTCPTimeWaitOverflow");
  });

  it("RFC 9293's 240 s TIME-WAIT quarters the sustainable rate", () => {
    const rfc = runTimeWaitLab({ ...base, profile: "rfc9293" }).summary;
    expect(rfc.timeWaitSeconds).toBe(240);
    expect(rfc.sustainableConnectionsPerSecond).toBeCloseTo(PORTS / 240, 6);
  });

  it("reports one row per second with gauges at the end of the second", () => {
    const { series } = runTimeWaitLab({ ...base, durationSeconds: 10 });
    expect(series.map((row) => row.t)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(series.map((row) => row.attempted)).toEqual(Array(10).fill(500));
    expect(series[9]?.clientTimeWait).toBe(5000);
    expect(series[9]?.freePorts).toBe(PORTS - 5000);
  });

  it("handles thousands of connections per second over minutes in well under a second", () => {
    const started = performance.now();
    runTimeWaitLab({ requestsPerSecond: 20_000, durationSeconds: 600, closer: "client", tcp_tw_reuse: 0 });
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("SYN backlog lab", () => {
  it("somaxconn caps the listen backlog; both queues hold min(backlog, somaxconn) + 1", () => {
    const { summary } = runSynBacklogLab({ durationSeconds: 1, backlog: 10_000, somaxconn: 4096 });
    expect(summary.maxAckBacklog).toBe(4096);
    expect(summary.acceptQueueCapacity).toBe(4097);
    expect(summary.notes[0]).toContain("capped by somaxconn");
  });

  it("a flood with cookies: the SYN queue fills, then every SYN gets a cookie and real clients still connect", () => {
    const { summary } = runSynBacklogLab({ durationSeconds: 10, attackSynPerSecond: 10_000, legitConnectsPerSecond: 100, backlog: 128 });
    expect(summary.peakSynQueue).toBe(129);
    expect(summary.totalCookiesSent).toBeGreaterThan(90_000);
    expect(summary.totalSynDropped).toBe(0);
    // 100/s for 10 s, less the two clients whose ACK (one 20 ms RTT later) falls after the end.
    expect(summary.totalHandshakesCompleted).toBe(1000 - 2);
    expect(summary.totalConnectTimeouts).toBe(0);
  });

  it("the same flood without cookies drops real clients' SYNs; they retry and some give up", () => {
    const { summary, series } = runSynBacklogLab({
      durationSeconds: 200,
      attackSynPerSecond: 10_000,
      legitConnectsPerSecond: 100,
      backlog: 128,
      tcp_syncookies: 0,
    });
    expect(summary.totalCookiesSent).toBe(0);
    expect(summary.firstLegitDropAt).toBe(0);
    expect(summary.totalSynDropped).toBeGreaterThan(1_000_000);
    expect(summary.totalConnectTimeouts).toBeGreaterThan(0);
    expect(series.every((row) => row.synQueue <= 129)).toBe(true);
  });

  it("tcp_syncookies=2 keeps no request state at all", () => {
    const { summary } = runSynBacklogLab({ durationSeconds: 5, attackSynPerSecond: 1000, legitConnectsPerSecond: 10, tcp_syncookies: 2 });
    expect(summary.peakSynQueue).toBe(0);
    expect(summary.totalCookiesSent).toBe(5050);
    expect(summary.totalHandshakesCompleted).toBe(50);
  });

  it("a full accept queue drops SYNs even with cookies (LISTENOVERFLOWS)", () => {
    const { summary } = runSynBacklogLab({ durationSeconds: 3, legitConnectsPerSecond: 100, backlog: 8, acceptPerSecond: 0 });
    expect(summary.peakAcceptQueue).toBe(9);
    expect(summary.totalHandshakesCompleted).toBe(9);
    expect(summary.totalSynDropped).toBeGreaterThan(0);
  });

  it("an attack below the queue limit: each request gets 5 SYN-ACK retransmissions and leaves after 63 s", () => {
    const { series, summary } = runSynBacklogLab({ durationSeconds: 70, attackSynPerSecond: 1, backlog: 4096 });
    expect(summary.totalSynDropped).toBe(0);
    // Requests made at 0..69 s; those older than 63 s are gone by second 69.
    expect(series.at(-1)?.synQueue).toBe(63);
    expect(series.reduce((sum, row) => sum + row.synAckRetransmits, 0)).toBe(
      // request k (made at k s) has retransmitted at k+1, k+3, k+7, k+15, k+31 before 70 s
      Array.from({ length: 70 }, (_, k) => [1, 3, 7, 15, 31].filter((offset) => k + offset < 70).length).reduce((a, b) => a + b, 0),
    );
  });

  it("pruning (reqsk_timer_handler): a queue more than half full of old requests retries them only twice", () => {
    expect(pruningThreshold(10, 10, 128, 5)).toBe(5); // less than half full
    expect(pruningThreshold(100, 100, 128, 5)).toBe(5); // half full but all young
    expect(pruningThreshold(100, 0, 128, 5)).toBe(2); // no young requests at all
    expect(pruningThreshold(100, 30, 128, 5)).toBe(4); // young*2 = 60 <= 100 < young*4 = 120
  });

  it("a sustained flood without cookies expires old requests after 1 + 2 + 4 = 7 s instead of 63 s", () => {
    const { series } = runSynBacklogLab({ durationSeconds: 30, attackSynPerSecond: 50, backlog: 128, tcp_syncookies: 0 });
    // The queue never stays full for long: requests leave after 7 s, so about 50 x 7 fit... but only 129 do.
    const retransmitsLate = series.slice(20).reduce((sum, row) => sum + row.synAckRetransmits, 0);
    const droppedLate = series.slice(20).reduce((sum, row) => sum + row.synDropped, 0);
    expect(retransmitsLate).toBeGreaterThan(0);
    expect(droppedLate).toBeLessThan(50 * 10);
  });

  it("100 000 SYN/s for a minute runs in well under a second", () => {
    const started = performance.now();
    runSynBacklogLab({ durationSeconds: 60, attackSynPerSecond: 100_000, legitConnectsPerSecond: 1000, backlog: 1024 });
    expect(performance.now() - started).toBeLessThan(500);
  });
});
