import { LINUX_CONSTANTS } from "../../profiles";
import { TCP_STATES } from "../../types";
import type { SegmentRecord } from "../decode/segment-record";
import { TcpFlag } from "../decode/tcp-header";
import { captureNote, type CaptureNote } from "../errors";
import type { ArrivalEvidence, Role, StateTransition, TcpState, TransitionRule } from "../types";
import { grown, grownCapacity, withCapacity } from "./columns";
import { seqAdd, seqGe, seqGt } from "./sequence-numbers";

/**
 * Infers each endpoint's RFC 9293 state path from the segments of each connection, in capture
 * order.
 *
 * A capture shows when a segment passed the capture point, not when each end processed it. So a
 * received segment is held back until the receiver's next segment shows what it had received:
 * its acknowledgement number covers the SYN, data and FIN it got, and its timestamp echo (TSecr)
 * is the TSval of the latest segment it got; segments sent before that happen first. That is what
 * makes crossing FINs (simultaneous close) come out as FIN-WAIT-1 -> CLOSING on both ends, puts a
 * RST or an ACK that crossed the receiver's own segment after it, and keeps a segment captured but
 * dropped before its receiver from counting as received: an end that retransmits its SYN or FIN
 * never got the ACKs of it held back so far, and of a SYN, data or FIN sent twice before its
 * receiver showed it had one, the copy whose timestamp the receiver echoes is the one it got. Each change says which rule made it and, for a
 * received segment, what placed its arrival (ArrivalEvidence).
 *
 * Every connection's two ends live in columns indexed by end, connection * 2 + (0 for the
 * client, 1 for the server); the segments held back live in a shared pool of event slots, a
 * linked list per end. Transitions and their evidence are recorded only when asked for (the full
 * analysis): a summary needs the state paths alone.
 */

/** How the two ends stood before the first captured segment. */
export interface ConnectionStart {
  client: TcpState;
  server: TcpState;
  /** The server's initial state is a guess to be revised by its first segment (LISTEN unless it answers RST). */
  serverProvisional: boolean;
}

type ShownBy = ArrivalEvidence["shownBy"];
type Crossing = ArrivalEvidence["crossedBy"][number];
type Change = { order: number; transition: StateTransition };

const ROLES: readonly Role[] = ["client", "server"];
const STATE_CODES = new Map<TcpState, number>(TCP_STATES.map((state, code) => [state, code]));
const code = (state: TcpState) => STATE_CODES.get(state)!;
const CLOSED = code("CLOSED");
const LISTEN = code("LISTEN");
const SYN_SENT = code("SYN-SENT");
const SYN_RECEIVED = code("SYN-RECEIVED");
const ESTABLISHED = code("ESTABLISHED");
const FIN_WAIT_1 = code("FIN-WAIT-1");
const FIN_WAIT_2 = code("FIN-WAIT-2");
const CLOSE_WAIT = code("CLOSE-WAIT");
const CLOSING = code("CLOSING");
const LAST_ACK = code("LAST-ACK");
const TIME_WAIT = code("TIME-WAIT");

const SYN_ACK = TcpFlag.SYN | TcpFlag.ACK;

/** End flags. */
const PASSIVE_OPEN = 1;
const PROVISIONAL = 2;

/** Beyond this many held-back segments the oldest is taken as received (bounds memory). */
const MAX_HELD_BACK = 256;
/** States of a path kept inline per end; longer paths move to `longPaths`. */
const PATH_INLINE = 8;
const NONE = -1;

