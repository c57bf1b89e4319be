/**
 * Why each state inferred from a capture changed, in words, in English and Chinese: the segment
 * that did it, the rule of RFC 9293 (with the Linux function that applies it) and, for a
 * received segment, how its arrival was placed among the receiver's own segments (acknowledgement
 * numbers, TCP timestamps, or an assumption the capture cannot rule out). Pure: the capture
 * viewer renders it, tests read it (tests/unit/simulator/capture-explanations.test.ts).
 */
import type { CaptureConnection, StateTransition, TcpState } from "@/domain/tcp/pcap";
import type { Locale } from "@/domain/locale";

export interface TransitionExplanation {
  /** "Frame 5, FIN+ACK from the client, received by the server: ESTABLISHED → CLOSE-WAIT". */
  headline: string;
  /** What the rule says. */
  rule: string;
  /** Where the rule is written: RFC 9293 section, Linux function. */
  source: string;
  /** How the reader placed the segment's arrival (received segments only). */
  arrival: string | null;
}

type Host = StateTransition["host"];

const HOST = { en: { client: "client", server: "server" }, zh: { client: "客户端", server: "服务端" } } as const;

function other(host: Host): Host {
  return host === "client" ? "server" : "client";
}

/** A segment as the packet list names it: its frame number in the file. */
function segmentName(connection: CaptureConnection, index: number, locale: Locale): string {
  const frame = connection.segments[index]?.frame;
  if (locale === "zh") return frame === undefined ? `第 ${index + 1} 个报文段` : `第 ${frame} 帧`;
  return frame === undefined ? `segment ${index + 1}` : `frame ${frame}`;
}

