/**
 * One host's TCP: its TCB plus the primitives the receive path, the application calls and the
 * timer handlers share (sending, ACK policy, retransmission, state changes). The simulation owns
 * the clock, the network and the timers; it reaches the endpoint only through `EndpointEnv`.
 */
import { LINUX_CONSTANTS, type EngineParams } from "../profiles";
import { createRttEstimator } from "../rtt";
import { seqAdd, seqDiff, seqLeq } from "../seq";
import type { AppCall, ErrorCode, HostId, SimEventDraft, TcpState, TimerKind, TransitionCause } from "../types";
import { closedTcb, type RetransmitEntry, type Tcb } from "./tcb";
import { segmentLength, type OutgoingSegment } from "./wire";

export interface EndpointEnv {
  readonly params: EngineParams;
  /** Whether the simulated path counts as loopback for tcp_tw_reuse=2. */
  readonly loopback: boolean;
  now(): number;
  transmit(from: HostId, segment: OutgoingSegment): number;
  armTimer(host: HostId, kind: TimerKind, delayMs: number): void;
  disarmTimer(host: HostId, kind: TimerKind): void;
  isTimerArmed(host: HostId, kind: TimerKind): boolean;
  emit(event: SimEventDraft): void;
  /** ISN for this host's first connection (fixed by the scenario or drawn from the seed). */
  firstIsn(host: HostId): number;
}

/** States in which both sides have exchanged SYNs and data/FIN retransmission rules apply. */
const SYNCHRONIZED: ReadonlySet<TcpState> = new Set([
  "ESTABLISHED",
  "FIN-WAIT-1",
  "FIN-WAIT-2",
  "CLOSE-WAIT",
  "CLOSING",
  "LAST-ACK",
  "TIME-WAIT",
]);

const ALL_TIMERS: readonly TimerKind[] = ["retransmit", "loss-probe", "delayed-ack", "time-wait", "fin-wait-2"];

export class Endpoint {
  tcb: Tcb;
  /** First connection's ISN and time: later ISNs follow the ISN clock from there. */
  private isnClock: { t: number; isn: number } | null = null;

  constructor(
    readonly host: HostId,
    readonly env: EndpointEnv,
  ) {
    this.tcb = this.freshTcb();
  }

  get params(): EngineParams {
    return this.env.params;
  }

  get state(): TcpState {
    return this.tcb.state;
  }

  now(): number {
    return this.env.now();
  }

  isSynchronized(): boolean {
    return SYNCHRONIZED.has(this.tcb.state);
  }

  // ---------------------------------------------------------------- state and reporting

  setState(next: TcpState, cause: TransitionCause): void {
    const from = this.tcb.state;
    if (from === next) return;
    this.tcb.state = next;
    this.env.emit({ kind: "transition", host: this.host, from, to: next, cause });
  }

  /** An error the application would see (errno); orphaned sockets have nobody to tell. */
  reportError(code: ErrorCode, call?: AppCall): void {
    if (this.tcb.orphan && call === undefined) return;
    this.env.emit(call === undefined ? { kind: "error", host: this.host, code } : { kind: "error", host: this.host, code, call });
  }

  note(text: string): void {
    this.env.emit({ kind: "note", host: this.host, text });
  }

  /** Delete the TCB: CLOSED, no timers, nothing queued. The ISN clock survives. */
  closeConnection(cause: TransitionCause): void {
    this.disarmAllTimers();
    this.setState("CLOSED", cause);
    this.tcb = this.freshTcb();
  }

  /** A passive open that failed: back to an empty LISTEN. */
  returnToListen(cause: TransitionCause): void {
    this.disarmAllTimers();
    this.setState("LISTEN", cause);
    this.tcb = { ...this.freshTcb(), state: "LISTEN" };
  }

