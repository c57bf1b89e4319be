/** The pure parts of the capture viewer's hook: the packet rows and the states after a picked segment. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeCapture } from "@/domain/tcp/pcap";
import { capturePacketRows, statesAfter } from "@/components/simulator/use-capture-reading";

const connectionOf = (file: string) => {
  const connection = analyzeCapture(new Uint8Array(readFileSync(`public/captures/${file}`))).connections[0];
  if (connection === undefined) throw new Error(`${file} has no connection`);
  return connection;
};

describe("a captured connection in the viewer", () => {
  const connection = connectionOf("half-close.pcap");

  it("lists every segment by its frame, numbered relative to the ISNs or absolute", () => {
    const relative = capturePacketRows(connection, false, "en");
    expect(relative).toHaveLength(connection.segments.length);
    expect(relative.map((row) => row.id)).toEqual(connection.segments.map((_, index) => index + 1));
    expect(relative.map((row) => row.no)).toEqual(connection.segments.map((segment) => segment.frame));
    expect(relative[0]).toMatchObject({ from: "client", seq: 0, kind: "syn", ack: null });
    const absolute = capturePacketRows(connection, true, "en");
    expect(absolute[0]?.seq).toBe(connection.isn.client);
    // The SYN-ACK acknowledges the client's ISN + 1, in absolute numbers too.
    expect(absolute[1]?.ack).toBe(((connection.isn.client ?? 0) + 1) >>> 0);
    expect(capturePacketRows(connection, false, "zh")[0]?.direction).not.toBe(relative[0]?.direction);
  });

  it("gives each host's state before any segment, after a picked one and at the end", () => {
    expect(statesAfter(connection, -1)).toEqual({
      client: { state: connection.states.client[0], from: null },
      server: { state: connection.states.server[0], from: null },
    });
    const end = statesAfter(connection, connection.segments.length);
    expect(end.client.state).toBe(connection.states.client.at(-1));
    expect(end.server.state).toBe(connection.states.server.at(-1));
    // After the SYN the client waits for the SYN-ACK; the server has not answered yet.
    const first = connection.transitions.find((transition) => transition.segment === 0);
    if (first === undefined) throw new Error("no transition at the SYN");
    expect(statesAfter(connection, 0)[first.host]).toEqual({ state: first.to, from: first.from });
  });
});
