/**
 * What a `discard` event means (ADR 0190): the segment changed nothing but, at most, a reply.
 * A segment the engine handled (queued, or one that ends, restarts or reopens TIME-WAIT) leaves
 * its effects in the trace and a `note` with the same words, never a `discard`.
 */
import { describe, expect, it } from "vitest";
import { createNarrator, runScenario, type ScenarioResult, type SimEvent } from "@/domain/tcp";
import { call, OPEN, scenario, send } from "./helpers";

/** The event right after the segment's delivery to its receiver. */
function afterDelivery(result: ScenarioResult, segment: number): SimEvent | undefined {
  const delivered = result.events.findIndex((event) => event.kind === "deliver" && event.segment === segment);
  return delivered === -1 ? undefined : result.events[delivered + 1];
}

function discardsOf(result: ScenarioResult, segment: number): SimEvent[] {
  return result.events.filter((event) => event.kind === "discard" && event.segment === segment);
}

describe("discard events", () => {
  it("a segment held out of order is queued, not discarded, and its data is taken once the gap is filled", () => {
    // The client's first data segment is lost; the second arrives beyond RCV.NXT.
    const result = runScenario(scenario([...OPEN, send(100, "client", 2920)], { drop: [{ from: "client", nth: 3 }] }));
    const second = result.segments.find((segment) => segment.from === "client" && segment.len > 0 && !segment.dropped && !segment.retransmission);
    expect(second).toBeDefined();
    const id = second!.id;
    expect(afterDelivery(result, id)).toMatchObject({ kind: "note", host: "server", text: "out of order: queued, duplicate ACK sent" });
    expect(discardsOf(result, id)).toEqual([]);
    // Once the retransmission fills the gap, the server acknowledges both segments at once.
    const finalAck = result.segments.find((segment) => segment.from === "server" && segment.ack === second!.seq + second!.len);
    expect(finalAck).toBeDefined();
    // Narration is the same sentence a discard had.
    const narrate = createNarrator(result.segments);
    expect(narrate(afterDelivery(result, id)!)).toBe("server: out of order: queued, duplicate ACK sent");
  });

  it("an RST that ends TIME-WAIT is handled (a note, then the transition), not discarded", () => {
    // The final ACK is lost and the server's FIN retransmission comes too late: the client's
    // re-ACK meets a closed port, and that RST assassinates the client's TIME-WAIT.
    const result = runScenario(
      scenario([...OPEN, call(100, "client", "close"), call(110, "server", "close")], {
        drop: [{ from: "client", nth: 4 }],
        reorder: { delays: [{ from: "server", nth: 3, extraMs: 2000 }] },
      }),
    );
    const reset = result.segments.find((segment) => segment.from === "server" && segment.flags.includes("RST"));
    expect(reset).toBeDefined();
    expect(afterDelivery(result, reset!.id)).toMatchObject({ kind: "note", host: "client", text: "RST in TIME-WAIT: TIME-WAIT assassination" });
    expect(discardsOf(result, reset!.id)).toEqual([]);
    expect(result.transitions.at(-1)).toMatchObject({ host: "client", from: "TIME-WAIT", to: "CLOSED", cause: "recv RST" });
  });

  it("a segment that changes nothing is still discarded, with the reason and the reply after it", () => {
    // No listener: the SYN reaches a closed port and is answered with an RST.
    const result = runScenario(scenario([call(0, "client", "connect")], { until: 500 }));
    const syn = result.segments[0]!;
    expect(afterDelivery(result, syn.id)).toMatchObject({ kind: "discard", host: "server", segment: syn.id, reason: "no connection: answered with RST" });
    // With tcp_rfc1337 the same RST in TIME-WAIT changes nothing: a discard.
    const ignored = runScenario(
      scenario([...OPEN, call(100, "client", "close"), call(110, "server", "close")], {
        drop: [{ from: "client", nth: 4 }],
        reorder: { delays: [{ from: "server", nth: 3, extraMs: 2000 }] },
        sysctl: { tcp_rfc1337: 1 },
      }),
    );
    const reset = ignored.segments.find((segment) => segment.from === "server" && segment.flags.includes("RST"));
    expect(discardsOf(ignored, reset!.id)).toMatchObject([{ reason: "RST in TIME-WAIT ignored (tcp_rfc1337)" }]);
  });
});