  /**
   * A new connection on the same 4-tuple replaces the TIME-WAIT one (reopened by a SYN or reused
   * by connect()). The state stays TIME-WAIT until the caller sets the next one, so the trace shows
   * TIME-WAIT -> SYN-RECEIVED / SYN-SENT.
   */
  startNewIncarnation(): void {
    this.disarmAllTimers();
    this.tcb = { ...this.freshTcb(), state: this.tcb.state };
  }

  private disarmAllTimers(): void {
    for (const kind of ALL_TIMERS) this.env.disarmTimer(this.host, kind);
  }

  private freshTcb(): Tcb {
    return closedTcb(createRttEstimator(this.params), this.params.initialRtoMs, this.params.receiveWindow);
  }

  /** Linux: hash of the 4-tuple plus a 64 ns clock (secure_tcp_seq); RFC 9293: a 4 µs clock. */
  nextIsn(): number {
    const now = this.now();
    if (this.isnClock === null) {
      this.isnClock = { t: now, isn: this.env.firstIsn(this.host) };
      return this.isnClock.isn;
    }
    return seqAdd(this.isnClock.isn, Math.floor((now - this.isnClock.t) * this.params.isnTicksPerMs));
  }

  /** Start a connection with a given ISS (SYN-SENT or SYN-RECEIVED set up by the caller). */
  initSend(iss: number): void {
    this.tcb.iss = iss;
    this.tcb.sndUna = iss;
    this.tcb.sndNxt = iss;
  }

  initReceive(irs: number): void {
    this.tcb.irs = irs;
    this.tcb.rcvNxt = seqAdd(irs, 1);
    this.tcb.ack.rcvNxtAtLastAck = this.tcb.rcvNxt;
  }

  // ---------------------------------------------------------------- sending

  /** Every segment with ACK set carries the current RCV.NXT and settles any owed ACK. */
  send(segment: Omit<OutgoingSegment, "ackNo"> & { ackNo?: number }): number {
    const ackNo = segment.ackNo ?? this.tcb.rcvNxt;
    const id = this.env.transmit(this.host, { ...segment, ackNo });
    if (segment.ack && !segment.rst) this.onAckSent();
    return id;
  }

  sendAck(): void {
    this.send({ ack: true, seq: this.tcb.sndNxt, len: 0 });
  }

  /** RST for a segment that has no connection to go to (RFC 9293 3.10.7.1). */
  sendResetFor(incoming: { ack: boolean; ackNo: number; seq: number; len: number; syn: boolean; fin: boolean }): void {
    if (incoming.ack) {
      this.send({ rst: true, ack: false, seq: incoming.ackNo, len: 0, ackNo: 0 });
    } else {
      this.send({ rst: true, ack: true, seq: 0, len: 0, ackNo: seqAdd(incoming.seq, segmentLength(incoming)) });
    }
  }

  /** RST of an abort: <SEQ=SND.NXT>, with ACK on Linux (tcp_send_active_reset). */
  sendAbortReset(): void {
    const withAck = this.params.rstCarriesAck;
    this.send({ rst: true, ack: withAck, seq: this.tcb.sndNxt, len: 0, ackNo: withAck ? this.tcb.rcvNxt : 0 });
  }

  /** ACK for an out-of-window segment or an RFC 5961 challenge ACK, rate-limited (tcp_invalid_ratelimit). */
  sendRateLimitedAck(reason: string): void {
    const now = this.now();
    if (now - this.tcb.lastInvalidAckAt < this.params.invalidAckIntervalMs) {
      this.note(`${reason}: ACK suppressed by rate limit`);
      return;
    }
    this.tcb.lastInvalidAckAt = now;
    this.sendAck();
  }

  /** Transmit a segment that consumes sequence space and keep it for retransmission. */
  sendNew(segment: { syn?: boolean; fin?: boolean; psh?: boolean; ack: boolean; len: number }): void {
    const seq = this.tcb.sndNxt;
    this.send({ ...segment, seq });
    const now = this.now();
    this.tcb.retransmitQueue.push({
      seq,
      len: segment.len,
      syn: segment.syn ?? false,
      fin: segment.fin ?? false,
      psh: segment.psh ?? false,
      firstSentAt: now,
      lastSentAt: now,
      retransmitted: false,
    });
    if (segment.fin) this.tcb.finSeq = seqAdd(seq, segment.len);
    this.tcb.sndNxt = seqAdd(seq, segmentLength(segment));
  }

