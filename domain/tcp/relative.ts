/**
 * Wireshark-style relative sequence numbers: each direction counts from the ISN of the
 * connection it belongs to, so a handshake reads seq 0 / ack 1.
 */
import { seqDiff } from "./seq";
import type { HostId, SegmentRecord } from "./types";

export interface RelativeNumbers {
  relSeq: number;
  relAck: number | null;
}

/**
 * Bases follow the connection: a host's base becomes the sequence number of each SYN it sends
 * (a new incarnation after TIME-WAIT starts again at 0). Before a host's first SYN (an RST from a
 * closed port, say) its first sequence number seen is the base, as in Wireshark.
 */
export function withRelativeNumbers<T extends SegmentRecord>(segments: readonly T[]): (T & RelativeNumbers)[] {
  const base: Partial<Record<HostId, number>> = {};
  return segments.map((segment) => {
    if (segment.flags.includes("SYN") && !segment.retransmission) base[segment.from] = segment.seq;
    const fromBase = (base[segment.from] ??= segment.seq);
    const toBase = base[segment.to];
    return {
      ...segment,
      relSeq: seqDiff(fromBase, segment.seq),
      relAck: segment.ack === null ? null : toBase === undefined ? segment.ack : seqDiff(toBase, segment.ack),
    };
  });
}

/** Relative value of one absolute number against a base (ISS or IRS). */
export function relativeTo(base: number, absolute: number): number {
  return seqDiff(base, absolute);
}
