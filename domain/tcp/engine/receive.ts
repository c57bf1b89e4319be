/**
 * SEGMENT ARRIVES (RFC 9293 3.10.7), with the Linux behaviours the linux profile adds: delayed
 * ACKs, duplicate-SYN handling in SYN-RECEIVED, abort on data after close(), silent discard of
 * ACKs for unsent data, and the TIME-WAIT rules of tcp_timewait_state_process() (time-wait.ts).
 */
import type { EngineText } from "../engine-texts";
import { seqAdd, seqDiff, seqGeq, seqGt, seqInWindow, seqLeq, seqLt } from "../seq";
import type { Endpoint } from "./endpoint";
import type { OutOfOrderSegment } from "./tcb";
import { handleTimeWaitSegment } from "./time-wait";
import { segmentLength, type ArrivingSegment } from "./wire";

export function handleSegment(ep: Endpoint, seg: ArrivingSegment): void {
  switch (ep.state) {
    case "CLOSED":
      return onClosed(ep, seg);
    case "LISTEN":
      return onListen(ep, seg);
    case "SYN-SENT":
      return onSynSent(ep, seg);
    case "SYN-RECEIVED":
      return onSynReceived(ep, seg);
    case "TIME-WAIT":
      return handleTimeWaitSegment(ep, seg);
    default:
      return onSynchronized(ep, seg);
  }
}

/**
 * The segment changes nothing here: it is dropped, at most answered (an ACK, a challenge ACK or
 * an RST, which follow as their own `send`). A segment that changes the connection (its state,
 * its queues, its timers) is handled instead: its effects are the trace, and a `note` says what
 * the other events cannot (ADR 0190).
 */
function discard(ep: Endpoint, seg: ArrivingSegment, reason: EngineText): void {
  ep.env.emit({ kind: "discard", host: ep.host, segment: seg.id, reason });
}

function onClosed(ep: Endpoint, seg: ArrivingSegment): void {
  if (seg.rst) return discard(ep, seg, "RST for a connection that does not exist");
  discard(ep, seg, "no connection: answered with RST");
  ep.sendResetFor(seg);
}

function onListen(ep: Endpoint, seg: ArrivingSegment): void {
  if (seg.rst) return discard(ep, seg, "RST in LISTEN is ignored");
  if (seg.ack) {
    discard(ep, seg, "ACK in LISTEN: answered with RST");
    ep.sendResetFor(seg);
    return;
  }
  if (!seg.syn) return discard(ep, seg, "neither SYN, ACK nor RST in LISTEN");
  ep.initReceive(seg.seq);
  ep.initSendWindow(seg);
  ep.initSend(ep.nextIsn());
  ep.tcb.passiveOpen = true;
  ep.tcb.peerTsRecent = seg.sentAt;
  ep.setState("SYN-RECEIVED", "recv SYN");
  ep.sendSynAck();
}

function onSynSent(ep: Endpoint, seg: ArrivingSegment): void {
  const tcb = ep.tcb;
  if (seg.ack && (seqLeq(seg.ackNo, tcb.iss) || seqGt(seg.ackNo, tcb.sndNxt))) {
    if (seg.rst) return discard(ep, seg, "RST with an unacceptable ACK in SYN-SENT");
    discard(ep, seg, "unacceptable ACK in SYN-SENT: answered with RST");
    ep.send({ rst: true, ack: false, seq: seg.ackNo, len: 0, ackNo: 0 });
    return;
  }
  if (seg.rst) {
    if (!seg.ack) return discard(ep, seg, "RST without ACK in SYN-SENT");
    ep.reportError("ECONNREFUSED");
    ep.closeConnection("recv RST");
    return;
  }
  if (!seg.syn) return discard(ep, seg, "no SYN in SYN-SENT");
  ep.initReceive(seg.seq);
  ep.initSendWindow(seg);
  tcb.peerTsRecent = seg.sentAt;
  if (seg.ack) {
    ep.acceptAck(seg.ackNo);
    ep.applyHandshakeRtoFallback();
    ep.setState("ESTABLISHED", "recv SYN-ACK");
    // Data queued during the handshake carries the ACK; otherwise a bare ACK completes it.
    const hadQueued = tcb.unsentBytes > 0;
    ep.pushPending();
    if (!hadQueued) ep.sendAck();
    return;
  }
  // Simultaneous open: our SYN crossed theirs.
  ep.setState("SYN-RECEIVED", "recv SYN");
  ep.send({ syn: true, ack: true, seq: tcb.iss, len: 0 });
  const synEntry = tcb.retransmitQueue[0];
  if (synEntry !== undefined) synEntry.lastSentAt = ep.now();
}

