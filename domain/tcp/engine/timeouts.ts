/**
 * Timer expiries: retransmission (tcp_retransmit_timer), loss probe, delayed ACK, TIME-WAIT,
 * FIN-WAIT-2, zero-window probes (tcp_probe_timer), keep-alive (tcp_keepalive_timer) and the
 * application's lingering close().
 */
import { linuxModelTimeout } from "../profiles";
import type { TimerKind } from "../types";
import { KEEPALIVE_STATES } from "./app-calls";
import type { Endpoint } from "./endpoint";

/**
 * Virtual time is in (fractional) milliseconds: an elapsed time computed as a difference can come
 * out a hair below the duration it should equal. Comparisons allow for that, or a timer re-armed
 * for the remainder would fire again at the same instant forever.
 */
const EPSILON_MS = 1e-6;
const atLeast = (elapsed: number, duration: number) => elapsed >= duration - EPSILON_MS;

export function handleTimer(ep: Endpoint, kind: TimerKind): void {
  switch (kind) {
    case "retransmit":
      return onRetransmitTimeout(ep);
    case "loss-probe":
      return onLossProbe(ep);
    case "delayed-ack":
      return ep.onDelayedAckTimer();
    case "time-wait":
      return ep.closeConnection("time-wait timeout");
    case "fin-wait-2":
      if (ep.state === "FIN-WAIT-2") ep.closeConnection("fin-wait-2 timeout");
      return;
    case "persist":
      return onPersistTimeout(ep);
    case "keepalive":
      return onKeepaliveTimeout(ep);
    case "linger":
      if (ep.tcb.lingering) ep.endLinger("close() returns: the linger time is up, the FIN is still unacknowledged");
      return;
  }
}

function onRetransmitTimeout(ep: Endpoint): void {
  const tcb = ep.tcb;
  const params = ep.params;
  const head = tcb.retransmitQueue[0];
  if (head === undefined) return;

  if (tcb.state === "SYN-RECEIVED" && tcb.passiveOpen) return onSynAckTimeout(ep);

  if (hasGivenUp(ep)) {
    ep.reportError("ETIMEDOUT");
    ep.closeConnection("retransmission timeout");
    return;
  }

  // tcp_retransmit_skb(): the stamp is the first timer-driven retransmission (a tail loss probe does not set it).
  if (tcb.retransStamp === null) tcb.retransStamp = ep.now();
  tcb.retransmits++;
  tcb.totalRto++;
  tcb.inLossRecovery = true;
  ep.retransmit(head);
  // tcp_syn_linear_timeouts: the first SYN timeouts keep the initial RTO instead of doubling.
  const linear = tcb.state === "SYN-SENT" && tcb.totalRto <= params.synLinearTimeouts;
  if (!linear) tcb.rtoMs = Math.min(tcb.rtoMs * 2, params.maxRtoMs);
  ep.env.armTimer(ep.host, "retransmit", rtoClampedToUserTimeout(ep));
}

/** tcp_clamp_rto_to_user_timeout(): with TCP_USER_TIMEOUT, the next expiry is no later than the deadline. */
function rtoClampedToUserTimeout(ep: Endpoint): number {
  const tcb = ep.tcb;
  const userTimeout = ep.options.userTimeoutMs;
  if (userTimeout === 0 || tcb.retransStamp === null) return tcb.rtoMs;
  const remaining = userTimeout - (ep.now() - tcb.retransStamp);
  if (remaining <= EPSILON_MS) return ep.params.jiffyMs || 1;
  return Math.min(tcb.rtoMs, remaining);
}

/**
 * tcp_write_timeout(): SYN states give up after a number of retransmissions (plus the linear
 * ones for SYN-SENT) or, on Linux, after the time those would take with plain doubling; other
 * states after a time budget (tcp_retries2, or tcp_orphan_retries for orphans).
 */
function hasGivenUp(ep: Endpoint): boolean {
  const tcb = ep.tcb;
  const params = ep.params;
  const elapsed = tcb.retransStamp === null ? 0 : ep.now() - tcb.retransStamp;
  // TCP_USER_TIMEOUT replaces the time budget (tcp_retries2, tcp_orphan_retries, the SYN budget).
  const userTimeout = ep.options.userTimeoutMs;
  if (tcb.state === "SYN-SENT" || tcb.state === "SYN-RECEIVED") {
    const maxRetransmits = params.synRetries + (tcb.state === "SYN-SENT" ? params.synLinearTimeouts : 0);
    if (tcb.retransmits >= maxRetransmits) return true;
    if (tcb.retransmits === 0) return false;
    if (userTimeout > 0) return atLeast(elapsed, userTimeout);
    return params.synTimeBudget && atLeast(elapsed, linuxModelTimeout(params.synRetries, params.initialRtoMs, params.maxRtoMs));
  }
  if (tcb.retransmits === 0) return false;
  if (userTimeout > 0) return atLeast(elapsed, userTimeout);
  // tcp_orphan_retries(): an orphan whose RTO has reached its maximum is no longer "alive".
  const budget = tcb.orphan ? params.orphanGiveUpMs(tcb.rtoMs < params.maxRtoMs) : params.dataGiveUpMs;
  return atLeast(elapsed, budget);
}

