import type { SegmentRecord } from "../decode/segment-record";
import { TcpFlag } from "../decode/tcp-header";
import { grownCapacity, withCapacity } from "./columns";
import { seqAdd, seqGt, seqLe, seqLt, seqSub } from "./sequence-numbers";

/**
 * Relative sequence numbers, window scaling and retransmission flags computed the way
 * Wireshark's TCP dissector does (epan/dissectors/packet-tcp.c, tcp_analyze_sequence_number and
 * the window-scaling code around it), so a capture reads the same here as in Wireshark.
 * Only what feeds `retransmission` is kept: keep-alives, zero-window probes, duplicate ACKs,
 * spurious, fast and plain retransmissions, out-of-order segments.
 *
 * The per-direction state ("flow" in packet-tcp.c) of every connection lives in columns indexed
 * by flow, connection * 2 + direction (direction 0 is from the connection's first sender).
 * Sequence numbers are absolute; a time of NaN means none yet.
 */

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

/** Flow flags: the base sequence number is set; it came from a SYN (it is the initial sequence number). */
const BASE_SET = 1;
const SAW_SYN = 2;

/** What `analyze` finds for one segment: one object, filled again for every segment. */
export class SequenceView {
  /** Relative to the sender's base (its ISN when the SYN was seen, else first seq - 1). A double from the start (see SegmentRecord). */
  seq = -0;
  /** Relative to the receiver's base; null without the ACK flag. */
  ack: number | null = null;
  retransmission = false;
  /** Scaled window, when the scale (or its absence) is known. */
  windowSize: number | undefined = undefined;
  /** Subtract from absolute SACK edges to make them relative. A double from the start (see SegmentRecord). */
  receiverBase = -0;
}

export class WiresharkSequenceAnalysis {
  // Per flow.
  private baseSeq = new Uint32Array(0);
  private flowFlags = new Uint8Array(0);
  /** Highest sequence number sent plus one; 0 means unknown (as in Wireshark). */
  private nextSeq = new Uint32Array(0);
  /** When nextSeq was last advanced (ms, on the connection's clock). */
  private nextSeqTime = new Float64Array(0);
  /** Last acknowledgement number this direction sent; 0 means none yet. */
  private lastAck = new Uint32Array(0);
  private lastAckTime = new Float64Array(0);
  private window = new Float64Array(0);
  /** Window scale shift; -1 not known yet, -2 window scaling not in use. */
  private windowScale = new Int8Array(0);
  private duplicateAcks = new Int32Array(0);
  private lastSegmentAnalysis = new Uint8Array(0);
  private maxSeqToBeAcked = new Uint32Array(0);
  // Per connection.
  private mostRecentSyn = new Float64Array(0);
  private firstRttMs = new Float64Array(0);

  /** Room for exactly `connections` connections, when there is less (ConnectionTracker's capacity). */
  reserve(connections: number): void {
    const flows = connections * 2;
    this.baseSeq = withCapacity(this.baseSeq, flows);
    this.flowFlags = withCapacity(this.flowFlags, flows);
    this.nextSeq = withCapacity(this.nextSeq, flows);
    this.nextSeqTime = withCapacity(this.nextSeqTime, flows);
    this.lastAck = withCapacity(this.lastAck, flows);
    this.lastAckTime = withCapacity(this.lastAckTime, flows);
    this.window = withCapacity(this.window, flows);
    this.windowScale = withCapacity(this.windowScale, flows);
    this.duplicateAcks = withCapacity(this.duplicateAcks, flows);
    this.lastSegmentAnalysis = withCapacity(this.lastSegmentAnalysis, flows);
    this.maxSeqToBeAcked = withCapacity(this.maxSeqToBeAcked, flows);
    this.mostRecentSyn = withCapacity(this.mostRecentSyn, connections);
    this.firstRttMs = withCapacity(this.firstRttMs, connections);
  }

  /** Makes room for `connection` (fourfold, unless `reserve` made it), its two flows in their initial state. */
  addConnection(connection: number): void {
    const flows = connection * 2 + 2;
    if (connection >= this.mostRecentSyn.length) this.reserve(grownCapacity(this.mostRecentSyn.length, connection + 1));
    // New entries are zero; the columns whose initial state is not zero get it here.
    for (let flow = flows - 2; flow < flows; flow++) {
      this.nextSeqTime[flow] = Number.NaN;
      this.lastAckTime[flow] = Number.NaN;
      this.windowScale[flow] = UNKNOWN_SCALE;
    }
    this.mostRecentSyn[connection] = Number.NaN;
  }

  /** Base sequence number of a direction, when it is the initial sequence number of a SYN. */
  initialSequenceNumber(connection: number, direction: 0 | 1): number | null {
    const flow = connection * 2 + direction;
    return this.flowFlags[flow]! & SAW_SYN ? this.baseSeq[flow]! : null;
  }