  retransmit(entry: RetransmitEntry): void {
    entry.lastSentAt = this.now();
    entry.retransmitted = true;
    const ack = !(entry.syn && this.tcb.state === "SYN-SENT");
    this.send({ syn: entry.syn, fin: entry.fin, psh: entry.psh, ack, seq: entry.seq, len: entry.len, retransmission: true });
  }

  /** Send queued data and then the FIN, as far as the peer's window allows. */
  pushPending(): void {
    const tcb = this.tcb;
    if (!["ESTABLISHED", "CLOSE-WAIT", "FIN-WAIT-1", "LAST-ACK"].includes(tcb.state)) return;
    let sentNew = false;
    while (tcb.unsentBytes > 0) {
      const room = tcb.sndWnd - seqDiff(tcb.sndUna, tcb.sndNxt);
      if (room <= 0) break;
      const len = Math.min(this.params.mss, tcb.unsentBytes, room);
      const last = len === tcb.unsentBytes;
      // Linux puts the FIN on the last unsent data segment (tcp_send_fin).
      const fin = last && tcb.finQueued && tcb.finSeq === null;
      this.sendNew({ ack: true, psh: last, fin, len });
      tcb.unsentBytes -= len;
      this.onDataSent();
      sentNew = true;
    }
    if (tcb.unsentBytes === 0 && tcb.finQueued && tcb.finSeq === null) {
      this.sendNew({ ack: true, fin: true, len: 0 });
      sentNew = true;
    }
    if (sentNew) this.armAfterNewData();
  }

  /** SYN-ACK of a passive open; Linux times it out from TCP_TIMEOUT_INIT, doubling (reqsk_timeout()). */
  sendSynAck(): void {
    this.tcb.synAckTimeouts = 0;
    this.sendNew({ syn: true, ack: true, len: 0 });
    this.env.armTimer(this.host, "retransmit", this.tcb.rtoMs);
  }

  // ---------------------------------------------------------------- acknowledgements received

  /** SND.UNA < ackNo <= SND.NXT: drop acknowledged segments, take an RTT sample, re-arm timers. */
  acceptAck(ackNo: number): void {
    const tcb = this.tcb;
    const now = this.now();
    let newestAcked: RetransmitEntry | undefined;
    while (tcb.retransmitQueue.length > 0) {
      const head = tcb.retransmitQueue[0];
      if (head === undefined) break;
      const end = seqAdd(head.seq, segmentLength(head));
      if (seqLeq(end, ackNo)) {
        newestAcked = head;
        tcb.retransmitQueue.shift();
        continue;
      }
      if (seqDiff(head.seq, ackNo) > 0 && head.len > 0) {
        // Partially acknowledged data segment: keep the rest.
        const acked = seqDiff(head.seq, ackNo);
        head.seq = ackNo;
        head.len -= acked;
        head.syn = false;
      }
      break;
    }
    if (newestAcked !== undefined) this.sampleRtt(newestAcked, now);
    tcb.sndUna = ackNo;
    tcb.retransmits = 0;
    tcb.retransStamp = null;
    if (tcb.retransmitQueue.length === 0) {
      this.env.disarmTimer(this.host, "retransmit");
      this.env.disarmTimer(this.host, "loss-probe");
      tcb.inLossRecovery = false;
      tcb.lossProbeOutstanding = false;
    } else {
      this.rearmAfterAck();
    }
  }

