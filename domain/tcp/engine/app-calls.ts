/**
 * USER CALLS (RFC 9293 3.10.1-3.10.5) with Linux socket semantics: close() orphans the socket,
 * shutdown() only closes the sending direction, abort() is close() with SO_LINGER {1, 0}.
 */
import { LINUX_CONSTANTS } from "../profiles";
import { seqAdd } from "../seq";
import type { AppCall } from "../types";
import type { Endpoint } from "./endpoint";

export function handleAppCall(ep: Endpoint, call: AppCall, bytes = 0): void {
  if (ep.tcb.orphan) {
    // The application gave the socket up; a new connect() would need the same 4-tuple.
    if (call === "connect" && ep.state === "TIME-WAIT") return connectFromTimeWait(ep);
    ep.reportError(call === "connect" ? "EADDRNOTAVAIL" : "EBADF", call);
    return;
  }
  switch (call) {
    case "listen":
      return listen(ep);
    case "connect":
      return connect(ep);
    case "send":
      return send(ep, bytes);
    case "shutdown":
      return shutdown(ep);
    case "close":
      return close(ep);
    case "abort":
      return abort(ep);
  }
}

function listen(ep: Endpoint): void {
  if (ep.state !== "CLOSED") return ep.reportError("EINVAL", "listen");
  ep.tcb.passiveOpen = true;
  ep.setState("LISTEN", "listen");
}

function connect(ep: Endpoint): void {
  switch (ep.state) {
    case "CLOSED":
      ep.initSend(ep.nextIsn());
      return sendSyn(ep, "connect");
    case "TIME-WAIT":
      return connectFromTimeWait(ep);
    case "SYN-SENT":
      return ep.reportError("EALREADY", "connect");
    default:
      return ep.reportError("EISCONN", "connect");
  }
}

function sendSyn(ep: Endpoint, cause: "connect" | "time-wait reuse"): void {
  ep.setState("SYN-SENT", cause);
  ep.tcb.retransStamp = ep.now();
  ep.sendNew({ syn: true, ack: false, len: 0 });
  ep.env.armTimer(ep.host, "retransmit", ep.tcb.rtoMs);
}

/**
 * The 4-tuple is held by TIME-WAIT. Linux tcp_twsk_unique(): reuse it when tcp_tw_reuse allows
 * (2 = loopback only), timestamps are on and the TIME-WAIT is older than tcp_tw_reuse_delay;
 * the new ISN is tw_snd_nxt + 65537. Otherwise connect() fails with EADDRNOTAVAIL.
 */
function connectFromTimeWait(ep: Endpoint): void {
  const params = ep.params;
  const enteredAt = ep.tcb.timeWaitEnteredAt ?? ep.now();
  const reuseEnabled = params.twReuse === 1 || (params.twReuse === 2 && ep.env.loopback);
  const oldEnough = ep.now() > enteredAt + params.twReuseDelayMs;
  if (params.profile !== "linux" || !reuseEnabled || !params.timestamps || !oldEnough) {
    ep.reportError("EADDRNOTAVAIL", "connect");
    return;
  }
  const iss = seqAdd(ep.tcb.sndNxt, LINUX_CONSTANTS.TW_ISN_OFFSET);
  ep.startNewIncarnation();
  ep.initSend(iss);
  sendSyn(ep, "time-wait reuse");
}

function send(ep: Endpoint, bytes: number): void {
  const tcb = ep.tcb;
  switch (ep.state) {
    case "CLOSED":
    case "LISTEN":
      // Linux sk_stream_wait_connect() answers EPIPE; RFC 9293 "connection does not exist".
      return ep.reportError(ep.params.profile === "linux" ? "EPIPE" : "ENOTCONN", "send");
    case "SYN-SENT":
    case "SYN-RECEIVED":
      tcb.unsentBytes += bytes;
      return;
    case "ESTABLISHED":
    case "CLOSE-WAIT":
      tcb.unsentBytes += bytes;
      ep.pushPending();
      return;
    default:
      return ep.reportError("EPIPE", "send");
  }
}

function shutdown(ep: Endpoint): void {
  switch (ep.state) {
    case "CLOSED":
    case "LISTEN":
      return ep.reportError("ENOTCONN", "shutdown");
    case "SYN-SENT":
      // tcp_close_state(): SYN-SENT goes straight to CLOSE.
      return ep.closeConnection("shutdown");
    case "SYN-RECEIVED":
    case "ESTABLISHED":
      return queueFin(ep, "FIN-WAIT-1", "shutdown");
    case "CLOSE-WAIT":
      return queueFin(ep, "LAST-ACK", "shutdown");
    default:
      return; // already shut down
  }
}

function close(ep: Endpoint): void {
  const tcb = ep.tcb;
  switch (ep.state) {
    case "CLOSED":
      return;
    case "LISTEN":
    case "SYN-SENT":
      return ep.closeConnection("close");
    case "SYN-RECEIVED":
    case "ESTABLISHED":
      tcb.orphan = true;
      return queueFin(ep, "FIN-WAIT-1", "close");
    case "CLOSE-WAIT":
      tcb.orphan = true;
      return queueFin(ep, "LAST-ACK", "close");
    case "FIN-WAIT-2":
      tcb.orphan = true;
      ep.armFinWait2TimerIfOrphan();
      return;
    default:
      tcb.orphan = true;
      return;
  }
}

function queueFin(ep: Endpoint, next: "FIN-WAIT-1" | "LAST-ACK", cause: "close" | "shutdown"): void {
  ep.tcb.finQueued = true;
  ep.setState(next, cause);
  ep.pushPending();
}

function abort(ep: Endpoint): void {
  switch (ep.state) {
    case "CLOSED":
      return;
    case "SYN-RECEIVED":
    case "ESTABLISHED":
    case "FIN-WAIT-1":
    case "FIN-WAIT-2":
    case "CLOSE-WAIT":
      // tcp_need_reset(): only these states tell the peer.
      ep.sendAbortReset();
      return ep.closeConnection("abort");
    default:
      return ep.closeConnection("abort");
  }
}