/** RFC 9293 3.10.7.4, first: the segment overlaps the window we offer (RCV.WND as last advertised). */
function isAcceptable(ep: Endpoint, seg: ArrivingSegment): boolean {
  const { rcvNxt } = ep.tcb;
  const window = ep.offeredWindow();
  const length = segmentLength(seg);
  if (length === 0) return window === 0 ? seg.seq === rcvNxt : seqInWindow(seg.seq, rcvNxt, window);
  if (window === 0) return false;
  return seqInWindow(seg.seq, rcvNxt, window) || seqInWindow(seqAdd(seg.seq, length - 1), rcvNxt, window);
}

/**
 * SYN-RECEIVED: the peer's duplicate SYN (Linux) and the SYN-ACK of a simultaneous open come
 * first; otherwise the checks of the synchronized states, then the fifth step as RFC 9293 gives it
 * for SYN-RECEIVED: an ACK of our SYN establishes the connection, any other ACK gets an RST.
 */
function onSynReceived(ep: Endpoint, seg: ArrivingSegment): void {
  const tcb = ep.tcb;
  if (ep.params.resendSynAckOnDuplicateSyn && tcb.passiveOpen && seg.syn && !seg.ack && !seg.rst && seg.seq === tcb.irs) {
    return onDuplicateSynInSynReceived(ep, seg);
  }
  if (!tcb.passiveOpen && seg.syn && seg.ack && seg.seq === tcb.irs && seg.ackNo === tcb.sndNxt) {
    // Simultaneous open, second half: the peer's SYN-ACK. Its SYN is a duplicate, so ACK it.
    ep.initSendWindow(seg);
    ep.acceptAck(seg.ackNo);
    ep.applyHandshakeRtoFallback();
    ep.setState("ESTABLISHED", "recv SYN-ACK");
    ep.sendAck();
    ep.pushPending();
    return;
  }
  if (!passesFirstToFourthChecks(ep, seg)) return;

  // Fifth: ACK.
  if (!seg.ack) return discard(ep, seg, "no ACK flag");
  if (!(seqLt(tcb.sndUna, seg.ackNo) && seqLeq(seg.ackNo, tcb.sndNxt))) {
    discard(ep, seg, "unacceptable ACK in SYN-RECEIVED: answered with RST");
    ep.send({ rst: true, ack: false, seq: seg.ackNo, len: 0, ackNo: 0 });
    return;
  }
  ep.onAckArrived(seg);
  ep.initSendWindow(seg);
  ep.applyHandshakeRtoFallback();
  ep.setState("ESTABLISHED", "recv ACK");
  ep.pushPending();
  afterAcceptedAck(ep, seg);
}

