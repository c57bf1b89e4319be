/**
 * The capture reader's messages (domain/tcp/pcap) in Chinese, for the capture viewer on Chinese
 * pages. The reader writes `<problem> at byte <offset>[: <detail>]`; the byte offset is kept
 * exactly, so a reader can still look at that spot with a hex viewer. Known problems, details
 * and connection notes are translated by pattern; anything unknown keeps the reader's English
 * (tests/unit/simulator/capture-text.test.ts lists what is covered).
 */

import { applyTextRules, type TextRule } from "./text-rules";

const BLOCKS: Readonly<Record<string, string>> = {
  "section header block": "节头块",
  "interface description block": "接口描述块",
  "enhanced packet block": "增强分组块",
  "simple packet block": "简单分组块",
  "packet block": "分组块",
  "name resolution block": "名称解析块",
  "interface statistics block": "接口统计块",
};

const block = (name: string) => BLOCKS[name] ?? name.replace(/^block \(type (0x[0-9a-f]+)\)$/i, "块（类型 $1）");

const PROBLEMS: readonly TextRule[] = [
  [/^empty capture$/, () => "抓包文件是空的"],
  [/^too short to be a capture$/, () => "文件太短，不可能是抓包文件"],
  [/^gzip-compressed data, not a capture$/, () => "这是 gzip 压缩的数据，不是抓包文件"],
  [/^not a pcap or pcapng file$/, () => "不是 pcap 或 pcapng 文件"],
  [/^truncated pcap file header$/, () => "pcap 文件头不完整"],
  [/^unsupported pcap version$/, () => "不支持的 pcap 版本"],
  [/^unsupported pcapng version$/, () => "不支持的 pcapng 版本"],
  [/^truncated packet record header$/, () => "分组记录头不完整"],
  [/^truncated packet record$/, () => "分组记录不完整"],
  [/^packet record too large$/, () => "分组记录过大"],
  [/^truncated block header$/, () => "块头不完整"],
  [/^truncated block$/, () => "块不完整"],
  [/^truncated section header block$/, () => "节头块不完整"],
  [/^pcapng data before any section header block$/, () => "在任何节头块之前出现了 pcapng 数据"],
  [/^bad byte-order magic in section header block$/, () => "节头块中的字节序魔数错误"],
  [/^block length mismatch$/, () => "块长度前后不一致"],
  [/^option runs past the end of its block$/, () => "选项超出了所在块的末尾"],
  [/^packet block refers to an undeclared interface$/, () => "分组块引用了一个未声明的接口"],
  [/^packet data runs past the end of its block$/, () => "分组数据超出了所在块的末尾"],
  [/^packet too large$/, () => "分组过大"],
  [/^too many interfaces in one section$/, () => "一个节中的接口太多"],
  [/^IP fragments skipped$/, () => "跳过了 IP 分片"],
  [/^packets without timestamps \(pcapng simple packet blocks\)$/, () => "分组没有时间戳（pcapng 简单分组块）"],
  [/^malformed packet \(frame (\d+)\)$/, (frame) => `第 ${frame} 帧是畸形分组`],
  [/^(.+) is not supported$/, (what) => `不支持 ${what}`],
  [/^bad (.+) length$/, (name) => `${block(name)}的长度错误`],
  [/^(.+) too large$/, (name) => `${block(name)}过大`],
  [/^(.+) too short$/, (name) => `${block(name)}过短`],
];