function capitalized(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function flagsOf(connection: CaptureConnection, index: number): string {
  return connection.segments[index]?.flags.join("+") ?? "?";
}

interface Rule {
  rule: Record<Locale, string>;
  source: string;
}

/** The rule behind a change, by rule and the state it left. */
function ruleOf(transition: StateTransition): Rule {
  const { from, to } = transition;
  switch (transition.rule) {
    case "active-open":
      return {
        rule: { en: "An active OPEN sends a SYN and enters SYN-SENT.", zh: "主动打开（OPEN）发出 SYN，进入 SYN-SENT。" },
        source: "RFC 9293 §3.10.1; Linux tcp_v4_connect(), tcp_connect()",
      };
    case "passive-open":
      return {
        rule: {
          en: "After a SYN arrives in LISTEN, the end answers with SYN+ACK and enters SYN-RECEIVED; the SYN itself is not in the capture.",
          zh: "在 LISTEN 状态收到 SYN 后，回应 SYN+ACK 并进入 SYN-RECEIVED；这个 SYN 本身不在抓包里。",
        },
        source: "RFC 9293 §3.10.7.2; Linux tcp_conn_request()",
      };
    case "close":
      return from === "CLOSE-WAIT"
        ? {
            rule: { en: "CLOSE in CLOSE-WAIT sends our FIN and enters LAST-ACK.", zh: "在 CLOSE-WAIT 中调用 CLOSE：发出自己的 FIN，进入 LAST-ACK。" },
            source: "RFC 9293 §3.10.4; Linux tcp_close_state(), tcp_send_fin()",
          }
        : {
            rule: {
              en: "CLOSE (close() or shutdown(SHUT_WR)) sends a FIN and enters FIN-WAIT-1.",
              zh: "调用 CLOSE（close() 或 shutdown(SHUT_WR)）：发出 FIN，进入 FIN-WAIT-1。",
            },
            source: "RFC 9293 §3.10.4; Linux tcp_close_state(), tcp_send_fin()",
          };
    case "abort":
      return {
        rule: {
          en: "Sending a RST ends the connection at once, CLOSED: an ABORT (close() with SO_LINGER 0 or with unread data), keep-alive giving up on a silent peer, or Linux resetting a closed socket that still received data.",
          zh: "发出 RST 立即结束连接，进入 CLOSED：可能是 ABORT（SO_LINGER 为 0 或还有未读数据时调用 close()），可能是保活探测得不到应答而放弃，也可能是 Linux 重置一个已关闭却仍收到数据的套接字。",
        },
        source: "RFC 9293 §3.10.5; Linux tcp_send_active_reset(), tcp_keepalive_timer(), tcp_done()",
      };
    case "syn-in-listen":
      return {
        rule: {
          en: "A SYN in LISTEN: record the peer's initial sequence number, answer with SYN+ACK, enter SYN-RECEIVED.",
          zh: "LISTEN 状态收到 SYN：记下对端的初始序列号，回应 SYN+ACK，进入 SYN-RECEIVED。",
        },
        source: "RFC 9293 §3.10.7.2; Linux tcp_conn_request() (ss shows the request socket as SYN-RECV)",
      };
    case "syn-ack-in-syn-sent":
      return {
        rule: {
          en: "In SYN-SENT, a SYN whose ACK acknowledges our SYN: enter ESTABLISHED and acknowledge it.",
          zh: "在 SYN-SENT 中收到 SYN，且其 ACK 确认了我们的 SYN：进入 ESTABLISHED 并确认它。",
        },
        source: "RFC 9293 §3.10.7.3; Linux tcp_rcv_synsent_state_process()",
      };
    case "syn-in-syn-sent":
      return {
        rule: {
          en: "In SYN-SENT, a SYN without ACK (both ends opened at once): enter SYN-RECEIVED and send SYN+ACK.",
          zh: "在 SYN-SENT 中收到不带 ACK 的 SYN（两端同时打开）：进入 SYN-RECEIVED 并发出 SYN+ACK。",
        },
        source: "RFC 9293 §3.10.7.3; Linux tcp_rcv_synsent_state_process()",
      };
    case "ack-of-syn":
      return {
        rule: { en: "In SYN-RECEIVED, an ACK of our SYN: enter ESTABLISHED.", zh: "在 SYN-RECEIVED 中收到对我们 SYN 的确认：进入 ESTABLISHED。" },
        source: "RFC 9293 §3.10.7.4 (fifth, the ACK field); Linux tcp_check_req(), tcp_rcv_state_process()",
      };
    case "ack-of-fin":
      return ackOfFin(from);
    case "fin":
      return finIn(from);
    case "reset":
      return resetIn(from, to);
  }
}

function ackOfFin(from: TcpState): Rule {
  const source = "RFC 9293 §3.10.7.4 (fifth, the ACK field); Linux tcp_rcv_state_process()";
  if (from === "CLOSING") {
    return { rule: { en: "In CLOSING, the ACK of our FIN: enter TIME-WAIT.", zh: "在 CLOSING 中收到对我们 FIN 的确认：进入 TIME-WAIT。" }, source };
  }
  if (from === "LAST-ACK") {
    return { rule: { en: "In LAST-ACK, the ACK of our FIN: delete the connection, CLOSED.", zh: "在 LAST-ACK 中收到对我们 FIN 的确认：删除连接，进入 CLOSED。" }, source };
  }
  return { rule: { en: "In FIN-WAIT-1, the ACK of our FIN: enter FIN-WAIT-2.", zh: "在 FIN-WAIT-1 中收到对我们 FIN 的确认：进入 FIN-WAIT-2。" }, source };
}

function finIn(from: TcpState): Rule {
  const source = "RFC 9293 §3.10.7.4 (eighth, the FIN bit); Linux tcp_fin()";
  if (from === "FIN-WAIT-1") {
    return {
      rule: {
        en: "In FIN-WAIT-1, the peer's FIN before the ACK of ours (the FINs crossed): enter CLOSING.",
        zh: "在 FIN-WAIT-1 中，对方的 FIN 先于对我们 FIN 的确认到达（两个 FIN 交错）：进入 CLOSING。",
      },
      source,
    };
  }
  if (from === "FIN-WAIT-2") {
    return {
      rule: { en: "In FIN-WAIT-2, the peer's FIN: acknowledge it, enter TIME-WAIT and start its timer.", zh: "在 FIN-WAIT-2 中收到对方的 FIN：确认它，进入 TIME-WAIT 并启动计时器。" },
      source: `${source}, tcp_time_wait()`,
    };
  }
  return {
    rule: {
      en: "The peer's FIN: it has nothing more to send; acknowledge it and enter CLOSE-WAIT until our application closes.",
      zh: "收到对方的 FIN：对方不再发送数据；确认它，进入 CLOSE-WAIT，直到本端应用关闭。",
    },
    source,
  };
}

function resetIn(from: TcpState, to: TcpState): Rule {
  if (from === "SYN-SENT") {
    return {
      rule: { en: "In SYN-SENT, a RST that acknowledges our SYN: the connection is refused, CLOSED.", zh: "在 SYN-SENT 中收到确认了我们 SYN 的 RST：连接被拒绝，进入 CLOSED。" },
      source: "RFC 9293 §3.10.7.3; Linux tcp_reset() (connect() fails with ECONNREFUSED)",
    };
  }
  if (to === "LISTEN") {
    return {
      rule: { en: "A RST in SYN-RECEIVED after a passive open: back to LISTEN.", zh: "被动打开后在 SYN-RECEIVED 中收到 RST：回到 LISTEN。" },
      source: "RFC 9293 §3.10.7.4 (second, the RST bit); Linux drops the request socket, the listener stays",
    };
  }
  if (from === "TIME-WAIT") {
    return {
      rule: {
        en: "A RST at exactly the next expected sequence number ends TIME-WAIT at once: CLOSED, without waiting out the timer (Linux ignores any other RST here, and every RST with tcp_rfc1337=1).",
        zh: "序列号恰好等于期望的下一个序列号的 RST 会立即结束 TIME-WAIT：不等定时器到期，直接进入 CLOSED（其他 RST 会被 Linux 忽略；tcp_rfc1337=1 时所有 RST 都被忽略）。",
      },
      source: "RFC 9293 §3.10.7.4 (second, the RST bit); Linux tcp_timewait_state_process() with tcp_rfc1337=0",
    };
  }
  return {
    rule: {
      en: "A RST at exactly the next expected sequence number resets the connection: CLOSED (any other in the window only gets a challenge ACK).",
      zh: "序列号恰好等于期望的下一个序列号的 RST 会重置连接，进入 CLOSED（窗口内的其他 RST 只会换来一个挑战 ACK）。",
    },
    source: "RFC 9293 §3.10.7.4 (second, the RST bit) with RFC 5961 §3.2; Linux tcp_validate_incoming(), tcp_reset()",
  };
}

/** The words around the references in Chinese; section numbers and function names stay as they are. */
const SOURCE_ZH: readonly [string, string][] = [
  [" (fifth, the ACK field)", "（第五步，检查 ACK 字段）"],
  [" (eighth, the FIN bit)", "（第八步，检查 FIN 位）"],
  [" (second, the RST bit)", "（第二步，检查 RST 位）"],
  [" with RFC 5961 §3.2", "，并遵循 RFC 5961 §3.2"],
  [" (ss shows the request socket as SYN-RECV)", "（ss 把这个请求套接字显示为 SYN-RECV）"],
  [" (connect() fails with ECONNREFUSED)", "（connect() 以 ECONNREFUSED 失败）"],
  ["Linux drops the request socket, the listener stays", "Linux 丢弃请求套接字，监听套接字保持不变"],
  [" with tcp_rfc1337=0", "（tcp_rfc1337=0 时）"],
  ["; Linux ", "；Linux "],
];

function sourceZh(source: string): string {
  return SOURCE_ZH.reduce((text, [en, zh]) => text.replace(en, zh), source);
}

function crossing(connection: CaptureConnection, transition: StateTransition, locale: Locale): string[] {
  const arrival = transition.arrival;
  if (!arrival) return [];
  const receiver = HOST[locale][transition.host];
  const own = connection.segments[transition.segment]?.options?.timestamps?.value;
  return arrival.crossedBy.map(({ segment, basis }) => {
    const name = segmentName(connection, segment, locale);
    const echo = connection.segments[segment]?.options?.timestamps?.echo;
    if (basis === "timestamps" && echo !== undefined && own !== undefined) {
      return locale === "zh"
        ? `它在途中与${receiver}的${name}交错：${name}回显的 TSecr（${echo}）早于这个报文段的 TSval（${own}），所以${receiver}发出${name}时它还没有到达。`
        : `It crossed the ${receiver}'s ${name} on the wire: ${name} echoes TSecr ${echo}, older than this segment's TSval ${own}, so the ${receiver} sent ${name} before this one arrived.`;
    }
    if (basis === "acknowledgement") {
      return locale === "zh"
        ? `它在途中与${receiver}的${name}交错：${name}的确认号没有覆盖它，所以${receiver}发出${name}时它还没有到达。`
        : `It crossed the ${receiver}'s ${name} on the wire: ${name} does not acknowledge it, so the ${receiver} sent ${name} before this one arrived.`;
    }
    return locale === "zh"
      ? `${receiver}发出${name}时它还在途中（排在一个尚未到达的报文段之后）。`
      : `It was still on its way when the ${receiver} sent ${name} (behind a segment that had not arrived).`;
  });
}

function shown(connection: CaptureConnection, transition: StateTransition, locale: Locale): string | null {
  const arrival = transition.arrival;
  if (!arrival) return null;
  const receiver = HOST[locale][transition.host];
  const name = arrival.before === null ? "" : segmentName(connection, arrival.before, locale);
  switch (arrival.shownBy) {
    case "acknowledgement":
      return locale === "zh" ? `${receiver}的${name}确认了它：那时它已经到达。` : `The ${receiver}'s ${name} acknowledges it: it had arrived by then.`;
    case "timestamps":
      return locale === "zh"
        ? `${receiver}的${name}回显了它的时间戳（TSecr 不早于它的 TSval）：那时它已经到达。`
        : `The ${receiver}'s ${name} echoes its timestamp (TSecr no older than its TSval): it had arrived by then.`;
    case "assumed":
      return arrival.before === null
        ? null
        : locale === "zh"
          ? `推定它在${receiver}的${name}之前到达：抓包中没有相反的证据（它不占序列号，也没有时间戳可比）。`
          : `Taken as arrived before the ${receiver}'s ${name}: nothing in the capture says otherwise (it uses no sequence number and carries no timestamp to compare).`;
    case "end-of-capture":
      return locale === "zh"
        ? `抓包里${receiver}之后再没有发出报文段：推定它到达了。`
        : `The ${receiver} sent nothing after it in the capture: taken as arrived.`;
  }
}

export function explainTransition(connection: CaptureConnection, transition: StateTransition, locale: Locale = "en"): TransitionExplanation {
  const sender = transition.by === "sent" ? transition.host : other(transition.host);
  const name = segmentName(connection, transition.segment, locale);
  const flags = flagsOf(connection, transition.segment);
  const change = `${transition.from} → ${transition.to}`;
  const who = HOST[locale][transition.host];
  const headline =
    locale === "zh"
      ? transition.by === "sent"
        ? `${name}，${who}发出 ${flags}：${who} ${change}`
        : `${name}，${HOST.zh[sender]}发出的 ${flags} 被${who}收到：${who} ${change}`
      : transition.by === "sent"
        ? `${capitalized(name)}, ${flags} sent by the ${who}: ${who} ${change}`
        : `${capitalized(name)}, ${flags} from the ${HOST.en[sender]}, received by the ${who}: ${who} ${change}`;
  const { rule, source } = ruleOf(transition);
  const arrival = [...crossing(connection, transition, locale), shown(connection, transition, locale)].filter((text): text is string => text !== null);
  return { headline, rule: rule[locale], source: locale === "zh" ? sourceZh(source) : source, arrival: arrival.length > 0 ? arrival.join(locale === "zh" ? "" : " ") : null };
}

/** The changes caused by the segment at `index`, in the order the connection lists them. */
export function transitionsOfSegment(connection: CaptureConnection, index: number): StateTransition[] {
  return connection.transitions.filter((transition) => transition.segment === index);
}
