/**
 * Why a state inferred from a capture changed, in words, English and Chinese side by side: the
 * rule of RFC 9293 behind each change (with where it is written: the RFC section and the Linux
 * function, whose names stay as they are), the headline naming the segment, and how its arrival
 * was placed. domain/simulator/capture-explanations.ts picks the entries; this table words them.
 */
import { defineWords } from "@/domain/words";
import type { StateTransition, TransitionRule } from "@/domain/tcp/pcap";

type Host = StateTransition["host"];

/** One rule's text and its references. */
export interface RuleText {
  rule: string;
  source: string;
}

/** A change by the rule that applies and, where it matters, the state it left or entered. */
export type RuleCase =
  | TransitionRule
  | "close-in-close-wait"
  | "ack-of-fin-in-closing"
  | "ack-of-fin-in-last-ack"
  | "fin-in-fin-wait-1"
  | "fin-in-fin-wait-2"
  | "reset-in-syn-sent"
  | "reset-to-listen"
  | "reset-in-time-wait";

/** A segment as the packet list names it: by its frame number, or by its place when it has none. */
export type SegmentRef = { frame: number } | { index: number };

export interface CaptureExplanationWords {
  rules: Record<RuleCase, RuleText>;
  segment: (segment: SegmentRef) => string;
  /** `change` is "FROM → TO". */
  sentHeadline: (segment: string, flags: string, host: Host, change: string) => string;
  receivedHeadline: (segment: string, flags: string, sender: Host, host: Host, change: string) => string;
  crossedByTimestamps: (receiver: Host, segment: string, echo: number, own: number) => string;
  crossedByAcknowledgement: (receiver: Host, segment: string) => string;
  crossedInOrder: (receiver: Host, segment: string) => string;
  shownByAcknowledgement: (receiver: Host, segment: string) => string;
  shownByTimestamps: (receiver: Host, segment: string) => string;
  assumed: (receiver: Host, segment: string) => string;
  endOfCapture: (receiver: Host) => string;
  /** Between the sentences about one arrival. */
  sentenceGap: string;
}

const capitalized = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
const HOST_ZH: Record<Host, string> = { client: "客户端", server: "服务端" };