  /** Linux timestamps echo the latest transmission; without them Karn's rule skips retransmitted segments. */
  private sampleRtt(entry: RetransmitEntry, now: number): void {
    const tcb = this.tcb;
    if (this.params.timestamps) {
      tcb.rtt.sample(now - entry.lastSentAt);
    } else if (!entry.retransmitted) {
      tcb.rtt.sample(now - entry.firstSentAt);
    } else {
      return;
    }
    tcb.rttSampled = true;
    tcb.rtoMs = tcb.rtt.state().rtoMs;
  }

  /** RFC 6298 5.7: a handshake that produced no RTT sample leaves RTO at 3 s. */
  applyHandshakeRtoFallback(): void {
    if (!this.tcb.rttSampled) this.tcb.rtoMs = this.params.fallbackRtoMs;
  }

  ourFinAcked(): boolean {
    const tcb = this.tcb;
    return tcb.finSeq !== null && seqLeq(seqAdd(tcb.finSeq, 1), tcb.sndUna);
  }

  // ---------------------------------------------------------------- retransmission timers

  private lossProbeEligible(): boolean {
    const tcb = this.tcb;
    return (
      this.params.tailLossProbe &&
      this.isSynchronized() &&
      tcb.state !== "TIME-WAIT" &&
      !tcb.inLossRecovery &&
      !tcb.lossProbeOutstanding &&
      tcb.retransmitQueue.length > 0
    );
  }

  /**
   * tcp_schedule_loss_probe(): PTO = 2*SRTT plus rto_min with one packet out (room for a delayed
   * ACK) or TCP_TIMEOUT_MIN with more, never later than the RTO would fire.
   */
  private lossProbeTimeoutMs(): number {
    const tcb = this.tcb;
    const srtt = tcb.rtt.state().srttMs;
    const head = tcb.retransmitQueue[0];
    let pto =
      srtt === null
        ? this.params.initialRtoMs
        : 2 * srtt + (tcb.retransmitQueue.length === 1 ? this.params.minRtoMs : LINUX_CONSTANTS.TCP_TIMEOUT_MIN_MS);
    if (head !== undefined) pto = Math.min(pto, Math.max(tcb.rtoMs - (this.now() - head.lastSentAt), 0));
    return pto;
  }

  armAfterNewData(): void {
    if (this.lossProbeEligible()) {
      this.env.disarmTimer(this.host, "retransmit");
      this.env.armTimer(this.host, "loss-probe", this.lossProbeTimeoutMs());
    } else if (!this.env.isTimerArmed(this.host, "retransmit") && !this.env.isTimerArmed(this.host, "loss-probe")) {
      this.env.armTimer(this.host, "retransmit", this.tcb.rtoMs);
    }
  }

  private rearmAfterAck(): void {
    if (this.lossProbeEligible()) {
      this.env.disarmTimer(this.host, "retransmit");
      this.env.armTimer(this.host, "loss-probe", this.lossProbeTimeoutMs());
    } else {
      this.env.disarmTimer(this.host, "loss-probe");
      this.env.armTimer(this.host, "retransmit", this.tcb.rtoMs);
    }
  }

  /** RTO of the oldest unacknowledged segment, counted from its last transmission (tcp_rearm_rto). */
  armRetransmitFromHead(): void {
    const head = this.tcb.retransmitQueue[0];
    const elapsed = head === undefined ? 0 : this.now() - head.lastSentAt;
    this.env.armTimer(this.host, "retransmit", Math.max(this.tcb.rtoMs - elapsed, 1));
  }

  // ---------------------------------------------------------------- ACK policy

  private onAckSent(): void {
    const ack = this.tcb.ack;
    ack.pending = false;
    ack.rcvNxtAtLastAck = this.tcb.rcvNxt;
    if (ack.quickAcks > 0) ack.quickAcks--;
    this.env.disarmTimer(this.host, "delayed-ack");
  }

  /** tcp_event_data_sent(): replying within ATO of the last receive means an interactive flow. */
  private onDataSent(): void {
    const ack = this.tcb.ack;
    if (this.params.delayedAcks && ack.atoMs > 0 && this.now() - ack.lastReceiveAt < ack.atoMs) ack.pingpong = true;
  }