/**
 * Linux reqsk_timer_handler(): SYN-ACK resent after TCP_TIMEOUT_INIT << n; after
 * tcp_synack_retries timeouts the request is dropped silently and the listener stays.
 */
function onSynAckTimeout(ep: Endpoint): void {
  const tcb = ep.tcb;
  const params = ep.params;
  const synAck = tcb.retransmitQueue[0];
  if (synAck === undefined) return;
  if (tcb.synAckTimeouts >= params.synackRetries) {
    ep.note("SYN-ACK retries exhausted: connection request dropped");
    ep.returnToListen("retransmission timeout");
    return;
  }
  ep.retransmit(synAck);
  tcb.synAckTimeouts++;
  ep.env.armTimer(ep.host, "retransmit", Math.min(params.initialRtoMs * 2 ** tcb.synAckTimeouts, params.maxRtoMs));
}

/** tcp_send_loss_probe(): resend the last segment once, then let the RTO (not backed off) run. */
function onLossProbe(ep: Endpoint): void {
  const tcb = ep.tcb;
  const tail = tcb.retransmitQueue[tcb.retransmitQueue.length - 1];
  if (tail === undefined) return;
  ep.note("tail loss probe: last segment sent again");
  ep.retransmit(tail);
  tcb.lossProbeOutstanding = true;
  ep.armRetransmitFromHead();
}

/**
 * tcp_probe_timer(): the peer's window is still closed. Give up (ETIMEDOUT, no RST) when
 * TCP_USER_TIMEOUT has passed since the first probe of this episode, or after too many
 * unanswered probes (tcp_retries2; tcp_orphan_retries for orphans; R2 of time in the RFC
 * profile); otherwise probe again with the timer doubled. Answered probes reset the count, so a
 * live receiver that keeps its window closed is probed for as long as it answers.
 */
function onPersistTimeout(ep: Endpoint): void {
  const tcb = ep.tcb;
  if (tcb.retransmitQueue.length > 0 || !ep.hasDataToSend() || !ep.isSynchronized()) {
    tcb.probesOut = 0;
    tcb.probesSince = null;
    return;
  }
  const now = ep.now();
  const userTimeout = ep.options.userTimeoutMs;
  if (tcb.probesSince === null) tcb.probesSince = now;
  else if (userTimeout > 0 && atLeast(now - tcb.probesSince, userTimeout)) return giveUpProbing(ep);
  const giveUp = ep.params.persistGiveUp;
  if ("probes" in giveUp) {
    let maxProbes = giveUp.probes;
    if (tcb.orphan) {
      const alive = ep.probingAlive();
      maxProbes = giveUp.orphanProbes(alive);
      if (!alive && tcb.probeBackoff >= maxProbes) return giveUpProbing(ep);
    }
    if (tcb.probesOut >= maxProbes) return giveUpProbing(ep);
  } else if (tcb.probesOut > 0 && tcb.unansweredProbeSince !== null && atLeast(now - tcb.unansweredProbeSince, giveUp.ms)) {
    return giveUpProbing(ep);
  }
  ep.sendZeroWindowProbe();
}

function giveUpProbing(ep: Endpoint): void {
  ep.note("zero-window probes: giving up");
  ep.reportError("ETIMEDOUT");
  ep.closeConnection("persist timeout");
}

/**
 * tcp_keepalive_timer(): after the idle time with nothing in flight and nothing received, send a
 * probe (an empty ACK at SND.NXT - 1, which the peer must answer) every interval; when the count
 * of unanswered probes reaches TCP_KEEPCNT (or, with TCP_USER_TIMEOUT, once that much time has
 * passed since the peer was last heard), send RST and report ETIMEDOUT.
 */
function onKeepaliveTimeout(ep: Endpoint): void {
  const tcb = ep.tcb;
  if (!ep.options.keepalive || !KEEPALIVE_STATES.has(tcb.state)) return;
  // An orphaned FIN-WAIT-2 is bounded by tcp_fin_timeout instead (Linux reuses this timer for it).
  if (tcb.orphan && tcb.state === "FIN-WAIT-2") return;
  const idle = ep.keepIdleMs();
  // "It is alive without keepalive": data in flight or waiting has its own timers.
  if (tcb.retransmitQueue.length > 0 || ep.hasDataToSend()) return ep.armKeepalive(idle);
  const elapsed = ep.now() - tcb.lastReceivedAt;
  if (!atLeast(elapsed, idle)) return ep.armKeepalive(idle - elapsed);
  const userTimeout = ep.options.userTimeoutMs;
  const exhausted =
    userTimeout > 0 ? atLeast(elapsed, userTimeout) && tcb.probesOut > 0 : tcb.probesOut >= ep.keepCnt();
  if (exhausted) {
    ep.note("keep-alive: the peer did not answer: connection reset");
    ep.sendAbortReset();
    ep.reportError("ETIMEDOUT");
    ep.closeConnection("keepalive timeout");
    return;
  }
  ep.sendOldSequenceProbe("keepalive probe");
  tcb.probesOut++;
  ep.armKeepalive(ep.keepIntvlMs());
}