export class StateInference {
  // Per end.
  private state = new Uint8Array(0);
  /** Absolute sequence numbers; NaN until known. */
  private initialSequence = new Float64Array(0);
  /** Sequence number of this end's FIN, once sent. */
  private finSequence = new Float64Array(0);
  /** Capture time (ms) of the end's latest SYN+ACK; NaN before one. */
  private synAckSentAt = new Float64Array(0);
  /** Next sequence number expected from the peer, from the segments applied. */
  private receiveNext = new Float64Array(0);
  private endFlags = new Uint8Array(0);
  private pathLength = new Uint32Array(0);
  private pathInline = new Uint8Array(0);
  private readonly longPaths = new Map<number, number[]>();
  private readonly pathTexts = new Map<number, string>();
  /** The key and text `pathText` last gave for a client end and for a server end. */
  private readonly lastPathKeys = new Float64Array([-1, -1]);
  private readonly lastPathTexts = ["", ""];
  private pendingHead = new Int32Array(0);
  private pendingTail = new Int32Array(0);
  private pendingCount = new Uint32Array(0);
  /** Each change of path[i] to path[i + 1], with its place in the merged list (full analysis only). */
  private readonly changes: (Change[] | undefined)[] = [];

  // Per event slot: a segment its receiver has not applied yet.
  private eventSegment = new Uint32Array(0);
  private eventFrom = new Uint8Array(0);
  private eventFlags = new Uint16Array(0);
  private eventSeq = new Uint32Array(0);
  private eventAck = new Uint32Array(0);
  private eventLen = new Uint32Array(0);
  private eventTsval = new Uint32Array(0);
  private eventTsecr = new Uint32Array(0);
  private eventHasTimestamps = new Uint8Array(0);
  private eventNext = new Int32Array(0);
  /** The receiver's segments that crossed each held-back segment so far (full analysis only). */
  private readonly crossed: (Crossing[] | undefined)[] = [];
  private freeEvents = NONE;
  private usedEvents = 0;

  /** Notes per connection, in the order they were made. */
  private readonly notesOf = new Map<number, CaptureNote[]>();

  constructor(private readonly recordTransitions: boolean) {}

  /** Room for exactly `connections` connections, when there is less (ConnectionTracker's capacity). */
  reserve(connections: number): void {
    const ends = connections * 2;
    this.state = withCapacity(this.state, ends);
    this.initialSequence = withCapacity(this.initialSequence, ends);
    this.finSequence = withCapacity(this.finSequence, ends);
    this.synAckSentAt = withCapacity(this.synAckSentAt, ends);
    this.receiveNext = withCapacity(this.receiveNext, ends);
    this.endFlags = withCapacity(this.endFlags, ends);
    this.pathLength = withCapacity(this.pathLength, ends);
    this.pendingHead = withCapacity(this.pendingHead, ends);
    this.pendingTail = withCapacity(this.pendingTail, ends);
    this.pendingCount = withCapacity(this.pendingCount, ends);
    this.pathInline = withCapacity(this.pathInline, ends * PATH_INLINE);
  }

  /** Makes room for `connection` (fourfold, unless `reserve` made it) and sets its two ends' initial states. */
  addConnection(connection: number, start: ConnectionStart): void {
    const ends = connection * 2 + 2;
    if (ends > this.state.length) this.reserve(grownCapacity(this.state.length / 2, connection + 1));
    const client = connection * 2;
    // New entries are zero; the columns whose initial state is not zero get it here.
    for (let end = client; end < client + 2; end++) {
      this.initialSequence[end] = Number.NaN;
      this.finSequence[end] = Number.NaN;
      this.synAckSentAt[end] = Number.NaN;
      this.receiveNext[end] = Number.NaN;
      this.pendingHead[end] = NONE;
      this.pendingTail[end] = NONE;
    }
    this.state[client] = code(start.client);
    this.pushPath(client, this.state[client]!);
    this.state[client + 1] = code(start.server);
    this.pushPath(client + 1, this.state[client + 1]!);
    if (start.serverProvisional) this.endFlags[client + 1] = PROVISIONAL;
  }

