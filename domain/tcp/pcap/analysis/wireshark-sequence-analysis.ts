import { TcpFlag, type TcpHeader } from "../decode/tcp-header";
import { seqAdd, seqGt, seqLe, seqLt, seqSub } from "./sequence-numbers";

/**
 * Relative sequence numbers, window scaling and retransmission flags computed the way
 * Wireshark's TCP dissector does (epan/dissectors/packet-tcp.c, tcp_analyze_sequence_number and
 * the window-scaling code around it), so a capture reads the same here as in Wireshark.
 * Only what feeds `retransmission` is kept: keep-alives, zero-window probes, duplicate ACKs,
 * spurious, fast and plain retransmissions, out-of-order segments.
 */

/** Per-direction state ("flow" in packet-tcp.c). Sequence numbers are absolute. */
interface Flow {
  baseSeq: number;
  baseSet: boolean;
  /** The base came from a SYN: it is the initial sequence number. */
  sawSyn: boolean;
  /** Highest sequence number sent plus one; 0 means unknown (as in Wireshark). */
  nextSeq: number;
  /** When nextSeq was last advanced (ms, on the connection's clock). */
  nextSeqTime: number | null;
  /** Last acknowledgement number this direction sent; 0 means none yet. */
  lastAck: number;
  lastAckTime: number | null;
  window: number;
  /** Window scale shift; -1 not known yet, -2 window scaling not in use. */
  windowScale: number;
  duplicateAcks: number;
  lastSegmentAnalysis: number;
  maxSeqToBeAcked: number;
}

const KEEP_ALIVE = 0x01;
const ZERO_WINDOW_PROBE = 0x02;
const RETRANSMISSION = 0x04;
const FAST_RETRANSMISSION = 0x08;
const SPURIOUS_RETRANSMISSION = 0x10;
const OUT_OF_ORDER = 0x20;
const KEEP_ALIVE_ACK = 0x40;
const DUPLICATE_ACK = 0x80;

/** Wireshark flags each of these as tcp.analysis.retransmission. */
const ANY_RETRANSMISSION = RETRANSMISSION | FAST_RETRANSMISSION | SPURIOUS_RETRANSMISSION;

const UNKNOWN_SCALE = -1;
const NO_SCALING = -2;
const MAX_WINDOW_SHIFT = 14;
const FAST_RETRANSMISSION_WINDOW_MS = 20;
const DEFAULT_OUT_OF_ORDER_THRESHOLD_MS = 3;

export interface SequenceView {
  /** Relative to the sender's base (its ISN when the SYN was seen, else first seq - 1). */
  seq: number;
  /** Relative to the receiver's base; null without the ACK flag. */
  ack: number | null;
  retransmission: boolean;
  /** Scaled window, when the scale (or its absence) is known. */
  windowSize: number | undefined;
  /** Subtract from absolute SACK edges to make them relative. */
  receiverBase: number;
}

export class WiresharkSequenceAnalysis {
  private readonly flows: [Flow, Flow] = [newFlow(), newFlow()];
  private mostRecentSyn: number | null = null;
  private firstRttMs = 0;

  /** Base sequence number of a direction, when it is the initial sequence number of a SYN. */
  initialSequenceNumber(direction: 0 | 1): number | null {
    const flow = this.flows[direction];
    return flow.sawSyn ? flow.baseSeq : null;
  }

  /** Whether a direction already has a base sequence number (Wireshark: TCP_S_BASE_SEQ_SET). */
  hasBase(direction: 0 | 1): boolean {
    return this.flows[direction].baseSet;
  }

  baseOf(direction: 0 | 1): number {
    return this.flows[direction].baseSeq;
  }

