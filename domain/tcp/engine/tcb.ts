/** The transmission control block: everything one endpoint remembers about its connection. */
import type { RttEstimator } from "../rtt";
import type { TcpState } from "../types";

/** A sent segment that consumes sequence space and is not yet acknowledged. */
export interface RetransmitEntry {
  seq: number;
  len: number;
  syn: boolean;
  fin: boolean;
  psh: boolean;
  firstSentAt: number;
  lastSentAt: number;
  retransmitted: boolean;
}

/** Linux delayed-ACK machinery (inet_connection_sock.icsk_ack), unused by the RFC profile. */
export interface AckState {
  /** An ACK is owed but being delayed. */
  pending: boolean;
  /** Delayed-ACK timeout; 0 until the first data arrives (so the first delayed ACK goes at the next tick). */
  atoMs: number;
  /** Immediate ACKs left in quick-ack mode. */
  quickAcks: number;
  /** Interactive mode: delay ACKs hoping to piggyback them on a reply. */
  pingpong: boolean;
  lastReceiveAt: number;
  /** rcv_wup: RCV.NXT when the last ACK went out. */
  rcvNxtAtLastAck: number;
}

export interface OutOfOrderSegment {
  seq: number;
  len: number;
  fin: boolean;
}

export interface Tcb {
  state: TcpState;
  /** The connection came from listen(); a failed passive open falls back to LISTEN. */
  passiveOpen: boolean;
  /** The application called close(): no more calls, errors go unseen, Linux limits lifetimes. */
  orphan: boolean;
  /** shutdown()/close() asked for a FIN; it goes once queued data is out. */
  finQueued: boolean;
  /** Sequence number of our FIN once sent. */
  finSeq: number | null;
  iss: number;
  irs: number;
  sndUna: number;
  sndNxt: number;
  /** The peer's advertised window (SND.WND) and the segment that last updated it (SND.WL1, SND.WL2). */
  sndWnd: number;
  sndWl1: number;
  sndWl2: number;
  rcvNxt: number;
  /** In-order bytes received that the application has not read yet. */
  rcvBuffered: number;
  /** The window last advertised (RCV.WND) and RCV.NXT when it was (Linux rcv_wup): its right edge never moves left. */
  rcvWnd: number;
  rcvWup: number;
  /** The peer's FIN has been received: no more data will come (Linux RCV_SHUTDOWN). */
  peerFinReceived: boolean;
  /** Application bytes accepted by send() but not yet transmitted. */
  unsentBytes: number;
  retransmitQueue: RetransmitEntry[];
  rtt: RttEstimator;
  /** Current RTO including backoff. */
  rtoMs: number;
  /** icsk_retransmits: timeouts since the last forward progress. */
  retransmits: number;
  /** tp->total_rto: all RTO expiries of this connection (drives tcp_syn_linear_timeouts). */
  totalRto: number;
  /** When the segment now being retransmitted was first sent (tp->retrans_stamp). */
  retransStamp: number | null;
  /** Passive SYN-RECEIVED: SYN-ACK timeouts so far (req->num_timeout). */
  synAckTimeouts: number;
  /** After an RTO, until everything is acknowledged (TCP_CA_Loss): no loss probes. */
  inLossRecovery: boolean;
  lossProbeOutstanding: boolean;
  rttSampled: boolean;
  ack: AckState;
  /** Segments beyond RCV.NXT held for later processing (RFC 9293 3.10.7.4, seventh step), in arrival order. */
  outOfOrder: OutOfOrderSegment[];
  /** Sum of their payload lengths: the receive window counts them as used. */
  outOfOrderBytes: number;
  /** Last ACK sent in reply to an out-of-window segment or as a challenge ACK (rate limiting). */
  lastInvalidAckAt: number;
  /** Send time (TSval) of the last in-window segment from the peer (ts_recent). */
  peerTsRecent: number | null;
  timeWaitEnteredAt: number | null;
  /** Last time an acceptable segment arrived (Linux rcv_tstamp / lrcvtime): keep-alive idleness counts from it. */
  lastReceivedAt: number;
  /** Keep-alive or zero-window probes sent without an answer (icsk_probes_out). */
  probesOut: number;
  /** When the first zero-window probe of this episode went out (icsk_probes_tstamp), for TCP_USER_TIMEOUT. */
  probesSince: number | null;
  /** Doublings of the zero-window probe timer (icsk_backoff while probing). */
  probeBackoff: number;
  /** When the current run of unanswered zero-window probes began (the RFC profile gives up after R2). */
  unansweredProbeSince: number | null;
  /** RFC profile: a window probe's octet (at SND.NXT, not yet counted as sent) is on its way. */
  probeOctetOut: boolean;
  /** close() with SO_LINGER {1, N > 0} is waiting for the FIN to be acknowledged. */
  lingering: boolean;
}

export function closedTcb(rtt: RttEstimator, initialRtoMs: number, receiveWindow: number): Tcb {
  return {
    state: "CLOSED",
    passiveOpen: false,
    orphan: false,
    finQueued: false,
    finSeq: null,
    iss: 0,
    irs: 0,
    sndUna: 0,
    sndNxt: 0,
    sndWnd: receiveWindow,
    sndWl1: 0,
    sndWl2: 0,
    rcvNxt: 0,
    rcvBuffered: 0,
    rcvWnd: 0,
    rcvWup: 0,
    peerFinReceived: false,
    unsentBytes: 0,
    retransmitQueue: [],
    rtt,
    rtoMs: initialRtoMs,
    retransmits: 0,
    totalRto: 0,
    retransStamp: null,
    synAckTimeouts: 0,
    inLossRecovery: false,
    lossProbeOutstanding: false,
    rttSampled: false,
    ack: { pending: false, atoMs: 0, quickAcks: 0, pingpong: false, lastReceiveAt: 0, rcvNxtAtLastAck: 0 },
    outOfOrder: [],
    outOfOrderBytes: 0,
    lastInvalidAckAt: Number.NEGATIVE_INFINITY,
    peerTsRecent: null,
    timeWaitEnteredAt: null,
    lastReceivedAt: 0,
    probesOut: 0,
    probesSince: null,
    probeBackoff: 0,
    unansweredProbeSince: null,
    probeOctetOut: false,
    lingering: false,
  };
}