  /** The next segment of `connection`, the `index`-th, sent by `from` (absolute sequence numbers). */
  observe(connection: number, index: number, from: 0 | 1, segment: SegmentRecord): void {
    const event = this.newEvent(index, from, segment);
    const sender = connection * 2 + from;
    this.sentAt[0] = segment.seconds * 1000 + segment.nanoseconds / 1e6;
    this.send(sender, event);
    this.receive(sender ^ 1, event);
  }

  /** End of the capture: what is still held back counts as received, except SYNs nobody answered. */
  finish(connection: number): void {
    for (let end = connection * 2; end < connection * 2 + 2; end++) {
      let unanswered = 0;
      for (let held = this.pendingHead[end]!; held !== NONE; held = this.eventNext[held]!) {
        unanswered += this.eventFlags[held]! & TcpFlag.SYN ? 1 : 0;
      }
      for (let held = this.takeHead(end); held !== NONE; held = this.takeHead(end)) {
        if (!(this.eventFlags[held]! & TcpFlag.SYN)) this.applyReceipt(end, held, "end-of-capture", NONE);
        this.freeEvent(held);
      }
      const role = ROLES[end & 1]!;
      if (unanswered > 0) {
        this.note(connection, captureNote("syn-unanswered", { role, count: unanswered }));
      }
      if (this.endFlags[end]! & PROVISIONAL && this.pathLength[end] === 1) {
        this.note(connection, captureNote("silent-end", { role, state: TCP_STATES[this.pathAt(end, 0)]! }));
      }
    }
  }

  /** The end's path joined with ">" (as `tcp pcap --summary` prints it); short paths' texts are made once and reused. */
  pathText(end: number): string {
    const length = this.pathLength[end]!;
    if (length > PATH_INLINE) return this.path(end).join(">");
    // Four bits per state (there are eleven), then the length: one number per distinct path.
    let key = length;
    for (let index = 0; index < length; index++) key = key * 16 + this.pathInline[end * PATH_INLINE + index]!;
    // Rows in a row mostly share their paths: the previous row's answer for the same end first.
    const side = end & 1;
    if (this.lastPathKeys[side] === key) return this.lastPathTexts[side]!;
    let text = this.pathTexts.get(key);
    if (text === undefined) {
      text = this.path(end).join(">");
      this.pathTexts.set(key, text);
    }
    this.lastPathKeys[side] = key;
    this.lastPathTexts[side] = text;
    return text;
  }

  /** The end's last state. */
  finalState(end: number): TcpState {
    return TCP_STATES[this.pathAt(end, this.pathLength[end]! - 1)]!;
  }

  paths(connection: number): { client: TcpState[]; server: TcpState[] } {
    return { client: this.path(connection * 2), server: this.path(connection * 2 + 1) };
  }

  /**
   * Both ends' transitions by the segment that caused them (the sender's before the receiver's),
   * each end's own in the order it went through them (recorded only for the full analysis).
   */
  transitions(connection: number): StateTransition[] {
    const client = this.changes[connection * 2] ?? [];
    const server = this.changes[connection * 2 + 1] ?? [];
    const merged: StateTransition[] = [];
    for (let c = 0, s = 0; c < client.length || s < server.length; ) {
      const takeClient = (client[c]?.order ?? Infinity) < (server[s]?.order ?? Infinity);
      merged.push((takeClient ? client[c++] : server[s++])!.transition);
    }
    return merged;
  }

  notes(connection: number): readonly CaptureNote[] {
    return this.notesOf.get(connection) ?? [];
  }

  private note(connection: number, note: CaptureNote): void {
    const notes = this.notesOf.get(connection);
    if (notes) notes.push(note);
    else this.notesOf.set(connection, [note]);
  }

  /**
   * The capture time (ms) of the segment `send` is given. Not an argument: V8 boxes a fractional
   * number passed to a function it has not inlined, a heap allocation per segment.
   */
  private readonly sentAt = new Float64Array(1);

