/**
 * Every state transition the engine can make, with the segment it sends (if any). It is the
 * conformance table the tests walk row by row and the property tests hold every trace against.
 * Rows marked `linux` exist only in the linux profile.
 */
import type { TcpState, TransitionCause } from "./types";

export interface TransitionRow {
  from: TcpState;
  cause: TransitionCause;
  to: TcpState;
  /** Segment the transition sends at once: its short name, or null. */
  sends: "SYN" | "SYN-ACK" | "ACK" | "FIN" | "RST" | null;
  profiles: "both" | "linux";
  /** RFC 9293 section (or kernel function) the row comes from. */
  source: string;
}

const row = (
  from: TcpState,
  cause: TransitionCause,
  to: TcpState,
  sends: TransitionRow["sends"],
  source: string,
  profiles: TransitionRow["profiles"] = "both",
): TransitionRow => ({ from, cause, to, sends, profiles, source });

export const TRANSITION_TABLE: readonly TransitionRow[] = [
  row("CLOSED", "listen", "LISTEN", null, "3.10.1 OPEN (passive)"),
  row("CLOSED", "connect", "SYN-SENT", "SYN", "3.10.1 OPEN (active)"),
  row("LISTEN", "recv SYN", "SYN-RECEIVED", "SYN-ACK", "3.10.7.2 LISTEN, fourth: SYN"),
  row("LISTEN", "close", "CLOSED", null, "3.10.4 CLOSE in LISTEN"),
  row("LISTEN", "abort", "CLOSED", null, "3.10.5 ABORT in LISTEN"),
  row("SYN-SENT", "recv SYN-ACK", "ESTABLISHED", "ACK", "3.10.7.3 SYN-SENT, fourth: SYN with our SYN ACKed"),
  row("SYN-SENT", "recv SYN", "SYN-RECEIVED", "SYN-ACK", "3.10.7.3 SYN-SENT, fourth: simultaneous open"),
  row("SYN-SENT", "recv RST", "CLOSED", null, "3.10.7.3 SYN-SENT, second: RST with acceptable ACK"),
  row("SYN-SENT", "close", "CLOSED", null, "3.10.4 CLOSE in SYN-SENT"),
  row("SYN-SENT", "shutdown", "CLOSED", null, "3.10.4 CLOSE in SYN-SENT; tcp_close_state(): SYN_SENT -> CLOSE"),
  row("SYN-SENT", "abort", "CLOSED", null, "3.10.5 ABORT in SYN-SENT"),
  row("SYN-SENT", "retransmission timeout", "CLOSED", null, "tcp_write_timeout(): SYN retries exhausted"),
  row("SYN-RECEIVED", "recv ACK", "ESTABLISHED", null, "3.10.7.4 fifth: ACK in SYN-RECEIVED"),
  row("SYN-RECEIVED", "recv SYN-ACK", "ESTABLISHED", "ACK", "3.10.7.4, simultaneous open (Figure 7)"),
  row("SYN-RECEIVED", "recv RST", "LISTEN", null, "3.10.7.4 second: RST after passive OPEN"),
  row("SYN-RECEIVED", "recv RST", "CLOSED", null, "3.10.7.4 second: RST after active OPEN"),
  row("SYN-RECEIVED", "close", "FIN-WAIT-1", "FIN", "3.10.4 CLOSE in SYN-RECEIVED"),
  row("SYN-RECEIVED", "shutdown", "FIN-WAIT-1", "FIN", "3.10.4 CLOSE in SYN-RECEIVED"),
  row("SYN-RECEIVED", "abort", "CLOSED", "RST", "3.10.5 ABORT in SYN-RECEIVED"),
  row("SYN-RECEIVED", "retransmission timeout", "LISTEN", null, "reqsk_timer_handler(): tcp_synack_retries exhausted"),
  row("SYN-RECEIVED", "retransmission timeout", "CLOSED", null, "tcp_write_timeout(): simultaneous open gives up"),
  row("ESTABLISHED", "close", "FIN-WAIT-1", "FIN", "3.10.4 CLOSE in ESTABLISHED"),
  row("ESTABLISHED", "shutdown", "FIN-WAIT-1", "FIN", "3.10.4 CLOSE (one direction)"),
  row("ESTABLISHED", "recv FIN", "CLOSE-WAIT", "ACK", "3.10.7.4 eighth: FIN in ESTABLISHED"),
  row("ESTABLISHED", "recv RST", "CLOSED", null, "3.10.7.4 second: RST in ESTABLISHED"),
  row("ESTABLISHED", "abort", "CLOSED", "RST", "3.10.5 ABORT in ESTABLISHED"),
  row("ESTABLISHED", "retransmission timeout", "CLOSED", null, "tcp_write_timeout(): tcp_retries2 exhausted"),
  row("ESTABLISHED", "close", "CLOSED", "RST", "RFC 1122 4.2.2.13; tcp_close(): unread data is lost, so RST"),
  row("ESTABLISHED", "keepalive timeout", "CLOSED", "RST", "RFC 1122 4.2.3.6; tcp_keepalive_timer(): probes unanswered"),
  row("ESTABLISHED", "persist timeout", "CLOSED", null, "tcp_probe_timer(): zero-window probes unanswered or TCP_USER_TIMEOUT"),
  row("FIN-WAIT-1", "recv ACK", "FIN-WAIT-2", null, "3.10.7.4 fifth: our FIN ACKed"),
  row("FIN-WAIT-1", "recv FIN", "CLOSING", "ACK", "3.10.7.4 eighth: FIN before our FIN is ACKed"),
  row("FIN-WAIT-1", "recv FIN-ACK", "TIME-WAIT", "ACK", "3.10.7.4 eighth: FIN that also ACKs our FIN"),
  row("FIN-WAIT-1", "recv RST", "CLOSED", null, "3.10.7.4 second: RST in FIN-WAIT-1"),
  row("FIN-WAIT-1", "recv data after close", "CLOSED", "RST", "RFC 1122 4.2.2.13; tcp_rcv_state_process()"),
  row("FIN-WAIT-1", "abort", "CLOSED", "RST", "3.10.5 ABORT in FIN-WAIT-1"),
  row("FIN-WAIT-1", "retransmission timeout", "CLOSED", null, "tcp_write_timeout(): FIN retries exhausted"),
  row("FIN-WAIT-1", "close", "CLOSED", "RST", "RFC 1122 4.2.2.13; tcp_close() after shutdown(): unread data"),
  row("FIN-WAIT-1", "persist timeout", "CLOSED", null, "tcp_probe_timer(): the FIN waits for a window that never opens"),
  row("FIN-WAIT-1", "recv FIN-ACK", "CLOSED", "ACK", "tcp_time_wait(): no TIME-WAIT bucket (tcp_max_tw_buckets)", "linux"),
  row("FIN-WAIT-2", "recv FIN", "TIME-WAIT", "ACK", "3.10.7.4 eighth: FIN in FIN-WAIT-2"),
  row("FIN-WAIT-2", "recv RST", "CLOSED", null, "3.10.7.4 second: RST in FIN-WAIT-2"),
  row("FIN-WAIT-2", "recv data after close", "CLOSED", "RST", "RFC 1122 4.2.2.13; tcp_timewait_state_process()"),
  row("FIN-WAIT-2", "abort", "CLOSED", "RST", "3.10.5 ABORT in FIN-WAIT-2"),
  row("FIN-WAIT-2", "fin-wait-2 timeout", "CLOSED", null, "tcp_fin_timeout for orphaned sockets", "linux"),
  row("FIN-WAIT-2", "close", "CLOSED", "RST", "RFC 1122 4.2.2.13; tcp_close() after shutdown(): unread data"),
  row("FIN-WAIT-2", "keepalive timeout", "CLOSED", "RST", "tcp_keepalive_timer() after shutdown(): probes unanswered"),
  row("FIN-WAIT-2", "recv FIN", "CLOSED", "ACK", "tcp_time_wait(): no TIME-WAIT bucket (tcp_max_tw_buckets)", "linux"),
  row("FIN-WAIT-2", "time-wait overflow", "CLOSED", null, "tcp_close(): orphan kept as TIME-WAIT, no bucket (tcp_max_tw_buckets)", "linux"),
  row("CLOSE-WAIT", "close", "LAST-ACK", "FIN", "3.10.4 CLOSE in CLOSE-WAIT"),
  row("CLOSE-WAIT", "shutdown", "LAST-ACK", "FIN", "3.10.4 CLOSE in CLOSE-WAIT"),
  row("CLOSE-WAIT", "recv RST", "CLOSED", null, "3.10.7.4 second: RST in CLOSE-WAIT"),
  row("CLOSE-WAIT", "abort", "CLOSED", "RST", "3.10.5 ABORT in CLOSE-WAIT"),
  row("CLOSE-WAIT", "retransmission timeout", "CLOSED", null, "tcp_write_timeout(): data retries exhausted"),
  row("CLOSE-WAIT", "close", "CLOSED", "RST", "RFC 1122 4.2.2.13; tcp_close(): unread data is lost, so RST"),
  row("CLOSE-WAIT", "keepalive timeout", "CLOSED", "RST", "tcp_keepalive_timer(): keep-alive runs in CLOSE-WAIT too"),
  row("CLOSE-WAIT", "persist timeout", "CLOSED", null, "tcp_probe_timer(): zero-window probes unanswered"),
  row("CLOSING", "recv ACK", "TIME-WAIT", null, "3.10.7.4 fifth: our FIN ACKed in CLOSING"),
  row("CLOSING", "recv RST", "CLOSED", null, "3.10.7.4 second: RST in CLOSING"),
  row("CLOSING", "abort", "CLOSED", null, "3.10.5 ABORT in CLOSING"),
  row("CLOSING", "retransmission timeout", "CLOSED", null, "tcp_write_timeout(): FIN retries exhausted"),
  row("CLOSING", "close", "CLOSED", "RST", "RFC 1122 4.2.2.13; tcp_close() after shutdown(): unread data"),
  row("CLOSING", "recv ACK", "CLOSED", null, "tcp_time_wait(): no TIME-WAIT bucket (tcp_max_tw_buckets)", "linux"),
  row("CLOSING", "persist timeout", "CLOSED", null, "tcp_probe_timer(): our FIN still waits for a window"),
  row("LAST-ACK", "recv ACK", "CLOSED", null, "3.10.7.4 fifth: our FIN ACKed in LAST-ACK"),
  row("LAST-ACK", "recv RST", "CLOSED", null, "3.10.7.4 second: RST in LAST-ACK"),
  row("LAST-ACK", "abort", "CLOSED", null, "3.10.5 ABORT in LAST-ACK"),
  row("LAST-ACK", "retransmission timeout", "CLOSED", null, "tcp_write_timeout(): FIN retries exhausted"),
  row("LAST-ACK", "close", "CLOSED", "RST", "RFC 1122 4.2.2.13; tcp_close() after shutdown(): unread data"),
  row("LAST-ACK", "persist timeout", "CLOSED", null, "tcp_probe_timer(): the FIN waits for a window that never opens"),
  row("TIME-WAIT", "time-wait timeout", "CLOSED", null, "3.10.8 time-wait timeout (2 MSL; Linux 60 s)"),
  row("TIME-WAIT", "recv RST", "CLOSED", null, "3.10.7.4 second: RST in TIME-WAIT (RFC 1337 hazard)"),
  row("TIME-WAIT", "recv SYN", "SYN-RECEIVED", "SYN-ACK", "tcp_timewait_state_process(): TCP_TW_SYN", "linux"),
  row("TIME-WAIT", "time-wait reuse", "SYN-SENT", "SYN", "tcp_twsk_unique(): tcp_tw_reuse", "linux"),
  row("TIME-WAIT", "abort", "CLOSED", null, "3.10.5 ABORT in TIME-WAIT"),
];

export function findTransitionRow(from: TcpState, cause: TransitionCause, to: TcpState): TransitionRow | undefined {
  return TRANSITION_TABLE.find((candidate) => candidate.from === from && candidate.cause === cause && candidate.to === to);
}
