/** The lesson diagrams' own words (components/mdx): labels, captions and text alternatives. */
import { defineWords } from "@/domain/words";

const en = {
  ladder: {
    client: "Client",
    server: "Server",
    lost: " (lost)",
    delayed: " (delayed)",
    title: (left: string, right: string) => `Segments between ${left} and ${right}`,
    starts: (host: string, state: string) => `${host} starts in ${state}.`,
    pause: (pause: string) => `(${pause}.)`,
    sameMoment: "At the same moment,",
    sends: (sender: string, flags: string, detail: string | undefined, receiver: string, lost: boolean, delayed: boolean) =>
      `${sender} sends ${flags}${detail ? ` (${detail})` : ""} to ${receiver}${lost ? ", which is lost" : ""}${delayed ? ", which is delayed in the network" : ""}.`,
    nowIn: (host: string, state: string) => `${host} is now in ${state}.`,
  },
  header: {
    fields: {
      "Source port": "Source port",
      "Destination port": "Destination port",
      "Sequence number": "Sequence number",
      "Acknowledgment number": "Acknowledgment number",
      Offset: "Offset",
      Rsrvd: "Rsrvd",
      Window: "Window",
      Checksum: "Checksum",
      "Urgent pointer": "Urgent pointer",
      "Options (0–40 bytes) and padding": "Options (0–40 bytes) and padding",
    } as Record<string, string>,
    label: (highlight: readonly string[]) =>
      `TCP header layout: source and destination ports, sequence number, acknowledgment number, data offset, flags CWR ECE URG ACK PSH RST SYN FIN, window, checksum, urgent pointer, options.${highlight.length ? ` Highlighted: ${highlight.join(", ")}.` : ""}`,
    caption: "The TCP header (RFC 9293 §3.1). Each row is 32 bits; the flags are single bits in the fourth row.",
  },
  states: {
    title: (highlight: readonly string[]) => `TCP connection state diagram (RFC 9293).${highlight.length ? ` Highlighted: ${highlight.join(", ")}.` : ""}`,
    edge: (from: string, to: string, event: string, action: string | undefined) => `${from} → ${to}: ${event}${action ? `, ${action}` : ""}.`,
    caption:
      "The TCP state diagram (RFC 9293 §3.3.2), redrawn. Boxes are states; each arrow is labelled with the event that causes it and the segment sent in response. Resets, timeouts other than 2MSL, and CLOSE from LISTEN or SYN-SENT are left out.",
    asText: "The diagram as text",
    extra: " (a FIN that also acknowledges our FIN; dashed)",
    linuxNames: "The kernel (`include/net/tcp_states.h`) and `netstat` name the same states with underscores, `ss` with hyphens and some abbreviations (`SYN-RECV`, `ESTAB`, `UNCONN` for CLOSED); `/proc/net/tcp` shows each as a hex number (`01` ESTABLISHED … `0B` CLOSING):",
  },
  ports: {
    client: "Client",
    server: "Server",
    title: "The 4-tuple of a client connection",
    description: (p: { clientIp: string; serverIp: string; serverPort: number; low: number; high: number; ports: string; seconds: number; perSecond: string; destinations: number }) =>
      `A connection is named by four numbers: client IP ${p.clientIp}, client port, server IP ${p.serverIp}, server port ${p.serverPort}. ` +
      `Three are fixed; only the client port varies, from ${p.low} to ${p.high}: ${p.ports} ports. ` +
      `Each closed connection keeps its 4-tuple in TIME-WAIT on the client for ${p.seconds} seconds, ` +
      `so at most ${p.perSecond} new connections per second can be opened to ${p.serverIp}:${p.serverPort}` +
      (p.destinations > 1 ? ` times ${p.destinations} destinations.` : "."),
    varies: "the only part that varies",
    fixed: "fixed",
    portsInRange: "Ports in the range",
    tuplesTo: (destinations: number) => `4-tuples to ${destinations} destinations`,
    heldFor: "Each one is held in TIME-WAIT for",
    seconds: (seconds: number) => `${seconds} s`,
    perSecond: "Sustained new connections per second",
    caption:
      "When the client closes first, every finished connection keeps its 4-tuple for the whole TIME-WAIT, so the port range divided by the TIME-WAIT length caps the rate of new connections to one server ip:port.",
  },
  /** Names of the boxes a diagram scrolls sideways in on a narrow screen (keyboard-focusable regions). */
  scroll: {
    header: "TCP header diagram, scrolls sideways",
    states: "TCP state diagram, scrolls sideways",
    ladder: (title: string) => `${title}: diagram, scrolls sideways`,
  },
};

