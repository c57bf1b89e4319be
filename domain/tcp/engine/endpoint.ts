/**
 * One host's TCP: its TCB plus the primitives the receive path, the application calls and the
 * timer handlers share (sending, ACK policy, retransmission, state changes). The simulation owns
 * the clock, the network and the timers; it reaches the endpoint only through `EndpointEnv`.
 */
import { rateLimitedAckText, type EngineText, type RateLimitedAckReason } from "../engine-texts";
import { LINUX_CONSTANTS, type EngineParams } from "../profiles";
import { createRttEstimator } from "../rtt";
import { seqAdd, seqDiff, seqGt, seqLeq, seqLt } from "../seq";
import type {
  AppCall,
  ErrorCode,
  HostId,
  LingerValue,
  SegmentPurpose,
  SimEventDraft,
  TcpState,
  TimerKind,
  TransitionCause,
} from "../types";
import { closedTcb, type RetransmitEntry, type Tcb } from "./tcb";
import { segmentLength, type ArrivingSegment, type OutgoingSegment, type SentSegment } from "./wire";

export interface EndpointEnv {
  readonly params: EngineParams;
  /** Whether the simulated path counts as loopback for tcp_tw_reuse=2. */
  readonly loopback: boolean;
  now(): number;
  /** Puts the segment on the wire; returns its id. */
  transmit(segment: SentSegment): number;
  armTimer(host: HostId, kind: TimerKind, delayMs: number): void;
  disarmTimer(host: HostId, kind: TimerKind): void;
  isTimerArmed(host: HostId, kind: TimerKind): boolean;
  emit(event: SimEventDraft): void;
  /** ISN for this host's first connection (fixed by the scenario or drawn from the seed). */
  firstIsn(host: HostId): number;
}

/** States that send queued data and FINs (in CLOSING our FIN may still wait for a window). */
function isSendingState(state: TcpState): boolean {
  // Comparisons rather than a Set: pushPending() asks after every segment (hot path).
  return state === "ESTABLISHED" || state === "CLOSE-WAIT" || state === "FIN-WAIT-1" || state === "CLOSING" || state === "LAST-ACK";
}

/** States in which close() waits when SO_LINGER asks it to (sk_stream_closing()). */
const CLOSING_STATES: ReadonlySet<TcpState> = new Set(["FIN-WAIT-1", "CLOSING", "LAST-ACK"]);

/** Timers of a connection; the linger timer belongs to the application's close() and ends with it. */
const CONNECTION_TIMERS: readonly TimerKind[] = [
  "retransmit",
  "loss-probe",
  "delayed-ack",
  "time-wait",
  "fin-wait-2",
  "persist",
  "keepalive",
  "linger",
];

/**
 * What setsockopt() has set on this host's socket. Options belong to the socket, not to one
 * connection: they survive a failed connect and carry from a listener to the connection it accepts.
 */
export interface SocketOptions {
  /** SO_KEEPALIVE. */
  keepalive: boolean;
  /** TCP_KEEPIDLE, TCP_KEEPINTVL (ms) and TCP_KEEPCNT; null: the profile's default (tcp_keepalive_*). */
  keepIdleMs: number | null;
  keepIntvlMs: number | null;
  keepCnt: number | null;
  /** sk_rcvbuf as SO_RCVBUF left it (the value given, doubled); null: the default buffer. */
  rcvbuf: number | null;
  /** TCP_USER_TIMEOUT (ms); 0 = not set. */
  userTimeoutMs: number;
  /** SO_LINGER. */
  linger: LingerValue;
}

export function defaultSocketOptions(): SocketOptions {
  return { keepalive: false, keepIdleMs: null, keepIntvlMs: null, keepCnt: null, rcvbuf: null, userTimeoutMs: 0, linger: { onoff: 0, linger: 0 } };
}