  private send(end: number, event: number): void {
    const at = this.sentAt[0]!;
    const flags = this.eventFlags[event]!;
    if (this.endFlags[end]! & PROVISIONAL) {
      // A first answer of RST, or a SYN of its own, shows the end was not listening.
      if (flags & TcpFlag.RST || (flags & SYN_ACK) === TcpFlag.SYN) {
        this.state[end] = CLOSED;
        this.setPathAt(end, 0, CLOSED);
      }
      this.endFlags[end] = this.endFlags[end]! & ~PROVISIONAL;
    }
    if (this.retransmitsSynOrFin(end, event) && !this.answersDuplicateSyn(end, event, at)) {
      this.dropPending(end, (held) => this.usesSequenceSpace(held) || (this.eventFlags[held]! & TcpFlag.RST) !== 0 || !this.acknowledgesOwn(end, held));
    }
    this.receiveBefore(end, event);
    this.applySend(end, event);
    if ((flags & SYN_ACK) === SYN_ACK) this.synAckSentAt[end] = at;
  }

  private receive(end: number, event: number): void {
    this.pushPending(end, event);
    // Bounded even if the receiver never sends (a one-directional capture).
    if (this.pendingCount[end]! > MAX_HELD_BACK) {
      const oldest = this.takeHead(end);
      this.applyReceipt(end, oldest, "assumed", NONE);
      this.freeEvent(oldest);
    }
  }

  /**
   * A SYN+ACK sent again sooner than any retransmission timer fires (Linux: TCP_RTO_MIN, and the
   * SYN+ACK timer starts at 1 s) answers a retransmitted SYN (RFC 9293 3.10.7.4, tcp_check_req).
   * It shows only that the ACKs held back had not arrived yet: they may still be on their way, so
   * they stay held back (they crossed it) instead of being taken as lost.
   */
  private answersDuplicateSyn(end: number, event: number, at: number): boolean {
    if ((this.eventFlags[event]! & SYN_ACK) !== SYN_ACK) return false;
    return at - this.synAckSentAt[end]! < LINUX_CONSTANTS.TCP_RTO_MIN_MS;
  }

  /** The segment repeats the end's SYN or FIN: it had not received their acknowledgement. */
  private retransmitsSynOrFin(end: number, event: number): boolean {
    const flags = this.eventFlags[event]!;
    if (flags & TcpFlag.SYN && this.initialSequence[end] === this.eventSeq[event]) return true;
    return (flags & TcpFlag.FIN) !== 0 && this.finSequence[end] === seqAdd(this.eventSeq[event]!, this.eventLen[event]!);
  }

  /**
   * Applies, in arrival order, the held-back segments received before `sent` went out: up to the
   * first one that had not arrived yet, i.e. one using sequence space that its acknowledgement
   * number does not cover, or one whose TSval is newer than its timestamp echo. Those that stay
   * held back crossed `sent` on the wire.
   */
  private receiveBefore(end: number, sent: number): void {
    for (let head = this.pendingHead[end]!; head !== NONE; head = this.pendingHead[end]!) {
      const arrival = this.arrivalBefore(head, sent);
      if (arrival === null) break;
      this.takeHead(end);
      if (!this.laterCopyArrived(end, head, sent)) this.applyReceipt(end, head, arrival, this.eventSegment[sent]!);
      this.freeEvent(head);
    }
    if (!this.recordTransitions) return;
    // What is still held back was on its way while `sent` went out: they crossed.
    for (let held = this.pendingHead[end]!; held !== NONE; held = this.eventNext[held]!) {
      const crossing: Crossing = { segment: this.eventSegment[sent]!, basis: this.notYetArrived(held, sent) ?? "order" };
      const list = this.crossed[held];
      if (list) list.push(crossing);
      else this.crossed[held] = [crossing];
    }
  }

