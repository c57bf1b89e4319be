/**
 * One sentence per trace event, with Wireshark-style relative numbers by default: English, or
 * Simplified Chinese with `locale: "zh"` ("客户端发送 SYN，seq 0"). Numbers, flags, state names,
 * system calls and errno names are the same in both languages.
 */
import { withRelativeNumbers, type RelativeNumbers } from "./relative";
import type { HostId, SegmentPurpose, SegmentRecord, SimEvent, SocketOptionValue, TcpFlag, TimerKind, TransitionCause } from "./types";
import type { Locale } from "@/domain/locale";
import { defineWords } from "@/domain/words";
import { ALL_ENGINE_TEXTS, notInFlightSegment, notInFlightText, type EngineText, type NotInFlightText } from "./engine-texts";

export interface NarrationOptions {
  /** Show absolute sequence numbers instead of relative ones. */
  absolute?: boolean;
  /** The language of the sentences (default English). */
  locale?: Locale;
}

interface NarrationWords {
  hosts: Record<HostId, string>;
  timers: Record<TimerKind, string>;
  purposes: Record<SegmentPurpose, string>;
  /** Why a state changed, after the new state in parentheses. */
  causes: Record<TransitionCause, string>;
  /** The engine's discard reasons and notes (their English is the key: engine-texts.ts). */
  engineTexts: Record<EngineText, string>;
  notInFlight: (segment: number) => string;
  unknownSegment: (id: number) => string;
  /** "SYN", "SYN with 5 bytes", "100 bytes": what the segment is before its numbers. */
  segmentHead: (name: string, len: number) => string;
  /** Between the head, seq, ack and win. */
  numbersJoin: string;
  withPurpose: (purpose: string, text: string) => string;
  calls: (host: string, call: string) => string;
  callsSend: (host: string, bytes: number) => string;
  callsRead: (host: string, bytes: number | undefined, result: number) => string;
  callsSetsockopt: (host: string, option: string, value: string) => string;
  linkUp: string;
  linkDown: string;
  sends: (host: string, retransmission: boolean, segment: string) => string;
  receives: (host: string, segment: string) => string;
  dropped: (id: number, segment: string) => string;
  lostOnLink: (id: number, segment: string) => string;
  lost: (id: number, segment: string) => string;
  duplicated: (id: number) => string;
  timerFires: (host: string, timer: string) => string;
  enters: (host: string, state: string, cause: string) => string;
  applicationGets: (host: string, code: string) => string;
  callFails: (host: string, call: string, code: string) => string;
  says: (host: string, text: string) => string;
}

/** A space between Chinese and what follows only when it starts with a Latin letter or a digit. */
function spaced(text: string): string {
  return /^[A-Za-z0-9]/.test(text) ? ` ${text}` : text;
}

/** The engine speaks English: its texts are their own English words. */
const ENGINE_TEXTS_AS_WRITTEN = Object.fromEntries(ALL_ENGINE_TEXTS.map((text) => [text, text])) as Record<EngineText, string>;