  /** tcp_event_data_recv(): the first data of a connection starts quick-ack mode. */
  noteDataReceived(): void {
    const ack = this.tcb.ack;
    if (ack.atoMs === 0) {
      ack.quickAcks = LINUX_CONSTANTS.TCP_MAX_QUICKACKS;
      ack.atoMs = LINUX_CONSTANTS.TCP_ATO_MIN_MS;
    }
    ack.lastReceiveAt = this.now();
  }

  enterPingpong(): void {
    this.tcb.ack.pingpong = true;
  }

  /**
   * __tcp_ack_snd_check(): ACK now in quick-ack mode or when more than one full segment is
   * unacknowledged; otherwise arm the delayed-ACK timer. The RFC profile always ACKs at once.
   */
  ackReceived(forceNow: boolean): void {
    if (!this.params.delayedAcks || forceNow) {
      this.sendAck();
      return;
    }
    const tcb = this.tcb;
    const ack = tcb.ack;
    const unacked = seqDiff(ack.rcvNxtAtLastAck, tcb.rcvNxt);
    if ((ack.quickAcks > 0 && !ack.pingpong) || unacked > this.params.mss) {
      this.sendAck();
      return;
    }
    if (ack.pending) return;
    ack.pending = true;
    this.env.armTimer(this.host, "delayed-ack", this.delayedAckTimeoutMs());
  }

  /** tcp_send_delayed_ack(): ATO, bounded by the RTT once it exceeds TCP_DELACK_MIN; 0 means next tick. */
  private delayedAckTimeoutMs(): number {
    const tcb = this.tcb;
    let ato = tcb.ack.atoMs;
    if (ato > LINUX_CONSTANTS.TCP_DELACK_MIN_MS) {
      let maxAto = tcb.ack.pingpong ? LINUX_CONSTANTS.TCP_DELACK_MAX_MS : 500;
      const srtt = tcb.rtt.state().srttMs;
      if (srtt !== null) maxAto = Math.min(maxAto, Math.max(srtt, LINUX_CONSTANTS.TCP_DELACK_MIN_MS));
      ato = Math.min(ato, maxAto);
    }
    return ato === 0 ? this.params.jiffyMs : ato;
  }

  /** tcp_delack_timer_handler(). */
  onDelayedAckTimer(): void {
    const ack = this.tcb.ack;
    if (!ack.pending) return;
    if (ack.pingpong) {
      ack.pingpong = false;
      ack.atoMs = LINUX_CONSTANTS.TCP_ATO_MIN_MS;
    } else {
      ack.atoMs = Math.min(ack.atoMs * 2, this.tcb.rtoMs);
    }
    this.sendAck();
  }

  // ---------------------------------------------------------------- TIME-WAIT and FIN-WAIT-2

  enterTimeWait(cause: TransitionCause): void {
    this.disarmAllTimers();
    this.tcb.retransmitQueue = [];
    this.tcb.timeWaitEnteredAt = this.now();
    this.setState("TIME-WAIT", cause);
    this.env.armTimer(this.host, "time-wait", this.params.timeWaitMs);
  }

  restartTimeWait(): void {
    this.env.armTimer(this.host, "time-wait", this.params.timeWaitMs);
    this.note("TIME-WAIT timer restarted");
  }

  /** Linux: an orphaned FIN-WAIT-2 lives tcp_fin_timeout, at least 3.5 RTO (tcp_fin_time()). */
  armFinWait2TimerIfOrphan(): void {
    const timeout = this.params.finWait2TimeoutMs;
    if (!this.tcb.orphan || timeout === null || this.tcb.state !== "FIN-WAIT-2") return;
    const rto = this.tcb.rtoMs;
    this.env.armTimer(this.host, "fin-wait-2", Math.max(timeout, 4 * rto - rto / 2));
  }
}