  /**
   * The sender sent `held` again before `sent` showed it had arrived. The copy that arrived is the
   * latest whose TSval `sent` had seen (TSval not newer than its TSecr): earlier copies were lost,
   * so a later one gets the credit (a SYN+ACK lost once, a FIN lost before two FINs crossed).
   * Without timestamps the first copy keeps it.
   */
  private laterCopyArrived(end: number, held: number, sent: number): boolean {
    if (!this.eventHasTimestamps[held] || !this.eventHasTimestamps[sent] || !(this.eventFlags[sent]! & TcpFlag.ACK)) return false;
    const echo = this.eventTsecr[sent]!;
    for (let other = this.pendingHead[end]!; other !== NONE; other = this.eventNext[other]!) {
      if (this.sameSegment(other, held) && this.eventHasTimestamps[other] && !timestampAfter(this.eventTsval[other]!, echo)) return true;
    }
    return false;
  }

  private applySend(end: number, event: number): void {
    const flags = this.eventFlags[event]!;
    const state = this.state[end]!;
    if (flags & TcpFlag.RST) {
      if (state !== CLOSED && state !== LISTEN) this.move(end, CLOSED, event, "abort", null, NONE);
      return;
    }
    if (flags & TcpFlag.SYN) {
      this.initialSequence[end] = this.eventSeq[event]!;
      if (flags & TcpFlag.ACK) {
        // The SYN+ACK answers a SYN the capture may not show.
        if (state === LISTEN || state === CLOSED) this.move(end, SYN_RECEIVED, event, "passive-open", null, NONE);
      } else if (state === CLOSED || state === LISTEN) {
        this.move(end, SYN_SENT, event, "active-open", null, NONE);
      }
    }
    if (flags & TcpFlag.FIN) {
      this.finSequence[end] = seqAdd(this.eventSeq[event]!, this.eventLen[event]! + (flags & TcpFlag.SYN ? 1 : 0));
      const now = this.state[end]!;
      if (now === ESTABLISHED || now === SYN_RECEIVED) this.move(end, FIN_WAIT_1, event, "close", null, NONE);
      else if (now === CLOSE_WAIT) this.move(end, LAST_ACK, event, "close", null, NONE);
    }
  }

  /** RFC 9293 section 3.10.7 (SEGMENT ARRIVES), in its order: RST, SYN, ACK, FIN. */
  private applyReceipt(end: number, event: number, shownBy: ShownBy, before: number): void {
    const flags = this.eventFlags[event]!;
    if (flags & TcpFlag.RST) {
      this.receiveReset(end, event, shownBy, before);
      return;
    }
    if (flags & TcpFlag.SYN) {
      const state = this.state[end]!;
      if (state === LISTEN && !(flags & TcpFlag.ACK)) {
        this.endFlags[end] = this.endFlags[end]! | PASSIVE_OPEN;
        this.move(end, SYN_RECEIVED, event, "syn-in-listen", shownBy, before);
      } else if (state === SYN_SENT) {
        // Without ACK: a simultaneous open.
        if (!(flags & TcpFlag.ACK)) this.move(end, SYN_RECEIVED, event, "syn-in-syn-sent", shownBy, before);
        else if (this.acknowledgesSyn(end, event)) this.move(end, ESTABLISHED, event, "syn-ack-in-syn-sent", shownBy, before);
      }
    }
    if (flags & TcpFlag.ACK) {
      const state = this.state[end]!;
      if (state === SYN_RECEIVED && this.acknowledgesSyn(end, event)) this.move(end, ESTABLISHED, event, "ack-of-syn", shownBy, before);
      else if (this.acknowledgesFin(end, event)) {
        if (state === FIN_WAIT_1) this.move(end, FIN_WAIT_2, event, "ack-of-fin", shownBy, before);
        else if (state === CLOSING) this.move(end, TIME_WAIT, event, "ack-of-fin", shownBy, before);
        else if (state === LAST_ACK) this.move(end, CLOSED, event, "ack-of-fin", shownBy, before);
      }
    }
    if (flags & TcpFlag.FIN) {
      const state = this.state[end]!;
      if (state === ESTABLISHED || state === SYN_RECEIVED) this.move(end, CLOSE_WAIT, event, "fin", shownBy, before);
      else if (state === FIN_WAIT_1) this.move(end, CLOSING, event, "fin", shownBy, before);
      else if (state === FIN_WAIT_2) this.move(end, TIME_WAIT, event, "fin", shownBy, before);
    }
    if (this.usesSequenceSpace(event)) {
      const sequenceEnd = this.sequenceEnd(event);
      const receiveNext = this.receiveNext[end]!;
      if (Number.isNaN(receiveNext) || seqGt(sequenceEnd, receiveNext)) this.receiveNext[end] = sequenceEnd >>> 0;
    }
  }