export const captureExplanationText = defineWords<CaptureExplanationWords>({
  en: {
    rules: {
      "active-open": { rule: "An active OPEN sends a SYN and enters SYN-SENT.", source: "RFC 9293 §3.10.1; Linux tcp_v4_connect(), tcp_connect()" },
      "passive-open": {
        rule: "After a SYN arrives in LISTEN, the end answers with SYN+ACK and enters SYN-RECEIVED; the SYN itself is not in the capture.",
        source: "RFC 9293 §3.10.7.2; Linux tcp_conn_request()",
      },
      "close-in-close-wait": {
        rule: "CLOSE in CLOSE-WAIT sends our FIN and enters LAST-ACK.",
        source: "RFC 9293 §3.10.4; Linux tcp_close_state(), tcp_send_fin()",
      },
      close: {
        rule: "CLOSE (close() or shutdown(SHUT_WR)) sends a FIN and enters FIN-WAIT-1.",
        source: "RFC 9293 §3.10.4; Linux tcp_close_state(), tcp_send_fin()",
      },
      abort: {
        rule: "Sending a RST ends the connection at once, CLOSED: an ABORT (close() with SO_LINGER 0 or with unread data), keep-alive giving up on a silent peer, or Linux resetting a closed socket that still received data.",
        source: "RFC 9293 §3.10.5; Linux tcp_send_active_reset(), tcp_keepalive_timer(), tcp_done()",
      },
      "syn-in-listen": {
        rule: "A SYN in LISTEN: record the peer's initial sequence number, answer with SYN+ACK, enter SYN-RECEIVED.",
        source: "RFC 9293 §3.10.7.2; Linux tcp_conn_request() (ss shows the request socket as SYN-RECV)",
      },
      "syn-ack-in-syn-sent": {
        rule: "In SYN-SENT, a SYN whose ACK acknowledges our SYN: enter ESTABLISHED and acknowledge it.",
        source: "RFC 9293 §3.10.7.3; Linux tcp_rcv_synsent_state_process()",
      },
      "syn-in-syn-sent": {
        rule: "In SYN-SENT, a SYN without ACK (both ends opened at once): enter SYN-RECEIVED and send SYN+ACK.",
        source: "RFC 9293 §3.10.7.3; Linux tcp_rcv_synsent_state_process()",
      },
      "ack-of-syn": {
        rule: "In SYN-RECEIVED, an ACK of our SYN: enter ESTABLISHED.",
        source: "RFC 9293 §3.10.7.4 (fifth, the ACK field); Linux tcp_check_req(), tcp_rcv_state_process()",
      },
      "ack-of-fin-in-closing": {
        rule: "In CLOSING, the ACK of our FIN: enter TIME-WAIT.",
        source: "RFC 9293 §3.10.7.4 (fifth, the ACK field); Linux tcp_rcv_state_process()",
      },
      "ack-of-fin-in-last-ack": {
        rule: "In LAST-ACK, the ACK of our FIN: delete the connection, CLOSED.",
        source: "RFC 9293 §3.10.7.4 (fifth, the ACK field); Linux tcp_rcv_state_process()",
      },
      "ack-of-fin": {
        rule: "In FIN-WAIT-1, the ACK of our FIN: enter FIN-WAIT-2.",
        source: "RFC 9293 §3.10.7.4 (fifth, the ACK field); Linux tcp_rcv_state_process()",
      },
      "fin-in-fin-wait-1": {
        rule: "In FIN-WAIT-1, the peer's FIN before the ACK of ours (the FINs crossed): enter CLOSING.",
        source: "RFC 9293 §3.10.7.4 (eighth, the FIN bit); Linux tcp_fin()",
      },
      "fin-in-fin-wait-2": {
        rule: "In FIN-WAIT-2, the peer's FIN: acknowledge it, enter TIME-WAIT and start its timer.",
        source: "RFC 9293 §3.10.7.4 (eighth, the FIN bit); Linux tcp_fin(), tcp_time_wait()",
      },
      fin: {
        rule: "The peer's FIN: it has nothing more to send; acknowledge it and enter CLOSE-WAIT until our application closes.",
        source: "RFC 9293 §3.10.7.4 (eighth, the FIN bit); Linux tcp_fin()",
      },
      "reset-in-syn-sent": {
        rule: "In SYN-SENT, a RST that acknowledges our SYN: the connection is refused, CLOSED.",
        source: "RFC 9293 §3.10.7.3; Linux tcp_reset() (connect() fails with ECONNREFUSED)",
      },
      "reset-to-listen": {
        rule: "A RST in SYN-RECEIVED after a passive open: back to LISTEN.",
        source: "RFC 9293 §3.10.7.4 (second, the RST bit); Linux drops the request socket, the listener stays",
      },
      "reset-in-time-wait": {
        rule: "A RST at exactly the next expected sequence number ends TIME-WAIT at once: CLOSED, without waiting out the timer (Linux ignores any other RST here, and every RST with tcp_rfc1337=1).",
        source: "RFC 9293 §3.10.7.4 (second, the RST bit); Linux tcp_timewait_state_process() with tcp_rfc1337=0",
      },
      reset: {
        rule: "A RST at exactly the next expected sequence number resets the connection: CLOSED (any other in the window only gets a challenge ACK).",
        source: "RFC 9293 §3.10.7.4 (second, the RST bit) with RFC 5961 §3.2; Linux tcp_validate_incoming(), tcp_reset()",
      },
    },
    segment: (segment) => ("frame" in segment ? `frame ${segment.frame}` : `segment ${segment.index + 1}`),
    sentHeadline: (segment, flags, host, change) => `${capitalized(segment)}, ${flags} sent by the ${host}: ${host} ${change}`,
    receivedHeadline: (segment, flags, sender, host, change) => `${capitalized(segment)}, ${flags} from the ${sender}, received by the ${host}: ${host} ${change}`,
    crossedByTimestamps: (receiver, segment, echo, own) =>
      `It crossed the ${receiver}'s ${segment} on the wire: ${segment} echoes TSecr ${echo}, older than this segment's TSval ${own}, so the ${receiver} sent ${segment} before this one arrived.`,
    crossedByAcknowledgement: (receiver, segment) =>
      `It crossed the ${receiver}'s ${segment} on the wire: ${segment} does not acknowledge it, so the ${receiver} sent ${segment} before this one arrived.`,
    crossedInOrder: (receiver, segment) => `It was still on its way when the ${receiver} sent ${segment} (behind a segment that had not arrived).`,
    shownByAcknowledgement: (receiver, segment) => `The ${receiver}'s ${segment} acknowledges it: it had arrived by then.`,
    shownByTimestamps: (receiver, segment) => `The ${receiver}'s ${segment} echoes its timestamp (TSecr no older than its TSval): it had arrived by then.`,
    assumed: (receiver, segment) =>
      `Taken as arrived before the ${receiver}'s ${segment}: nothing in the capture says otherwise (it uses no sequence number and carries no timestamp to compare).`,
    endOfCapture: (receiver) => `The ${receiver} sent nothing after it in the capture: taken as arrived.`,
    sentenceGap: " ",
  },
  zh: {
    rules: {
      "active-open": { rule: "主动打开（OPEN）发出 SYN，进入 SYN-SENT。", source: "RFC 9293 §3.10.1；Linux tcp_v4_connect(), tcp_connect()" },
      "passive-open": {
        rule: "在 LISTEN 状态收到 SYN 后，回应 SYN+ACK 并进入 SYN-RECEIVED；这个 SYN 本身不在抓包里。",
        source: "RFC 9293 §3.10.7.2；Linux tcp_conn_request()",
      },
      "close-in-close-wait": {
        rule: "在 CLOSE-WAIT 中调用 CLOSE：发出自己的 FIN，进入 LAST-ACK。",
        source: "RFC 9293 §3.10.4；Linux tcp_close_state(), tcp_send_fin()",
      },
      close: {
        rule: "调用 CLOSE（close() 或 shutdown(SHUT_WR)）：发出 FIN，进入 FIN-WAIT-1。",
        source: "RFC 9293 §3.10.4；Linux tcp_close_state(), tcp_send_fin()",
      },
      abort: {
        rule: "发出 RST 立即结束连接，进入 CLOSED：可能是 ABORT（SO_LINGER 为 0 或还有未读数据时调用 close()），可能是保活探测得不到应答而放弃，也可能是 Linux 重置一个已关闭却仍收到数据的套接字。",
        source: "RFC 9293 §3.10.5；Linux tcp_send_active_reset(), tcp_keepalive_timer(), tcp_done()",
      },
      "syn-in-listen": {
        rule: "LISTEN 状态收到 SYN：记下对端的初始序列号，回应 SYN+ACK，进入 SYN-RECEIVED。",
        source: "RFC 9293 §3.10.7.2；Linux tcp_conn_request()（ss 把这个请求套接字显示为 SYN-RECV）",
      },
      "syn-ack-in-syn-sent": {
        rule: "在 SYN-SENT 中收到 SYN，且其 ACK 确认了我们的 SYN：进入 ESTABLISHED 并确认它。",
        source: "RFC 9293 §3.10.7.3；Linux tcp_rcv_synsent_state_process()",
      },
      "syn-in-syn-sent": {
        rule: "在 SYN-SENT 中收到不带 ACK 的 SYN（两端同时打开）：进入 SYN-RECEIVED 并发出 SYN+ACK。",
        source: "RFC 9293 §3.10.7.3；Linux tcp_rcv_synsent_state_process()",
      },
      "ack-of-syn": {
        rule: "在 SYN-RECEIVED 中收到对我们 SYN 的确认：进入 ESTABLISHED。",
        source: "RFC 9293 §3.10.7.4（第五步，检查 ACK 字段）；Linux tcp_check_req(), tcp_rcv_state_process()",
      },
      "ack-of-fin-in-closing": {
        rule: "在 CLOSING 中收到对我们 FIN 的确认：进入 TIME-WAIT。",
        source: "RFC 9293 §3.10.7.4（第五步，检查 ACK 字段）；Linux tcp_rcv_state_process()",
      },
      "ack-of-fin-in-last-ack": {
        rule: "在 LAST-ACK 中收到对我们 FIN 的确认：删除连接，进入 CLOSED。",
        source: "RFC 9293 §3.10.7.4（第五步，检查 ACK 字段）；Linux tcp_rcv_state_process()",
      },
      "ack-of-fin": {
        rule: "在 FIN-WAIT-1 中收到对我们 FIN 的确认：进入 FIN-WAIT-2。",
        source: "RFC 9293 §3.10.7.4（第五步，检查 ACK 字段）；Linux tcp_rcv_state_process()",
      },
      "fin-in-fin-wait-1": {
        rule: "在 FIN-WAIT-1 中，对方的 FIN 先于对我们 FIN 的确认到达（两个 FIN 交错）：进入 CLOSING。",
        source: "RFC 9293 §3.10.7.4（第八步，检查 FIN 位）；Linux tcp_fin()",
      },
      "fin-in-fin-wait-2": {
        rule: "在 FIN-WAIT-2 中收到对方的 FIN：确认它，进入 TIME-WAIT 并启动计时器。",
        source: "RFC 9293 §3.10.7.4（第八步，检查 FIN 位）；Linux tcp_fin(), tcp_time_wait()",
      },
      fin: {
        rule: "收到对方的 FIN：对方不再发送数据；确认它，进入 CLOSE-WAIT，直到本端应用关闭。",
        source: "RFC 9293 §3.10.7.4（第八步，检查 FIN 位）；Linux tcp_fin()",
      },
      "reset-in-syn-sent": {
        rule: "在 SYN-SENT 中收到确认了我们 SYN 的 RST：连接被拒绝，进入 CLOSED。",
        source: "RFC 9293 §3.10.7.3；Linux tcp_reset()（connect() 以 ECONNREFUSED 失败）",
      },
      "reset-to-listen": {
        rule: "被动打开后在 SYN-RECEIVED 中收到 RST：回到 LISTEN。",
        source: "RFC 9293 §3.10.7.4（第二步，检查 RST 位）；Linux 丢弃请求套接字，监听套接字保持不变",
      },
      "reset-in-time-wait": {
        rule: "序列号恰好等于期望的下一个序列号的 RST 会立即结束 TIME-WAIT：不等定时器到期，直接进入 CLOSED（其他 RST 会被 Linux 忽略；tcp_rfc1337=1 时所有 RST 都被忽略）。",
        source: "RFC 9293 §3.10.7.4（第二步，检查 RST 位）；Linux tcp_timewait_state_process()（tcp_rfc1337=0 时）",
      },
      reset: {
        rule: "序列号恰好等于期望的下一个序列号的 RST 会重置连接，进入 CLOSED（窗口内的其他 RST 只会换来一个挑战 ACK）。",
        source: "RFC 9293 §3.10.7.4（第二步，检查 RST 位），并遵循 RFC 5961 §3.2；Linux tcp_validate_incoming(), tcp_reset()",
      },
    },
    segment: (segment) => ("frame" in segment ? `第 ${segment.frame} 帧` : `第 ${segment.index + 1} 个报文段`),
    sentHeadline: (segment, flags, host, change) => `${segment}，${HOST_ZH[host]}发出 ${flags}：${HOST_ZH[host]} ${change}`,
    receivedHeadline: (segment, flags, sender, host, change) => `${segment}，${HOST_ZH[sender]}发出的 ${flags} 被${HOST_ZH[host]}收到：${HOST_ZH[host]} ${change}`,
    crossedByTimestamps: (receiver, segment, echo, own) =>
      `它在途中与${HOST_ZH[receiver]}的${segment}交错：${segment}回显的 TSecr（${echo}）早于这个报文段的 TSval（${own}），所以${HOST_ZH[receiver]}发出${segment}时它还没有到达。`,
    crossedByAcknowledgement: (receiver, segment) =>
      `它在途中与${HOST_ZH[receiver]}的${segment}交错：${segment}的确认号没有覆盖它，所以${HOST_ZH[receiver]}发出${segment}时它还没有到达。`,
    crossedInOrder: (receiver, segment) => `${HOST_ZH[receiver]}发出${segment}时它还在途中（排在一个尚未到达的报文段之后）。`,
    shownByAcknowledgement: (receiver, segment) => `${HOST_ZH[receiver]}的${segment}确认了它：那时它已经到达。`,
    shownByTimestamps: (receiver, segment) => `${HOST_ZH[receiver]}的${segment}回显了它的时间戳（TSecr 不早于它的 TSval）：那时它已经到达。`,
    assumed: (receiver, segment) => `推定它在${HOST_ZH[receiver]}的${segment}之前到达：抓包中没有相反的证据（它不占序列号，也没有时间戳可比）。`,
    endOfCapture: (receiver) => `抓包里${HOST_ZH[receiver]}之后再没有发出报文段：推定它到达了。`,
    sentenceGap: "",
  },
});
