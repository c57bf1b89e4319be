/** Segments as the endpoints build and receive them (booleans for flags; the trace uses names). */
import type { HostId, SegmentPurpose, TcpFlag } from "../types";

export interface OutgoingSegment {
  syn?: boolean;
  fin?: boolean;
  rst?: boolean;
  psh?: boolean;
  ack: boolean;
  seq: number;
  /** Ignored unless `ack` is set. */
  ackNo: number;
  len: number;
  retransmission?: boolean;
  /** Advertised receive window (filled in by the endpoint when absent). */
  window?: number;
  purpose?: SegmentPurpose;
}

export interface ArrivingSegment extends Required<Omit<OutgoingSegment, "purpose">> {
  id: number;
  from: HostId;
  /** Send time; doubles as the TCP timestamp value (TSval) when timestamps are on. */
  sentAt: number;
}

/**
 * A segment as the endpoint hands it to the network: built once, it is also what the peer
 * receives (the simulation fills in `id`), so sending allocates one object, not two.
 */
export interface SentSegment extends ArrivingSegment {
  /** Tells a queued arrival from the simulation's other queue items. */
  kind: "segment";
  purpose: SegmentPurpose | undefined;
}

/** Sequence space a segment occupies: payload plus one for SYN and one for FIN. */
export function segmentLength(segment: Pick<OutgoingSegment, "len" | "syn" | "fin">): number {
  return segment.len + (segment.syn ? 1 : 0) + (segment.fin ? 1 : 0);
}

/**
 * Flag lists by header bits (FIN 1, SYN 2, RST 4, PSH 8, ACK 16), in header bit order
 * (FLAG_ORDER). Frozen: every record with the same flags shares one list, so changing one in
 * place would change them all; frozen, any attempt throws instead.
 */
const FLAG_LISTS: readonly (readonly TcpFlag[])[] = Array.from({ length: 32 }, (_, bits) =>
  Object.freeze((["FIN", "SYN", "RST", "PSH", "ACK"] as const).filter((_, bit) => (bits & (1 << bit)) !== 0)),
);

/** The flags set, in header bit order (FIN, SYN, RST, PSH, ACK): the shared frozen list for that combination (hot path). */
export function flagNames(segment: OutgoingSegment): readonly TcpFlag[] {
  const bits = (segment.fin ? 1 : 0) | (segment.syn ? 2 : 0) | (segment.rst ? 4 : 0) | (segment.psh ? 8 : 0) | (segment.ack ? 16 : 0);
  return FLAG_LISTS[bits] as readonly TcpFlag[];
}