  /**
   * Linux (tcp_validate_incoming, RFC 5961) resets a connection only for a RST at exactly the
   * next expected sequence number (or one less after a FIN arrived); in SYN-SENT the RST must
   * acknowledge the SYN. Other RSTs get a challenge ACK and change nothing.
   */
  private receiveReset(end: number, event: number, shownBy: ShownBy, before: number): void {
    const state = this.state[end]!;
    if (state === CLOSED || state === LISTEN) return;
    const receiveNext = this.receiveNext[end]!;
    let accepted: boolean;
    if (state === SYN_SENT) {
      accepted = (this.eventFlags[event]! & TcpFlag.ACK) !== 0 && this.acknowledgesSyn(end, event);
    } else if (state === SYN_RECEIVED || Number.isNaN(receiveNext)) {
      accepted = true;
    } else {
      const afterFin = state === CLOSE_WAIT || state === LAST_ACK || state === CLOSING;
      const seq = this.eventSeq[event]!;
      accepted = seq === receiveNext || (afterFin && seq === seqAdd(receiveNext, -1));
    }
    if (!accepted) {
      this.note(end >> 1, captureNote("rst-ignored", { segment: this.eventSegment[event]!, role: ROLES[end & 1]! }));
      return;
    }
    const to = state === SYN_RECEIVED && this.endFlags[end]! & PASSIVE_OPEN ? LISTEN : CLOSED;
    this.move(end, to, event, "reset", shownBy, before);
  }

  /** `shownBy` null: a change by a segment the end sent. */
  private move(end: number, to: number, event: number, rule: TransitionRule, shownBy: ShownBy | null, before: number): void {
    const from = this.state[end]!;
    if (from === to) return;
    if (this.recordTransitions) {
      const sent = this.eventFrom[event] === (end & 1);
      const segment = this.eventSegment[event]!;
      const transition: StateTransition = {
        segment,
        host: ROLES[end & 1]!,
        from: TCP_STATES[from]!,
        to: TCP_STATES[to]!,
        by: sent ? "sent" : "received",
        rule,
      };
      if (shownBy !== null) {
        transition.arrival = { crossedBy: [...(this.crossed[event] ?? [])], shownBy, before: before === NONE ? null : before };
      }
      // Ordered by segment and, for the same segment, sender first.
      const change: Change = { order: segment * 2 + (sent ? 0 : 1), transition };
      const changes = this.changes[end];
      if (changes) changes.push(change);
      else this.changes[end] = [change];
    }
    this.state[end] = to;
    this.pushPath(end, to);
  }

  // Segments and what the ends know of them.

  private usesSequenceSpace(event: number): boolean {
    return this.eventLen[event]! > 0 || (this.eventFlags[event]! & (TcpFlag.SYN | TcpFlag.FIN)) !== 0;
  }

  /**
   * The sequence number after the segment, as a signed 32-bit integer: compare it with the seq*
   * functions or ===, or take `>>> 0` for the number itself. Returned from a call V8 may not
   * inline, a number of 2^31 or more would be a heap allocation each time.
   */
  private sequenceEnd(event: number): number {
    const flags = this.eventFlags[event]!;
    return (this.eventSeq[event]! + this.eventLen[event]! + (flags & TcpFlag.SYN ? 1 : 0) + (flags & TcpFlag.FIN ? 1 : 0)) | 0;
  }