/** The narration's words; the Chinese uses the course's terms (docs/i18n.md). */
export const narrationWords = defineWords<NarrationWords>({
  en: {
    hosts: { client: "client", server: "server" },
    timers: {
      retransmit: "retransmission timer",
      "loss-probe": "tail-loss-probe timer",
      "delayed-ack": "delayed-ACK timer",
      "time-wait": "TIME-WAIT timer",
      "fin-wait-2": "FIN-WAIT-2 timer",
      persist: "zero-window probe timer",
      keepalive: "keep-alive timer",
      linger: "SO_LINGER timer",
    },
    purposes: {
      "keepalive probe": "keep-alive probe",
      "window probe": "zero-window probe",
      "window update": "window update",
    },
    causes: {
      listen: "listen",
      connect: "connect",
      close: "close",
      shutdown: "shutdown",
      abort: "abort",
      "recv SYN": "recv SYN",
      "recv SYN-ACK": "recv SYN-ACK",
      "recv ACK": "recv ACK",
      "recv FIN": "recv FIN",
      "recv FIN-ACK": "recv FIN-ACK",
      "recv RST": "recv RST",
      "recv data after close": "recv data after close",
      "retransmission timeout": "retransmission timeout",
      "time-wait timeout": "time-wait timeout",
      "fin-wait-2 timeout": "fin-wait-2 timeout",
      "time-wait reuse": "time-wait reuse",
      "keepalive timeout": "keepalive timeout",
      "persist timeout": "persist timeout",
      "time-wait overflow": "time-wait overflow",
    },
    engineTexts: ENGINE_TEXTS_AS_WRITTEN,
    notInFlight: (segment) => notInFlightText(segment),
    unknownSegment: (id) => `segment ${id}`,
    segmentHead: (name, len) => (len === 0 ? name : name === "ACK" ? `${len} bytes` : `${name} with ${len} bytes`),
    numbersJoin: " ",
    withPurpose: (purpose, text) => `${purpose} (${text})`,
    calls: (host, call) => `${host} calls ${call}()`,
    callsSend: (host, bytes) => `${host} calls send(${bytes} bytes)`,
    callsRead: (host, bytes, result) => `${host} calls read(${bytes === undefined ? "" : `${bytes} bytes`}) and gets ${result} bytes`,
    callsSetsockopt: (host, option, value) => `${host} calls setsockopt(${option}, ${value})`,
    linkUp: "the link is up again",
    linkDown: "the link goes down: nothing gets through",
    sends: (host, retransmission, segment) => `${host} ${retransmission ? "retransmits" : "sends"} ${segment}`,
    receives: (host, segment) => `${host} receives ${segment}`,
    dropped: (id, segment) => `segment ${id} (${segment}) is dropped`,
    lostOnLink: (id, segment) => `segment ${id} (${segment}) is lost: the link is down`,
    lost: (id, segment) => `the network loses segment ${id} (${segment})`,
    duplicated: (id) => `the network duplicates segment ${id}`,
    timerFires: (host, timer) => `${host}'s ${timer} fires`,
    enters: (host, state, cause) => `${host} enters ${state} (${cause})`,
    applicationGets: (host, code) => `${host}'s application gets ${code}`,
    callFails: (host, call, code) => `${host}'s ${call}() fails with ${code}`,
    says: (host, text) => `${host}: ${text}`,
  },
  zh: {
    hosts: { client: "客户端", server: "服务端" },
    timers: {
      retransmit: "重传定时器",
      "loss-probe": "尾部丢失探测定时器",
      "delayed-ack": "延迟确认定时器",
      "time-wait": "TIME-WAIT 定时器",
      "fin-wait-2": "FIN-WAIT-2 定时器",
      persist: "零窗口探测定时器",
      keepalive: "保活定时器",
      linger: "SO_LINGER 定时器",
    },
    purposes: {
      "keepalive probe": "保活探测",
      "window probe": "零窗口探测",
      "window update": "窗口更新",
    },
    causes: {
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
    },
    engineTexts: {
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
      "challenge ACK: ACK suppressed by rate limit": "挑战 ACK：ACK 因速率限制未发送",
      "segment in TIME-WAIT: ACK suppressed by rate limit": "TIME-WAIT 状态下的报文段：ACK 因速率限制未发送",
      "out-of-window segment: ACK suppressed by rate limit": "窗口外的报文段：ACK 因速率限制未发送",
      "ACK of unsent data: ACK suppressed by rate limit": "对未发送数据的确认：ACK 因速率限制未发送",
      "old duplicate: ACK suppressed by rate limit": "旧的重复报文段：ACK 因速率限制未发送",
      "probe: ACK suppressed by rate limit": "探测报文：ACK 因速率限制未发送",

    },
    notInFlight: (segment) => `报文段 ${segment} 不在传输途中`,
    unknownSegment: (id) => `报文段 ${id}`,
    segmentHead: (name, len) => (len === 0 ? name : name === "ACK" ? `${len} 字节数据` : `${name}（携带 ${len} 字节数据）`),
    numbersJoin: "，",
    withPurpose: (purpose, text) => `${purpose}（${text}）`,
    calls: (host, call) => `${host}调用 ${call}()`,
    callsSend: (host, bytes) => `${host}调用 send(${bytes} 字节)`,
    callsRead: (host, bytes, result) => `${host}调用 read(${bytes === undefined ? "" : `${bytes} 字节`})，读到 ${result} 字节`,
    callsSetsockopt: (host, option, value) => `${host}调用 setsockopt(${option}, ${value})`,
    linkUp: "链路恢复了",
    linkDown: "链路断开：任何报文段都无法通过",
    sends: (host, retransmission, segment) => `${host}${retransmission ? "重传" : "发送"}${spaced(segment)}`,
    receives: (host, segment) => `${host}收到${spaced(segment)}`,
    dropped: (id, segment) => `报文段 ${id}（${segment}）被丢弃`,
    lostOnLink: (id, segment) => `报文段 ${id}（${segment}）丢失：链路已断开`,
    lost: (id, segment) => `网络丢失了报文段 ${id}（${segment}）`,
    duplicated: (id) => `网络复制了报文段 ${id}`,
    // A space between Chinese and a Latin word, as the lessons write it.
    timerFires: (host, timer) => `${host}的${spaced(timer)}到期`,
    enters: (host, state, cause) => `${host}进入 ${state}（${cause}）`,
    applicationGets: (host, code) => `${host}的应用收到 ${code}`,
    callFails: (host, call, code) => `${host}的 ${call}() 失败，返回 ${code}`,
    says: (host, text) => `${host}：${text}`,
  },
});

