/**
 * Wireshark-style relative sequence numbers: each direction counts from the ISN of the
 * connection it belongs to, so a handshake reads seq 0 / ack 1.
 */
import { seqAdd, seqDiff } from "./seq";
import type { HostId, SegmentRecord } from "./types";

export interface RelativeNumbers {
  relSeq: number;
  relAck: number | null;
}

/**
 * Bases follow the connection: a host's base becomes the sequence number of each SYN it sends
 * (a new incarnation after TIME-WAIT starts again at 0). Without a SYN, as Wireshark does
 * (packet-tcp.c, tcp_analyze_seq): a host's first segment has seq 1 (an RST from a closed port
 * reads seq 1), and the first acknowledgement of a host whose base is still unknown reads ack 1.
 */
export function withRelativeNumbers<T extends SegmentRecord>(segments: readonly T[]): (T & RelativeNumbers)[] {
  const base: Partial<Record<HostId, number>> = {};
  return segments.map((segment) => {
    if (segment.flags.includes("SYN") && !segment.retransmission) base[segment.from] = segment.seq;
    const fromBase = (base[segment.from] ??= seqAdd(segment.seq, -1));
    const toBase = segment.ack === null ? base[segment.to] : (base[segment.to] ??= seqAdd(segment.ack, -1));
    return {
      ...segment,
      relSeq: seqDiff(fromBase, segment.seq),
      relAck: segment.ack === null || toBase === undefined ? null : seqDiff(toBase, segment.ack),
    };
  });
}

/** Relative value of one absolute number against a base (ISN or IRS). */
export function relativeTo(base: number, absolute: number): number {
  return seqDiff(base, absolute);
}