  /** The same SYN, data or FIN again: same sequence range, same SYN, FIN, RST and ACK flags. */
  private sameSegment(a: number, b: number): boolean {
    const kind = TcpFlag.SYN | TcpFlag.FIN | TcpFlag.RST | TcpFlag.ACK;
    return (
      this.usesSequenceSpace(a) &&
      this.eventSeq[a] === this.eventSeq[b] &&
      this.sequenceEnd(a) === this.sequenceEnd(b) &&
      (this.eventFlags[a]! & kind) === (this.eventFlags[b]! & kind)
    );
  }

  /** The segment acknowledges the end's SYN (any ACK counts when that SYN was not captured). */
  private acknowledgesSyn(end: number, event: number): boolean {
    const initial = this.initialSequence[end]!;
    return Number.isNaN(initial) || seqGe(this.eventAck[event]!, seqAdd(initial, 1));
  }

  private acknowledgesFin(end: number, event: number): boolean {
    const fin = this.finSequence[end]!;
    return !Number.isNaN(fin) && seqGt(this.eventAck[event]!, fin);
  }

  /** An ACK of the end's SYN or FIN, i.e. one that would move it on. */
  private acknowledgesOwn(end: number, event: number): boolean {
    if (!(this.eventFlags[event]! & TcpFlag.ACK)) return false;
    return this.acknowledgesFin(end, event) || (!Number.isNaN(this.initialSequence[end]!) && this.acknowledgesSyn(end, event));
  }

  /**
   * How `sent` shows that `held` had arrived before it went out, or null if it had not:
   * acknowledged (it used sequence space, and the ACK covers it), timestamps (TSecr is at least its
   * TSval), or assumed (a segment without sequence space or timestamps: nothing says otherwise).
   */
  private arrivalBefore(held: number, sent: number): Exclude<ShownBy, "end-of-capture"> | null {
    if (this.notYetArrived(held, sent) !== null) return null;
    if (this.usesSequenceSpace(held)) return "acknowledgement";
    return this.eventHasTimestamps[held] && this.eventHasTimestamps[sent] ? "timestamps" : "assumed";
  }

  /** Why `held` had not arrived when `sent` went out, or null if nothing says so. */
  private notYetArrived(held: number, sent: number): "acknowledgement" | "timestamps" | null {
    const sentFlags = this.eventFlags[sent]!;
    if (this.usesSequenceSpace(held)) {
      // The acknowledgement number settles it either way (a covered segment arrived, whatever TSecr says:
      // a receiver with an ACK pending does not take the TSval of the next segment, RFC 7323 4.3).
      return (sentFlags & TcpFlag.ACK) !== 0 && seqGe(this.eventAck[sent]!, this.sequenceEnd(held)) ? null : "acknowledgement";
    }
    if (
      this.eventHasTimestamps[held] &&
      this.eventHasTimestamps[sent] &&
      sentFlags & TcpFlag.ACK &&
      timestampAfter(this.eventTsval[held]!, this.eventTsecr[sent]!)
    ) {
      return "timestamps";
    }
    return null;
  }

  // Paths.

  private pushPath(end: number, state: number): void {
    const length = this.pathLength[end]!;
    if (length < PATH_INLINE) this.pathInline[end * PATH_INLINE + length] = state;
    else {
      let long = this.longPaths.get(end);
      if (!long) {
        long = Array.from(this.pathInline.subarray(end * PATH_INLINE, end * PATH_INLINE + PATH_INLINE));
        this.longPaths.set(end, long);
      }
      long.push(state);
    }
    this.pathLength[end] = length + 1;
  }

  private pathAt(end: number, index: number): number {
    return this.pathLength[end]! > PATH_INLINE ? this.longPaths.get(end)![index]! : this.pathInline[end * PATH_INLINE + index]!;
  }