  /** Analyses the next segment of the connection, sent in `direction` at `time` (ms, any origin). */
  analyze(direction: 0 | 1, tcp: TcpHeader, time: number): SequenceView {
    const forward = this.flows[direction];
    const reverse = this.flows[direction === 0 ? 1 : 0];
    const flags = tcp.flags;
    const syn = (flags & TcpFlag.SYN) !== 0;
    const hasAck = (flags & TcpFlag.ACK) !== 0;

    let windowSize: number | undefined;
    if (syn || forward.windowScale === NO_SCALING) windowSize = tcp.window;
    else if (forward.windowScale >= 0) windowSize = tcp.window * 2 ** forward.windowScale;

    const analysis = analyzeSequence(forward, reverse, tcp, windowSize ?? tcp.window, time, this.firstRttMs);

    if (syn && !hasAck) this.mostRecentSyn = time;
    if (!syn && hasAck && this.mostRecentSyn !== null && this.firstRttMs === 0) {
      this.firstRttMs = time - this.mostRecentSyn;
    }
    if (tcp.options?.windowScale !== undefined) forward.windowScale = Math.min(tcp.options.windowScale, MAX_WINDOW_SHIFT);
    if (syn) verifyWindowScaling(forward, reverse, hasAck);

    return {
      seq: seqSub(tcp.sequenceNumber, forward.baseSeq),
      ack: hasAck ? seqSub(tcp.acknowledgmentNumber, reverse.baseSeq) : null,
      retransmission: (analysis & ANY_RETRANSMISSION) !== 0,
      windowSize,
      receiverBase: reverse.baseSeq,
    };
  }
}

function newFlow(): Flow {
  return {
    baseSeq: 0,
    baseSet: false,
    sawSyn: false,
    nextSeq: 0,
    nextSeqTime: null,
    lastAck: 0,
    lastAckTime: null,
    window: 0,
    windowScale: UNKNOWN_SCALE,
    duplicateAcks: 0,
    lastSegmentAnalysis: 0,
    maxSeqToBeAcked: 0,
  };
}

/** packet-tcp.c, tcp_analyze_sequence_number(): returns the analysis flags of the segment. */
function analyzeSequence(
  forward: Flow,
  reverse: Flow,
  tcp: TcpHeader,
  window: number,
  time: number,
  firstRttMs: number,
): number {
  const seq = tcp.sequenceNumber;
  const ack = tcp.acknowledgmentNumber;
  const segmentLength = tcp.payloadLength;
  const flags = tcp.flags;
  const synOrFin = (flags & (TcpFlag.SYN | TcpFlag.FIN)) !== 0;
  const synFinRst = (flags & (TcpFlag.SYN | TcpFlag.FIN | TcpFlag.RST)) !== 0;
  let analysis = 0;

  // Relative numbers start at 1 when the SYN was not seen (Wireshark bug 1542).
  if (!forward.baseSet) {
    forward.baseSeq = flags & TcpFlag.SYN ? seq : seqSub(seq, 1);
    forward.sawSyn = (flags & TcpFlag.SYN) !== 0;
    forward.baseSet = true;
  }
  // The first ACK seen tells the other direction's ISN (ack - 1).
  if (!reverse.baseSet && flags & TcpFlag.ACK) {
    reverse.baseSeq = seqSub(ack, 1);
    reverse.baseSet = true;
  }

  let skipToFinishedForward = false;
  if (segmentLength === 1 && seq === forward.nextSeq && reverse.window === 0) {
    analysis |= ZERO_WINDOW_PROBE;
    skipToFinishedForward = true;
  }
  if (!skipToFinishedForward) {
    if (segmentLength <= 1 && seq === seqSub(forward.nextSeq, 1) && !synFinRst) analysis |= KEEP_ALIVE;
    const repeatsLastAck = segmentLength === 0 && seq === forward.nextSeq && ack === forward.lastAck && !synFinRst;
    if (repeatsLastAck && window !== 0 && window === forward.window && reverse.lastSegmentAnalysis & KEEP_ALIVE) {
      analysis |= KEEP_ALIVE_ACK;
    } else if (repeatsLastAck && window === 0 && window === forward.window && reverse.lastSegmentAnalysis & ZERO_WINDOW_PROBE) {
      // zero window probe ACK: nothing that concerns retransmissions
    } else if (repeatsLastAck && window !== 0 && window === forward.window) {
      forward.duplicateAcks = forward.duplicateAcks === -1 ? 1 : forward.duplicateAcks + 1;
      analysis |= DUPLICATE_ACK;
    }
  }

  if (ack !== forward.lastAck) forward.duplicateAcks = 0;

  // ACKed unseen segment: only its effect on the reverse duplicate-ACK count matters here.
  if (reverse.maxSeqToBeAcked !== 0 && seqGt(ack, reverse.maxSeqToBeAcked) && flags & TcpFlag.ACK) {
    if (seqGt(reverse.maxSeqToBeAcked, reverse.nextSeq)) reverse.maxSeqToBeAcked = reverse.nextSeq;
    else reverse.duplicateAcks = -1;
  }

  if (segmentLength > 0 || synOrFin) analysis |= retransmissionKind(forward, reverse, tcp, time, firstRttMs, analysis);

  let nextSeq = seqAdd(seq, segmentLength);
  if (synOrFin) nextSeq = seqAdd(nextSeq, 1);
  const probe = (analysis & ZERO_WINDOW_PROBE) !== 0;
  if ((seqGt(nextSeq, forward.nextSeq) || forward.nextSeq === 0) && !probe) {
    forward.nextSeq = nextSeq;
    forward.nextSeqTime = time;
  }
  if ((seq === forward.maxSeqToBeAcked || forward.maxSeqToBeAcked === 0) && !probe) {
    forward.maxSeqToBeAcked = forward.nextSeq;
  }
  forward.window = window;
  forward.lastAck = ack;
  forward.lastAckTime = time;
  forward.lastSegmentAnalysis = analysis;
  return analysis;
}