export class Endpoint {
  tcb: Tcb;
  /** First connection's ISN and time: later ISNs follow the ISN clock from there. */
  private isnClock: { t: number; isn: number } | null = null;
  readonly options: SocketOptions = defaultSocketOptions();
  /** This socket has had an established connection (a later read on CLOSED is end of stream, not ENOTCONN). */
  hadConnection = false;

  constructor(
    readonly host: HostId,
    readonly env: EndpointEnv,
    /** The application reads data as soon as it arrives (an application blocked in recv()). */
    readonly autoRead = true,
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

  /**
   * Both sides have exchanged SYNs and data/FIN retransmission rules apply: ESTABLISHED, FIN-WAIT-1/2,
   * CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT. Compared, not looked up in a Set (hot path).
   */
  isSynchronized(): boolean {
    const state = this.tcb.state;
    return state !== "CLOSED" && state !== "LISTEN" && state !== "SYN-SENT" && state !== "SYN-RECEIVED";
  }

  // ---------------------------------------------------------------- state and reporting

  setState(next: TcpState, cause: TransitionCause): void {
    const from = this.tcb.state;
    if (from === next) return;
    this.tcb.state = next;
    this.env.emit({ kind: "transition", host: this.host, from, to: next, cause });
    if (next === "ESTABLISHED" && (from === "SYN-SENT" || from === "SYN-RECEIVED")) this.onEstablished();
    if (this.tcb.lingering && !CLOSING_STATES.has(next)) this.endLinger("close() returns: the FIN was acknowledged");
  }

  /** tcp_finish_connect() / tcp_create_openreq_child(): idleness counts from here; keep-alive starts. */
  private onEstablished(): void {
    this.hadConnection = true;
    this.tcb.lastReceivedAt = this.now();
    if (this.options.keepalive) this.armKeepalive(this.keepIdleMs());
  }

  /** An error the application would see (errno); orphaned sockets have nobody to tell. */
  reportError(code: ErrorCode, call?: AppCall): void {
    if (this.tcb.orphan && call === undefined) return;
    this.env.emit(call === undefined ? { kind: "error", host: this.host, code } : { kind: "error", host: this.host, code, call });
  }

  note(text: EngineText): void {
    this.env.emit({ kind: "note", host: this.host, text });
  }

  /** Delete the TCB: CLOSED, no timers, nothing queued. The ISN clock and the socket options survive. */
  closeConnection(cause: TransitionCause): void {
    this.disarmAllTimers();
    this.setState("CLOSED", cause);
    this.tcb = this.freshTcb();
  }

  /** close() with SO_LINGER {1, N > 0} stops waiting (FIN acknowledged, connection gone, or time up). */
  endLinger(text: EngineText): void {
    this.tcb.lingering = false;
    this.env.disarmTimer(this.host, "linger");
    this.note(text);
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
    if (this.tcb.lingering) this.endLinger("close() returns: the connection is gone");
    for (const kind of CONNECTION_TIMERS) this.env.disarmTimer(this.host, kind);
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
    this.tcb.rcvWup = this.tcb.rcvNxt;
    this.tcb.ack.rcvNxtAtLastAck = this.tcb.rcvNxt;
  }

  /** The window a SYN or SYN-ACK carried: SND.WND starts from it (SND.WL1 = its sequence number). */
  initSendWindow(seg: ArrivingSegment): void {
    this.tcb.sndWnd = seg.window;
    this.tcb.sndWl1 = seg.seq;
    this.tcb.sndWl2 = seg.ackNo;
  }

  // ---------------------------------------------------------------- socket options

  keepIdleMs(): number {
    return this.options.keepIdleMs ?? this.params.keepaliveIdleMs;
  }

  keepIntvlMs(): number {
    return this.options.keepIntvlMs ?? this.params.keepaliveIntervalMs;
  }

  keepCnt(): number {
    return this.options.keepCnt ?? this.params.keepaliveProbes;
  }

  armKeepalive(delayMs: number): void {
    this.env.armTimer(this.host, "keepalive", delayMs);
  }

  // ---------------------------------------------------------------- receive buffer and window

  /**
   * Payload bytes the receive buffer holds: the profile's window without SO_RCVBUF, otherwise
   * half of sk_rcvbuf (Linux doubles SO_RCVBUF for its bookkeeping overhead and, by default,
   * counts half of the buffer as window: tcp_win_from_space() with the default scaling_ratio).
   */
  receiveCapacity(): number {
    const rcvbuf = this.options.rcvbuf;
    return rcvbuf === null ? this.params.receiveWindow : Math.floor(rcvbuf / 2);
  }

  /**
   * __tcp_select_window() without window scaling: the free space rounded down to whole segments,
   * and zero when less than one segment is free (receiver silly window syndrome avoidance).
   */
  freshWindow(): number {
    const capacity = this.receiveCapacity();
    const queued = this.tcb.rcvBuffered + this.tcb.outOfOrderBytes;
    const free = Math.max(0, capacity - queued);
    const mss = Math.min(this.params.mss, capacity);
    if (mss <= 0 || free < mss) return 0;
    return free - (free % mss);
  }

  /** What is left of the window last advertised (RCV.WND as the peer sees it now). */
  offeredWindow(): number {
    const tcb = this.tcb;
    return Math.max(0, seqDiff(tcb.rcvNxt, seqAdd(tcb.rcvWup, tcb.rcvWnd)));
  }

  /** tcp_select_window(): a new window, but the right edge never moves left. */
  private advertiseWindow(): number {
    const tcb = this.tcb;
    const window = Math.max(this.freshWindow(), this.offeredWindow());
    tcb.rcvWnd = window;
    tcb.rcvWup = tcb.rcvNxt;
    return window;
  }

  /** In-order data arrived: the application takes it at once, or it waits in the buffer. */
  bufferReceived(bytes: number): void {
    if (bytes <= 0 || this.autoRead) return;
    this.tcb.rcvBuffered += bytes;
  }

  /** The application takes `bytes` (all when absent) out of the receive buffer; returns how many. */
  takeBuffered(bytes: number | undefined): number {
    const tcb = this.tcb;
    const got = Math.min(bytes ?? tcb.rcvBuffered, tcb.rcvBuffered);
    tcb.rcvBuffered -= got;
    return got;
  }

  /**
   * tcp_cleanup_rbuf() after a read of `got` bytes: when the read frees enough room to at least
   * double a window that had shrunk to half the buffer or less, announce it at once.
   */
  afterRead(got: number): void {
    const tcb = this.tcb;
    if (got === 0 || tcb.peerFinReceived || !this.isSynchronized() || tcb.state === "TIME-WAIT") return;
    const offered = this.offeredWindow();
    if (2 * offered > this.receiveCapacity()) return;
    const fresh = this.freshWindow();
    if (fresh > 0 && fresh >= 2 * offered) this.send({ ack: true, seq: tcb.sndNxt, len: 0, purpose: "window update" });
  }

  // ---------------------------------------------------------------- send window

  /** SND.UNA + SND.WND: the first sequence number the peer has no room for. */
  windowEnd(): number {
    return seqAdd(this.tcb.sndUna, this.tcb.sndWnd);
  }

  /** Bytes or a FIN waiting to be sent. */
  hasDataToSend(): boolean {
    const tcb = this.tcb;
    return tcb.unsentBytes > 0 || (tcb.finQueued && tcb.finSeq === null);
  }

  /** The next segment pushPending() would send: its size and whether it carries the FIN. */
  private nextSegmentLength(): number {
    return Math.min(this.params.mss, this.tcb.unsentBytes);
  }

  /** Whether the next segment of `len` bytes carries the FIN. */
  private nextSegmentHasFin(len: number): boolean {
    const tcb = this.tcb;
    return len === tcb.unsentBytes && tcb.finQueued && tcb.finSeq === null;
  }

  /** tcp_snd_wnd_test(): the whole next segment (its first MSS) must fit in the peer's window. */
  private nextSegmentFits(): boolean {
    const len = this.nextSegmentLength();
    return !seqGt(seqAdd(this.tcb.sndNxt, len + (this.nextSegmentHasFin(len) ? 1 : 0)), this.windowEnd());
  }

  /**
   * tcp_ack_update_window() (RFC 9293 3.10.7.4, fifth step): take the segment's window when it
   * is newer than the one we have. Call before SND.UNA moves.
   */
  updateSendWindow(seg: ArrivingSegment): void {
    const tcb = this.tcb;
    const newer =
      this.params.windowUpdateRule === "linux"
        ? seqGt(seg.ackNo, tcb.sndUna) ||
          seqGt(seg.seq, tcb.sndWl1) ||
          (seg.seq === tcb.sndWl1 && (seg.window > tcb.sndWnd || seg.window === 0))
        : seqLt(tcb.sndWl1, seg.seq) || (tcb.sndWl1 === seg.seq && seqLeq(tcb.sndWl2, seg.ackNo));
    if (!newer) return;
    tcb.sndWnd = seg.window;
    tcb.sndWl1 = seg.seq;
    tcb.sndWl2 = seg.ackNo;
  }

  /**
   * tcp_ack() for an ACK that is not older than SND.UNA: window update, forward progress,
   * probes answered, and (tcp_ack_probe()) the zero-window probe timer stopped once the window
   * has room for the next segment, or restarted from now when it still has none.
   */
  onAckArrived(seg: ArrivingSegment): void {
    const tcb = this.tcb;
    const nothingInFlight = tcb.retransmitQueue.length === 0;
    this.updateSendWindow(seg);
    tcb.lastReceivedAt = this.now();
    tcb.probesOut = 0;
    if (tcb.probeOctetOut && seg.ackNo === seqAdd(tcb.sndNxt, 1)) this.commitProbeOctet();
    if (seqGt(seg.ackNo, tcb.sndUna)) this.acceptAck(seg.ackNo);
    if (nothingInFlight && this.hasDataToSend()) {
      if (this.nextSegmentFits()) {
        tcb.probeBackoff = 0;
        tcb.probesSince = null;
        this.env.disarmTimer(this.host, "persist");
      } else {
        this.env.armTimer(this.host, "persist", this.probeTimeoutMs());
      }
    }
  }

  /** RFC profile: the peer took the window probe's octet, which becomes ordinary sent data. */
  private commitProbeOctet(): void {
    const tcb = this.tcb;
    tcb.probeOctetOut = false;
    tcb.unsentBytes -= 1;
    tcb.sndNxt = seqAdd(tcb.sndNxt, 1);
  }

  // ---------------------------------------------------------------- zero-window probes

  /** tcp_probe0_base(): the RTO, at least TCP_RTO_MIN. */
  private probeBaseMs(): number {
    return Math.max(this.tcb.rtoMs, this.params.probeBaseMinMs);
  }

  /** tcp_probe0_when() clamped by tcp_clamp_probe0_to_user_timeout(). */
  probeTimeoutMs(): number {
    const tcb = this.tcb;
    const maxShift = Math.floor(Math.log2(LINUX_CONSTANTS.TCP_RTO_MAX_MS / LINUX_CONSTANTS.TCP_RTO_MIN_MS)) + 1;
    let when = Math.min(this.probeBaseMs() * 2 ** Math.min(tcb.probeBackoff, maxShift), this.params.maxRtoMs);
    const userTimeout = this.options.userTimeoutMs;
    if (userTimeout > 0 && tcb.probesSince !== null) {
      const remaining = Math.max(userTimeout - (this.now() - tcb.probesSince), LINUX_CONSTANTS.TCP_TIMEOUT_MIN_MS);
      when = Math.min(when, remaining);
    }
    return when;
  }

  /** Whether the probe timer would still be below TCP_RTO_MAX (inet_csk_rto_backoff() < TCP_RTO_MAX). */
  probingAlive(): boolean {
    return this.probeBaseMs() * 2 ** this.tcb.probeBackoff < this.params.maxRtoMs;
  }

  /**
   * tcp_send_probe0() with tcp_write_wakeup(): send what the window allows (part of a segment if
   * need be); with no room, a probe: Linux an empty ACK at SND.UNA - 1 (an old sequence number, so
   * the peer answers with an ACK carrying its window), RFC 9293 one octet of new data.
   */
  sendZeroWindowProbe(): void {
    const tcb = this.tcb;
    const room = seqDiff(tcb.sndNxt, this.windowEnd());
    if (tcb.unsentBytes > 0 && room > 0) {
      const len = Math.min(room, this.params.mss, tcb.unsentBytes);
      const fin = len === tcb.unsentBytes && tcb.finQueued && tcb.finSeq === null && room > len;
      this.sendNew({ ack: true, psh: len === tcb.unsentBytes, fin, len });
      tcb.unsentBytes -= len;
      this.armAfterNewData();
    } else if (this.params.zeroWindowProbeCarriesData && tcb.unsentBytes > 0) {
      tcb.probeOctetOut = true;
      this.send({ ack: true, seq: tcb.sndNxt, len: 1, purpose: "window probe" });
    } else {
      this.sendOldSequenceProbe("window probe");
    }
    if (tcb.retransmitQueue.length > 0 || !this.hasDataToSend()) {
      tcb.probesOut = 0;
      tcb.probeBackoff = 0;
      tcb.probesSince = null;
      return;
    }
    if (tcb.probesOut === 0) tcb.unansweredProbeSince = this.now();
    tcb.probesOut++;
    const persist = this.params.persistGiveUp;
    if (!("probes" in persist) || tcb.probeBackoff < persist.probes) tcb.probeBackoff++;
    this.env.armTimer(this.host, "persist", this.probeTimeoutMs());
  }

  /** tcp_xmit_probe_skb(): <SEQ=SND.UNA-1><ACK>, no data; the peer must answer with an ACK. */
  sendOldSequenceProbe(purpose: SegmentPurpose): void {
    this.send({ ack: true, seq: seqAdd(this.tcb.sndUna, -1), len: 0, purpose });
  }

  // ---------------------------------------------------------------- sending

  /**
   * Every segment with ACK set carries the current RCV.NXT and settles any owed ACK; segments
   * other than RSTs advertise the receive window (a SYN's is never above 65 535).
   */
  send(segment: Omit<OutgoingSegment, "ackNo"> & { ackNo?: number }): number {
    const syn = segment.syn ?? false;
    const rst = segment.rst ?? false;
    const ackNo = segment.ackNo ?? this.tcb.rcvNxt;
    const window = segment.window ?? this.windowToAdvertise(syn, rst, segment.ack);
    return this.transmit(syn, segment.fin ?? false, rst, segment.psh ?? false, segment.ack, segment.seq, ackNo, segment.len, segment.retransmission ?? false, window, segment.purpose);
  }

  /** The window a segment carries: none on an RST without ACK, at most 65 535 on a SYN (it is never scaled). */
  private windowToAdvertise(syn: boolean, rst: boolean, ack: boolean): number {
    if (rst && !ack) return 0;
    return syn ? Math.min(this.advertiseWindow(), LINUX_CONSTANTS.MAX_UNSCALED_WINDOW) : this.advertiseWindow();
  }

  /**
   * send() with every field given. The data path (ACKs, new data, retransmissions) calls it
   * directly: one object shape for every segment, and no options object of the caller's own
   * shape to read (the varied shapes make those reads slow on this hot path).
   */
  private transmit(
    syn: boolean,
    fin: boolean,
    rst: boolean,
    psh: boolean,
    ack: boolean,
    seq: number,
    ackNo: number,
    len: number,
    retransmission: boolean,
    window: number,
    purpose: SegmentPurpose | undefined,
  ): number {
    const id = this.env.transmit({
      kind: "segment",
      syn,
      fin,
      rst,
      psh,
      ack,
      seq,
      ackNo: ack ? ackNo : 0,
      len,
      retransmission,
      window,
      id: 0,
      from: this.host,
      sentAt: this.now(),
      purpose,
    });
    if (ack && !rst) this.onAckSent();
    return id;
  }

  sendAck(): void {
    const tcb = this.tcb;
    this.transmit(false, false, false, false, true, tcb.sndNxt, tcb.rcvNxt, 0, false, this.advertiseWindow(), undefined);
  }

  /** RST for a segment that has no connection to go to (RFC 9293 3.10.7.1). */
  sendResetFor(incoming: { ack: boolean; ackNo: number; seq: number; len: number; syn: boolean; fin: boolean }): void {
    if (incoming.ack) {
      this.send({ rst: true, ack: false, seq: incoming.ackNo, len: 0, ackNo: 0 });
    } else {
      this.send({ rst: true, ack: true, seq: 0, len: 0, ackNo: seqAdd(incoming.seq, segmentLength(incoming)), window: 0 });
    }
  }

  /** RST of an abort: <SEQ=SND.NXT>, with ACK on Linux (tcp_send_active_reset). */
  sendAbortReset(): void {
    const withAck = this.params.rstCarriesAck;
    this.send({ rst: true, ack: withAck, seq: this.tcb.sndNxt, len: 0, ackNo: withAck ? this.tcb.rcvNxt : 0 });
  }

  /** ACK for an out-of-window segment or an RFC 5961 challenge ACK, rate-limited (tcp_invalid_ratelimit). */
  sendRateLimitedAck(reason: RateLimitedAckReason): void {
    const now = this.now();
    if (now - this.tcb.lastInvalidAckAt < this.params.invalidAckIntervalMs) {
      this.note(rateLimitedAckText(reason));
      return;
    }
    this.tcb.lastInvalidAckAt = now;
    this.sendAck();
  }

  /** Transmit a segment that consumes sequence space and keep it for retransmission. */
  sendNew(segment: { syn?: boolean; fin?: boolean; psh?: boolean; ack: boolean; len: number }): void {
    const tcb = this.tcb;
    const seq = tcb.sndNxt;
    const syn = segment.syn ?? false;
    const fin = segment.fin ?? false;
    const psh = segment.psh ?? false;
    const { ack, len } = segment;
    tcb.probeOctetOut = false;
    this.transmit(syn, fin, false, psh, ack, seq, tcb.rcvNxt, len, false, this.windowToAdvertise(syn, false, ack), undefined);
    const now = this.now();
    tcb.retransmitQueue.push({ seq, len, syn, fin, psh, firstSentAt: now, lastSentAt: now, retransmitted: false });
    if (fin) tcb.finSeq = seqAdd(seq, len);
    tcb.sndNxt = seqAdd(seq, len + (syn ? 1 : 0) + (fin ? 1 : 0));
  }

  retransmit(entry: RetransmitEntry): void {
    const tcb = this.tcb;
    entry.lastSentAt = this.now();
    entry.retransmitted = true;
    const ack = !(entry.syn && tcb.state === "SYN-SENT");
    const window = this.windowToAdvertise(entry.syn, false, ack);
    this.transmit(entry.syn, entry.fin, false, entry.psh, ack, entry.seq, tcb.rcvNxt, entry.len, true, window, undefined);
  }

  /**
   * Send queued data and then the FIN, segment by segment, while each whole segment fits in the
   * peer's window (tcp_write_xmit()); Linux puts the FIN on the last data segment (tcp_send_fin()).
   * Blocked with nothing in flight, start the zero-window probe timer (tcp_check_probe_timer()).
   */
  pushPending(): void {
    const tcb = this.tcb;
    if (!isSendingState(tcb.state)) return;
    let sentNew = false;
    while (this.hasDataToSend()) {
      if (!this.nextSegmentFits()) {
        this.onSendBlocked();
        break;
      }
      const len = this.nextSegmentLength();
      const fin = this.nextSegmentHasFin(len);
      this.sendNew({ ack: true, psh: len > 0 && len === tcb.unsentBytes, fin, len });
      if (len > 0) {
        tcb.unsentBytes -= len;
        this.onDataSent();
      }
      sentNew = true;
    }
    if (sentNew) this.armAfterNewData();
  }

  private onSendBlocked(): void {
    const env = this.env;
    const host = this.host;
    if (this.tcb.retransmitQueue.length > 0) return;
    if (env.isTimerArmed(host, "persist") || env.isTimerArmed(host, "retransmit") || env.isTimerArmed(host, "loss-probe")) return;
    env.armTimer(host, "persist", this.probeTimeoutMs());
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
    tcb.rtoMs = tcb.rtt.rtoMs();
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
    const srtt = tcb.rtt.srttMs();
    const head = tcb.retransmitQueue[0];
    let pto =
      srtt === null
        ? this.params.initialRtoMs
        : 2 * srtt + (tcb.retransmitQueue.length === 1 ? this.params.minRtoMs : LINUX_CONSTANTS.TCP_TIMEOUT_MIN_MS);
    if (head !== undefined) pto = Math.min(pto, Math.max(tcb.rtoMs - (this.now() - head.lastSentAt), 0));
    return pto;
  }

  armAfterNewData(): void {
    this.env.disarmTimer(this.host, "persist");
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
    // More than one segment unacknowledged: ACK now, unless unread data would make that ACK shrink the window.
    const moreThanOneSegment = unacked > this.params.mss && (tcb.rcvBuffered === 0 || this.freshWindow() >= tcb.rcvWnd);
    if ((ack.quickAcks > 0 && !ack.pingpong) || moreThanOneSegment) {
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
      const srtt = tcb.rtt.srttMs();
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

  /**
   * tcp_time_wait(). With no TIME-WAIT bucket free (tcp_max_tw_buckets) the socket is destroyed
   * instead, after the ACK a FIN is owed (tcp_fin() sends it before tcp_time_wait()).
   */
  enterTimeWait(cause: TransitionCause): void {
    if (this.params.timeWaitBuckets <= 0) {
      if (cause !== "recv ACK") this.sendAck();
      this.note("no TIME-WAIT bucket free (tcp_max_tw_buckets): the socket is destroyed at once");
      this.closeConnection(cause);
      return;
    }
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

  /**
   * Linux: an orphaned FIN-WAIT-2 lives tcp_fin_timeout, at least 3.5 RTO (tcp_fin_time()). Up to
   * 60 s the kernel keeps it as a TIME-WAIT socket in the FIN-WAIT-2 substate, so with no
   * TIME-WAIT bucket free it is destroyed at once. Returns whether the connection is gone.
   */
  armFinWait2TimerIfOrphan(): boolean {
    const timeout = this.params.finWait2TimeoutMs;
    if (!this.tcb.orphan || timeout === null || this.tcb.state !== "FIN-WAIT-2") return false;
    const rto = this.tcb.rtoMs;
    const lifetime = Math.max(timeout, 4 * rto - rto / 2);
    if (this.params.timeWaitBuckets <= 0 && lifetime <= this.params.timeWaitMs) {
      this.note("no TIME-WAIT bucket free (tcp_max_tw_buckets): the socket is destroyed at once");
      this.closeConnection("time-wait overflow");
      return true;
    }
    this.env.armTimer(this.host, "fin-wait-2", lifetime);
    return false;
  }
}
