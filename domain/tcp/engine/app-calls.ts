/**
 * USER CALLS (RFC 9293 3.10.1-3.10.5) with Linux socket semantics: close() orphans the socket,
 * shutdown() only closes the sending direction, abort() is close() with SO_LINGER {1, 0}, recv()
 * takes data out of the receive buffer, setsockopt() sets the options of socket(7) and tcp(7).
 */
import type { HostAction } from "../actions";
import { LINUX_CONSTANTS } from "../profiles";
import { seqAdd } from "../seq";
import type { SocketOption, SocketOptionValue, TcpState } from "../types";
import type { Endpoint } from "./endpoint";

export function handleAppCall(ep: Endpoint, action: HostAction): void {
  if (action.do !== "read") emitCall(ep, action);
  if (ep.tcb.orphan) {
    if (action.do === "read") emitCall(ep, action);
    // The application gave the socket up; a new connect() would need the same 4-tuple.
    if (action.do === "connect" && ep.state === "TIME-WAIT") return connectFromTimeWait(ep);
    ep.reportError(action.do === "connect" ? "EADDRNOTAVAIL" : "EBADF", action.do);
    return;
  }
  switch (action.do) {
    case "listen":
      return listen(ep);
    case "connect":
      return connect(ep);
    case "send":
      return send(ep, action.bytes);
    case "shutdown":
      return shutdown(ep);
    case "close":
      return close(ep);
    case "abort":
      return abort(ep);
    case "read":
      return read(ep, action.bytes);
    case "setsockopt":
      return setsockopt(ep, action.option, action.value);
  }
}