/** The RETRANSMISSION / FAST RETRANSMISSION / OUT-OF-ORDER block for segments that use sequence space. */
function retransmissionKind(
  forward: Flow,
  reverse: Flow,
  tcp: TcpHeader,
  time: number,
  firstRttMs: number,
  analysisSoFar: number,
): number {
  const seq = tcp.sequenceNumber;
  const segmentLength = tcp.payloadLength;
  if (analysisSoFar & KEEP_ALIVE) return 0;
  let seqNotAdvanced = forward.nextSeq !== 0 && seqLt(seq, forward.nextSeq);
  // More than one new byte right after a possible zero window probe is new data.
  if (segmentLength > 1 && seqSub(forward.nextSeq, 1) === seq) seqNotAdvanced = false;

  if (segmentLength > 0 && reverse.lastAck !== 0 && seqLe(seqAdd(seq, segmentLength), reverse.lastAck)) {
    return SPURIOUS_RETRANSMISSION;
  }
  if (
    seqNotAdvanced &&
    reverse.duplicateAcks >= 2 &&
    reverse.lastAck === seq &&
    reverse.lastAckTime !== null &&
    time - reverse.lastAckTime < FAST_RETRANSMISSION_WINDOW_MS
  ) {
    return FAST_RETRANSMISSION;
  }
  const outOfOrderThreshold = firstRttMs > 0 ? firstRttMs : DEFAULT_OUT_OF_ORDER_THRESHOLD_MS;
  const synOrFin = tcp.flags & (TcpFlag.SYN | TcpFlag.FIN) ? 1 : 0;
  if (
    seqNotAdvanced &&
    forward.nextSeqTime !== null &&
    time - forward.nextSeqTime < outOfOrderThreshold &&
    forward.nextSeq !== seqAdd(seq, segmentLength + synOrFin)
  ) {
    return OUT_OF_ORDER;
  }
  return seqNotAdvanced ? RETRANSMISSION : 0;
}

/** packet-tcp.c, verify_tcp_window_scaling(): scaling is used only if both SYNs carry the option. */
function verifyWindowScaling(forward: Flow, reverse: Flow, synAck: boolean): void {
  if (forward.windowScale === UNKNOWN_SCALE) {
    forward.windowScale = NO_SCALING;
    reverse.windowScale = NO_SCALING;
  } else if (synAck && reverse.windowScale === NO_SCALING) {
    forward.windowScale = NO_SCALING;
  }
}