  /** Whether a direction already has a base sequence number (Wireshark: TCP_S_BASE_SEQ_SET). */
  hasBase(connection: number, direction: 0 | 1): boolean {
    return (this.flowFlags[connection * 2 + direction]! & BASE_SET) !== 0;
  }

  baseOf(connection: number, direction: 0 | 1): number {
    return this.baseSeq[connection * 2 + direction]!;
  }

  /**
   * When the segment given to `analyze` was sent (ms, any origin): the caller sets it first. Not an
   * argument: V8 boxes a fractional number passed to a function it has not inlined, which here
   * would be a heap allocation per segment (a third of all the analysis allocates).
   */
  readonly segmentTime = new Float64Array(1);

  /** Analyses the next segment of `connection`, sent in `direction` at `segmentTime`, into `view`. */
  analyze(connection: number, direction: 0 | 1, segment: SegmentRecord, view: SequenceView): void {
    const time = this.segmentTime[0]!;
    const forward = connection * 2 + direction;
    const reverse = connection * 2 + (direction ^ 1);
    const flags = segment.flags;
    const syn = (flags & TcpFlag.SYN) !== 0;
    const hasAck = (flags & TcpFlag.ACK) !== 0;
    const scale = this.windowScale[forward]!;

    let windowSize: number | undefined;
    if (syn || scale === NO_SCALING) windowSize = segment.window;
    else if (scale >= 0) windowSize = segment.window * (1 << scale); // scale is at most 14

    const analysis = this.analyzeSequence(forward, reverse, segment, windowSize ?? segment.window);

    if (syn && !hasAck) this.mostRecentSyn[connection] = time;
    const mostRecentSyn = this.mostRecentSyn[connection]!;
    if (!syn && hasAck && !Number.isNaN(mostRecentSyn) && this.firstRttMs[connection] === 0) {
      this.firstRttMs[connection] = time - mostRecentSyn;
    }
    if (segment.windowScale >= 0) this.windowScale[forward] = Math.min(segment.windowScale, MAX_WINDOW_SHIFT);
    if (syn) this.verifyWindowScaling(forward, reverse, hasAck);

    view.seq = seqSub(segment.seq, this.baseSeq[forward]!);
    view.ack = hasAck ? seqSub(segment.ack, this.baseSeq[reverse]!) : null;
    view.retransmission = (analysis & ANY_RETRANSMISSION) !== 0;
    view.windowSize = windowSize;
    view.receiverBase = this.baseSeq[reverse]!;
  }

  /** packet-tcp.c, tcp_analyze_sequence_number(): returns the analysis flags of the segment. */
  private analyzeSequence(forward: number, reverse: number, segment: SegmentRecord, window: number): number {
    const time = this.segmentTime[0]!;
    const { seq, ack, len: segmentLength, flags } = segment;
    const synOrFin = (flags & (TcpFlag.SYN | TcpFlag.FIN)) !== 0;
    const synFinRst = (flags & (TcpFlag.SYN | TcpFlag.FIN | TcpFlag.RST)) !== 0;
    let analysis = 0;

    // Relative numbers start at 1 when the SYN was not seen (Wireshark bug 1542).
    if (!(this.flowFlags[forward]! & BASE_SET)) {
      this.baseSeq[forward] = flags & TcpFlag.SYN ? seq : seqSub(seq, 1);
      this.flowFlags[forward] = BASE_SET | (flags & TcpFlag.SYN ? SAW_SYN : 0);
    }
    // The first ACK seen tells the other direction's ISN (ack - 1).
    if (!(this.flowFlags[reverse]! & BASE_SET) && flags & TcpFlag.ACK) {
      this.baseSeq[reverse] = seqSub(ack, 1);
      this.flowFlags[reverse] = this.flowFlags[reverse]! | BASE_SET;
    }

    const nextSeq = this.nextSeq[forward]!;
    let skipToFinishedForward = false;
    if (segmentLength === 1 && seq === nextSeq && this.window[reverse] === 0) {
      analysis |= ZERO_WINDOW_PROBE;
      skipToFinishedForward = true;
    }
    if (!skipToFinishedForward) {
      if (segmentLength <= 1 && seq === seqSub(nextSeq, 1) && !synFinRst) analysis |= KEEP_ALIVE;
      const repeatsLastAck = segmentLength === 0 && seq === nextSeq && ack === this.lastAck[forward] && !synFinRst;
      const sameWindow = window === this.window[forward];
      if (repeatsLastAck && window !== 0 && sameWindow && this.lastSegmentAnalysis[reverse]! & KEEP_ALIVE) {
        analysis |= KEEP_ALIVE_ACK;
      } else if (repeatsLastAck && window === 0 && sameWindow && this.lastSegmentAnalysis[reverse]! & ZERO_WINDOW_PROBE) {
        // zero window probe ACK: nothing that concerns retransmissions
      } else if (repeatsLastAck && window !== 0 && sameWindow) {
        const duplicates = this.duplicateAcks[forward]!;
        this.duplicateAcks[forward] = duplicates === -1 ? 1 : duplicates + 1;
        analysis |= DUPLICATE_ACK;
      }
    }

    if (ack !== this.lastAck[forward]) this.duplicateAcks[forward] = 0;

    // ACKed unseen segment: only its effect on the reverse duplicate-ACK count matters here.
    const reverseMaxToBeAcked = this.maxSeqToBeAcked[reverse]!;
    if (reverseMaxToBeAcked !== 0 && seqGt(ack, reverseMaxToBeAcked) && flags & TcpFlag.ACK) {
      if (seqGt(reverseMaxToBeAcked, this.nextSeq[reverse]!)) this.maxSeqToBeAcked[reverse] = this.nextSeq[reverse]!;
      else this.duplicateAcks[reverse] = -1;
    }

    if (segmentLength > 0 || synOrFin) analysis |= this.retransmissionKind(forward, reverse, segment, analysis);

    let next = seqAdd(seq, segmentLength);
    if (synOrFin) next = seqAdd(next, 1);
    const probe = (analysis & ZERO_WINDOW_PROBE) !== 0;
    if ((seqGt(next, this.nextSeq[forward]!) || this.nextSeq[forward] === 0) && !probe) {
      this.nextSeq[forward] = next;
      this.nextSeqTime[forward] = time;
    }
    const maxToBeAcked = this.maxSeqToBeAcked[forward]!;
    if ((seq === maxToBeAcked || maxToBeAcked === 0) && !probe) {
      this.maxSeqToBeAcked[forward] = this.nextSeq[forward]!;
    }
    this.window[forward] = window;
    this.lastAck[forward] = ack;
    this.lastAckTime[forward] = time;
    this.lastSegmentAnalysis[forward] = analysis;
    return analysis;
  }

