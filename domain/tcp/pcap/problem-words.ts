/**
 * The capture reader's problems and connection notes in words, English and Chinese side by side.
 * A problem reads `<problem> at byte <offset>[: <detail>]` ("第 <offset> 字节处：<problem>（<detail>）"):
 * the offset is the reader's own, so a reader can look at that spot with a hex viewer. The English
 * is what the CLI prints and the analysis JSON carries (`message`).
 */
import type { Locale } from "@/domain/locale";
import { defineWords } from "@/domain/words";
import { linkTypeName } from "./link-types";
import type { CaptureNoteCode, CaptureProblem, NoteCode, NoteParams, PcapngBlock, ProblemCode, ProblemParams } from "./problems";

/** A problem's two parts: what is wrong, and the numbers that show it. */
export interface ProblemPhrase {
  what: string;
  detail?: string;
}

type PlacedCode = Exclude<ProblemCode, "more-warnings">;

export interface CaptureReaderWords {
  problems: { [C in PlacedCode]: (params: ProblemParams[C]) => ProblemPhrase };
  /** The phrase placed at its byte offset. */
  at: (offset: number, phrase: ProblemPhrase) => string;
  moreWarnings: (params: ProblemParams["more-warnings"]) => string;
  notes: { [C in NoteCode]: (params: NoteParams[C]) => string };
}

const hex = (value: number) => `0x${value.toString(16).padStart(8, "0")}`;

const BLOCK_EN = {
  "section-header": "section header block",
  "interface-description": "interface description block",
  packet: "packet block",
  "simple-packet": "simple packet block",
  "enhanced-packet": "enhanced packet block",
} as const;
const BLOCK_ZH: Record<keyof typeof BLOCK_EN, string> = {
  "section-header": "节头块",
  "interface-description": "接口描述块",
  packet: "分组块",
  "simple-packet": "简单分组块",
  "enhanced-packet": "增强分组块",
};
const blockEn = ({ kind, type }: PcapngBlock) => (kind === "other" ? `block (type ${hex(type)})` : BLOCK_EN[kind]);
const blockZh = ({ kind, type }: PcapngBlock) => (kind === "other" ? `块（类型 ${hex(type)}）` : BLOCK_ZH[kind]);
const ROLE_ZH = { client: "客户端", server: "服务端" } as const;

