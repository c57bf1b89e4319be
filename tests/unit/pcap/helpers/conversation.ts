import { LinkType } from "@/domain/tcp/pcap";
import { pcapFile, type RecordSpec } from "./containers";
import { ipv4, tcpSegment } from "./packets";

/** One segment of a synthetic conversation; seq and ack are relative, as Wireshark shows them. */
export interface Step {
  from: "c" | "s";
  flags: number;
  seq: number;
  ack?: number;
  len?: number;
  window?: number;
  options?: number[];
  /** Milliseconds after the previous segment (default 1). */
  after?: number;
}

export interface ConversationSpec {
  clientIsn?: number;
  serverIsn?: number;
  clientPort?: number;
  serverPort?: number;
}

export const CLIENT_ISN = 1_000_000;
export const SERVER_ISN = 4_000_000_000;

/** A pcap (LINKTYPE_IPV4) of the steps between 10.0.0.1 (client) and 10.0.0.2 (server). */
export function conversation(steps: Step[], spec: ConversationSpec = {}): Uint8Array {
  return pcapFile({ linkType: LinkType.IPV4, records: records(steps, spec) });
}

export function records(steps: Step[], spec: ConversationSpec = {}, startMs = 0): RecordSpec[] {
  const clientIsn = spec.clientIsn ?? CLIENT_ISN;
  const serverIsn = spec.serverIsn ?? SERVER_ISN;
  const clientPort = spec.clientPort ?? 40000;
  const serverPort = spec.serverPort ?? 80;
  let ms = startMs;
  return steps.map((step) => {
    ms += step.after ?? 1;
    const fromClient = step.from === "c";
    const ownIsn = fromClient ? clientIsn : serverIsn;
    const peerIsn = fromClient ? serverIsn : clientIsn;
    const segment = tcpSegment({
      sourcePort: fromClient ? clientPort : serverPort,
      destinationPort: fromClient ? serverPort : clientPort,
      seq: (ownIsn + step.seq) >>> 0,
      ack: step.ack === undefined ? 0 : (peerIsn + step.ack) >>> 0,
      flags: step.flags,
      window: step.window ?? 1000,
      options: step.options,
      payloadLength: step.len ?? 0,
    });
    const data = ipv4(segment, { source: fromClient ? [10, 0, 0, 1] : [10, 0, 0, 2], destination: fromClient ? [10, 0, 0, 2] : [10, 0, 0, 1] });
    return { seconds: 1_700_000_000 + Math.floor(ms / 1000), fraction: Math.round((ms % 1000) * 1000), data };
  });
}
