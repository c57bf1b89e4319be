/**
 * Real captures that ship with the course, recorded with tcpdump on loopback of this project's
 * Linux machine (scripts/record-tcp-timings.py, tests/fixtures/tcp/captures/). Copies live in
 * public/captures/ with a manifest.json that mirrors this list (a unit test keeps them equal).
 * Each sample's title and description are declared in both languages side by side.
 */
import type { Locale } from "@/domain/locale";

export interface CaptureSampleText {
  title: string;
  description: string;
}

export interface CaptureSample {
  id: string;
  /** File name under /captures/. */
  file: string;
  text: Record<Locale, CaptureSampleText>;
  /** The committed fixture it is a copy of. */
  source: string;
}

const sample = (id: string, text: Record<Locale, CaptureSampleText>): CaptureSample => ({
  id,
  file: `${id}.pcap`,
  text,
  source: `tests/fixtures/tcp/captures/${id}.pcap`,
});

export const CAPTURE_SAMPLES: readonly CaptureSample[] = [
  sample("passive-close-delayed", {
    en: { title: "Four-way close", description: "A request of 100 bytes, then the client closes; the server's application closes half a second later, so its ACK and its FIN are separate segments." },
    zh: { title: "四次挥手", description: "先发一个 100 字节的请求，然后客户端关闭；服务端的应用半秒后才关闭，所以它的 ACK 和 FIN 是两个单独的报文段。" },
  }),
  sample("passive-close-immediate", {
    en: { title: "Three-segment close", description: "The server's application closes as soon as it reads the end of file, so its FIN carries the ACK of the client's FIN." },
    zh: { title: "三个报文段的关闭", description: "服务端的应用一读到文件结束就关闭，所以它的 FIN 捎带了对客户端 FIN 的确认。" },
  }),
  sample("half-close", {
    en: { title: "Half-close", description: "The client shuts down its sending side; the server keeps sending data for half a second, then closes." },
    zh: { title: "半关闭", description: "客户端关闭了自己的发送方向；服务端又继续发送了半秒数据，然后才关闭。" },
  }),
  sample("last-ack-retransmit", {
    en: { title: "Lost final ACKs", description: "The client's last ACKs were dropped before the server (by a firewall rule while recording): the server retransmits its FIN from LAST-ACK with exponential backoff, and TIME-WAIT answers each copy." },
    zh: { title: "最后的 ACK 丢失", description: "客户端最后的几个 ACK 在到达服务端之前被丢弃了（录制时用一条防火墙规则实现）：服务端在 LAST-ACK 中按指数退避重传它的 FIN，TIME-WAIT 则逐一回应每个副本。" },
  }),
  sample("simultaneous-open", {
    en: { title: "Simultaneous open", description: "Two sockets connect to each other at the same moment; their SYNs cross." },
    zh: { title: "同时打开", description: "两个套接字在同一时刻互相连接；它们的 SYN 在途中交错。" },
  }),
  sample("simultaneous-close", {
    en: { title: "Simultaneous close", description: "Both applications close at once; the FINs cross and both ends pass through CLOSING." },
    zh: { title: "同时关闭", description: "两端的应用同时关闭；两个 FIN 交错而过，两端都经过 CLOSING。" },
  }),
  sample("refused", {
    en: { title: "Refused connection", description: "A SYN to a port where nobody listens, answered with RST+ACK." },
    zh: { title: "连接被拒绝", description: "一个发往无人监听端口的 SYN，得到 RST+ACK 的回应。" },
  }),
  sample("abort", {
    en: { title: "Abort with RST", description: "The client closes with SO_LINGER set to 0: an RST instead of a FIN." },
    zh: { title: "用 RST 中止连接", description: "客户端在 SO_LINGER 设为 0 的情况下关闭：发出的是 RST 而不是 FIN。" },
  }),
  sample("syn-retries", {
    en: { title: "SYN retries", description: "Every SYN is dropped before the server (by a firewall rule while recording): Linux retransmits the SYN at growing intervals until connect() gives up." },
    zh: { title: "SYN 重试", description: "每个 SYN 在到达服务端之前都被丢弃了（录制时用一条防火墙规则实现）：Linux 以越来越长的间隔重传 SYN，直到 connect() 放弃。" },
  }),
];

export function findCaptureSample(id: string): CaptureSample | null {
  return CAPTURE_SAMPLES.find((candidate) => candidate.id === id) ?? null;
}
