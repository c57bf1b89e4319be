/**
 * The kernel differential test's judge, on kernel runs made from the engine's own trace: a run
 * that does what the engine does passes, and each kind of difference planted in it is found.
 */
import { describe, expect, it } from "vitest";
import { alignSegments, compareCase, timerSlackMs, type Difference, type SegmentView } from "../../kernel/compare";
import { engineTrace } from "../../kernel/engine-trace";
import { call, OPEN, scenario, send } from "../tcp/helpers";
import { syntheticKernelRun } from "./synthetic-kernel";

const FOUR_WAY = scenario([...OPEN, call(100, "client", "close"), call(300, "server", "close")]);
const LOST_FIN = scenario([...OPEN, send(50, "client", 100), call(100, "client", "close"), call(300, "server", "close")], { drop: [{ from: "client", nth: 4 }] });
const REFUSED = scenario([call(0, "client", "connect")]);

function kinds(differences: readonly Difference[]): string[] {
  return differences.map((difference) => (difference.kind === "segment" ? `segment ${difference.change}` : difference.kind));
}

describe("a kernel run that does what the engine does", () => {
  it.each([
    ["four-way close", FOUR_WAY],
    ["a lost FIN, retransmitted", LOST_FIN],
    ["a refused connection", REFUSED],
  ])("%s: no difference, every segment, state change and error judged", (_name, input) => {
    const trace = engineTrace(input);
    const comparison = compareCase(trace, syntheticKernelRun(trace), 62_000);
    expect(comparison.differences).toEqual([]);
    expect(comparison.harness).toEqual([]);
    expect(comparison.counts.segments).toBe(trace.result.segments.filter((segment) => segment.t <= 62_000).length);
    expect(comparison.counts.timings).toBeGreaterThan(comparison.counts.segments);
  });

  it("leaves what happens after the judged window out, and says so", () => {
    const trace = engineTrace(FOUR_WAY);
    const comparison = compareCase(trace, syntheticKernelRun(trace, 0.3, 4000), 1000);
    expect(comparison.differences).toEqual([]);
    expect(comparison.notJudged).toEqual(["client TIME-WAIT → CLOSED at 60310 ms"]);
  });
});

