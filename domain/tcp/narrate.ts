/**
 * One sentence per trace event, with Wireshark-style relative numbers by default: English, or
 * Simplified Chinese with `locale: "zh"` ("客户端发送 SYN，seq 0"). Numbers, flags, state names,
 * system calls and errno names are the same in both languages.
 */
import { withRelativeNumbers, type RelativeNumbers } from "./relative";
import type { HostId, SegmentPurpose, SegmentRecord, SimEvent, SocketOptionValue, TcpFlag, TimerKind, TransitionCause } from "./types";
import type { Locale } from "@/domain/locale";

export interface NarrationOptions {
  /** Show absolute sequence numbers instead of relative ones. */
  absolute?: boolean;
  /** The language of the sentences (default English). */
  locale?: Locale;
}

const TIMER_NAMES: Record<TimerKind, string> = {
  retransmit: "retransmission timer",
  "loss-probe": "tail-loss-probe timer",
  "delayed-ack": "delayed-ACK timer",
  "time-wait": "TIME-WAIT timer",
  "fin-wait-2": "FIN-WAIT-2 timer",
  persist: "zero-window probe timer",
  keepalive: "keep-alive timer",
  linger: "SO_LINGER timer",
};

const PURPOSE_NAMES: Record<SegmentPurpose, string> = {
  "keepalive probe": "keep-alive probe",
  "window probe": "zero-window probe",
  "window update": "window update",
};

/** "1" or "{onoff 1, linger 0}": a setsockopt() value as the narration writes it. */
export function optionValueText(value: SocketOptionValue | undefined): string {
  if (value === undefined) return "";
  return typeof value === "number" ? String(value) : `{onoff ${value.onoff}, linger ${value.linger}}`;
}

/**
 * The window is mentioned when it matters: when it is zero, or when it differs from the one the
 * same host advertised in its previous segment (the handshake's windows are left unsaid).
 */
function windowShown(segments: readonly SegmentRecord[]): Set<number> {
  const shown = new Set<number>();
  const last: Partial<Record<HostId, number>> = {};
  for (const segment of segments) {
    if (segment.duplicateOf !== undefined || segment.flags.includes("RST")) continue;
    const previous = last[segment.from];
    if (segment.win === 0 || (previous !== undefined && previous !== segment.win)) shown.add(segment.id);
    last[segment.from] = segment.win;
  }
  return shown;
}

/** SYN, SYN-ACK, FIN, RST or ACK: what a learner calls the segment. */
export function segmentName(flags: readonly TcpFlag[]): string {
  if (flags.includes("RST")) return "RST";
  if (flags.includes("SYN")) return flags.includes("ACK") ? "SYN-ACK" : "SYN";
  if (flags.includes("FIN")) return "FIN";
  return "ACK";
}

