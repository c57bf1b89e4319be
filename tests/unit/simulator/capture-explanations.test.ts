/** The capture viewer's explanations of state changes, in English and Chinese. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { explainTransition, transitionsOfSegment } from "@/domain/simulator/capture-explanations";
import { analyzeCapture, type CaptureConnection, type StateTransition, type TransitionRule } from "@/domain/tcp/pcap";
import { conversation, type Step } from "../pcap/helpers/conversation";
import { ACK, FIN, option, RST, SYN } from "../pcap/helpers/packets";

function fixture(name: string): CaptureConnection {
  return analyzeCapture(new Uint8Array(readFileSync(new URL(`../../fixtures/captures/${name}.pcap`, import.meta.url)))).connections[0]!;
}

const CJK = /[\u4e00-\u9fff]/;

describe("explainTransition", () => {
  const simultaneous = fixture("simultaneous-close");

  it("names the segment by its frame, who sent or received it, and the change", () => {
    const [first, second] = simultaneous.transitions;
    expect(explainTransition(simultaneous, first!).headline).toBe("Frame 1, SYN sent by the client: client CLOSED → SYN-SENT");
    expect(explainTransition(simultaneous, second!).headline).toBe("Frame 1, SYN from the client, received by the server: server LISTEN → SYN-RECEIVED");
    expect(explainTransition(simultaneous, second!, "zh").headline).toBe("第 1 帧，客户端发出的 SYN 被服务端收到：服务端 LISTEN → SYN-RECEIVED");
  });

  it("gives the RFC 9293 rule and the Linux function behind it", () => {
    const closing = simultaneous.transitions.find((t) => t.host === "server" && t.to === "CLOSING")!;
    const text = explainTransition(simultaneous, closing);
    expect(text.rule).toMatch(/FIN-WAIT-1.*FINs crossed.*CLOSING/);
    expect(text.source).toBe("RFC 9293 §3.10.7.4 (eighth, the FIN bit); Linux tcp_fin()");
  });

  it("says which of the receiver's segments crossed it on the wire, and why the reader knows", () => {
    const closing = simultaneous.transitions.find((t) => t.host === "server" && t.to === "CLOSING")!;
    const crossing = simultaneous.segments[closing.arrival!.crossedBy[0]!.segment]!;
    expect(explainTransition(simultaneous, closing).arrival).toBe(
      `It crossed the server's frame ${crossing.frame} on the wire: frame ${crossing.frame} does not acknowledge it, so the server sent frame ${crossing.frame} before this one arrived. ` +
        `The server's frame ${simultaneous.segments[closing.arrival!.before!]!.frame} acknowledges it: it had arrived by then.`,
    );
    // The two final ACKs cross too; only timestamps tell it (an ACK uses no sequence number).
    const timeWait = simultaneous.transitions.find((t) => t.host === "client" && t.to === "TIME-WAIT")!;
    const ack = simultaneous.segments[timeWait.segment]!;
    const crossed = simultaneous.segments[timeWait.arrival!.crossedBy[0]!.segment]!;
    expect(timeWait.arrival?.crossedBy[0]?.basis).toBe("timestamps");
    expect(explainTransition(simultaneous, timeWait).arrival).toContain(
      `frame ${crossed.frame} echoes TSecr ${crossed.options?.timestamps?.echo}, older than this segment's TSval ${ack.options?.timestamps?.value}`,
    );
    expect(explainTransition(simultaneous, timeWait, "zh").arrival).toContain(`TSecr（${crossed.options?.timestamps?.echo}）早于这个报文段的 TSval（${ack.options?.timestamps?.value}）`);
  });

  it("says when an arrival is assumed, rather than shown", () => {
    const connection = analyzeCapture(
      conversation([
        { from: "c", flags: SYN, seq: 0 },
        { from: "s", flags: SYN | ACK, seq: 0, ack: 1 },
        { from: "c", flags: ACK, seq: 1, ack: 1 },
        { from: "s", flags: FIN | ACK, seq: 1, ack: 1 },
      ] satisfies Step[]),
    ).connections[0]!;
    const established = connection.transitions.find((t) => t.host === "server" && t.to === "ESTABLISHED")!;
    expect(explainTransition(connection, established).arrival).toBe(
      "Taken as arrived before the server's frame 4: nothing in the capture says otherwise (it uses no sequence number and carries no timestamp to compare).",
    );
  });

  it("explains a RST that crossed a FIN, placed by timestamps", () => {
    const ts = (value: number, echo: number) => option.timestamps(value, echo);
    const connection = analyzeCapture(
      conversation([
        { from: "c", flags: SYN, seq: 0, options: ts(100, 0) },
        { from: "s", flags: SYN | ACK, seq: 0, ack: 1, options: ts(5000, 100) },
        { from: "c", flags: ACK, seq: 1, ack: 1, options: ts(101, 5000) },
        { from: "c", flags: RST | ACK, seq: 1, ack: 1, options: ts(200, 5000) },
        { from: "s", flags: FIN | ACK, seq: 1, ack: 1, options: ts(5100, 101) },
      ]),
    ).connections[0]!;
    const reset = connection.transitions.find((t) => t.host === "server" && t.rule === "reset")!;
    const text = explainTransition(connection, reset);
    expect(text.headline).toBe("Frame 4, RST+ACK from the client, received by the server: server FIN-WAIT-1 → CLOSED");
    expect(text.arrival).toBe(
      "It crossed the server's frame 5 on the wire: frame 5 echoes TSecr 101, older than this segment's TSval 200, so the server sent frame 5 before this one arrived. " +
        "The server sent nothing after it in the capture: taken as arrived.",
    );
  });

  it("has a rule in both languages for every change a capture can show", () => {
    const cases: [TransitionRule, string, string][] = [
      ["active-open", "CLOSED", "SYN-SENT"],
      ["passive-open", "LISTEN", "SYN-RECEIVED"],
      ["close", "ESTABLISHED", "FIN-WAIT-1"],
      ["close", "CLOSE-WAIT", "LAST-ACK"],
      ["abort", "ESTABLISHED", "CLOSED"],
      ["syn-in-listen", "LISTEN", "SYN-RECEIVED"],
      ["syn-ack-in-syn-sent", "SYN-SENT", "ESTABLISHED"],
      ["syn-in-syn-sent", "SYN-SENT", "SYN-RECEIVED"],
      ["ack-of-syn", "SYN-RECEIVED", "ESTABLISHED"],
      ["ack-of-fin", "FIN-WAIT-1", "FIN-WAIT-2"],
      ["ack-of-fin", "CLOSING", "TIME-WAIT"],
      ["ack-of-fin", "LAST-ACK", "CLOSED"],
      ["fin", "ESTABLISHED", "CLOSE-WAIT"],
      ["fin", "FIN-WAIT-1", "CLOSING"],
      ["fin", "FIN-WAIT-2", "TIME-WAIT"],
      ["reset", "SYN-SENT", "CLOSED"],
      ["reset", "SYN-RECEIVED", "LISTEN"],
      ["reset", "TIME-WAIT", "CLOSED"],
      ["reset", "ESTABLISHED", "CLOSED"],
    ];
    const rules = new Set<string>();
    for (const [rule, from, to] of cases) {
      const transition = { segment: 0, host: "server", from, to, by: "received", rule } as StateTransition;
      const en = explainTransition(simultaneous, transition, "en");
      const zh = explainTransition(simultaneous, transition, "zh");
      expect(en.rule).toContain(to);
      expect(en.rule).not.toMatch(CJK);
      expect(zh.rule).toMatch(CJK);
      expect(en.source).toMatch(/^RFC 9293 §3\.10/);
      // References keep their section numbers and function names; the words around them are Chinese.
      expect(zh.source.replace(/RFC \d+|§[\d.]+|Linux|\w+\(\)|tcp_\w+|SYN-RECV|ECONNREFUSED|ACK|RST|FIN|ss/g, "")).not.toMatch(/[A-Za-z]{3,}/);
      rules.add(en.rule);
    }
    expect(rules.size).toBe(cases.length);
  });

  it("says which resets end TIME-WAIT on Linux, and that keep-alive giving up is a reset too", () => {
    const at = (rule: TransitionRule, from: string, to: string) => ({ segment: 0, host: "client", from, to, by: rule === "abort" ? "sent" : "received", rule }) as StateTransition;
    const timeWait = explainTransition(simultaneous, at("reset", "TIME-WAIT", "CLOSED"));
    expect(timeWait.rule).toMatch(/exactly the next expected sequence number/);
    expect(timeWait.rule).toMatch(/tcp_rfc1337=1/);
    expect(explainTransition(simultaneous, at("reset", "TIME-WAIT", "CLOSED"), "zh").rule).toMatch(/恰好等于期望的下一个序列号/);
    const abort = explainTransition(simultaneous, at("abort", "ESTABLISHED", "CLOSED"));
    expect(abort.rule).toMatch(/keep-alive giving up/);
    expect(abort.source).toContain("tcp_keepalive_timer()");
  });
});

describe("transitionsOfSegment", () => {
  it("lists the changes a segment caused at both ends, sender first", () => {
    const connection = fixture("handshake-data-client-close");
    const finIndex = connection.segments.findIndex((segment) => segment.flags.includes("FIN"));
    expect(transitionsOfSegment(connection, finIndex).map((t) => [t.host, t.by, t.to])).toEqual([
      ["client", "sent", "FIN-WAIT-1"],
      ["server", "received", "CLOSE-WAIT"],
    ]);
  });
});
