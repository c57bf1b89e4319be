/** Comparing a "Run it yourself" recording with the capture the course shows. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeCapture } from "@/domain/tcp/pcap";
import { compareReproduction, reproductionToleranceMs, sentByACall } from "../../kernel/reproduce";
import { conversation, type Step } from "../pcap/helpers/conversation";
import { ACK, FIN, SYN } from "../pcap/helpers/packets";

const sample = (name: string) => new Uint8Array(readFileSync(new URL(`../../../public/captures/${name}.pcap`, import.meta.url)));

const close: Step[] = [
  { from: "c", flags: SYN, seq: 0 },
  { from: "s", flags: SYN | ACK, seq: 0, ack: 1 },
  { from: "c", flags: ACK, seq: 1, ack: 1 },
  { from: "c", flags: FIN | ACK, seq: 1, ack: 1, after: 100 },
  { from: "s", flags: ACK, seq: 1, ack: 2, after: 40 },
  { from: "s", flags: FIN | ACK, seq: 1, ack: 2, after: 500 },
  { from: "c", flags: ACK, seq: 2, ack: 2 },
];

describe("compareReproduction", () => {
  it("finds nothing between a capture and itself, and counts its segments", () => {
    expect(compareReproduction(sample("passive-close-delayed"), sample("passive-close-delayed"))).toEqual({ problems: [], segments: 9 });
  });

  it("accepts the run-to-run variation of the kernel's timers, ISNs and ports", () => {
    const shown = conversation(close);
    const run = conversation(
      close.map((step, index) => (index === 4 ? { ...step, after: 43 } : step)),
      { clientIsn: 77, serverIsn: 99, clientPort: 51234 },
    );
    expect(compareReproduction(shown, run).problems).toEqual([]);
  });

  it("names a segment the kernel sent at another time, beyond the tolerance", () => {
    // The server's delayed ACK of the client's FIN: 100 ms after it instead of 40 ms.
    const late = conversation(close.map((step, index) => (index === 4 ? { ...step, after: 100 } : step)));
    expect(compareReproduction(conversation(close), late).problems).toEqual([
      "connection 1, server segment 2 (ACK): shown 40.0 ms after the client's FIN+ACK, run 100.0 ms after it",
    ]);
  });

  it("does not time the programs' own calls, only what the kernel sends after them", () => {
    // The client closes 160 ms after the handshake instead of 100 ms, the server 300 ms after the ACK instead of 500 ms:
    // a busy machine stretched the programs' sleeps. The delayed ACK and the last ACK still come when the kernel sends them.
    const slower = conversation(close.map((step, index) => (index === 3 ? { ...step, after: 160 } : index === 5 ? { ...step, after: 300 } : step)));
    expect(compareReproduction(conversation(close), slower).problems).toEqual([]);
    const lateLastAck = conversation(close.map((step, index) => (index === 6 ? { ...step, after: 60 } : step)));
    expect(compareReproduction(conversation(close), lateLastAck).problems).toEqual([
      "connection 1, client segment 4 (ACK): shown 1.0 ms after the server's FIN+ACK, run 60.0 ms after it",
    ]);
  });

  it("tells the calls from what the kernel sends on its own", () => {
    const { segments } = analyzeCapture(conversation(close)).connections[0]!;
    expect(segments.map((segment) => sentByACall(segment))).toEqual([true, false, false, true, false, true, false]);
    const retransmitted = analyzeCapture(conversation([...close.slice(0, 4), { from: "c", flags: FIN | ACK, seq: 1, ack: 1, after: 200 }])).connections[0]!;
    expect(retransmitted.segments.map((segment) => sentByACall(segment))).toEqual([true, false, false, true, false]);
  });

  it("names another segment, a missing one, and other state paths", () => {
    const piggybacked = conversation([...close.slice(0, 4), { from: "s", flags: FIN | ACK, seq: 1, ack: 2 }, { from: "c", flags: ACK, seq: 2, ack: 2 }]);
    expect(compareReproduction(conversation(close), piggybacked).problems).toEqual([
      "connection 1, client segment 4 (ACK): shown 541.0 ms after the client's FIN+ACK, run 2.0 ms after it",
      "connection 1, server segment 2: shown ACK seq=1 ack=2 at 142.0 ms, run FIN+ACK seq=1 ack=2 at 103.0 ms",
    ]);
    const { problems } = compareReproduction(sample("abort"), sample("refused"));
    expect(problems[0]).toMatch(/^connection 1, client: the shown capture has ACK seq=1 ack=1 at [\d.]+ ms, the run nothing$/);
    expect(problems).toContain("connection 1, client states: shown CLOSED → SYN-SENT → ESTABLISHED → CLOSED, run CLOSED → SYN-SENT → CLOSED");
  });

  it("tolerates 20 ms, or 5 % of the time since the last call", () => {
    expect(reproductionToleranceMs(100)).toBe(20);
    expect(reproductionToleranceMs(67_000)).toBe(3350);
  });
});
