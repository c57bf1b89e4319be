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

/** The flags set, in header bit order (FLAG_ORDER: FIN, SYN, RST, PSH, ACK). */
export function flagNames(segment: OutgoingSegment): TcpFlag[] {
  const flags: TcpFlag[] = [];
  if (segment.fin) flags.push("FIN");
  if (segment.syn) flags.push("SYN");
  if (segment.rst) flags.push("RST");
  if (segment.psh) flags.push("PSH");
  if (segment.ack) flags.push("ACK");
  return flags;
}