  /** The RETRANSMISSION / FAST RETRANSMISSION / OUT-OF-ORDER block for segments that use sequence space. */
  private retransmissionKind(forward: number, reverse: number, segment: SegmentRecord, analysisSoFar: number): number {
    const time = this.segmentTime[0]!;
    const firstRttMs = this.firstRttMs[forward >> 1]!;
    const { seq, len: segmentLength } = segment;
    if (analysisSoFar & KEEP_ALIVE) return 0;
    const nextSeq = this.nextSeq[forward]!;
    let seqNotAdvanced = nextSeq !== 0 && seqLt(seq, nextSeq);
    // More than one new byte right after a possible zero window probe is new data.
    if (segmentLength > 1 && seqSub(nextSeq, 1) === seq) seqNotAdvanced = false;

    const reverseLastAck = this.lastAck[reverse]!;
    if (segmentLength > 0 && reverseLastAck !== 0 && seqLe(seqAdd(seq, segmentLength), reverseLastAck)) {
      return SPURIOUS_RETRANSMISSION;
    }
    const reverseLastAckTime = this.lastAckTime[reverse]!;
    if (
      seqNotAdvanced &&
      this.duplicateAcks[reverse]! >= 2 &&
      reverseLastAck === seq &&
      !Number.isNaN(reverseLastAckTime) &&
      time - reverseLastAckTime < FAST_RETRANSMISSION_WINDOW_MS
    ) {
      return FAST_RETRANSMISSION;
    }
    const outOfOrderThreshold = firstRttMs > 0 ? firstRttMs : DEFAULT_OUT_OF_ORDER_THRESHOLD_MS;
    const synOrFin = segment.flags & (TcpFlag.SYN | TcpFlag.FIN) ? 1 : 0;
    const nextSeqTime = this.nextSeqTime[forward]!;
    if (
      seqNotAdvanced &&
      !Number.isNaN(nextSeqTime) &&
      time - nextSeqTime < outOfOrderThreshold &&
      nextSeq !== seqAdd(seq, segmentLength + synOrFin)
    ) {
      return OUT_OF_ORDER;
    }
    return seqNotAdvanced ? RETRANSMISSION : 0;
  }

  /** packet-tcp.c, verify_tcp_window_scaling(): scaling is used only if both SYNs carry the option. */
  private verifyWindowScaling(forward: number, reverse: number, synAck: boolean): void {
    if (this.windowScale[forward] === UNKNOWN_SCALE) {
      this.windowScale[forward] = NO_SCALING;
      this.windowScale[reverse] = NO_SCALING;
    } else if (synAck && this.windowScale[reverse] === NO_SCALING) {
      this.windowScale[forward] = NO_SCALING;
    }
  }
}
