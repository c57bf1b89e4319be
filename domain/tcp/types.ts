/** Vocabulary shared by the engine, the labs, the CLI and the UI. Pure data, no behaviour. */
import type { EngineText, NotInFlightText } from "./engine-texts";

export type HostId = "client" | "server";
export const HOSTS: readonly HostId[] = ["client", "server"];

export function peerOf(host: HostId): HostId {
  return host === "client" ? "server" : "client";
}

/** RFC 9293 state names (section 3.3.2), in the order the RFC's diagram introduces them. */
export const TCP_STATES = [
  "CLOSED",
  "LISTEN",
  "SYN-SENT",
  "SYN-RECEIVED",
  "ESTABLISHED",
  "FIN-WAIT-1",
  "FIN-WAIT-2",
  "CLOSE-WAIT",
  "CLOSING",
  "LAST-ACK",
  "TIME-WAIT",
] as const;
export type TcpState = (typeof TCP_STATES)[number];

/** The kernel's names for the same states (include/net/tcp_states.h, without TCP_), as netstat prints them; ss abbreviates some, /proc/net/tcp prints numbers. */
export const LINUX_STATE_NAMES: Readonly<Record<TcpState, string>> = {
  CLOSED: "CLOSE",
  LISTEN: "LISTEN",
  "SYN-SENT": "SYN_SENT",
  "SYN-RECEIVED": "SYN_RECV",
  ESTABLISHED: "ESTABLISHED",
  "FIN-WAIT-1": "FIN_WAIT1",
  "FIN-WAIT-2": "FIN_WAIT2",
  "CLOSE-WAIT": "CLOSE_WAIT",
  CLOSING: "CLOSING",
  "LAST-ACK": "LAST_ACK",
  "TIME-WAIT": "TIME_WAIT",
};

export type TcpFlag = "FIN" | "SYN" | "RST" | "PSH" | "ACK" | "URG";

/** Header bit order (FIN = 0x01 ... URG = 0x20), which is also the order Wireshark lists them in. */
export const FLAG_ORDER: readonly TcpFlag[] = ["FIN", "SYN", "RST", "PSH", "ACK", "URG"];

export function sortFlags(flags: Iterable<TcpFlag>): TcpFlag[] {
  const present = new Set(flags);
  return FLAG_ORDER.filter((flag) => present.has(flag));
}

export type ProfileName = "linux" | "rfc9293";

export type AppCall = "listen" | "connect" | "send" | "shutdown" | "close" | "abort" | "read" | "setsockopt";

/** Socket options `setsockopt` accepts (socket(7), tcp(7)). */
export const SOCKET_OPTIONS = [
  "SO_KEEPALIVE",
  "TCP_KEEPIDLE",
  "TCP_KEEPINTVL",
  "TCP_KEEPCNT",
  "SO_RCVBUF",
  "TCP_USER_TIMEOUT",
  "SO_LINGER",
] as const;
export type SocketOption = (typeof SOCKET_OPTIONS)[number];

/** SO_LINGER's struct linger: onoff 0/1, linger in seconds. */
export interface LingerValue {
  onoff: number;
  linger: number;
}

/** What `setsockopt` sets: a number, or struct linger for SO_LINGER. */
export type SocketOptionValue = number | LingerValue;

/** errno names surfaced to the application. */
export type ErrorCode =
  | "ECONNREFUSED"
  | "ETIMEDOUT"
  | "ECONNRESET"
  | "EADDRNOTAVAIL"
  | "EPIPE"
  | "ENOTCONN"
  | "EISCONN"
  | "EALREADY"
  | "EINVAL"
  | "EBADF";

export type TimerKind =
  | "retransmit"
  | "loss-probe"
  | "delayed-ack"
  | "time-wait"
  | "fin-wait-2"
  /** Zero-window probe timer (Linux ICSK_TIME_PROBE0, RFC 9293's persist timer). */
  | "persist"
  | "keepalive"
  /** close() with SO_LINGER {1, N}: how long the application waits for the FIN to be acknowledged. */
  | "linger";

