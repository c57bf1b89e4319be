import { describe, expect, it } from "vitest";
import { analyzeCapture, analyzeCaptureStream, LinkType, type CaptureConnection } from "@/domain/tcp/pcap";
import { chunked, pcapFile, pcapngSection } from "./helpers/containers";
import { CLIENT_ISN, conversation, records, type Step } from "./helpers/conversation";
import { ACK, CWR, ECE, FIN, ipv4, option, PSH, RST, SYN, tcpSegment } from "./helpers/packets";

const handshake: Step[] = [
  { from: "c", flags: SYN, seq: 0 },
  { from: "s", flags: SYN | ACK, seq: 0, ack: 1 },
  { from: "c", flags: ACK, seq: 1, ack: 1 },
];

const clientClosesFirst: Step[] = [
  ...handshake,
  { from: "c", flags: FIN | ACK, seq: 1, ack: 1 },
  { from: "s", flags: ACK, seq: 1, ack: 2 },
  { from: "s", flags: FIN | ACK, seq: 1, ack: 2 },
  { from: "c", flags: ACK, seq: 2, ack: 2 },
];

function only(steps: Step[]): CaptureConnection {
  const { connections } = analyzeCapture(conversation(steps));
  expect(connections).toHaveLength(1);
  return connections[0] as CaptureConnection;
}

function retransmissions(connection: CaptureConnection): number[] {
  return connection.segments.flatMap((segment, index) => (segment.retransmission ? [index] : []));
}

