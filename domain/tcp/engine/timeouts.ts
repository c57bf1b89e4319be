/** Timer expiries: retransmission (tcp_retransmit_timer), loss probe, delayed ACK, TIME-WAIT, FIN-WAIT-2. */
import { linuxModelTimeout } from "../profiles";
import type { TimerKind } from "../types";
import type { Endpoint } from "./endpoint";

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

  if (tcb.retransStamp === null) tcb.retransStamp = head.firstSentAt;
  tcb.retransmits++;
  tcb.totalRto++;
  tcb.inLossRecovery = true;
  ep.retransmit(head);
  // tcp_syn_linear_timeouts: the first SYN timeouts keep the initial RTO instead of doubling.
  const linear = tcb.state === "SYN-SENT" && tcb.totalRto <= params.synLinearTimeouts;
  if (!linear) tcb.rtoMs = Math.min(tcb.rtoMs * 2, params.maxRtoMs);
  ep.env.armTimer(ep.host, "retransmit", tcb.rtoMs);
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
  if (tcb.state === "SYN-SENT" || tcb.state === "SYN-RECEIVED") {
    const maxRetransmits = params.synRetries + (tcb.state === "SYN-SENT" ? params.synLinearTimeouts : 0);
    if (tcb.retransmits >= maxRetransmits) return true;
    return (
      params.synTimeBudget &&
      tcb.retransmits > 0 &&
      elapsed >= linuxModelTimeout(params.synRetries, params.initialRtoMs, params.maxRtoMs)
    );
  }
  const budget = tcb.orphan ? params.orphanGiveUpMs : params.dataGiveUpMs;
  return tcb.retransmits > 0 && elapsed >= budget;
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