/** Why a state transition happened; `recv …` names the segment that caused it. */
export type TransitionCause =
  | "listen"
  | "connect"
  | "close"
  | "shutdown"
  | "abort"
  | "recv SYN"
  | "recv SYN-ACK"
  | "recv ACK"
  | "recv FIN"
  | "recv FIN-ACK"
  | "recv RST"
  | "recv data after close"
  | "retransmission timeout"
  | "time-wait timeout"
  | "fin-wait-2 timeout"
  | "time-wait reuse"
  | "keepalive timeout"
  /** No TIME-WAIT bucket was free (tcp_max_tw_buckets): an orphaned FIN-WAIT-2 is destroyed. */
  | "time-wait overflow"
  /** Zero-window probes went unanswered (tcp_retries2) or TCP_USER_TIMEOUT passed while probing. */
  | "persist timeout";

/** rule: the scenario's `drop`; loss: random loss; manual: a drop action; link: the link was down. */
export type DropReason = "rule" | "loss" | "manual" | "link";

/** Why a segment without new data was sent, when it is one of these (for narration and display). */
export type SegmentPurpose = "keepalive probe" | "window probe" | "window update";

/** One segment as it went on the wire, as the CLI prints it. */
export interface SegmentRecord {
  /** 1-based, in sending order, unique within a run (stable across replays). */
  id: number;
  /** When it was sent (ms of virtual time). */
  t: number;
  from: HostId;
  to: HostId;
  /** Shared among records with the same flags and frozen (the engine's records): never change it in place. */
  flags: readonly TcpFlag[];
  /** Absolute sequence number. */
  seq: number;
  /** Absolute acknowledgement number, null when the ACK flag is off. */
  ack: number | null;
  /** Payload bytes (SYN and FIN are not counted here, though each consumes one sequence number). */
  len: number;
  dropped: boolean;
  /** True when the segment re-sends sequence space already sent (timer-driven or a loss probe). */
  retransmission: boolean;
  /** When it reaches the peer; null when dropped. */
  arriveAt: number | null;
  /** k-th segment sent by `from` (1-based, retransmissions counted): what `drop[].nth` matches. */
  n: number;
  dropReason?: DropReason;
  /** Set on the extra copy the network made of segment `duplicateOf`. */
  duplicateOf?: number;
  /** Receive window the sender advertised (bytes; the engine models no window scaling). */
  win: number;
  /** Set on keep-alive probes, zero-window probes and window updates. */
  purpose?: SegmentPurpose;
}

export interface TransitionRecord {
  t: number;
  host: HostId;
  from: TcpState;
  to: TcpState;
  cause: TransitionCause;
}

export interface ErrorRecord {
  t: number;
  host: HostId;
  code: ErrorCode;
  /** The application call that failed, when the error is a call's return value. */
  call?: AppCall;
}

/** Ordered trace entries for narration and for stepping a UI forward and back. */
export type SimEvent =
  | {
      index: number;
      t: number;
      kind: "app";
      host: HostId;
      call: AppCall;
      /** send: bytes handed over; read: bytes asked for (absent: everything buffered). */
      bytes?: number;
      /** read: bytes the call returned (0 at end of stream or when nothing is buffered). */
      result?: number;
      option?: SocketOption;
      value?: SocketOptionValue;
    }
  | { index: number; t: number; kind: "link"; up: boolean }
  | { index: number; t: number; kind: "send"; host: HostId; segment: number }
  | { index: number; t: number; kind: "deliver"; host: HostId; segment: number }
  | { index: number; t: number; kind: "drop"; segment: number; reason: DropReason }
  | { index: number; t: number; kind: "duplicate"; segment: number; copy: number }
  | { index: number; t: number; kind: "timer"; host: HostId; timer: TimerKind }
  | {
      index: number;
      t: number;
      kind: "transition";
      host: HostId;
      from: TcpState;
      to: TcpState;
      cause: TransitionCause;
    }
  | { index: number; t: number; kind: "error"; host: HostId; code: ErrorCode; call?: AppCall }
  | { index: number; t: number; kind: "discard"; host: HostId; segment: number; reason: EngineText }
  | { index: number; t: number; kind: "note"; host: HostId; text: EngineText | NotInFlightText };

/** Distributes Omit over the SimEvent union (plain Omit would collapse it). */
export type SimEventDraft = SimEvent extends infer E ? (E extends SimEvent ? Omit<E, "index" | "t"> : never) : never;
