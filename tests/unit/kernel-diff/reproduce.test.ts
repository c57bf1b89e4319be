/** Comparing a "Run it yourself" recording with the capture the course shows. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compareReproduction, reproductionToleranceMs } from "../../kernel/reproduce";
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

  it("names a segment that came at another time, beyond the tolerance", () => {
    const late = conversation(close.map((step, index) => (index === 5 ? { ...step, after: 100 } : step)));
    expect(compareReproduction(conversation(close), late).problems).toEqual([
      "connection 1, client segment 4 (ACK): shown at 643.0 ms, run at 243.0 ms",
      "connection 1, server segment 3 (FIN+ACK): shown at 642.0 ms, run at 242.0 ms",
    ]);
  });

  it("names another segment, a missing one, and other state paths", () => {
    const piggybacked = conversation([...close.slice(0, 4), { from: "s", flags: FIN | ACK, seq: 1, ack: 2 }, { from: "c", flags: ACK, seq: 2, ack: 2 }]);
    expect(compareReproduction(conversation(close), piggybacked).problems).toEqual([
      "connection 1, client segment 4 (ACK): shown at 643.0 ms, run at 104.0 ms",
      "connection 1, server segment 2: shown ACK seq=1 ack=2 at 142.0 ms, run FIN+ACK seq=1 ack=2 at 103.0 ms",
    ]);
    const { problems } = compareReproduction(sample("abort"), sample("refused"));
    expect(problems[0]).toMatch(/^connection 1, client: the shown capture has ACK seq=1 ack=1 at [\d.]+ ms, the run nothing$/);
    expect(problems).toContain("connection 1, client states: shown CLOSED → SYN-SENT → ESTABLISHED → CLOSED, run CLOSED → SYN-SENT → CLOSED");
  });

  it("tolerates 20 ms, or 5 % of the time since the connection began", () => {
    expect(reproductionToleranceMs(100)).toBe(20);
    expect(reproductionToleranceMs(67_000)).toBe(3350);
  });
});