/** ESTABLISHED, FIN-WAIT-1/2, CLOSE-WAIT, CLOSING, LAST-ACK (TIME-WAIT has its own rules). */
function onSynchronized(ep: Endpoint, seg: ArrivingSegment): void {
  const tcb = ep.tcb;
  if (!passesFirstToFourthChecks(ep, seg)) return;

  // Fifth: ACK.
  if (!seg.ack) return discard(ep, seg, "no ACK flag");
  if (seqGt(seg.ackNo, tcb.sndNxt) && !(tcb.probeOctetOut && seg.ackNo === seqAdd(tcb.sndNxt, 1))) {
    if (ep.params.ignoreAckOfUnsentData) return discard(ep, seg, "acknowledges data not yet sent");
    discard(ep, seg, "acknowledges data not yet sent: answered with ACK");
    ep.sendRateLimitedAck("ACK of unsent data");
    return;
  }
  if (seqGeq(seg.ackNo, tcb.sndUna)) ep.onAckArrived(seg);
  afterAcceptedAck(ep, seg);
}

/**
 * RFC 9293 3.10.7.4, first to fourth steps. Returns whether the segment goes on to the fifth;
 * when it does not, it has been answered (or ignored) here.
 */
function passesFirstToFourthChecks(ep: Endpoint, seg: ArrivingSegment): boolean {
  const tcb = ep.tcb;
  // First: sequence number acceptable?
  if (!isAcceptable(ep, seg)) {
    onUnacceptable(ep, seg);
    return false;
  }

  // Second: RST (RFC 5961 3.2: reset only on an exact match, challenge ACK otherwise).
  if (seg.rst) {
    if (seg.seq !== tcb.rcvNxt) {
      discard(ep, seg, "RST inside the window but not at RCV.NXT: challenge ACK");
      ep.sendRateLimitedAck("challenge ACK");
      return false;
    }
    onReset(ep);
    return false;
  }

  // Third (security and compartment) is skipped: segments carry no IP security options here, so it cannot fail.

  // Fourth: SYN in a synchronized state (RFC 5961 4.2).
  if (seg.syn) {
    discard(ep, seg, "SYN on a synchronized connection: challenge ACK");
    ep.sendRateLimitedAck("challenge ACK");
    return false;
  }
  return true;
}

/** First step failed: the segment is dropped, and answered with an ACK unless it is an RST. */
function onUnacceptable(ep: Endpoint, seg: ArrivingSegment): void {
  const tcb = ep.tcb;
  if (seg.rst) return discard(ep, seg, "RST outside the receive window");
  if (seg.syn) {
    discard(ep, seg, "SYN on a synchronized connection: challenge ACK");
    ep.sendRateLimitedAck("challenge ACK");
    return;
  }
  const end = seqAdd(seg.seq, segmentLength(seg));
  // Linux rate-limits these ACKs only for segments without data (tcp_oow_rate_limited()).
  const empty = segmentLength(seg) === 0;
  const ackDataAtOnce = ep.params.ackOutOfWindowDataAtOnce && !empty;
  if (empty && seg.seq === seqAdd(tcb.rcvNxt, -1)) {
    // What a keep-alive or Linux zero-window probe looks like: it must be answered.
    discard(ep, seg, "probe (seq = RCV.NXT - 1): answered with an ACK");
    if (ep.params.rateLimitEmptyOldSegmentAcks) ep.sendRateLimitedAck("probe");
    else ep.sendAck();
  } else if (seqLeq(end, tcb.rcvNxt)) {
    discard(ep, seg, "old duplicate: acknowledged again");
    if (empty && ep.params.rateLimitEmptyOldSegmentAcks) ep.sendRateLimitedAck("old duplicate");
    else ep.sendAck();
  } else if (ackDataAtOnce && seg.seq === tcb.rcvNxt) {
    discard(ep, seg, "zero window: data dropped, ACK sent");
    ep.sendAck();
  } else {
    discard(ep, seg, "outside the receive window");
    if (ackDataAtOnce) ep.sendAck();
    else ep.sendRateLimitedAck("out-of-window segment");
  }
}

