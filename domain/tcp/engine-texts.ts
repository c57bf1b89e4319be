/**
 * Every text the engine writes into a `discard` or `note` event. The traces keep the English
 * text (they are pinned byte for byte), so the narrator's words are keyed by these texts: the
 * types make a text the engine gains without words a compile error instead of English in a
 * Chinese narration.
 */

/** The texts written as they are. */
export const ENGINE_TEXTS = [
  "ACK in LISTEN: answered with RST",
  "ACK in TIME-WAIT",
  "RST for a connection that does not exist",
  "RST in LISTEN is ignored",
  "RST in TIME-WAIT ignored (tcp_rfc1337)",
  "RST in TIME-WAIT",
  "RST in TIME-WAIT: TIME-WAIT assassination",
  "RST inside the window but not at RCV.NXT: challenge ACK",
  "RST not at RCV.NXT in TIME-WAIT",
  "RST outside the receive window",
  "RST outside the window in TIME-WAIT",
  "RST with an unacceptable ACK in SYN-SENT",
  "RST without ACK in SYN-SENT",
  "SYN in TIME-WAIT: challenge ACK",
  "SYN on a synchronized connection: challenge ACK",
  "acknowledges data not yet sent",
  "acknowledges data not yet sent: answered with ACK",
  "data arrived after close(): connection reset",
  "in-window ACK in TIME-WAIT",
  "neither SYN, ACK nor RST in LISTEN",
  "new SYN in TIME-WAIT but no listener: ACKed",
  "new SYN in TIME-WAIT: connection reopened",
  "no ACK flag",
  "no SYN in SYN-SENT",
  "no connection: answered with RST",
  "old duplicate: acknowledged again",
  "out of order: queued, duplicate ACK sent",
  "outside the receive window",
  "peer already sent FIN: text ignored",
  "retransmitted FIN in TIME-WAIT: ACKed, 2 MSL restarted",
  "retransmitted FIN in TIME-WAIT: ACKed again",
  "retransmitted SYN: SYN-ACK sent again",
  "retransmitted SYN: SYN-ACK suppressed by rate limit",
  "unacceptable ACK in SYN-RECEIVED: answered with RST",
  "unacceptable ACK in SYN-SENT: answered with RST",
  "unexpected segment in TIME-WAIT: ACKed",
  "segment in TIME-WAIT: ACKed",
  "SYN-ACK retries exhausted: connection request dropped",
  "TIME-WAIT timer restarted",
  "tail loss probe: last segment sent again",
  "zero window: data dropped, ACK sent",
  "probe (seq = RCV.NXT - 1): answered with an ACK",
  "close() with unread data: connection reset",
  "close() waits for the FIN to be acknowledged (SO_LINGER)",
  "close() returns: the FIN was acknowledged",
  "close() returns: the connection is gone",
  "close() returns: the linger time is up, the FIN is still unacknowledged",
  "zero-window probes: giving up",
  "keep-alive: the peer did not answer: connection reset",
  "no TIME-WAIT bucket free (tcp_max_tw_buckets): the socket is destroyed at once",
] as const;

/** Why an ACK was wanted when tcp_invalid_ratelimit suppressed it. */
export const RATE_LIMITED_ACK_REASONS = ["challenge ACK", "segment in TIME-WAIT", "out-of-window segment", "ACK of unsent data", "old duplicate", "probe"] as const;
export type RateLimitedAckReason = (typeof RATE_LIMITED_ACK_REASONS)[number];

export type RateLimitedAckText = `${RateLimitedAckReason}: ACK suppressed by rate limit`;

/** What the engine says about a segment or a connection, in English. */
export type EngineText = (typeof ENGINE_TEXTS)[number] | RateLimitedAckText;

export function rateLimitedAckText(reason: RateLimitedAckReason): RateLimitedAckText {
  return `${reason}: ACK suppressed by rate limit`;
}

/** Every EngineText, the rate-limited ones spelled out. */
export const ALL_ENGINE_TEXTS: readonly EngineText[] = [...ENGINE_TEXTS, ...RATE_LIMITED_ACK_REASONS.map(rateLimitedAckText)];

/** The simulation's own note when a drop names a segment that is not on the wire. */
export type NotInFlightText = `segment ${number} is not in flight`;

export function notInFlightText(segment: number): NotInFlightText {
  return `segment ${segment} is not in flight`;
}

/** The segment a "not in flight" note names; null for the engine's texts. */
export function notInFlightSegment(text: EngineText | NotInFlightText): number | null {
  const segment = Number.parseInt(text.slice("segment ".length), 10);
  return Number.isInteger(segment) && text === notInFlightText(segment) ? segment : null;
}