describe("state paths", () => {
  it("follow a handshake and an active close, with the segment behind each transition", () => {
    const connection = only(clientClosesFirst);
    expect(connection.states).toEqual({
      client: ["CLOSED", "SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT"],
      server: ["LISTEN", "SYN-RECEIVED", "ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED"],
    });
    const shown = (before: number | null, shownBy: string) => ({ crossedBy: [], shownBy, before });
    expect(connection.transitions).toEqual([
      { segment: 0, host: "client", from: "CLOSED", to: "SYN-SENT", by: "sent", rule: "active-open" },
      { segment: 0, host: "server", from: "LISTEN", to: "SYN-RECEIVED", by: "received", rule: "syn-in-listen", arrival: shown(1, "acknowledgement") },
      { segment: 1, host: "client", from: "SYN-SENT", to: "ESTABLISHED", by: "received", rule: "syn-ack-in-syn-sent", arrival: shown(2, "acknowledgement") },
      { segment: 2, host: "server", from: "SYN-RECEIVED", to: "ESTABLISHED", by: "received", rule: "ack-of-syn", arrival: shown(4, "assumed") },
      { segment: 3, host: "client", from: "ESTABLISHED", to: "FIN-WAIT-1", by: "sent", rule: "close" },
      { segment: 3, host: "server", from: "ESTABLISHED", to: "CLOSE-WAIT", by: "received", rule: "fin", arrival: shown(4, "acknowledgement") },
      { segment: 4, host: "client", from: "FIN-WAIT-1", to: "FIN-WAIT-2", by: "received", rule: "ack-of-fin", arrival: shown(6, "assumed") },
      { segment: 5, host: "server", from: "CLOSE-WAIT", to: "LAST-ACK", by: "sent", rule: "close" },
      { segment: 5, host: "client", from: "FIN-WAIT-2", to: "TIME-WAIT", by: "received", rule: "fin", arrival: shown(6, "acknowledgement") },
      { segment: 6, host: "server", from: "LAST-ACK", to: "CLOSED", by: "received", rule: "ack-of-fin", arrival: shown(null, "end-of-capture") },
    ]);
    expect(connection.notes).toEqual([]);
  });

  it("handle a simultaneous open", () => {
    const connection = only([
      { from: "c", flags: SYN, seq: 0 },
      { from: "s", flags: SYN, seq: 0 },
      { from: "c", flags: SYN | ACK, seq: 0, ack: 1 },
      { from: "s", flags: SYN | ACK, seq: 0, ack: 1 },
      { from: "c", flags: ACK, seq: 1, ack: 1 },
    ]);
    const path = ["CLOSED", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED"];
    expect(connection.states).toEqual({ client: path, server: path });
  });

  it("put crossing FINs through CLOSING on both ends (the second FIN does not acknowledge the first)", () => {
    const connection = only([
      ...handshake,
      { from: "c", flags: FIN | ACK, seq: 1, ack: 1 },
      { from: "s", flags: FIN | ACK, seq: 1, ack: 1 },
      { from: "s", flags: ACK, seq: 2, ack: 2 },
      { from: "c", flags: ACK, seq: 2, ack: 2 },
    ]);
    const tail = ["ESTABLISHED", "FIN-WAIT-1", "CLOSING", "TIME-WAIT"];
    expect(connection.states).toEqual({ client: ["CLOSED", "SYN-SENT", ...tail], server: ["LISTEN", "SYN-RECEIVED", ...tail] });
  });

  it("list crossing FINs' transitions by segment, each end in its own order", () => {
    const connection = only([
      ...handshake,
      { from: "c", flags: FIN | ACK, seq: 1, ack: 1 },
      { from: "s", flags: FIN | ACK, seq: 1, ack: 1 },
      { from: "s", flags: ACK, seq: 2, ack: 2 },
      { from: "c", flags: ACK, seq: 2, ack: 2 },
    ]);
    expect(connection.transitions.slice(4).map((t) => [t.segment, t.host, t.to])).toEqual([
      [3, "client", "FIN-WAIT-1"],
      [4, "server", "FIN-WAIT-1"],
      [3, "server", "CLOSING"],
      [4, "client", "CLOSING"],
      [5, "client", "TIME-WAIT"],
      [6, "server", "TIME-WAIT"],
    ]);
  });

  it("credit the ACK that arrived when the SYN+ACK was retransmitted after earlier ACKs", () => {
    const connection = only([
      ...handshake,
      { from: "s", flags: SYN | ACK, seq: 0, ack: 1, after: 1000 },
      { from: "c", flags: ACK, seq: 1, ack: 1 },
      { from: "s", flags: PSH | ACK, seq: 1, ack: 1, len: 10 },
    ]);
    expect(connection.transitions.find((t) => t.host === "server" && t.to === "ESTABLISHED")?.segment).toBe(4);
    expect(connection.states.server).toEqual(["LISTEN", "SYN-RECEIVED", "ESTABLISHED"]);
  });

  it("keep the ACK a quick second SYN+ACK crossed: that SYN+ACK answers a retransmitted SYN, it is not a timer's", () => {
    // A kernel run (10 ms each way): the first SYN+ACK is lost; the client's second SYN and the
    // server's timer SYN+ACK leave together; the client ACKs that SYN+ACK just before the server
    // answers the second SYN. The first ACK was on its way, not lost: it made the server ESTABLISHED.
    const ts = (value: number, echo: number) => option.timestamps(value, echo);
    const connection = only([
      { from: "c", flags: SYN, seq: 0, options: ts(100, 0) },
      { from: "s", flags: SYN | ACK, seq: 0, ack: 1, after: 10.2, options: ts(5000, 100) },
      { from: "c", flags: SYN, seq: 0, after: 1007.2, options: ts(1117, 0) },
      { from: "s", flags: SYN | ACK, seq: 0, ack: 1, after: 0, options: ts(6007, 100) },
      { from: "c", flags: ACK, seq: 1, ack: 1, after: 10.2, options: ts(1128, 6007) },
      { from: "s", flags: SYN | ACK, seq: 0, ack: 1, after: 0.1, options: ts(6018, 1117) },
      { from: "c", flags: ACK, seq: 1, ack: 1, after: 10.3, options: ts(1138, 6018) },
    ]);
    const established = connection.transitions.find((t) => t.host === "server" && t.to === "ESTABLISHED");
    expect(established?.segment).toBe(4);
    expect(established?.arrival?.crossedBy).toEqual([{ segment: 5, basis: "timestamps" }]);
    expect(connection.states.server).toEqual(["LISTEN", "SYN-RECEIVED", "ESTABLISHED"]);
  });

  it("credit the copy of a FIN sent twice whose timestamp the receiver echoes (both first FINs lost, the second ones cross)", () => {
    const ts = (value: number, echo: number) => option.timestamps(value, echo);
    const connection = only([
      { from: "c", flags: SYN, seq: 0, options: ts(100, 0) },
      { from: "s", flags: SYN | ACK, seq: 0, ack: 1, options: ts(5000, 100) },
      { from: "c", flags: ACK, seq: 1, ack: 1, options: ts(101, 5000) },
      { from: "c", flags: FIN | ACK, seq: 1, ack: 1, options: ts(300, 5000) },
      { from: "s", flags: FIN | ACK, seq: 1, ack: 1, options: ts(5300, 101) },
      { from: "s", flags: FIN | ACK, seq: 1, ack: 1, after: 200, options: ts(5500, 101) },
      { from: "c", flags: FIN | ACK, seq: 1, ack: 1, options: ts(500, 5000) },
      { from: "c", flags: ACK, seq: 2, ack: 2, options: ts(510, 5500) },
      { from: "s", flags: ACK, seq: 2, ack: 2, options: ts(5510, 500) },
    ]);
    const closing = (host: string) => connection.transitions.find((t) => t.host === host && t.to === "CLOSING");
    expect(closing("server")?.segment).toBe(6);
    expect(closing("client")?.segment).toBe(5);
    expect(connection.states.server).toEqual(["LISTEN", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1", "CLOSING", "TIME-WAIT"]);
  });

  it("credit the SYN+ACK the client echoes, and without timestamps the first copy", () => {
    const ts = (value: number, echo: number) => option.timestamps(value, echo);
    const timed = only([
      { from: "c", flags: SYN, seq: 0, options: ts(100, 0) },
      { from: "s", flags: SYN | ACK, seq: 0, ack: 1, options: ts(5000, 100) },
      { from: "s", flags: SYN | ACK, seq: 0, ack: 1, after: 1000, options: ts(6000, 100) },
      { from: "c", flags: ACK, seq: 1, ack: 1, options: ts(1100, 6000) },
    ]);
    expect(timed.transitions.find((t) => t.host === "client" && t.to === "ESTABLISHED")?.segment).toBe(2);
    // The first copy arrived and the second crossed the client's ACK (TSecr 5000): the first gets it.
    const spurious = only([
      { from: "c", flags: SYN, seq: 0, options: ts(100, 0) },
      { from: "s", flags: SYN | ACK, seq: 0, ack: 1, options: ts(5000, 100) },
      { from: "s", flags: SYN | ACK, seq: 0, ack: 1, options: ts(5001, 100) },
      { from: "c", flags: ACK, seq: 1, ack: 1, options: ts(101, 5000) },
    ]);
    expect(spurious.transitions.find((t) => t.host === "client" && t.to === "ESTABLISHED")?.segment).toBe(1);
    const untimed = only([
      { from: "c", flags: SYN, seq: 0 },
      { from: "s", flags: SYN | ACK, seq: 0, ack: 1 },
      { from: "s", flags: SYN | ACK, seq: 0, ack: 1, after: 1000 },
      { from: "c", flags: ACK, seq: 1, ack: 1 },
    ]);
    expect(untimed.transitions.find((t) => t.host === "client" && t.to === "ESTABLISHED")?.segment).toBe(1);
  });

  it("let data flow after the first FIN (half-close)", () => {
    const connection = only([
      ...handshake,
      { from: "c", flags: FIN | ACK, seq: 1, ack: 1 },
      { from: "s", flags: PSH | ACK, seq: 1, ack: 2, len: 100 },
      { from: "c", flags: ACK, seq: 2, ack: 101 },
      { from: "s", flags: FIN | ACK, seq: 101, ack: 2 },
      { from: "c", flags: ACK, seq: 2, ack: 102 },
    ]);
    expect(connection.states.client).toEqual(["CLOSED", "SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT"]);
    expect(connection.states.server).toEqual(["LISTEN", "SYN-RECEIVED", "ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED"]);
  });

  it("send a passive end back to LISTEN when its SYN+ACK is answered with RST", () => {
    const connection = only([...handshake.slice(0, 2), { from: "c", flags: RST, seq: 1 }]);
    expect(connection.states).toEqual({ client: ["CLOSED", "SYN-SENT", "CLOSED"], server: ["LISTEN", "SYN-RECEIVED", "LISTEN"] });
  });

  it("start a refused connection's server in CLOSED", () => {
    const connection = only([{ from: "c", flags: SYN, seq: 0 }, { from: "s", flags: RST | ACK, seq: 0, ack: 1 }]);
    expect(connection.states).toEqual({ client: ["CLOSED", "SYN-SENT", "CLOSED"], server: ["CLOSED"] });
  });

  it("ignore a RST at an unexpected sequence number, as Linux does (RFC 5961)", () => {
    const connection = only([...handshake, { from: "c", flags: RST, seq: 5000 }]);
    expect(connection.states.server).toEqual(["LISTEN", "SYN-RECEIVED", "ESTABLISHED"]);
    expect(connection.notes.map((note) => note.message)).toEqual(["segment 3: the server ignores a RST outside the expected sequence number (RFC 5961)"]);
  });

  it("accept a RST one below the expected sequence number after a FIN arrived", () => {
    const connection = only([
      ...handshake,
      { from: "c", flags: FIN | ACK, seq: 1, ack: 1 },
      { from: "s", flags: ACK, seq: 1, ack: 2 },
      { from: "c", flags: RST, seq: 1 },
    ]);
    expect(connection.states.server).toEqual(["LISTEN", "SYN-RECEIVED", "ESTABLISHED", "CLOSE-WAIT", "CLOSED"]);
  });

  it("end TIME-WAIT on an in-sequence RST (Linux, tcp_rfc1337=0)", () => {
    const connection = only([...clientClosesFirst, { from: "s", flags: RST, seq: 2 }]);
    expect(connection.states.client.slice(-2)).toEqual(["TIME-WAIT", "CLOSED"]);
  });

  it("leave a silent server LISTENing and say so", () => {
    const connection = only([{ from: "c", flags: SYN, seq: 0 }, { from: "c", flags: SYN, seq: 0, after: 1000 }]);
    expect(connection.states).toEqual({ client: ["CLOSED", "SYN-SENT"], server: ["LISTEN"] });
    expect(connection.notes).toMatchObject([
      { code: "syn-unanswered", params: { role: "server", count: 2 } },
      { code: "silent-end", params: { role: "server", state: "LISTEN" } },
    ]);
    expect(connection.notes.map((note) => note.message)).toEqual([
      "the server never answered the 2 SYNs it was sent: its states assume they never arrived",
      "the server sent nothing: its state before the first segment (LISTEN) is assumed",
    ]);
  });

  it("stay bounded when only one direction was captured", () => {
    const steps: Step[] = [...handshake];
    for (let i = 0; i < 2000; i++) steps.push({ from: "c", flags: ACK, seq: 1 + 10 * i, ack: 1, len: 10 });
    steps.push({ from: "c", flags: FIN | ACK, seq: 20001, ack: 1 });
    const connection = only(steps);
    expect(connection.states.client).toEqual(["CLOSED", "SYN-SENT", "ESTABLISHED", "FIN-WAIT-1"]);
    expect(connection.states.server).toEqual(["LISTEN", "SYN-RECEIVED", "ESTABLISHED", "CLOSE-WAIT"]);
  });
});

describe("crossing segments, placed by TCP timestamps (TSval/TSecr)", () => {
  const ts = (value: number, echo: number) => option.timestamps(value, echo);
  const timedHandshake: Step[] = [
    { from: "c", flags: SYN, seq: 0, options: ts(100, 0) },
    { from: "s", flags: SYN | ACK, seq: 0, ack: 1, options: ts(5000, 100) },
    { from: "c", flags: ACK, seq: 1, ack: 1, options: ts(101, 5000) },
  ];

  it("a RST the server's FIN crossed arrives after the FIN: the server went FIN-WAIT-1 before the RST closed it", () => {
    const connection = only([
      ...timedHandshake,
      { from: "c", flags: RST | ACK, seq: 1, ack: 1, options: ts(200, 5000) },
      // TSecr 101: the server had not seen the RST (TSval 200) when it sent its FIN.
      { from: "s", flags: FIN | ACK, seq: 1, ack: 1, options: ts(5100, 101) },
    ]);
    expect(connection.states.server).toEqual(["LISTEN", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1", "CLOSED"]);
    expect(connection.transitions.filter((t) => t.host === "server").slice(-2)).toEqual([
      { segment: 4, host: "server", from: "ESTABLISHED", to: "FIN-WAIT-1", by: "sent", rule: "close" },
      {
        segment: 3, host: "server", from: "FIN-WAIT-1", to: "CLOSED", by: "received", rule: "reset",
        arrival: { crossedBy: [{ segment: 4, basis: "timestamps" }], shownBy: "end-of-capture", before: null },
      },
    ]);
  });

  it("without timestamps the RST is taken as arrived first (nothing shows otherwise)", () => {
    const connection = only([...handshake, { from: "c", flags: RST | ACK, seq: 1, ack: 1 }, { from: "s", flags: FIN | ACK, seq: 1, ack: 1 }]);
    expect(connection.states.server).toEqual(["LISTEN", "SYN-RECEIVED", "ESTABLISHED", "CLOSED"]);
    expect(connection.transitions.at(-1)?.arrival).toEqual({ crossedBy: [], shownBy: "assumed", before: 4 });
  });

  it("an ACK whose TSval the next segment echoes had arrived before it", () => {
    const connection = only([...timedHandshake, { from: "s", flags: PSH | ACK, seq: 1, ack: 1, len: 10, options: ts(5010, 101) }]);
    expect(connection.transitions.find((t) => t.to === "ESTABLISHED" && t.host === "server")?.arrival).toEqual({
      crossedBy: [],
      shownBy: "timestamps",
      before: 3,
    });
  });

  it("the acknowledgement number wins over an older TSecr (a receiver with an ACK pending keeps its older TS.Recent)", () => {
    const connection = only([
      ...timedHandshake,
      { from: "c", flags: FIN | ACK, seq: 1, ack: 1, options: ts(300, 5000) },
      { from: "s", flags: FIN | ACK, seq: 1, ack: 2, options: ts(5200, 101) },
    ]);
    expect(connection.states.server).toEqual(["LISTEN", "SYN-RECEIVED", "ESTABLISHED", "CLOSE-WAIT", "LAST-ACK"]);
  });

  it("crossing FINs name the FIN each one crossed, by its acknowledgement number", () => {
    const connection = only([
      ...handshake,
      { from: "c", flags: FIN | ACK, seq: 1, ack: 1 },
      { from: "s", flags: FIN | ACK, seq: 1, ack: 1 },
      { from: "s", flags: ACK, seq: 2, ack: 2 },
      { from: "c", flags: ACK, seq: 2, ack: 2 },
    ]);
    const closing = connection.transitions.find((t) => t.host === "server" && t.to === "CLOSING");
    expect(closing).toMatchObject({ segment: 3, by: "received", rule: "fin", arrival: { crossedBy: [{ segment: 4, basis: "acknowledgement" }], shownBy: "acknowledgement", before: 5 } });
  });
});

describe("who is the client", () => {
  it("is the receiver of the first SYN+ACK when the SYN is missing", () => {
    const connection = only(handshake.slice(1));
    expect([connection.client, connection.roleBasis]).toEqual(["10.0.0.1:40000", "syn-ack"]);
    expect(connection.states).toEqual({ client: ["SYN-SENT", "ESTABLISHED"], server: ["SYN-RECEIVED", "ESTABLISHED"] });
    expect(connection.notes[0]?.message).toMatch(/after the client's SYN/);
  });

  it("is the end with the ephemeral-looking port when the capture starts mid-connection", () => {
    const { connections } = analyzeCapture(conversation([{ from: "s", flags: PSH | ACK, seq: 1, ack: 1, len: 5 }, { from: "c", flags: ACK, seq: 1, ack: 6 }], { clientPort: 50123, serverPort: 443 }));
    const connection = connections[0] as CaptureConnection;
    expect([connection.client, connection.server, connection.roleBasis]).toEqual(["10.0.0.1:50123", "10.0.0.2:443", "port"]);
    expect(connection.segments.map((s) => [s.from, s.seq, s.ack])).toEqual([["server", 1, 1], ["client", 1, 6]]);
    expect(connection.states).toEqual({ client: ["ESTABLISHED"], server: ["ESTABLISHED"] });
    expect(connection.notes.map((note) => note.message)).toEqual([
      "the capture starts mid-connection: both ends are assumed ESTABLISHED; the client is 10.0.0.1:50123 because port 443 looks like the service port",
    ]);
  });

  it("is the sender of the first segment when the ports tell nothing", () => {
    const { connections } = analyzeCapture(conversation([{ from: "s", flags: ACK, seq: 1, ack: 1 }], { clientPort: 50000, serverPort: 40000 }));
    expect([connections[0]?.client, connections[0]?.roleBasis]).toEqual(["10.0.0.2:40000", "first-segment"]);
  });
});

describe("connections", () => {
  it("split a reused 4-tuple at a SYN with a new initial sequence number", () => {
    const first = records(clientClosesFirst);
    const second = records(handshake, { clientIsn: CLIENT_ISN + 70000 }, 2000);
    const { connections } = analyzeCapture(pcapFile({ linkType: LinkType.IPV4, records: [...first, ...second] }));
    expect(connections).toHaveLength(2);
    expect(connections.map((c) => [c.isn.client, c.segments.length, c.segments[0]?.seq])).toEqual([
      [CLIENT_ISN, 7, 0],
      [CLIENT_ISN + 70000, 3, 0],
    ]);
    expect(connections[0]?.notes.map((note) => note.message)).toEqual(["its 4-tuple is reused by a new connection from frame 8"]);
  });

  it("keep a retransmitted SYN in its connection", () => {
    const connection = only([{ from: "c", flags: SYN, seq: 0 }, { from: "c", flags: SYN, seq: 0, after: 1000 }, ...handshake.slice(1)]);
    expect(retransmissions(connection)).toEqual([1]);
  });

  it("list at most maxSegmentsPerConnection segments but analyse them all", () => {
    const { connections } = analyzeCapture(conversation(clientClosesFirst), { maxSegmentsPerConnection: 2 });
    expect(connections[0]?.segments).toHaveLength(2);
    expect(connections[0]?.segmentsOmitted).toBe(5);
    expect(connections[0]?.states.client.at(-1)).toBe("TIME-WAIT");
  });
});

/** Each expectation here is what tshark 4.0.17 reports for the same synthetic capture. */
describe("retransmissions, as Wireshark flags them", () => {
  const established: Step[] = [...handshake, { from: "c", flags: PSH | ACK, seq: 1, ack: 1, len: 100 }, { from: "s", flags: ACK, seq: 1, ack: 101 }];

  it("flag resent data and a resent FIN", () => {
    const connection = only([
      ...handshake,
      { from: "c", flags: PSH | ACK, seq: 1, ack: 1, len: 100 },
      { from: "c", flags: PSH | ACK, seq: 1, ack: 1, len: 100, after: 200 },
      { from: "s", flags: ACK, seq: 1, ack: 101 },
      { from: "c", flags: FIN | ACK, seq: 101, ack: 1 },
      { from: "c", flags: FIN | ACK, seq: 101, ack: 1, after: 200 },
    ]);
    expect(retransmissions(connection)).toEqual([4, 7]);
  });

  it("do not flag keep-alives (one byte before the next sequence number) or their ACKs", () => {
    const connection = only([
      ...established,
      { from: "c", flags: ACK, seq: 100, ack: 1, after: 1000 },
      { from: "s", flags: ACK, seq: 1, ack: 101 },
      { from: "c", flags: ACK, seq: 100, ack: 1, len: 1, after: 1000 },
    ]);
    expect(retransmissions(connection)).toEqual([]);
  });

  it("do not flag a zero-window probe", () => {
    const connection = only([
      ...handshake,
      { from: "c", flags: PSH | ACK, seq: 1, ack: 1, len: 100 },
      { from: "s", flags: ACK, seq: 1, ack: 101, window: 0 },
      { from: "c", flags: ACK, seq: 101, ack: 1, len: 1, after: 200 },
      { from: "s", flags: ACK, seq: 1, ack: 101, window: 0 },
      { from: "c", flags: ACK, seq: 101, ack: 1, len: 1, after: 400 },
    ]);
    expect(retransmissions(connection)).toEqual([]);
  });

  it("flag data the receiver had already acknowledged (spurious retransmission)", () => {
    const connection = only([...established, { from: "c", flags: PSH | ACK, seq: 1, ack: 1, len: 50, after: 300 }]);
    expect(retransmissions(connection)).toEqual([5]);
  });

  it("flag a fast retransmission after duplicate ACKs", () => {
    const connection = only([
      ...handshake,
      { from: "c", flags: ACK, seq: 1, ack: 1, len: 100 },
      { from: "c", flags: ACK, seq: 101, ack: 1, len: 100 },
      { from: "c", flags: ACK, seq: 201, ack: 1, len: 100 },
      { from: "s", flags: ACK, seq: 1, ack: 1 },
      { from: "s", flags: ACK, seq: 1, ack: 1 },
      { from: "s", flags: ACK, seq: 1, ack: 1 },
      { from: "c", flags: ACK, seq: 1, ack: 1, len: 100 },
    ]);
    expect(retransmissions(connection)).toEqual([9]);
  });

  it("do not flag an out-of-order segment that arrives right after a later one", () => {
    const connection = only([
      ...handshake,
      { from: "c", flags: ACK, seq: 101, ack: 1, len: 100, after: 50 },
      { from: "c", flags: ACK, seq: 1, ack: 1, len: 100, after: 0.5 },
    ]);
    expect(retransmissions(connection)).toEqual([]);
  });
});

describe("segment fields", () => {
  it("scale windows once both SYNs carry the option, never in a SYN", () => {
    const connection = only([
      { from: "c", flags: SYN, seq: 0, window: 64240, options: option.windowScale(7) },
      { from: "s", flags: SYN | ACK, seq: 0, ack: 1, window: 65160, options: option.windowScale(10) },
      { from: "c", flags: ACK, seq: 1, ack: 1, window: 502 },
      { from: "s", flags: ACK, seq: 1, ack: 1, window: 64 },
    ]);
    expect(connection.segments.map((s) => [s.window, s.windowSize])).toEqual([
      [64240, 64240],
      [65160, 65160],
      [502, 502 * 128],
      [64, 64 * 1024],
    ]);
  });

  it("leave windows unscaled when one SYN lacks the option", () => {
    const connection = only([
      { from: "c", flags: SYN, seq: 0, options: option.windowScale(7) },
      { from: "s", flags: SYN | ACK, seq: 0, ack: 1 },
      { from: "c", flags: ACK, seq: 1, ack: 1, window: 502 },
    ]);
    expect(connection.segments[2]?.windowSize).toBe(502);
  });

  it("omit the window size when the handshake is not in the capture", () => {
    expect(only([{ from: "c", flags: ACK, seq: 1, ack: 1, window: 502 }]).segments[0]?.windowSize).toBeUndefined();
  });

  it("make SACK blocks relative to the receiver's initial sequence number", () => {
    const connection = only([
      ...handshake,
      { from: "s", flags: ACK, seq: 1, ack: 1, options: [...option.nop(), ...option.nop(), ...option.sack([CLIENT_ISN + 201, CLIENT_ISN + 301])] },
    ]);
    expect(connection.segments[3]?.options).toEqual({ nop: 2, sack: [{ left: 201, right: 301 }] });
  });

  it("list ECN flags apart from the others", () => {
    const connection = only([{ from: "c", flags: SYN | ECE | CWR, seq: 0 }]);
    expect([connection.segments[0]?.flags, connection.segments[0]?.ecn]).toEqual([["SYN"], ["ECE", "CWR"]]);
  });

  it("give relative numbers across the 32-bit wrap and absolute initial sequence numbers", () => {
    const serverIsn = 0xffffff00;
    const steps: Step[] = [...handshake, { from: "s", flags: PSH | ACK, seq: 1, ack: 1, len: 1000 }, { from: "s", flags: FIN | ACK, seq: 1001, ack: 1 }, { from: "c", flags: ACK, seq: 1, ack: 1002 }];
    const connection = analyzeCapture(conversation(steps, { serverIsn })).connections[0] as CaptureConnection;
    expect(connection.isn).toEqual({ client: CLIENT_ISN, server: serverIsn });
    expect(connection.segments.slice(3).map((s) => [s.seq, s.ack])).toEqual([[1, 1], [1001, 1], [1, 1002]]);
    expect(connection.states.server.at(-1)).toBe("FIN-WAIT-2");
  });
});

describe("warnings and skipped packets", () => {
  it("name the frame and offset of a malformed packet, and count it", () => {
    const bad = ipv4(tcpSegment({ sourcePort: 1, destinationPort: 2, seq: 0, flags: SYN, dataOffsetWords: 3 }));
    const analysis = analyzeCapture(pcapFile({ linkType: LinkType.IPV4, records: [{ seconds: 0, fraction: 0, data: bad }] }));
    expect(analysis.warnings).toEqual([
      {
        code: "malformed-packet",
        offset: 24,
        params: { frame: 1, reason: "TCP data offset 12 is below 20" },
        message: "malformed packet (frame 1) at byte 24: TCP data offset 12 is below 20",
      },
    ]);
    expect(analysis.capture).toMatchObject({ packets: 1, tcpSegments: 0, skipped: { malformed: 1 } });
  });

  it("warn once per unsupported link type, and sum up non-first fragments", () => {
    const fragment = ipv4(new Uint8Array(40), { fragmentOffset: 10 });
    const analysis = analyzeCapture(
      pcapngSection([
        { kind: "interface", linkType: 147 },
        { kind: "interface", linkType: LinkType.IPV4 },
        { kind: "enhanced", high: 0, low: 0, data: fragment },
        { kind: "enhanced", high: 0, low: 0, data: fragment },
        { kind: "enhanced", interfaceId: 1, high: 0, low: 0, data: fragment },
      ]),
    );
    expect(analysis.warnings.map((w) => w.message)).toEqual([
      "link type 147 is not supported at byte 68: its packets are skipped",
      "IP fragments skipped at byte 0: 1 non-first fragments carry no TCP header",
    ]);
    expect(analysis.capture.skipped).toEqual({ "unsupported-link-type": 2, "not-tcp": 0, "non-first-fragment": 1, malformed: 0 });
  });

  it("keep at most maxWarnings and count the rest", () => {
    const bad = { seconds: 0, fraction: 0, data: Uint8Array.from([0x45]) };
    const analysis = analyzeCapture(pcapFile({ linkType: LinkType.IPV4, records: [bad, bad, bad, bad] }), { maxWarnings: 2 });
    expect(analysis.warnings.map((w) => w.message.replace(/ at byte .*/, ""))).toEqual([
      "malformed packet (frame 1)",
      "malformed packet (frame 2)",
      "2 more warnings not shown",
    ]);
  });
});

describe("streaming", () => {
  it("gives the same analysis from a ReadableStream, an async iterable and one buffer", async () => {
    const bytes = conversation(clientClosesFirst);
    const whole = analyzeCapture(bytes);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunked(bytes, [7, 100])) controller.enqueue(chunk);
        controller.close();
      },
    });
    async function* iterable() {
      yield* chunked(bytes, [1, 3]);
    }
    expect(await analyzeCaptureStream(stream)).toEqual(whole);
    expect(await analyzeCaptureStream(iterable())).toEqual(whole);
  });
});