/** The rest of the fifth step (what our FIN being acknowledged means in each state), then the seventh and eighth. */
function afterAcceptedAck(ep: Endpoint, seg: ArrivingSegment): void {
  const tcb = ep.tcb;
  tcb.peerTsRecent = seg.sentAt;

  const finInOrder = seg.fin && seqAdd(seg.seq, seg.len) === seqAdd(tcb.rcvNxt, dataBeyond(ep, seg));
  if (tcb.state === "FIN-WAIT-1" && ep.ourFinAcked() && !finInOrder) {
    ep.setState("FIN-WAIT-2", "recv ACK");
    if (ep.armFinWait2TimerIfOrphan()) return;
  } else if (tcb.state === "CLOSING" && ep.ourFinAcked()) {
    ep.enterTimeWait("recv ACK");
    return;
  } else if (tcb.state === "LAST-ACK" && ep.ourFinAcked()) {
    ep.closeConnection("recv ACK");
    return;
  }

  // Linux (and RFC 1122 4.2.2.13): after close(), new data means the application lost it: RST.
  if (tcb.orphan && (tcb.state === "FIN-WAIT-1" || tcb.state === "FIN-WAIT-2") && dataBeyond(ep, seg) > 0) {
    ep.note("data arrived after close(): connection reset");
    ep.send({ rst: true, ack: false, seq: seg.ackNo, len: 0, ackNo: 0 });
    ep.closeConnection("recv data after close");
    return;
  }

  // Sixth (URG) is skipped: no segment ever carries urgent data here (the URG flag is never set).

  // Seventh and eighth: text and FIN.
  receiveTextAndFin(ep, seg);
  ep.pushPending();
}

/** Payload bytes in the segment beyond RCV.NXT (0 for pure ACKs and duplicates). */
function dataBeyond(ep: Endpoint, seg: ArrivingSegment): number {
  if (seg.len === 0) return 0;
  const end = seqAdd(seg.seq, seg.len);
  return Math.max(0, seqDiff(ep.tcb.rcvNxt, end));
}

/** Linux tcp_check_req(): a retransmitted SYN gets the SYN-ACK again, at most every 500 ms. */
function onDuplicateSynInSynReceived(ep: Endpoint, seg: ArrivingSegment): void {
  const tcb = ep.tcb;
  const now = ep.now();
  if (now - tcb.lastInvalidAckAt < ep.params.invalidAckIntervalMs) {
    return discard(ep, seg, "retransmitted SYN: SYN-ACK suppressed by rate limit");
  }
  tcb.lastInvalidAckAt = now;
  ep.note("retransmitted SYN: SYN-ACK sent again");
  const synAck = tcb.retransmitQueue[0];
  if (synAck !== undefined) ep.retransmit(synAck);
  const timeout = Math.min(ep.params.initialRtoMs * 2 ** tcb.synAckTimeouts, ep.params.maxRtoMs);
  ep.env.armTimer(ep.host, "retransmit", timeout);
}

function onReset(ep: Endpoint): void {
  const tcb = ep.tcb;
  switch (tcb.state) {
    case "SYN-RECEIVED":
      if (tcb.passiveOpen) return ep.returnToListen("recv RST");
      ep.reportError("ECONNREFUSED");
      return ep.closeConnection("recv RST");
    case "ESTABLISHED":
    case "FIN-WAIT-1":
    case "FIN-WAIT-2":
      ep.reportError("ECONNRESET");
      return ep.closeConnection("recv RST");
    case "CLOSE-WAIT":
      // tcp_reset(): Linux reports EPIPE here (measured: SO_ERROR = EPIPE, recv() returns 0).
      ep.reportError(ep.params.resetErrorInCloseWait);
      return ep.closeConnection("recv RST");
    default:
      if (ep.params.reportResetWhenClosing) ep.reportError("ECONNRESET");
      return ep.closeConnection("recv RST");
  }
}