/** Builds a narrator for one run; segments are looked up by id. */
export function createNarrator(segments: readonly SegmentRecord[], options: NarrationOptions = {}) {
  if (options.locale === "zh") return createChineseNarrator(segments, options);
  const byId = new Map<number, SegmentRecord & RelativeNumbers>();
  for (const segment of withRelativeNumbers(segments)) byId.set(segment.id, segment);
  const showWindow = windowShown(segments);

  const describeSegment = (id: number): string => {
    const segment = byId.get(id);
    if (segment === undefined) return `segment ${id}`;
    const seq = options.absolute ? segment.seq : segment.relSeq;
    const ack = options.absolute ? segment.ack : segment.relAck;
    const name = segmentName(segment.flags);
    const parts = [segment.len > 0 ? `${name === "ACK" ? "" : `${name} with `}${segment.len} bytes` : name];
    parts.push(`seq ${seq}`);
    if (ack !== null) parts.push(`ack ${ack}`);
    if (showWindow.has(segment.id)) parts.push(`win ${segment.win}`);
    const text = parts.join(" ").replace(/^ /, "");
    return segment.purpose === undefined ? text : `${PURPOSE_NAMES[segment.purpose]} (${text})`;
  };

  return function narrate(event: SimEvent): string {
    switch (event.kind) {
      case "app":
        switch (event.call) {
          case "send":
            return `${event.host} calls send(${event.bytes ?? 0} bytes)`;
          case "read":
            return `${event.host} calls read(${event.bytes === undefined ? "" : `${event.bytes} bytes`}) and gets ${event.result ?? 0} bytes`;
          case "setsockopt":
            return `${event.host} calls setsockopt(${event.option}, ${optionValueText(event.value)})`;
          default:
            return `${event.host} calls ${event.call}()`;
        }
      case "link":
        return event.up ? "the link is up again" : "the link goes down: nothing gets through";
      case "send": {
        const segment = byId.get(event.segment);
        const verb = segment?.retransmission ? "retransmits" : "sends";
        return `${event.host} ${verb} ${describeSegment(event.segment)}`;
      }
      case "deliver":
        return `${event.host} receives ${describeSegment(event.segment)}`;
      case "drop":
        return event.reason === "manual"
          ? `segment ${event.segment} (${describeSegment(event.segment)}) is dropped`
          : event.reason === "link"
            ? `segment ${event.segment} (${describeSegment(event.segment)}) is lost: the link is down`
            : `the network loses segment ${event.segment} (${describeSegment(event.segment)})`;
      case "duplicate":
        return `the network duplicates segment ${event.segment}`;
      case "timer":
        return `${event.host}'s ${TIMER_NAMES[event.timer]} fires`;
      case "transition":
        return `${event.host} enters ${event.to} (${event.cause})`;
      case "error":
        return event.call === undefined
          ? `${event.host}'s application gets ${event.code}`
          : `${event.host}'s ${event.call}() fails with ${event.code}`;
      case "discard":
        return `${event.host}: ${event.reason}`;
      case "note":
        return `${event.host}: ${event.text}`;
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Chinese
// ---------------------------------------------------------------------------------------------

/** How the narrator names the two ends in Chinese (the course's terms: docs/i18n.md). */
export const HOST_NAMES_ZH: Readonly<Record<HostId, string>> = { client: "客户端", server: "服务端" };

const TIMER_NAMES_ZH: Record<TimerKind, string> = {
  retransmit: "重传定时器",
  "loss-probe": "尾部丢失探测定时器",
  "delayed-ack": "延迟确认定时器",
  "time-wait": "TIME-WAIT 定时器",
  "fin-wait-2": "FIN-WAIT-2 定时器",
  persist: "零窗口探测定时器",
  keepalive: "保活定时器",
  linger: "SO_LINGER 定时器",
};

const PURPOSE_NAMES_ZH: Record<SegmentPurpose, string> = {
  "keepalive probe": "保活探测",
  "window probe": "零窗口探测",
  "window update": "窗口更新",
};

/** Why a state changed, after the new state in parentheses. */
const CAUSES_ZH: Record<TransitionCause, string> = {
  listen: "listen()",
  connect: "connect()",
  close: "close()",
  shutdown: "shutdown()",
  abort: "中止连接",
  "recv SYN": "收到 SYN",
  "recv SYN-ACK": "收到 SYN-ACK",
  "recv ACK": "收到 ACK",
  "recv FIN": "收到 FIN",
  "recv FIN-ACK": "收到 FIN-ACK",
  "recv RST": "收到 RST",
  "recv data after close": "关闭后又收到数据",
  "retransmission timeout": "重传超时",
  "time-wait timeout": "TIME-WAIT 超时",
  "fin-wait-2 timeout": "FIN-WAIT-2 超时",
  "time-wait reuse": "复用 TIME-WAIT 中的四元组",
  "keepalive timeout": "保活超时",
  "persist timeout": "零窗口探测超时",
  "time-wait overflow": "没有空闲的 TIME-WAIT 桶",
};

/**
 * What the engine says when it discards a segment or notes something, in Chinese. Keyed by the
 * engine's English text; tests/unit/tcp/narrate-zh.test.ts fails when the engine gains a text
 * that is missing here. Anything unknown is shown as the engine wrote it.
 */
export const ENGINE_TEXTS_ZH: Readonly<Record<string, string>> = {
  "ACK in LISTEN: answered with RST": "LISTEN 状态下收到 ACK：以 RST 回应",
  "ACK in TIME-WAIT": "TIME-WAIT 状态下收到 ACK",
  "RST for a connection that does not exist": "针对不存在的连接的 RST",
  "RST in LISTEN is ignored": "LISTEN 状态下忽略 RST",
  "RST in TIME-WAIT ignored (tcp_rfc1337)": "TIME-WAIT 状态下忽略 RST（tcp_rfc1337）",
  "RST in TIME-WAIT": "TIME-WAIT 状态下收到 RST",
  "RST in TIME-WAIT: TIME-WAIT assassination": "TIME-WAIT 状态下收到 RST：TIME-WAIT 被提前终结（RFC 1337 所说的“TIME-WAIT 暗杀”）",
  "RST inside the window but not at RCV.NXT: challenge ACK": "RST 在窗口内但不等于 RCV.NXT：回复挑战 ACK",
  "RST not at RCV.NXT in TIME-WAIT": "TIME-WAIT 状态下收到不等于 RCV.NXT 的 RST",
  "RST outside the receive window": "RST 在接收窗口之外",
  "RST outside the window in TIME-WAIT": "TIME-WAIT 状态下收到窗口外的 RST",
  "RST with an unacceptable ACK in SYN-SENT": "SYN-SENT 状态下收到确认号不可接受的 RST",
  "RST without ACK in SYN-SENT": "SYN-SENT 状态下收到不带 ACK 的 RST",
  "SYN in TIME-WAIT: challenge ACK": "TIME-WAIT 状态下收到 SYN：回复挑战 ACK",
  "SYN on a synchronized connection: challenge ACK": "已同步的连接上收到 SYN：回复挑战 ACK",
  "acknowledges data not yet sent": "确认了尚未发送的数据",
  "acknowledges data not yet sent: answered with ACK": "确认了尚未发送的数据：以 ACK 回应",
  "data arrived after close(): connection reset": "close() 之后又收到数据：复位连接",
  "in-window ACK in TIME-WAIT": "TIME-WAIT 状态下收到窗口内的 ACK",
  "neither SYN, ACK nor RST in LISTEN": "LISTEN 状态下收到的报文段既无 SYN，也无 ACK 或 RST",
  "new SYN in TIME-WAIT but no listener: ACKed": "TIME-WAIT 状态下收到新的 SYN，但没有监听套接字：回复 ACK",
  "new SYN in TIME-WAIT: connection reopened": "TIME-WAIT 状态下收到新的 SYN：连接重新打开",
  "no ACK flag": "没有 ACK 标志",
  "no SYN in SYN-SENT": "SYN-SENT 状态下收到的报文段没有 SYN",
  "no connection: answered with RST": "没有这条连接：以 RST 回应",
  "old duplicate: acknowledged again": "旧的重复报文段：再次确认",
  "out of order: queued, duplicate ACK sent": "乱序到达：放入队列，发送重复 ACK",
  "outside the receive window": "在接收窗口之外",
  "peer already sent FIN: text ignored": "对端已发送 FIN：忽略其后的数据",
  "retransmitted FIN in TIME-WAIT: ACKed, 2 MSL restarted": "TIME-WAIT 状态下收到重传的 FIN：回复 ACK，2MSL 重新计时",
  "retransmitted FIN in TIME-WAIT: ACKed again": "TIME-WAIT 状态下收到重传的 FIN：再次回复 ACK",
  "retransmitted SYN: SYN-ACK sent again": "收到重传的 SYN：再次发送 SYN-ACK",
  "retransmitted SYN: SYN-ACK suppressed by rate limit": "收到重传的 SYN：SYN-ACK 因速率限制未发送",
  "unacceptable ACK in SYN-RECEIVED: answered with RST": "SYN-RECEIVED 状态下收到不可接受的 ACK：以 RST 回应",
  "unacceptable ACK in SYN-SENT: answered with RST": "SYN-SENT 状态下收到不可接受的 ACK：以 RST 回应",
  "unexpected segment in TIME-WAIT: ACKed": "TIME-WAIT 状态下收到意外的报文段：回复 ACK",
  "segment in TIME-WAIT: ACKed": "TIME-WAIT 状态下收到报文段：回复 ACK",
  "SYN-ACK retries exhausted: connection request dropped": "SYN-ACK 重试次数用尽：丢弃这个连接请求",
  "TIME-WAIT timer restarted": "TIME-WAIT 定时器重新计时",
  "tail loss probe: last segment sent again": "尾部丢失探测：再次发送最后一个报文段",
  "zero window: data dropped, ACK sent": "零窗口：丢弃数据，发送 ACK",
  "probe (seq = RCV.NXT - 1): answered with an ACK": "探测报文（seq = RCV.NXT - 1）：以 ACK 应答",
  "close() with unread data: connection reset": "close() 时还有未读的数据：复位连接",
  "close() waits for the FIN to be acknowledged (SO_LINGER)": "close() 等待 FIN 被确认（SO_LINGER）",
  "close() returns: the FIN was acknowledged": "close() 返回：FIN 已被确认",
  "close() returns: the connection is gone": "close() 返回：连接已不存在",
  "close() returns: the linger time is up, the FIN is still unacknowledged": "close() 返回：SO_LINGER 的等待时间已到，FIN 仍未被确认",
  "zero-window probes: giving up": "零窗口探测：放弃连接",
  "keep-alive: the peer did not answer: connection reset": "保活：对端没有应答：复位连接",
  "no TIME-WAIT bucket free (tcp_max_tw_buckets): the socket is destroyed at once": "没有空闲的 TIME-WAIT 桶（tcp_max_tw_buckets）：套接字被立即销毁",
};

/** Why an ACK was wanted when the rate limit suppressed it (`<reason>: ACK suppressed by rate limit`). */
const RATE_LIMITED_ZH: Readonly<Record<string, string>> = {
  "challenge ACK": "挑战 ACK",
  "segment in TIME-WAIT": "TIME-WAIT 状态下的报文段",
  "out-of-window segment": "窗口外的报文段",
  "ACK of unsent data": "对未发送数据的确认",
  "old duplicate": "旧的重复报文段",
  probe: "探测报文",
};

/** The Chinese for one of the engine's discard reasons or notes, or the English when it has none. */
export function engineTextZh(text: string): string {
  const known = ENGINE_TEXTS_ZH[text];
  if (known !== undefined) return known;
  const limited = /^(.+): ACK suppressed by rate limit$/.exec(text);
  if (limited) return `${RATE_LIMITED_ZH[limited[1]!] ?? limited[1]}：ACK 因速率限制未发送`;
  const notInFlight = /^segment (\d+) is not in flight$/.exec(text);
  if (notInFlight) return `报文段 ${notInFlight[1]} 不在传输途中`;
  return text;
}

/** A space between Chinese and what follows only when it starts with a Latin letter or a digit. */
function spaced(text: string): string {
  return /^[A-Za-z0-9]/.test(text) ? ` ${text}` : text;
}

function createChineseNarrator(segments: readonly SegmentRecord[], options: NarrationOptions) {
  const byId = new Map<number, SegmentRecord & RelativeNumbers>();
  for (const segment of withRelativeNumbers(segments)) byId.set(segment.id, segment);
  const host = (id: HostId) => HOST_NAMES_ZH[id];
  const showWindow = windowShown(segments);

  const describeSegment = (id: number): string => {
    const segment = byId.get(id);
    if (segment === undefined) return `报文段 ${id}`;
    const seq = options.absolute ? segment.seq : segment.relSeq;
    const ack = options.absolute ? segment.ack : segment.relAck;
    const name = segmentName(segment.flags);
    const parts = [segment.len > 0 ? (name === "ACK" ? `${segment.len} 字节数据` : `${name}（携带 ${segment.len} 字节数据）`) : name];
    parts.push(`seq ${seq}`);
    if (ack !== null) parts.push(`ack ${ack}`);
    if (showWindow.has(segment.id)) parts.push(`win ${segment.win}`);
    const text = parts.join("，");
    return segment.purpose === undefined ? text : `${PURPOSE_NAMES_ZH[segment.purpose]}（${text}）`;
  };

  return function narrate(event: SimEvent): string {
    switch (event.kind) {
      case "app":
        switch (event.call) {
          case "send":
            return `${host(event.host)}调用 send(${event.bytes ?? 0} 字节)`;
          case "read":
            return `${host(event.host)}调用 read(${event.bytes === undefined ? "" : `${event.bytes} 字节`})，读到 ${event.result ?? 0} 字节`;
          case "setsockopt":
            return `${host(event.host)}调用 setsockopt(${event.option}, ${optionValueText(event.value)})`;
          default:
            return `${host(event.host)}调用 ${event.call}()`;
        }
      case "link":
        return event.up ? "链路恢复了" : "链路断开：任何报文段都无法通过";
      case "send": {
        const segment = byId.get(event.segment);
        return `${host(event.host)}${segment?.retransmission ? "重传" : "发送"}${spaced(describeSegment(event.segment))}`;
      }
      case "deliver":
        return `${host(event.host)}收到${spaced(describeSegment(event.segment))}`;
      case "drop":
        return event.reason === "manual"
          ? `报文段 ${event.segment}（${describeSegment(event.segment)}）被丢弃`
          : event.reason === "link"
            ? `报文段 ${event.segment}（${describeSegment(event.segment)}）丢失：链路已断开`
            : `网络丢失了报文段 ${event.segment}（${describeSegment(event.segment)}）`;
      case "duplicate":
        return `网络复制了报文段 ${event.segment}`;
      case "timer": {
        const name = TIMER_NAMES_ZH[event.timer];
        // A space between Chinese and a Latin word, as the lessons write it.
        return `${host(event.host)}的${/^[A-Za-z]/.test(name) ? " " : ""}${name}到期`;
      }
      case "transition":
        return `${host(event.host)}进入 ${event.to}（${CAUSES_ZH[event.cause]}）`;
      case "error":
        return event.call === undefined
          ? `${host(event.host)}的应用收到 ${event.code}`
          : `${host(event.host)}的 ${event.call}() 失败，返回 ${event.code}`;
      case "discard":
        return `${host(event.host)}：${engineTextZh(event.reason)}`;
      case "note":
        return `${host(event.host)}：${engineTextZh(event.text)}`;
    }
  };
}