/** One of the engine's discard reasons or notes in the narration's language. */
export function engineTextIn(locale: Locale, text: EngineText | NotInFlightText): string {
  const words = narrationWords(locale);
  const segment = notInFlightSegment(text);
  if (segment !== null) return words.notInFlight(segment);
  return Object.hasOwn(words.engineTexts, text) ? words.engineTexts[text as EngineText] : text;
}

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
  const words = narrationWords(options.locale ?? "en");
  const host = (id: HostId) => words.hosts[id];
  const byId = new Map<number, SegmentRecord & RelativeNumbers>();
  for (const segment of withRelativeNumbers(segments)) byId.set(segment.id, segment);
  const showWindow = windowShown(segments);

  const describeSegment = (id: number): string => {
    const segment = byId.get(id);
    if (segment === undefined) return words.unknownSegment(id);
    const seq = options.absolute ? segment.seq : segment.relSeq;
    const ack = options.absolute ? segment.ack : segment.relAck;
    const parts = [words.segmentHead(segmentName(segment.flags), segment.len), `seq ${seq}`];
    if (ack !== null) parts.push(`ack ${ack}`);
    if (showWindow.has(segment.id)) parts.push(`win ${segment.win}`);
    const text = parts.join(words.numbersJoin);
    return segment.purpose === undefined ? text : words.withPurpose(words.purposes[segment.purpose], text);
  };

  return function narrate(event: SimEvent): string {
    switch (event.kind) {
      case "app":
        switch (event.call) {
          case "send":
            return words.callsSend(host(event.host), event.bytes ?? 0);
          case "read":
            return words.callsRead(host(event.host), event.bytes, event.result ?? 0);
          case "setsockopt":
            return words.callsSetsockopt(host(event.host), String(event.option), optionValueText(event.value));
          default:
            return words.calls(host(event.host), event.call);
        }
      case "link":
        return event.up ? words.linkUp : words.linkDown;
      case "send":
        return words.sends(host(event.host), byId.get(event.segment)?.retransmission === true, describeSegment(event.segment));
      case "deliver":
        return words.receives(host(event.host), describeSegment(event.segment));
      case "drop": {
        const say = event.reason === "manual" ? words.dropped : event.reason === "link" ? words.lostOnLink : words.lost;
        return say(event.segment, describeSegment(event.segment));
      }
      case "duplicate":
        return words.duplicated(event.segment);
      case "timer":
        return words.timerFires(host(event.host), words.timers[event.timer]);
      case "transition":
        return words.enters(host(event.host), event.to, words.causes[event.cause]);
      case "error":
        return event.call === undefined ? words.applicationGets(host(event.host), event.code) : words.callFails(host(event.host), event.call, event.code);
      case "discard":
        return words.says(host(event.host), engineTextIn(options.locale ?? "en", event.reason));
      case "note":
        return words.says(host(event.host), engineTextIn(options.locale ?? "en", event.text));
    }
  };
}
