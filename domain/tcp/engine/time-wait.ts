/**
 * Segments reaching a TIME-WAIT connection. Linux follows tcp_timewait_state_process()
 * (net/ipv4/tcp_minisocks.c); the RFC profile follows RFC 9293 3.10.7.4 with RFC 5961.
 */
import type { EngineText } from "../engine-texts";
import { LINUX_CONSTANTS } from "../profiles";
import { seqAdd, seqGt } from "../seq";
import type { Endpoint } from "./endpoint";
import { segmentLength, type ArrivingSegment } from "./wire";

export function handleTimeWaitSegment(ep: Endpoint, seg: ArrivingSegment): void {
  if (ep.params.timeWaitRules === "linux") linuxTimeWait(ep, seg);
  else rfcTimeWait(ep, seg);
}

/** Changes nothing but a reply; a segment that ends, restarts or reopens TIME-WAIT is handled (a note). See receive.ts. */
function discard(ep: Endpoint, seg: ArrivingSegment, reason: EngineText): void {
  ep.env.emit({ kind: "discard", host: ep.host, segment: seg.id, reason });
}

function linuxTimeWait(ep: Endpoint, seg: ArrivingSegment): void {
  const tcb = ep.tcb;
  const inWindowBare = seg.seq === tcb.rcvNxt && (segmentLength(seg) === 0 || seg.rst);
  if (inWindowBare && seg.rst) {
    if (ep.params.rfc1337) return discard(ep, seg, "RST in TIME-WAIT ignored (tcp_rfc1337)");
    ep.note("RST in TIME-WAIT: TIME-WAIT assassination");
    ep.closeConnection("recv RST");
    return;
  }
  if (inWindowBare) {
    ep.note("in-window ACK in TIME-WAIT");
    ep.restartTimeWait();
    return;
  }
  if (seg.rst) return discard(ep, seg, "RST outside the window in TIME-WAIT");

  // A new SYN for the same 4-tuple may reopen it: its ISN is beyond what we saw, or its timestamp is newer.
  const newerTimestamp = ep.params.timestamps && tcb.peerTsRecent !== null && seg.sentAt > tcb.peerTsRecent;
  if (seg.syn && !seg.ack && (seqGt(seg.seq, tcb.rcvNxt) || newerTimestamp)) {
    if (tcb.passiveOpen) return reopenFromTimeWait(ep, seg);
    discard(ep, seg, "new SYN in TIME-WAIT but no listener: ACKed");
    ep.sendAck();
    return;
  }

  // Retransmitted FIN (our ACK was lost), old duplicates, data: ACK and stay for another 60 s.
  if (seg.ack) {
    ep.note(seg.fin ? "retransmitted FIN in TIME-WAIT: ACKed again" : "segment in TIME-WAIT: ACKed");
    ep.restartTimeWait();
  } else {
    discard(ep, seg, seg.fin ? "retransmitted FIN in TIME-WAIT: ACKed again" : "segment in TIME-WAIT: ACKed");
  }
  ep.sendAck();
}

/** TCP_TW_SYN: the TIME-WAIT socket is dropped and the listener answers with ISN = tw_snd_nxt + 65537. */
function reopenFromTimeWait(ep: Endpoint, seg: ArrivingSegment): void {
  const iss = seqAdd(ep.tcb.sndNxt, LINUX_CONSTANTS.TW_ISN_OFFSET);
  ep.note("new SYN in TIME-WAIT: connection reopened");
  ep.startNewIncarnation();
  ep.tcb.passiveOpen = true;
  ep.initReceive(seg.seq);
  ep.initSend(iss);
  ep.tcb.peerTsRecent = seg.sentAt;
  ep.setState("SYN-RECEIVED", "recv SYN");
  ep.sendSynAck();
}

function rfcTimeWait(ep: Endpoint, seg: ArrivingSegment): void {
  const tcb = ep.tcb;
  if (seg.rst) {
    if (seg.seq === tcb.rcvNxt) {
      ep.note("RST in TIME-WAIT");
      ep.closeConnection("recv RST");
      return;
    }
    return discard(ep, seg, "RST not at RCV.NXT in TIME-WAIT");
  }
  if (seg.syn) {
    discard(ep, seg, "SYN in TIME-WAIT: challenge ACK");
    ep.sendRateLimitedAck("challenge ACK");
    return;
  }
  if (seg.fin) {
    ep.note("retransmitted FIN in TIME-WAIT: ACKed, 2 MSL restarted");
    ep.sendAck();
    ep.restartTimeWait();
    return;
  }
  if (segmentLength(seg) > 0 || seg.seq !== tcb.rcvNxt) {
    discard(ep, seg, "unexpected segment in TIME-WAIT: ACKed");
    ep.sendRateLimitedAck("segment in TIME-WAIT");
    return;
  }
  discard(ep, seg, "ACK in TIME-WAIT");
}
