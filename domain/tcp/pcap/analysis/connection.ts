import type { SegmentRecord } from "../decode/segment-record";
import { TcpFlag, type TcpOptions } from "../decode/tcp-header";
import type { CaptureSegment, EcnFlagName, Role, SegmentOptions, TcpFlagName } from "../types";
import { seqSub } from "./sequence-numbers";
import type { SequenceView } from "./wireshark-sequence-analysis";

const FLAG_NAMES: [number, TcpFlagName][] = [
  [TcpFlag.FIN, "FIN"],
  [TcpFlag.SYN, "SYN"],
  [TcpFlag.RST, "RST"],
  [TcpFlag.PSH, "PSH"],
  [TcpFlag.ACK, "ACK"],
  [TcpFlag.URG, "URG"],
];
const ECN_NAMES: [number, EcnFlagName][] = [
  [TcpFlag.ECE, "ECE"],
  [TcpFlag.CWR, "CWR"],
  [TcpFlag.AE, "AE"],
];
const ECN_BITS = TcpFlag.ECE | TcpFlag.CWR | TcpFlag.AE;

/** One frozen name list per combination of the six flags: segments share them instead of each allocating one. */
const FLAG_LISTS: readonly (readonly TcpFlagName[])[] = Array.from({ length: 64 }, (_, bits) =>
  Object.freeze(FLAG_NAMES.filter(([bit]) => bits & bit).map(([, name]) => name)),
);

/** A segment as the JSON and NDJSON outputs list it (only built for them: a summary builds none). */
export function captureSegment(record: SegmentRecord, t: number, from: Role, view: SequenceView): CaptureSegment {
  const segment: CaptureSegment = {
    frame: record.frame,
    t,
    from,
    flags: FLAG_LISTS[record.flags & 0x3f] as readonly TcpFlagName[],
    seq: view.seq,
    ack: view.ack,
    len: record.len,
    window: record.window,
  };
  if (record.flags & ECN_BITS) segment.ecn = ECN_NAMES.filter(([bit]) => record.flags & bit).map(([, name]) => name);
  if (view.windowSize !== undefined) segment.windowSize = view.windowSize;
  if (view.retransmission) segment.retransmission = true;
  const options = segmentOptions(record.options(), view.receiverBase);
  if (options) segment.options = options;
  return segment;
}

/** The decoded options, with SACK edges made relative like seq and ack (a copy only then). */
function segmentOptions(options: TcpOptions | undefined, receiverBase: number): SegmentOptions | undefined {
  if (options?.sack === undefined) return options;
  return { ...options, sack: options.sack.map(({ left, right }) => ({ left: seqSub(left, receiverBase), right: seqSub(right, receiverBase) })) };
}