const DETAILS: readonly TextRule[] = [
  [/^decompress the file first$/, () => "请先解压缩"],
  [/^it starts with (.+)$/, (first) => `文件开头是 ${first}`],
  [/^(\d+) bytes$/, (n) => `${n} 字节`],
  [/^(\d+) bytes needed, (\d+) (?:remain|present)$/, (needed, left) => `需要 ${needed} 字节，只剩 ${left} 字节`],
  [/^(\d+) bytes present$/, (n) => `只有 ${n} 字节`],
  [/^header says (\d+) bytes, (\d+) remain$/, (said, left) => `头部声明 ${said} 字节，只剩 ${left} 字节`],
  [/^header says (\d+) bytes, the file ends first$/, (said) => `头部声明 ${said} 字节，文件却先结束了`],
  [/^header says (\d+) bytes captured, the limit is (\d+)$/, (said, limit) => `头部声明抓取了 ${said} 字节，上限是 ${limit}`],
  [/^header says (\d+), trailer says (\d+)$/, (head, tail) => `头部是 ${head}，尾部是 ${tail}`],
  [/^(\d+) bytes captured, the limit is (\d+)$/, (n, limit) => `抓取了 ${n} 字节，上限是 ${limit}`],
  [/^(\d+) bytes captured, block length (\d+)$/, (n, length) => `抓取了 ${n} 字节，块长度却是 ${length}`],
  [/^block length (\d+), minimum (\d+)$/, (length, minimum) => `块长度 ${length}，最小应为 ${minimum}`],
  [/^block length (\d+), the limit is (\d+)$/, (length, limit) => `块长度 ${length}，上限是 ${limit}`],
  [/^(\d+) bytes; blocks are at least 12 bytes and a multiple of 4$/, (n) => `${n} 字节；块至少 12 字节，并且是 4 的倍数`],
  [/^block type (0x[0-9a-f]+)$/i, (type) => `块类型 ${type}`],
  [/^(\d+)\.(\d+), expected (\d)\.x$/, (major, minor, expected) => `版本 ${major}.${minor}，应为 ${expected}.x`],
  [/^option (\d+) says (\d+) bytes, (\d+) remain$/, (code, said, left) => `选项 ${code} 声明 ${said} 字节，只剩 ${left} 字节`],
  [/^interface (\d+), the section declares (\d+)$/, (id, count) => `接口 ${id}，而这个节只声明了 ${count} 个`],
  [/^the limit is (\d+)$/, (limit) => `上限是 ${limit}`],
  [/^its packets are skipped$/, () => "这些分组被跳过"],
  [/^they get the previous packet's time$/, () => "它们沿用前一个分组的时间"],
  [/^(\d+) non-first fragments carry no TCP header$/, (n) => `${n} 个非首分片不含 TCP 首部`],
];

const NOTES: readonly TextRule[] = [
  [/^its 4-tuple is reused by a new connection from frame (\d+)$/, (frame) => `从第 ${frame} 帧起，它的四元组被一条新连接复用`],
  [
    /^some segments came in fragmented IP datagrams: their len covers the first fragment only$/,
    () => "有些报文段来自分片的 IP 数据报：它们的 len 只计入了第一个分片",
  ],
  [/^the capture starts after the client's SYN: the client is the receiver of the first SYN\+ACK$/, () => "抓包开始于客户端的 SYN 之后：第一个 SYN+ACK 的接收方被认作客户端"],
  [
    /^the capture starts mid-connection: both ends are assumed ESTABLISHED; the client is (\S+) because it sent the first captured segment \(no SYN and no telling port\)$/,
    (client) => `抓包开始于连接中途：假定两端都处于 ESTABLISHED；客户端被认作 ${client}，因为它发出了抓到的第一个报文段（既没有 SYN，端口也看不出角色）`,
  ],
  [
    /^the capture starts mid-connection: both ends are assumed ESTABLISHED; the client is (\S+) because port (\d+) looks like the service port$/,
    (client, port) => `抓包开始于连接中途：假定两端都处于 ESTABLISHED；客户端被认作 ${client}，因为 ${port} 端口看起来是服务端口`,
  ],
  [
    /^the (client|server) never answered the (?:SYN|(\d+) SYNs) it was sent: its states assume (?:it|they) never arrived$/,
    (role, count) => `${role === "client" ? "客户端" : "服务端"}从未回应发给它的${count ? ` ${count} 个` : ""} SYN：推断它的状态时，假定这些 SYN 从未到达`,
  ],
  [
    /^the (client|server) sent nothing: its state before the first segment \((\S+)\) is assumed$/,
    (role, state) => `${role === "client" ? "客户端" : "服务端"}什么也没有发送：它在第一个报文段之前的状态（${state}）是推测的`,
  ],
  [
    /^segment (\d+): the (client|server) ignores a RST outside the expected sequence number \(RFC 5961\)$/,
    (segment, role) => `报文段 ${segment}：${role === "client" ? "客户端" : "服务端"}忽略了一个不在预期序列号上的 RST（RFC 5961）`,
  ],
  [/^(\d+) more warnings not shown$/, (n) => `另有 ${n} 条警告未显示`],
];

/**
 * A reader error or warning in Chinese: "第 812 字节处：分组记录不完整（头部声明 60 字节，只剩 12
 * 字节）". The offset is the reader's own; unknown parts stay in English.
 */
export function captureMessageZh(message: string): string {
  const note = applyTextRules(NOTES, message);
  if (note !== null) return note;
  const parts = /^(.*) at byte (\d+)(?:: (.*))?$/s.exec(message);
  if (parts === null) return message;
  const [, problem = "", offset = "", detail] = parts;
  const problemZh = applyTextRules(PROBLEMS, problem) ?? problem;
  const detailZh = detail === undefined ? null : (applyTextRules(DETAILS, detail) ?? detail);
  return `第 ${offset} 字节处：${problemZh}${detailZh === null ? "" : `（${detailZh}）`}`;
}

/** A note of the connection analysis in Chinese (or as it is, when it is not known). */
export function captureNoteZh(note: string): string {
  return applyTextRules(NOTES, note) ?? note;
}
