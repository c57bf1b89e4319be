/**
 * What a goal reads from one captured connection: its segments and state paths (the capture
 * reader's analysis), which end holds the learner's server port, and the payload bytes, so that
 * the learner's token can be found in the data each end sent.
 */
import { CaptureReader, decodePacket, type CaptureConnection, type CaptureSegment, type Role } from "@/domain/tcp/pcap";

/** Payload bytes kept per connection and direction for the token search; tokens are sent early. */
const MAX_STREAM_BYTES = 256 * 1024;

export interface TokenSighting {
  /** The end that sent the token. */
  from: Role;
  /** Index (in the connection's segments) of the segment holding its first byte, and its last. */
  first: number;
  last: number;
}

export interface ConnectionView {
  connection: CaptureConnection;
  /** The role ("client"/"server" as the reader decided them) whose port is the learner's server port. */
  serverRole: Role;
  /** The token's first occurrence in the data each end sent, in sequence order. */
  token: { client: TokenSighting | null; server: TokenSighting | null };
  /** Some payload of this end was cut short by the capture's snapshot length. */
  truncated: { client: boolean; server: boolean };
}

export function other(role: Role): Role {
  return role === "client" ? "server" : "client";
}

/** The port of "address:port" or "[v6 address]:port". */
export function portOf(endpoint: string): number {
  return Number(endpoint.slice(endpoint.lastIndexOf(":") + 1));
}

export const isSyn = (segment: CaptureSegment) => segment.flags.includes("SYN") && !segment.flags.includes("ACK");
export const isSynAck = (segment: CaptureSegment) => segment.flags.includes("SYN") && segment.flags.includes("ACK");
export const hasFin = (segment: CaptureSegment) => segment.flags.includes("FIN");
export const hasRst = (segment: CaptureSegment) => segment.flags.includes("RST");

/** Index of the first segment at or after `from` that matches, or -1. */
export function findIndex(connection: CaptureConnection, predicate: (segment: CaptureSegment, index: number) => boolean, from = 0): number {
  for (let index = from; index < connection.segments.length; index++) {
    if (predicate(connection.segments[index]!, index)) return index;
  }
  return -1;
}

/**
 * The captured payload of every TCP packet whose frame is in `frames`, read in a second pass over
 * the file (the analysis keeps no payload). Packets are views into `bytes`; nothing is copied.
 */
export function payloadsByFrame(bytes: Uint8Array, frames: ReadonlySet<number>): Map<number, { data: Uint8Array; complete: boolean }> {
  const payloads = new Map<number, { data: Uint8Array; complete: boolean }>();
  if (frames.size === 0) return payloads;
  const reader = new CaptureReader();
  reader.read(bytes, (packet) => {
    if (!frames.has(packet.frame)) return;
    const decoded = decodePacket(packet);
    if (decoded.kind !== "tcp") return;
    const { payloadOffset, tcp } = decoded.packet;
    const end = Math.min(packet.data.length, payloadOffset + tcp.payloadLength);
    const data = packet.data.subarray(Math.min(payloadOffset, end), end);
    payloads.set(packet.frame, { data, complete: data.length === tcp.payloadLength });
  });
  reader.end();
  return payloads;
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * Finds the token in the byte stream one end sent: segments in sequence order, each byte once
 * (retransmissions add nothing new), so a token split across two segments is still found.
 */
function findToken(connection: CaptureConnection, role: Role, payloads: Map<number, { data: Uint8Array; complete: boolean }>, token: Uint8Array) {
  const pieces = connection.segments
    .map((segment, index) => ({ segment, index }))
    .filter(({ segment }) => segment.from === role && segment.len > 0)
    .sort((a, b) => a.segment.seq - b.segment.seq || a.index - b.index);
  const stream = new Uint8Array(Math.min(MAX_STREAM_BYTES, pieces.reduce((sum, { segment }) => sum + segment.len, 0)));
  const owners: { start: number; index: number }[] = [];
  let length = 0;
  let nextSeq: number | null = null;
  let truncated = false;
  for (const { segment, index } of pieces) {
    const payload = payloads.get(segment.frame);
    if (!payload) continue;
    if (!payload.complete) truncated = true;
    const skip: number = nextSeq === null ? 0 : Math.max(0, nextSeq - segment.seq);
    const fresh = payload.data.subarray(Math.min(skip, payload.data.length));
    if (fresh.length === 0) continue;
    const room = stream.length - length;
    if (room <= 0) break;
    const taken = fresh.subarray(0, room);
    owners.push({ start: length, index });
    stream.set(taken, length);
    length += taken.length;
    nextSeq = segment.seq + skip + taken.length;
  }
  const at = indexOfBytes(stream.subarray(0, length), token);
  if (at < 0) return { sighting: null, truncated };
  const ownerAt = (offset: number) => {
    let owner = owners[0]!;
    for (const candidate of owners) if (candidate.start <= offset) owner = candidate;
    return owner.index;
  };
  return { sighting: { from: role, first: ownerAt(at), last: ownerAt(at + token.length - 1) }, truncated };
}

export function viewConnection(
  connection: CaptureConnection,
  serverPort: number,
  payloads: Map<number, { data: Uint8Array; complete: boolean }>,
  token: string,
): ConnectionView {
  const serverRole: Role = portOf(connection.server) === serverPort ? "server" : "client";
  const needle = new TextEncoder().encode(token);
  const client = findToken(connection, "client", payloads, needle);
  const server = findToken(connection, "server", payloads, needle);
  return {
    connection,
    serverRole,
    token: { client: client.sighting, server: server.sighting },
    truncated: { client: client.truncated, server: server.truncated },
  };
}