export type DiagramWords = typeof en;

const zh: DiagramWords = {
  ladder: {
    client: "客户端",
    server: "服务端",
    lost: "（丢失）",
    delayed: "（延迟）",
    title: (left, right) => `${left}与${right}之间的报文段`,
    starts: (host, state) => `${host}最初处于 ${state}。`,
    pause: (pause) => `（${pause}。）`,
    sameMoment: "与此同时，",
    sends: (sender, flags, detail, receiver, lost, delayed) =>
      `${sender}向${receiver}发送 ${flags}${detail ? `（${detail}）` : ""}${lost ? "，这个报文段丢失了" : ""}${delayed ? "，它在网络中被延迟" : ""}。`,
    nowIn: (host, state) => `${host}现在处于 ${state}。`,
  },
  header: {
    fields: {
      "Source port": "源端口",
      "Destination port": "目的端口",
      "Sequence number": "序列号",
      "Acknowledgment number": "确认号",
      Offset: "数据偏移",
      Rsrvd: "保留",
      Window: "窗口",
      Checksum: "校验和",
      "Urgent pointer": "紧急指针",
      "Options (0–40 bytes) and padding": "选项（0–40 字节）和填充",
    },
    label: (highlight) =>
      `TCP 首部格式：源端口和目的端口、序列号、确认号、数据偏移、标志位 CWR ECE URG ACK PSH RST SYN FIN、窗口、校验和、紧急指针、选项。${highlight.length ? `高亮：${highlight.join("、")}。` : ""}`,
    caption: "TCP 首部（RFC 9293 §3.1）。每行 32 位；标志位是第四行中的单个比特。",
  },
  states: {
    title: (highlight) => `TCP 连接状态图（RFC 9293）。${highlight.length ? `高亮：${highlight.join("、")}。` : ""}`,
    edge: (from, to, event, action) => `${from} → ${to}：${event}${action ? `，${action}` : ""}。`,
    caption:
      "重绘的 TCP 状态图（RFC 9293 §3.3.2）。方框是状态；每个箭头标注引起这次转换的事件，以及作为回应发出的报文段。图中省略了复位、2MSL 以外的超时，以及从 LISTEN 或 SYN-SENT 调用 CLOSE 的情形。",
    asText: "状态图的文字版",
    extra: "（一个同时确认了本端 FIN 的 FIN；虚线）",
    linuxNames: "内核（`include/net/tcp_states.h`）和 `netstat` 用下划线命名同样的状态；`ss` 用连字符，并有几个缩写（`SYN-RECV`、`ESTAB`，CLOSED 显示为 `UNCONN`）；`/proc/net/tcp` 则把每个状态显示为十六进制编号（`01` ESTABLISHED … `0B` CLOSING）：",
  },
  ports: {
    client: "客户端",
    server: "服务端",
    title: "一条客户端连接的四元组",
    description: (p) =>
      `一条连接由四个数标识：客户端 IP ${p.clientIp}、客户端端口、服务端 IP ${p.serverIp}、服务端端口 ${p.serverPort}。` +
      `其中三个固定不变，只有客户端端口可以在 ${p.low} 到 ${p.high} 之间变化，共 ${p.ports} 个端口。` +
      `每条关闭的连接都会让它的四元组在客户端的 TIME-WAIT 中停留 ${p.seconds} 秒，` +
      `所以每秒最多只能向 ${p.serverIp}:${p.serverPort} 新建 ${p.perSecond} 条连接` +
      (p.destinations > 1 ? `，再乘以 ${p.destinations} 个目的地。` : "。"),
    varies: "唯一变化的部分",
    fixed: "固定",
    portsInRange: "范围内的端口数",
    tuplesTo: (destinations) => `连向 ${destinations} 个目的地的四元组`,
    heldFor: "每个四元组在 TIME-WAIT 中停留",
    seconds: (seconds) => `${seconds} 秒`,
    perSecond: "可持续的每秒新建连接数",
    caption: "当客户端先关闭时，每条结束的连接都会在整个 TIME-WAIT 期间占住自己的四元组，所以端口范围除以 TIME-WAIT 的时长，就是连向同一个服务端 ip:端口 的新建连接速率上限。",
  },
  scroll: {
    header: "TCP 首部示意图，可左右滚动",
    states: "TCP 状态图，可左右滚动",
    ladder: (title) => `${title}：示意图，可左右滚动`,
  },
};

export const diagramWords = defineWords<DiagramWords>({ en, zh });