function emitCall(ep: Endpoint, action: HostAction, result?: number): void {
  const event: Parameters<Endpoint["env"]["emit"]>[0] = { kind: "app", host: ep.host, call: action.do };
  if (action.do === "send") event.bytes = action.bytes;
  if (action.do === "read") {
    if (action.bytes !== undefined) event.bytes = action.bytes;
    if (result !== undefined) event.result = result;
  }
  if (action.do === "setsockopt") {
    event.option = action.option;
    event.value = typeof action.value === "number" ? action.value : { ...action.value };
  }
  ep.env.emit(event);
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
  if (!params.connectMayReuseTimeWait || !reuseEnabled || !params.timestamps || !oldEnough) {
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
      return ep.reportError(ep.params.sendWithoutConnectionError, "send");
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

/**
 * recv(): takes buffered data (everything, or at most `bytes`); returns 0 at the end of the
 * stream or when nothing is buffered (a non-blocking read). Reading may reopen the window.
 */
function read(ep: Endpoint, bytes: number | undefined): void {
  if (ep.state === "CLOSED" || ep.state === "LISTEN") {
    // tcp_recvmsg(): a listener or a socket that never connected answers ENOTCONN; one whose
    // connection has ended reads end of stream (its error, if any, was reported when it happened).
    emitCall(ep, { at: ep.now(), host: ep.host, do: "read", ...(bytes === undefined ? {} : { bytes }) }, 0);
    if (ep.state === "LISTEN" || !ep.hadConnection) ep.reportError("ENOTCONN", "read");
    return;
  }
  const got = ep.takeBuffered(bytes);
  emitCall(ep, { at: ep.now(), host: ep.host, do: "read", ...(bytes === undefined ? {} : { bytes }) }, got);
  ep.afterRead(got);
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

/** States in which close() with unread data resets the connection (tcp_close(): data_was_unread). */
const RESET_IF_UNREAD: ReadonlySet<TcpState> = new Set(["ESTABLISHED", "CLOSE-WAIT", "FIN-WAIT-1", "FIN-WAIT-2", "CLOSING", "LAST-ACK"]);

function close(ep: Endpoint): void {
  const tcb = ep.tcb;
  if (tcb.rcvBuffered > 0 && RESET_IF_UNREAD.has(ep.state)) {
    // RFC 1122 4.2.2.13 and tcp_close(): data the application never read is lost, so say so with RST.
    ep.note("close() with unread data: connection reset");
    ep.sendAbortReset();
    return ep.closeConnection("close");
  }
  if (ep.options.linger.onoff !== 0 && ep.options.linger.linger === 0) return abort(ep);
  switch (ep.state) {
    case "CLOSED":
      return;
    case "LISTEN":
    case "SYN-SENT":
      return ep.closeConnection("close");
    case "SYN-RECEIVED":
    case "ESTABLISHED":
      tcb.orphan = true;
      queueFin(ep, "FIN-WAIT-1", "close");
      return lingerIfAsked(ep);
    case "CLOSE-WAIT":
      tcb.orphan = true;
      queueFin(ep, "LAST-ACK", "close");
      return lingerIfAsked(ep);
    case "FIN-WAIT-2":
      tcb.orphan = true;
      ep.armFinWait2TimerIfOrphan();
      return;
    default:
      tcb.orphan = true;
      return lingerIfAsked(ep);
  }
}

/** SO_LINGER {1, N}: close() waits up to N s for the FIN to be acknowledged (sk_stream_wait_close()). */
function lingerIfAsked(ep: Endpoint): void {
  const { onoff, linger } = ep.options.linger;
  if (onoff === 0 || linger === 0) return;
  if (!(ep.state === "FIN-WAIT-1" || ep.state === "CLOSING" || ep.state === "LAST-ACK")) return;
  ep.tcb.lingering = true;
  ep.note("close() waits for the FIN to be acknowledged (SO_LINGER)");
  ep.env.armTimer(ep.host, "linger", linger * 1000);
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

/** States where keep-alive runs (not before the connection exists, not after it is gone). */
const KEEPALIVE_STATES: ReadonlySet<TcpState> = new Set(["ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT", "CLOSING", "LAST-ACK"]);

/**
 * setsockopt(): Linux sock_setsockopt() and do_tcp_setsockopt(). Out-of-range values fail with
 * EINVAL as in the kernel; the checks on types are the scenario schema's.
 */
function setsockopt(ep: Endpoint, option: SocketOption, value: SocketOptionValue): void {
  const options = ep.options;
  const invalid = () => ep.reportError("EINVAL", "setsockopt");
  if (option === "SO_LINGER") {
    if (typeof value === "number") return invalid();
    options.linger = { onoff: value.onoff === 0 ? 0 : 1, linger: value.linger };
    return;
  }
  if (typeof value !== "number" || !Number.isInteger(value)) return invalid();
  const connected = KEEPALIVE_STATES.has(ep.state);
  switch (option) {
    case "SO_KEEPALIVE": {
      const on = value !== 0;
      // tcp_set_keepalive(): starts the full idle period now, or stops the timer.
      if (on && !options.keepalive && connected) ep.armKeepalive(ep.keepIdleMs());
      if (!on) ep.env.disarmTimer(ep.host, "keepalive");
      options.keepalive = on;
      return;
    }
    case "TCP_KEEPIDLE": {
      if (value < 1 || value > LINUX_CONSTANTS.MAX_TCP_KEEPIDLE_S) return invalid();
      options.keepIdleMs = value * 1000;
      // tcp_sock_set_keepidle_locked(): the idle time already spent counts.
      if (options.keepalive && connected) {
        const elapsed = ep.now() - ep.tcb.lastReceivedAt;
        ep.armKeepalive(Math.max(0, value * 1000 - elapsed));
      }
      return;
    }
    case "TCP_KEEPINTVL":
      if (value < 1 || value > LINUX_CONSTANTS.MAX_TCP_KEEPINTVL_S) return invalid();
      options.keepIntvlMs = value * 1000;
      return;
    case "TCP_KEEPCNT":
      if (value < 1 || value > LINUX_CONSTANTS.MAX_TCP_KEEPCNT) return invalid();
      options.keepCnt = value;
      return;
    case "SO_RCVBUF":
      // __sock_set_rcvbuf(): clamped to net.core.rmem_max, then doubled, at least SOCK_MIN_RCVBUF.
      if (value < 0) return invalid();
      options.rcvbuf = Math.max(Math.min(value, ep.params.rmemMax) * 2, LINUX_CONSTANTS.SOCK_MIN_RCVBUF);
      return;
    case "TCP_USER_TIMEOUT":
      if (value < 0) return invalid();
      options.userTimeoutMs = value;
      return;
  }
}

export { KEEPALIVE_STATES };