  private setPathAt(end: number, index: number, state: number): void {
    if (this.pathLength[end]! > PATH_INLINE) this.longPaths.get(end)![index] = state;
    else this.pathInline[end * PATH_INLINE + index] = state;
  }

  private path(end: number): TcpState[] {
    const states: TcpState[] = [];
    for (let index = 0; index < this.pathLength[end]!; index++) states.push(TCP_STATES[this.pathAt(end, index)]!);
    return states;
  }

  // The event pool and the held-back lists.

  private newEvent(index: number, from: 0 | 1, segment: SegmentRecord): number {
    let event = this.freeEvents;
    if (event !== NONE) this.freeEvents = this.eventNext[event]!;
    else {
      event = this.usedEvents++;
      if (event >= this.eventSegment.length) this.growEvents(event + 1);
    }
    this.eventSegment[event] = index;
    // Read only to record a transition.
    if (this.recordTransitions) this.eventFrom[event] = from;
    this.eventFlags[event] = segment.flags;
    this.eventSeq[event] = segment.seq;
    this.eventAck[event] = segment.ack;
    this.eventLen[event] = segment.len;
    this.eventHasTimestamps[event] = segment.hasTimestamps ? 1 : 0;
    this.eventTsval[event] = segment.tsval;
    this.eventTsecr[event] = segment.tsecr;
    this.eventNext[event] = NONE;
    return event;
  }

  private growEvents(length: number): void {
    this.eventSegment = grown(this.eventSegment, length);
    this.eventFrom = grown(this.eventFrom, length);
    this.eventFlags = grown(this.eventFlags, length);
    this.eventSeq = grown(this.eventSeq, length);
    this.eventAck = grown(this.eventAck, length);
    this.eventLen = grown(this.eventLen, length);
    this.eventTsval = grown(this.eventTsval, length);
    this.eventTsecr = grown(this.eventTsecr, length);
    this.eventHasTimestamps = grown(this.eventHasTimestamps, length);
    this.eventNext = grown(this.eventNext, length);
  }

  private freeEvent(event: number): void {
    if (this.recordTransitions) this.crossed[event] = undefined;
    this.eventNext[event] = this.freeEvents;
    this.freeEvents = event;
  }

  private pushPending(end: number, event: number): void {
    this.eventNext[event] = NONE;
    const tail = this.pendingTail[end]!;
    if (tail === NONE) this.pendingHead[end] = event;
    else this.eventNext[tail] = event;
    this.pendingTail[end] = event;
    this.pendingCount[end] = this.pendingCount[end]! + 1;
  }

  /** Removes and returns the oldest held-back event of `end` (NONE when there is none); the caller frees it. */
  private takeHead(end: number): number {
    const head = this.pendingHead[end]!;
    if (head === NONE) return NONE;
    const next = this.eventNext[head]!;
    this.pendingHead[end] = next;
    if (next === NONE) this.pendingTail[end] = NONE;
    this.pendingCount[end] = this.pendingCount[end]! - 1;
    return head;
  }

  /** Drops the held-back events of `end` that `keep` rejects, keeping the others in order. */
  private dropPending(end: number, keep: (event: number) => boolean): void {
    let previous = NONE;
    for (let event = this.pendingHead[end]!; event !== NONE; ) {
      const next = this.eventNext[event]!;
      if (keep(event)) previous = event;
      else {
        if (previous === NONE) this.pendingHead[end] = next;
        else this.eventNext[previous] = next;
        if (next === NONE) this.pendingTail[end] = previous;
        this.pendingCount[end] = this.pendingCount[end]! - 1;
        this.freeEvent(event);
      }
      event = next;
    }
  }
}

/** TSval `a` is later than `b` on the sender's 32-bit clock. */
function timestampAfter(a: number, b: number): boolean {
  return ((a - b) | 0) > 0;
}
