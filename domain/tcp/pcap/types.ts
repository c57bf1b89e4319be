import type { HostId, TcpState } from "../types";
import type { SkipReason } from "./decode/decode-packet";
import type { CaptureFormat } from "./captured-packet";
import type { CaptureNote, CaptureWarning } from "./errors";

/** The engine's vocabulary: RFC 9293 state names, and the two ends. */
export type { TcpState } from "../types";
export type Role = HostId;

/** In Wireshark's order (bit order): ["SYN","ACK"], ["FIN","ACK"], ["PSH","ACK"], ["RST","ACK"]. */
export type TcpFlagName = "FIN" | "SYN" | "RST" | "PSH" | "ACK" | "URG";
export type EcnFlagName = "ECE" | "CWR" | "AE";

export interface SegmentOptions {
  mss?: number;
  windowScale?: number;
  sackPermitted?: true;
  /** SACK blocks, relative to the receiver's ISN like seq and ack. */
  sack?: { left: number; right: number }[];
  timestamps?: { value: number; echo: number };
  /** Number of NOP options. */
  nop?: number;
  eol?: true;
  unknown?: { kind: number; length: number }[];
  malformed?: string;
}

export interface CaptureSegment {
  /** Frame number of the packet in the capture file (1-based, as Wireshark numbers them). */
  frame: number;
  /** Milliseconds since the connection's first segment. */
  t: number;
  from: Role;
  /** Shared between segments: do not modify. */
  flags: readonly TcpFlagName[];
  /** ECN-related flags (RFC 3168 ECE and CWR, AE), when set. */
  ecn?: EcnFlagName[];
  /** Relative to the sender's initial sequence number, as Wireshark shows it. */
  seq: number;
  /** Relative to the receiver's initial sequence number; null when the ACK flag is not set. */
  ack: number | null;
  /** Payload bytes. */
  len: number;
  /** The window field as sent. */
  window: number;
  /** The window in bytes after window scaling, when the handshake shows the scale. */
  windowSize?: number;
  /** Wireshark would flag the segment as a (fast, spurious or plain) retransmission. */
  retransmission?: true;
  options?: SegmentOptions;
}

export interface StateTransition {
  /** Index in `segments` of the segment whose sending or arrival caused the change. */
  segment: number;
  host: Role;
  from: TcpState;
  to: TcpState;
  /** `host` sent that segment, or received it. */
  by: "sent" | "received";
  /** The rule of RFC 9293 (and of Linux) behind the change. */
  rule: TransitionRule;
  /** For a received segment: when it arrived, among the receiver's own segments. */
  arrival?: ArrivalEvidence;
}

/**
 * Why a state changed, by the rule of RFC 9293 section 3.10 that applies (Linux follows it here,
 * in the functions named in docs/capture-reader.md):
 * - `active-open`: sent a SYN (OPEN call, active): CLOSED → SYN-SENT.
 * - `passive-open`: sent a SYN+ACK whose SYN the capture does not show: LISTEN → SYN-RECEIVED.
 * - `close`: sent a FIN (CLOSE call): ESTABLISHED or SYN-RECEIVED → FIN-WAIT-1, CLOSE-WAIT → LAST-ACK.
 * - `abort`: sent a RST (ABORT call): → CLOSED.
 * - `syn-in-listen`: received a SYN in LISTEN: → SYN-RECEIVED.
 * - `syn-ack-in-syn-sent`: received a SYN+ACK acknowledging our SYN: SYN-SENT → ESTABLISHED.
 * - `syn-in-syn-sent`: received a SYN without ACK (simultaneous open): SYN-SENT → SYN-RECEIVED.
 * - `ack-of-syn`: received an ACK of our SYN: SYN-RECEIVED → ESTABLISHED.
 * - `ack-of-fin`: received an ACK of our FIN: FIN-WAIT-1 → FIN-WAIT-2, CLOSING → TIME-WAIT, LAST-ACK → CLOSED.
 * - `fin`: received a FIN: ESTABLISHED or SYN-RECEIVED → CLOSE-WAIT, FIN-WAIT-1 → CLOSING, FIN-WAIT-2 → TIME-WAIT.
 * - `reset`: received an acceptable RST: → CLOSED (LISTEN after a passive open).
 */
