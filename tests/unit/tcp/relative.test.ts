/** Relative sequence numbers read as Wireshark (and the capture reader) show them. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runScenario, withRelativeNumbers } from "@/domain/tcp";
import { call, OPEN, scenario } from "./helpers";

const refusedCapture = JSON.parse(readFileSync(new URL("../../fixtures/captures/refused.expected.json", import.meta.url), "utf8")) as {
  connections: { segments: { from: string; flags: string[]; seq: number; ack: number | null }[] }[];
};

describe("withRelativeNumbers", () => {
  it("counts a handshake from each side's ISN: SYN seq 0, SYN-ACK seq 0 ack 1, ACK seq 1 ack 1", () => {
    const relative = withRelativeNumbers(runScenario(scenario(OPEN)).segments);
    expect(relative.map((s) => [s.from, s.flags.join("+"), s.relSeq, s.relAck])).toEqual([
      ["client", "SYN", 0, null],
      ["server", "SYN+ACK", 0, 1],
      ["client", "ACK", 1, 1],
    ]);
  });

  it("reads a refused connection's RST+ACK as seq 1 ack 1, exactly as tshark read the kernel's", () => {
    const engine = withRelativeNumbers(runScenario(scenario([call(0, "client", "connect")])).segments);
    const tshark = refusedCapture.connections[0]?.segments ?? [];
    expect(engine.map((s) => [s.from, s.flags.join("+"), s.relSeq, s.relAck])).toEqual(
      tshark.map((s) => [s.from, s.flags.join("+"), s.seq, s.ack]),
    );
    expect(engine[1]).toMatchObject({ flags: ["RST", "ACK"], relSeq: 1, relAck: 1 });
  });

  it("starts a new count at the SYN of a new incarnation, not at a retransmitted SYN", () => {
    const relative = withRelativeNumbers(
      runScenario(scenario([call(0, "client", "connect"), call(0, "server", "listen")], { drop: [{ from: "client", nth: 1 }] })).segments,
    );
    expect(relative.filter((s) => s.from === "client").map((s) => [s.flags.join("+"), s.relSeq])).toEqual([
      ["SYN", 0],
      ["SYN", 0],
      ["ACK", 1],
    ]);
  });
});