export const captureReaderWords = defineWords<CaptureReaderWords>({
  en: {
    problems: {
      "empty-capture": ({ bytes }) => ({ what: "empty capture", detail: `${bytes} bytes` }),
      "too-short": ({ bytes }) => ({ what: "too short to be a capture", detail: `${bytes} bytes` }),
      "gzip-compressed": () => ({ what: "gzip-compressed data, not a capture", detail: "decompress the file first" }),
      "not-a-capture": ({ firstBytes }) => ({ what: "not a pcap or pcapng file", detail: `it starts with ${firstBytes}` }),
      "truncated-pcap-header": ({ needed, present }) => ({ what: "truncated pcap file header", detail: `${needed} bytes needed, ${present} present` }),
      "unsupported-pcap-version": ({ major, minor }) => ({ what: "unsupported pcap version", detail: `${major}.${minor}, expected 2.x` }),
      "unsupported-pcapng-version": ({ major, minor }) => ({ what: "unsupported pcapng version", detail: `${major}.${minor}, expected 1.x` }),
      "truncated-record-header": ({ needed, remain }) => ({ what: "truncated packet record header", detail: `${needed} bytes needed, ${remain} remain` }),
      "truncated-record": ({ declared, remain }) => ({ what: "truncated packet record", detail: `header says ${declared} bytes, ${remain} remain` }),
      "record-too-large": ({ captured, limit }) => ({
        what: "packet record too large",
        detail: `header says ${captured} bytes captured, the limit is ${limit}`,
      }),
      "truncated-block-header": ({ needed, remain }) => ({ what: "truncated block header", detail: `${needed} bytes needed, ${remain} remain` }),
      "truncated-block": ({ declared, remain }) => ({
        what: "truncated block",
        detail: remain === undefined ? `header says ${declared} bytes, the file ends first` : `header says ${declared} bytes, ${remain} remain`,
      }),
      "truncated-section-header": ({ present }) => ({ what: "truncated section header block", detail: `${present} bytes present` }),
      "data-before-section": ({ blockType }) => ({ what: "pcapng data before any section header block", detail: `block type ${hex(blockType)}` }),
      "bad-byte-order-magic": ({ magic }) => ({ what: "bad byte-order magic in section header block", detail: hex(magic) }),
      "bad-block-length": ({ block, length }) => ({
        what: `bad ${blockEn(block)} length`,
        detail: `${length} bytes; blocks are at least 12 bytes and a multiple of 4`,
      }),
      "block-length-mismatch": ({ header, trailer }) => ({ what: "block length mismatch", detail: `header says ${header}, trailer says ${trailer}` }),
      "block-too-short": ({ block, length, minimum }) => ({ what: `${blockEn(block)} too short`, detail: `block length ${length}, minimum ${minimum}` }),
      "block-too-large": ({ block, length, limit }) => ({ what: `${blockEn(block)} too large`, detail: `block length ${length}, the limit is ${limit}` }),
      "option-overrun": ({ option, declared, remain }) => ({
        what: "option runs past the end of its block",
        detail: `option ${option} says ${declared} bytes, ${remain} remain`,
      }),
      "undeclared-interface": ({ interfaceId, declared }) => ({
        what: "packet block refers to an undeclared interface",
        detail: `interface ${interfaceId}, the section declares ${declared}`,
      }),
      "packet-overrun": ({ captured, blockLength }) => ({
        what: "packet data runs past the end of its block",
        detail: `${captured} bytes captured, block length ${blockLength}`,
      }),
      "packet-too-large": ({ captured, limit }) => ({ what: "packet too large", detail: `${captured} bytes captured, the limit is ${limit}` }),
      "too-many-interfaces": ({ limit }) => ({ what: "too many interfaces in one section", detail: `the limit is ${limit}` }),
      "fragments-skipped": ({ count }) => ({ what: "IP fragments skipped", detail: `${count} non-first fragments carry no TCP header` }),
      "malformed-packet": ({ frame, reason }) => ({ what: `malformed packet (frame ${frame})`, detail: reason }),
      "unsupported-link-type": ({ linkType }) => ({ what: `${linkTypeName(linkType)} is not supported`, detail: "its packets are skipped" }),
      "no-timestamps": () => ({ what: "packets without timestamps (pcapng simple packet blocks)", detail: "they get the previous packet's time" }),
    },
    at: (offset, { what, detail }) => `${what} at byte ${offset}${detail ? `: ${detail}` : ""}`,
    moreWarnings: ({ count }) => `${count} more warnings not shown`,
    notes: {
      "starts-after-syn": () => "the capture starts after the client's SYN: the client is the receiver of the first SYN+ACK",
      "mid-connection-first-segment": ({ client }) =>
        `the capture starts mid-connection: both ends are assumed ESTABLISHED; the client is ${client} because it sent the first captured segment (no SYN and no telling port)`,
      "mid-connection-port": ({ client, port }) =>
        `the capture starts mid-connection: both ends are assumed ESTABLISHED; the client is ${client} because port ${port} looks like the service port`,
      "fragmented-segments": () => "some segments came in fragmented IP datagrams: their len covers the first fragment only",
      "tuple-reused": ({ frame }) => `its 4-tuple is reused by a new connection from frame ${frame}`,
      "syn-unanswered": ({ role, count }) =>
        `the ${role} never answered the ${count === 1 ? "SYN" : `${count} SYNs`} it was sent: its states assume ${count === 1 ? "it" : "they"} never arrived`,
      "silent-end": ({ role, state }) => `the ${role} sent nothing: its state before the first segment (${state}) is assumed`,
      "rst-ignored": ({ segment, role }) => `segment ${segment}: the ${role} ignores a RST outside the expected sequence number (RFC 5961)`,
    },
  },
  zh: {
    problems: {
      "empty-capture": ({ bytes }) => ({ what: "抓包文件是空的", detail: `${bytes} 字节` }),
      "too-short": ({ bytes }) => ({ what: "文件太短，不可能是抓包文件", detail: `${bytes} 字节` }),
      "gzip-compressed": () => ({ what: "这是 gzip 压缩的数据，不是抓包文件", detail: "请先解压缩" }),
      "not-a-capture": ({ firstBytes }) => ({ what: "不是 pcap 或 pcapng 文件", detail: `文件开头是 ${firstBytes}` }),
      "truncated-pcap-header": ({ needed, present }) => ({ what: "pcap 文件头不完整", detail: `需要 ${needed} 字节，只剩 ${present} 字节` }),
      "unsupported-pcap-version": ({ major, minor }) => ({ what: "不支持的 pcap 版本", detail: `版本 ${major}.${minor}，应为 2.x` }),
      "unsupported-pcapng-version": ({ major, minor }) => ({ what: "不支持的 pcapng 版本", detail: `版本 ${major}.${minor}，应为 1.x` }),
      "truncated-record-header": ({ needed, remain }) => ({ what: "分组记录头不完整", detail: `需要 ${needed} 字节，只剩 ${remain} 字节` }),
      "truncated-record": ({ declared, remain }) => ({ what: "分组记录不完整", detail: `头部声明 ${declared} 字节，只剩 ${remain} 字节` }),
      "record-too-large": ({ captured, limit }) => ({ what: "分组记录过大", detail: `头部声明抓取了 ${captured} 字节，上限是 ${limit}` }),
      "truncated-block-header": ({ needed, remain }) => ({ what: "块头不完整", detail: `需要 ${needed} 字节，只剩 ${remain} 字节` }),
      "truncated-block": ({ declared, remain }) => ({
        what: "块不完整",
        detail: remain === undefined ? `头部声明 ${declared} 字节，文件却先结束了` : `头部声明 ${declared} 字节，只剩 ${remain} 字节`,
      }),
      "truncated-section-header": ({ present }) => ({ what: "节头块不完整", detail: `只有 ${present} 字节` }),
      "data-before-section": ({ blockType }) => ({ what: "在任何节头块之前出现了 pcapng 数据", detail: `块类型 ${hex(blockType)}` }),
      "bad-byte-order-magic": ({ magic }) => ({ what: "节头块中的字节序魔数错误", detail: hex(magic) }),
      "bad-block-length": ({ block, length }) => ({ what: `${blockZh(block)}的长度错误`, detail: `${length} 字节；块至少 12 字节，并且是 4 的倍数` }),
      "block-length-mismatch": ({ header, trailer }) => ({ what: "块长度前后不一致", detail: `头部是 ${header}，尾部是 ${trailer}` }),
      "block-too-short": ({ block, length, minimum }) => ({ what: `${blockZh(block)}过短`, detail: `块长度 ${length}，最小应为 ${minimum}` }),
      "block-too-large": ({ block, length, limit }) => ({ what: `${blockZh(block)}过大`, detail: `块长度 ${length}，上限是 ${limit}` }),
      "option-overrun": ({ option, declared, remain }) => ({ what: "选项超出了所在块的末尾", detail: `选项 ${option} 声明 ${declared} 字节，只剩 ${remain} 字节` }),
      "undeclared-interface": ({ interfaceId, declared }) => ({ what: "分组块引用了一个未声明的接口", detail: `接口 ${interfaceId}，而这个节只声明了 ${declared} 个` }),
      "packet-overrun": ({ captured, blockLength }) => ({ what: "分组数据超出了所在块的末尾", detail: `抓取了 ${captured} 字节，块长度却是 ${blockLength}` }),
      "packet-too-large": ({ captured, limit }) => ({ what: "分组过大", detail: `抓取了 ${captured} 字节，上限是 ${limit}` }),
      "too-many-interfaces": ({ limit }) => ({ what: "一个节中的接口太多", detail: `上限是 ${limit}` }),
      "fragments-skipped": ({ count }) => ({ what: "跳过了 IP 分片", detail: `${count} 个非首分片不含 TCP 首部` }),
      // The decoder's reason names header fields and their values: it stays as written.
      "malformed-packet": ({ frame, reason }) => ({ what: `第 ${frame} 帧是畸形分组`, detail: reason }),
      "unsupported-link-type": ({ linkType }) => ({ what: `不支持 ${linkTypeName(linkType)}`, detail: "这些分组被跳过" }),
      "no-timestamps": () => ({ what: "分组没有时间戳（pcapng 简单分组块）", detail: "它们沿用前一个分组的时间" }),
    },
    at: (offset, { what, detail }) => `第 ${offset} 字节处：${what}${detail ? `（${detail}）` : ""}`,
    moreWarnings: ({ count }) => `另有 ${count} 条警告未显示`,
    notes: {
      "starts-after-syn": () => "抓包开始于客户端的 SYN 之后：第一个 SYN+ACK 的接收方被认作客户端",
      "mid-connection-first-segment": ({ client }) =>
        `抓包开始于连接中途：假定两端都处于 ESTABLISHED；客户端被认作 ${client}，因为它发出了抓到的第一个报文段（既没有 SYN，端口也看不出角色）`,
      "mid-connection-port": ({ client, port }) =>
        `抓包开始于连接中途：假定两端都处于 ESTABLISHED；客户端被认作 ${client}，因为 ${port} 端口看起来是服务端口`,
      "fragmented-segments": () => "有些报文段来自分片的 IP 数据报：它们的 len 只计入了第一个分片",
      "tuple-reused": ({ frame }) => `从第 ${frame} 帧起，它的四元组被一条新连接复用`,
      "syn-unanswered": ({ role, count }) =>
        `${ROLE_ZH[role]}从未回应发给它的${count === 1 ? "" : ` ${count} 个`} SYN：推断它的状态时，假定这些 SYN 从未到达`,
      "silent-end": ({ role, state }) => `${ROLE_ZH[role]}什么也没有发送：它在第一个报文段之前的状态（${state}）是推测的`,
      "rst-ignored": ({ segment, role }) => `报文段 ${segment}：${ROLE_ZH[role]}忽略了一个不在预期序列号上的 RST（RFC 5961）`,
    },
  },
});

/** A problem of the reader in `locale`, at its byte offset (a dropped-warnings count stands alone). */
export function problemText(problem: CaptureProblem, locale: Locale): string {
  const words = captureReaderWords(locale);
  if (problem.code === "more-warnings") return words.moreWarnings(problem.params);
  const phrase = words.problems[problem.code] as (params: typeof problem.params) => ProblemPhrase;
  return words.at(problem.offset, phrase(problem.params));
}

/** A connection note in `locale`. */
export function noteText(note: CaptureNoteCode, locale: Locale): string {
  const write = captureReaderWords(locale).notes[note.code] as (params: typeof note.params) => string;
  return write(note.params);
}