describe("differences it finds", () => {
  const trace = engineTrace(FOUR_WAY);

  it("a segment the kernel did not send", () => {
    const kernel = syntheticKernelRun(trace);
    kernel.segments.splice(4, 1); // the server's ACK of the client's FIN
    const differences = compareCase(trace, kernel, 62_000).differences;
    expect(differences[0]).toMatchObject({ kind: "segment", change: "missing", host: "server", engine: { id: 5, flags: ["ACK"] } });
  });

  it("a segment only the kernel sent", () => {
    const kernel = syntheticKernelRun(trace);
    kernel.segments.push({ ...kernel.segments[6]!, t: 400 });
    expect(compareCase(trace, kernel, 62_000).differences).toEqual([expect.objectContaining({ kind: "segment", change: "extra", host: "client" })]);
  });

  it("other numbers on a segment, naming the fields; other flags, as one segment for another", () => {
    const kernel = syntheticKernelRun(trace);
    kernel.segments[5] = { ...kernel.segments[5]!, flags: ["RST", "ACK"] };
    kernel.segments[6] = { ...kernel.segments[6]!, relAck: 3, len: 5 };
    const differences = compareCase(trace, kernel, 62_000).differences;
    expect(differences).toContainEqual(expect.objectContaining({ kind: "segment", change: "missing", engine: expect.objectContaining({ flags: ["FIN", "ACK"] }) }));
    expect(differences).toContainEqual(expect.objectContaining({ kind: "segment", change: "extra", kernel: expect.objectContaining({ flags: ["RST", "ACK"] }) }));
    expect(differences).toContainEqual(expect.objectContaining({ kind: "segment", change: "changed", fields: ["relAck", "len"] }));
  });

  it("a reply that left later than the arrival it answers", () => {
    const kernel = syntheticKernelRun(trace);
    kernel.segments[1] = { ...kernel.segments[1]!, t: kernel.segments[1]!.t + 8 }; // SYN-ACK 8 ms after the SYN arrived
    const differences = compareCase(trace, kernel, 62_000).differences;
    expect(differences).toContainEqual(expect.objectContaining({ kind: "segment-time", host: "server", cause: "segment 1 arrived at the server at 10 ms" }));
  });

  it("a timer that fired early, or later than the timer wheel allows", () => {
    const lost = engineTrace(LOST_FIN);
    const retransmission = lost.result.segments.findIndex((segment) => segment.retransmission);
    expect(retransmission).toBeGreaterThan(0);
    for (const shift of [-20, timerSlackMs(200) + 10]) {
      const kernel = syntheticKernelRun(lost);
      kernel.segments[retransmission] = { ...kernel.segments[retransmission]!, t: kernel.segments[retransmission]!.t + shift };
      const differences = compareCase(lost, kernel, 62_000).differences;
      expect(differences).toContainEqual(expect.objectContaining({ kind: "segment-time", cause: expect.stringMatching(/timer \(\d+ ms\) fired/) }));
    }
  });

  it("a timer the wheel fires late, within its slack, is no difference", () => {
    const lost = engineTrace(LOST_FIN);
    const retransmission = lost.result.segments.findIndex((segment) => segment.retransmission);
    const kernel = syntheticKernelRun(lost);
    kernel.segments[retransmission] = { ...kernel.segments[retransmission]!, t: kernel.segments[retransmission]!.t + 6 };
    expect(kinds(compareCase(lost, kernel, 62_000).differences)).not.toContain("segment-time");
  });

  it("a state the engine went through that the kernel never showed, or one it did not go through", () => {
    const kernel = syntheticKernelRun(trace);
    kernel.states.client = kernel.states.client.filter((observation) => observation.state !== "FIN-WAIT-2");
    kernel.states.server = [...kernel.states.server.slice(0, 3), { t: 40, state: "CLOSING", since: 39 }, ...kernel.states.server.slice(3)];
    const differences = compareCase(trace, kernel, 62_000).differences;
    expect(differences).toContainEqual(expect.objectContaining({ kind: "states", host: "client" }));
    expect(differences).toContainEqual(expect.objectContaining({ kind: "states", host: "server" }));
  });

  it("a state the kernel entered at another time than its cause", () => {
    const kernel = syntheticKernelRun(trace);
    const timeWait = kernel.states.client.findIndex((observation) => observation.state === "TIME-WAIT");
    kernel.states.client[timeWait] = { t: 500, state: "TIME-WAIT", since: 499 };
    expect(compareCase(trace, kernel, 62_000).differences).toContainEqual(
      expect.objectContaining({ kind: "state-time", host: "client", state: "TIME-WAIT", cause: "segment 6 arrived at the client at 310 ms" }),
    );
  });

  it("TIME-WAIT that ended sooner than 60 s", () => {
    const kernel = syntheticKernelRun(trace);
    kernel.states.client[kernel.states.client.length - 1] = { t: 30_000, state: "CLOSED", since: 29_900 };
    expect(compareCase(trace, kernel, 62_000).differences).toContainEqual(
      expect.objectContaining({ kind: "state-time", state: "CLOSED", cause: "the client's time-wait timer (60000 ms) fired at 60310 ms" }),
    );
  });

  it("another error, or the same error at another time", () => {
    const refused = engineTrace(REFUSED);
    const other = syntheticKernelRun(refused);
    other.errors = [{ ...other.errors[0]!, code: "ETIMEDOUT" }];
    expect(compareCase(refused, other, 62_000).differences).toEqual([
      expect.objectContaining({ kind: "errors", host: "client", engine: ["ECONNREFUSED"], kernel: ["ETIMEDOUT"] }),
    ]);
    const late = syntheticKernelRun(refused);
    late.errors = [{ ...late.errors[0]!, t: 900 }];
    expect(kinds(compareCase(refused, late, 62_000).differences)).toEqual(["error-time"]);
  });

  it("a recording that cannot be trusted: late calls, a slow wire", () => {
    const kernel = syntheticKernelRun(trace);
    kernel.calls[2] = { ...kernel.calls[2]!, t: 120 };
    kernel.wire[0] = { ...kernel.wire[0]!, arriveAt: kernel.wire[0]!.t + 25 };
    expect(compareCase(trace, kernel, 62_000).harness).toEqual([
      "client's close() ran at 120 ms instead of 100 ms",
      "the wire delivered segment 1 25 ms after it was sent (latency 10 ms)",
    ]);
  });
});

describe("timerSlackMs", () => {
  it("is two jiffies plus the wheel level's granularity: 8 ms below 252 ms, 40 ms at 1 s, about 2 s at 60 s", () => {
    expect(timerSlackMs(40)).toBe(12);
    expect(timerSlackMs(200)).toBe(12);
    expect(timerSlackMs(1000)).toBe(40);
    expect(timerSlackMs(60_000)).toBe(2056);
  });
});

describe("alignSegments", () => {
  const segment = (flags: string[], relSeq: number): SegmentView => ({ t: 0, flags, relSeq, relAck: 1, len: 0, dropped: false });

  it("pairs equal segments, marks a missing one and keeps the rest paired", () => {
    const engine = [segment(["SYN"], 0), segment(["ACK"], 1), segment(["FIN", "ACK"], 1)];
    const kernel = [segment(["SYN"], 0), segment(["FIN", "ACK"], 1)];
    expect(alignSegments(engine, kernel)).toEqual([{ engine: 0, kernel: 0 }, { engine: 1 }, { engine: 2, kernel: 1 }]);
  });

  it("pairs segments with the same flags but other numbers as changed", () => {
    expect(alignSegments([segment(["ACK"], 1)], [segment(["ACK"], 2)])).toEqual([{ engine: 0, kernel: 0 }]);
  });
});