function receiveTextAndFin(ep: Endpoint, seg: ArrivingSegment): void {
  const tcb = ep.tcb;
  const acceptsText = tcb.state === "ESTABLISHED" || tcb.state === "FIN-WAIT-1" || tcb.state === "FIN-WAIT-2";
  if (!acceptsText) {
    // Its ACK has been taken (fifth step): only the text is ignored.
    if (seg.len > 0 || seg.fin) ep.note("peer already sent FIN: text ignored");
    return;
  }
  if (seg.len === 0 && !seg.fin) return;

  if (seqGt(seg.seq, tcb.rcvNxt)) {
    // A gap: keep it for later and send a duplicate ACK at once.
    tcb.outOfOrder.push({ seq: seg.seq, len: seg.len, fin: seg.fin });
    tcb.outOfOrderBytes += seg.len;
    ep.note("out of order: queued, duplicate ACK sent");
    ep.sendAck();
    return;
  }

  let received = dataBeyond(ep, seg);
  let finReceived = seg.fin;
  tcb.rcvNxt = seqAdd(seg.seq, seg.len);
  if (tcb.outOfOrder.length > 0) ({ received, finReceived } = drainOutOfOrder(ep, received, finReceived));
  if (received > 0) {
    ep.noteDataReceived();
    ep.bufferReceived(received);
  }

  let ackNow = false;
  if (finReceived) {
    tcb.rcvNxt = seqAdd(tcb.rcvNxt, 1);
    tcb.peerFinReceived = true;
    ackNow = onFin(ep);
  }
  if (tcb.state === "TIME-WAIT") {
    ep.sendAck();
    return;
  }
  if (tcb.state === "CLOSED") return; // destroyed instead of entering TIME-WAIT (its ACK is sent)
  if (received > 0 || finReceived) ep.ackReceived(ackNow);
}

function drainOutOfOrder(ep: Endpoint, received: number, finReceived: boolean): { received: number; finReceived: boolean } {
  const tcb = ep.tcb;
  const queue = tcb.outOfOrder;
  if (queue.length === 0) return { received, finReceived };
  let progress = true;
  while (progress && !finReceived) {
    progress = false;
    for (let index = 0; index < queue.length; index++) {
      const queued = queue[index] as OutOfOrderSegment;
      const end = seqAdd(queued.seq, queued.len);
      if (seqLeq(queued.seq, tcb.rcvNxt) && seqLeq(tcb.rcvNxt, end)) {
        received += seqDiff(tcb.rcvNxt, end);
        tcb.rcvNxt = end;
        finReceived = queued.fin;
        // Removed in place: splice() would also build an array of the removed entry (hot path).
        for (let move = index + 1; move < queue.length; move++) queue[move - 1] = queue[move] as OutOfOrderSegment;
        queue.pop();
        tcb.outOfOrderBytes -= queued.len;
        progress = true;
        break;
      }
    }
  }
  // Forget what RCV.NXT has now passed (in place: no new array per segment).
  let kept = 0;
  for (const queued of queue) {
    if (seqGt(seqAdd(queued.seq, queued.len), tcb.rcvNxt)) queue[kept++] = queued;
    else tcb.outOfOrderBytes -= queued.len;
  }
  queue.length = kept;
  return { received, finReceived };
}

/** Eighth step, FIN bit. Returns whether the ACK must go out immediately. */
function onFin(ep: Endpoint): boolean {
  const tcb = ep.tcb;
  switch (tcb.state) {
    case "ESTABLISHED":
      ep.setState("CLOSE-WAIT", "recv FIN");
      // tcp_fin(): Linux enters ping-pong mode so the ACK waits, hoping to ride on our FIN.
      ep.enterPingpong();
      return false;
    case "FIN-WAIT-1":
      if (ep.ourFinAcked()) {
        ep.enterTimeWait("recv FIN-ACK");
      } else {
        ep.setState("CLOSING", "recv FIN");
      }
      return true;
    case "FIN-WAIT-2":
      ep.env.disarmTimer(ep.host, "fin-wait-2");
      ep.enterTimeWait("recv FIN");
      return true;
    default:
      return true;
  }
}