export type TransitionRule =
  | "active-open"
  | "passive-open"
  | "close"
  | "abort"
  | "syn-in-listen"
  | "syn-ack-in-syn-sent"
  | "syn-in-syn-sent"
  | "ack-of-syn"
  | "ack-of-fin"
  | "fin"
  | "reset";

/**
 * When a received segment arrived. A capture shows when a segment passed the capture point; the
 * receiver's own later segments show whether it had arrived: an acknowledgement number that
 * covers it, or a timestamp echo (TSecr) at least its TSval, says it had; an acknowledgement
 * that does not cover it, or a TSecr older than its TSval, says it had not.
 */
export interface ArrivalEvidence {
  /** The receiver's segments sent while this one was on its way, and what shows it. */
  crossedBy: { segment: number; basis: "acknowledgement" | "timestamps" | "order" }[];
  /**
   * What places its arrival: the receiver's next segment acknowledged it or echoed its
   * timestamp; nothing contradicted taking it before that next segment (`assumed`); or no later
   * segment of the receiver was captured (`end-of-capture`).
   */
  shownBy: "acknowledgement" | "timestamps" | "assumed" | "end-of-capture";
  /** The receiver's segment that showed it (null at the end of the capture). */
  before: number | null;
}

/**
 * How the client was recognised: the sender of the first SYN, the receiver of the first
 * SYN+ACK, the end with the ephemeral-looking port, or (last resort) the sender of the first
 * captured segment.
 */
export type RoleBasis = "syn" | "syn-ack" | "port" | "first-segment";

export interface CaptureConnection {
  /** "address:port" ("[v6 address]:port"). */
  client: string;
  server: string;
  roleBasis: RoleBasis;
  /** Absolute time of the first segment: epoch seconds with nine decimals. */
  start: string;
  /** Absolute initial sequence numbers, when the SYNs were captured. */
  isn: { client: number | null; server: number | null };
  segments: CaptureSegment[];
  /** Segments analysed but not listed because of `maxSegmentsPerConnection`. */
  segmentsOmitted?: number;
  /** Each end's RFC 9293 state path, starting from its state before the first segment. */
  states: { client: TcpState[]; server: TcpState[] };
  transitions: StateTransition[];
  /** Assumptions and oddities worth telling the reader of the capture (coded, with their English). */
  notes: CaptureNote[];
}

/**
 * One connection in one row (`tcp pcap --summary`): what `CaptureConnection` would show, counted
 * instead of listed. Each pair is per sending end.
 */
export interface CaptureConnectionSummary {
  client: string;
  server: string;
  /** Absolute time of the first segment: epoch seconds with nine decimals. */
  start: string;
  /** Milliseconds from the first segment to the last. */
  duration: number;
  /** Segments each end sent. */
  packets: { client: number; server: number };
  /** Payload bytes each end sent (retransmissions included, as on the wire). */
  bytes: { client: number; server: number };
  /** Segments Wireshark would flag as retransmissions, by sender. */
  retransmissions: { client: number; server: number };
  /** Each end's RFC 9293 state path, as in the full analysis. */
  states: { client: TcpState[]; server: TcpState[] };
  /** The last state of each path. */
  final: { client: TcpState; server: TcpState };
}

export interface CaptureSummary {
  format: CaptureFormat;
  /** Packet records in the file. */
  packets: number;
  /** Packets that carried a TCP segment. */
  tcpSegments: number;
  /** Packets not analysed, by reason. */
  skipped: Record<SkipReason, number>;
}

export interface CaptureAnalysis {
  connections: CaptureConnection[];
  capture: CaptureSummary;
  warnings: CaptureWarning[];
}
