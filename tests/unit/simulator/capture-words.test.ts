/**
 * The capture reader's problems and connection notes, worded from their codes: the English the
 * CLI prints (and the analysis JSON carries) and the Chinese of the capture viewer and the capture
 * challenges. Every problem and note the reader can report is listed, in both languages.
 */
import { describe, expect, it } from "vitest";
import {
  analyzeCapture,
  CaptureFormatError,
  captureReaderWords,
  noteText,
  problemText,
  type CaptureNoteCode,
  type CaptureProblem,
  type NoteCode,
  type ProblemCode,
} from "@/domain/tcp/pcap";

const PROBLEMS: [CaptureProblem, string, string][] = [
    [{ code: "empty-capture", offset: 0, params: { bytes: 0 } }, "empty capture at byte 0: 0 bytes", "第 0 字节处：抓包文件是空的（0 字节）"],
    [{ code: "too-short", offset: 0, params: { bytes: 2 } }, "too short to be a capture at byte 0: 2 bytes", "第 0 字节处：文件太短，不可能是抓包文件（2 字节）"],
    [{ code: "gzip-compressed", offset: 0, params: {} }, "gzip-compressed data, not a capture at byte 0: decompress the file first", "第 0 字节处：这是 gzip 压缩的数据，不是抓包文件（请先解压缩）"],
    [{ code: "not-a-capture", offset: 0, params: { firstBytes: "68 65 6c 6c" } }, "not a pcap or pcapng file at byte 0: it starts with 68 65 6c 6c", "第 0 字节处：不是 pcap 或 pcapng 文件（文件开头是 68 65 6c 6c）"],
    [{ code: "truncated-pcap-header", offset: 0, params: { needed: 24, present: 10 } }, "truncated pcap file header at byte 0: 24 bytes needed, 10 present", "第 0 字节处：pcap 文件头不完整（需要 24 字节，只剩 10 字节）"],
    [{ code: "unsupported-pcap-version", offset: 4, params: { major: 3, minor: 0 } }, "unsupported pcap version at byte 4: 3.0, expected 2.x", "第 4 字节处：不支持的 pcap 版本（版本 3.0，应为 2.x）"],
    [{ code: "unsupported-pcapng-version", offset: 12, params: { major: 2, minor: 0 } }, "unsupported pcapng version at byte 12: 2.0, expected 1.x", "第 12 字节处：不支持的 pcapng 版本（版本 2.0，应为 1.x）"],
    [{ code: "truncated-record-header", offset: 45, params: { needed: 16, remain: 5 } }, "truncated packet record header at byte 45: 16 bytes needed, 5 remain", "第 45 字节处：分组记录头不完整（需要 16 字节，只剩 5 字节）"],
    [{ code: "truncated-record", offset: 45, params: { declared: 3, remain: 1 } }, "truncated packet record at byte 45: header says 3 bytes, 1 remain", "第 45 字节处：分组记录不完整（头部声明 3 字节，只剩 1 字节）"],
    [{ code: "record-too-large", offset: 24, params: { captured: 2147483647, limit: 262144 } }, "packet record too large at byte 24: header says 2147483647 bytes captured, the limit is 262144", "第 24 字节处：分组记录过大（头部声明抓取了 2147483647 字节，上限是 262144）"],
    [{ code: "truncated-block-header", offset: 48, params: { needed: 8, remain: 3 } }, "truncated block header at byte 48: 8 bytes needed, 3 remain", "第 48 字节处：块头不完整（需要 8 字节，只剩 3 字节）"],
    [{ code: "truncated-block", offset: 48, params: { declared: 40, remain: 37 } }, "truncated block at byte 48: header says 40 bytes, 37 remain", "第 48 字节处：块不完整（头部声明 40 字节，只剩 37 字节）"],
    [{ code: "truncated-block", offset: 48, params: { declared: 112 } }, "truncated block at byte 48: header says 112 bytes, the file ends first", "第 48 字节处：块不完整（头部声明 112 字节，文件却先结束了）"],
    [{ code: "truncated-section-header", offset: 0, params: { present: 20 } }, "truncated section header block at byte 0: 20 bytes present", "第 0 字节处：节头块不完整（只有 20 字节）"],
    [{ code: "data-before-section", offset: 0, params: { blockType: 6 } }, "pcapng data before any section header block at byte 0: block type 0x00000006", "第 0 字节处：在任何节头块之前出现了 pcapng 数据（块类型 0x00000006）"],
    [{ code: "bad-byte-order-magic", offset: 8, params: { magic: 305419896 } }, "bad byte-order magic in section header block at byte 8: 0x12345678", "第 8 字节处：节头块中的字节序魔数错误（0x12345678）"],
    [{ code: "bad-block-length", offset: 28, params: { block: { kind: "enhanced-packet", type: 6 }, length: 42 } }, "bad enhanced packet block length at byte 28: 42 bytes; blocks are at least 12 bytes and a multiple of 4", "第 28 字节处：增强分组块的长度错误（42 字节；块至少 12 字节，并且是 4 的倍数）"],
    [{ code: "bad-block-length", offset: 28, params: { block: { kind: "other", type: 99 }, length: 8 } }, "bad block (type 0x00000063) length at byte 28: 8 bytes; blocks are at least 12 bytes and a multiple of 4", "第 28 字节处：块（类型 0x00000063）的长度错误（8 字节；块至少 12 字节，并且是 4 的倍数）"],
    [{ code: "bad-block-length", offset: 28, params: { block: { kind: "section-header", type: 168627466 }, length: 8 } }, "bad section header block length at byte 28: 8 bytes; blocks are at least 12 bytes and a multiple of 4", "第 28 字节处：节头块的长度错误（8 字节；块至少 12 字节，并且是 4 的倍数）"],
    [{ code: "bad-block-length", offset: 28, params: { block: { kind: "interface-description", type: 1 }, length: 8 } }, "bad interface description block length at byte 28: 8 bytes; blocks are at least 12 bytes and a multiple of 4", "第 28 字节处：接口描述块的长度错误（8 字节；块至少 12 字节，并且是 4 的倍数）"],
    [{ code: "bad-block-length", offset: 28, params: { block: { kind: "packet", type: 2 }, length: 8 } }, "bad packet block length at byte 28: 8 bytes; blocks are at least 12 bytes and a multiple of 4", "第 28 字节处：分组块的长度错误（8 字节；块至少 12 字节，并且是 4 的倍数）"],
    [{ code: "bad-block-length", offset: 28, params: { block: { kind: "simple-packet", type: 3 }, length: 8 } }, "bad simple packet block length at byte 28: 8 bytes; blocks are at least 12 bytes and a multiple of 4", "第 28 字节处：简单分组块的长度错误（8 字节；块至少 12 字节，并且是 4 的倍数）"],
    [{ code: "block-length-mismatch", offset: 28, params: { header: 36, trailer: 99 } }, "block length mismatch at byte 28: header says 36, trailer says 99", "第 28 字节处：块长度前后不一致（头部是 36，尾部是 99）"],
    [{ code: "block-too-short", offset: 28, params: { block: { kind: "enhanced-packet", type: 6 }, length: 16, minimum: 32 } }, "enhanced packet block too short at byte 28: block length 16, minimum 32", "第 28 字节处：增强分组块过短（块长度 16，最小应为 32）"],
    [{ code: "block-too-large", offset: 28, params: { block: { kind: "enhanced-packet", type: 6 }, length: 2097164, limit: 1048576 } }, "enhanced packet block too large at byte 28: block length 2097164, the limit is 1048576", "第 28 字节处：增强分组块过大（块长度 2097164，上限是 1048576）"],
    [{ code: "block-too-short", offset: 28, params: { block: { kind: "other", type: 99 }, length: 16, minimum: 32 } }, "block (type 0x00000063) too short at byte 28: block length 16, minimum 32", "第 28 字节处：块（类型 0x00000063）过短（块长度 16，最小应为 32）"],
    [{ code: "option-overrun", offset: 44, params: { option: 9, declared: 200, remain: 4 } }, "option runs past the end of its block at byte 44: option 9 says 200 bytes, 4 remain", "第 44 字节处：选项超出了所在块的末尾（选项 9 声明 200 字节，只剩 4 字节）"],
    [{ code: "undeclared-interface", offset: 28, params: { interfaceId: 2, declared: 1 } }, "packet block refers to an undeclared interface at byte 28: interface 2, the section declares 1", "第 28 字节处：分组块引用了一个未声明的接口（接口 2，而这个节只声明了 1 个）"],
    [{ code: "packet-overrun", offset: 28, params: { captured: 64, blockLength: 40 } }, "packet data runs past the end of its block at byte 28: 64 bytes captured, block length 40", "第 28 字节处：分组数据超出了所在块的末尾（抓取了 64 字节，块长度却是 40）"],
    [{ code: "packet-too-large", offset: 28, params: { captured: 4294967295, limit: 262144 } }, "packet too large at byte 28: 4294967295 bytes captured, the limit is 262144", "第 28 字节处：分组过大（抓取了 4294967295 字节，上限是 262144）"],
    [{ code: "too-many-interfaces", offset: 48, params: { limit: 1 } }, "too many interfaces in one section at byte 48: the limit is 1", "第 48 字节处：一个节中的接口太多（上限是 1）"],
    [{ code: "fragments-skipped", offset: 0, params: { count: 1 } }, "IP fragments skipped at byte 0: 1 non-first fragments carry no TCP header", "第 0 字节处：跳过了 IP 分片（1 个非首分片不含 TCP 首部）"],
    [{ code: "malformed-packet", offset: 24, params: { frame: 1, reason: "TCP data offset 12 is below 20" } }, "malformed packet (frame 1) at byte 24: TCP data offset 12 is below 20", "第 24 字节处：第 1 帧是畸形分组（TCP data offset 12 is below 20）"],
    [{ code: "unsupported-link-type", offset: 68, params: { linkType: 147 } }, "link type 147 is not supported at byte 68: its packets are skipped", "第 68 字节处：不支持 link type 147（这些分组被跳过）"],
    [{ code: "unsupported-link-type", offset: 68, params: { linkType: 1 } }, "Ethernet is not supported at byte 68: its packets are skipped", "第 68 字节处：不支持 Ethernet（这些分组被跳过）"],
    [{ code: "no-timestamps", offset: 28, params: {} }, "packets without timestamps (pcapng simple packet blocks) at byte 28: they get the previous packet's time", "第 28 字节处：分组没有时间戳（pcapng 简单分组块）（它们沿用前一个分组的时间）"],
    [{ code: "more-warnings", offset: 0, params: { count: 2 } }, "2 more warnings not shown", "另有 2 条警告未显示"],
];

const NOTES: [CaptureNoteCode, string, string][] = [
    [{ code: "starts-after-syn", params: {} }, "the capture starts after the client's SYN: the client is the receiver of the first SYN+ACK", "抓包开始于客户端的 SYN 之后：第一个 SYN+ACK 的接收方被认作客户端"],
    [{ code: "mid-connection-first-segment", params: { client: "10.0.0.2:40000" } }, "the capture starts mid-connection: both ends are assumed ESTABLISHED; the client is 10.0.0.2:40000 because it sent the first captured segment (no SYN and no telling port)", "抓包开始于连接中途：假定两端都处于 ESTABLISHED；客户端被认作 10.0.0.2:40000，因为它发出了抓到的第一个报文段（既没有 SYN，端口也看不出角色）"],
    [{ code: "mid-connection-port", params: { client: "10.0.0.1:50123", port: 443 } }, "the capture starts mid-connection: both ends are assumed ESTABLISHED; the client is 10.0.0.1:50123 because port 443 looks like the service port", "抓包开始于连接中途：假定两端都处于 ESTABLISHED；客户端被认作 10.0.0.1:50123，因为 443 端口看起来是服务端口"],
    [{ code: "mid-connection-port", params: { client: "[::1]:50123", port: 443 } }, "the capture starts mid-connection: both ends are assumed ESTABLISHED; the client is [::1]:50123 because port 443 looks like the service port", "抓包开始于连接中途：假定两端都处于 ESTABLISHED；客户端被认作 [::1]:50123，因为 443 端口看起来是服务端口"],
    [{ code: "fragmented-segments", params: {} }, "some segments came in fragmented IP datagrams: their len covers the first fragment only", "有些报文段来自分片的 IP 数据报：它们的 len 只计入了第一个分片"],
    [{ code: "tuple-reused", params: { frame: 8 } }, "its 4-tuple is reused by a new connection from frame 8", "从第 8 帧起，它的四元组被一条新连接复用"],
    [{ code: "syn-unanswered", params: { role: "server", count: 1 } }, "the server never answered the SYN it was sent: its states assume it never arrived", "服务端从未回应发给它的 SYN：推断它的状态时，假定这些 SYN 从未到达"],
    [{ code: "syn-unanswered", params: { role: "client", count: 2 } }, "the client never answered the 2 SYNs it was sent: its states assume they never arrived", "客户端从未回应发给它的 2 个 SYN：推断它的状态时，假定这些 SYN 从未到达"],
    [{ code: "silent-end", params: { role: "server", state: "LISTEN" } }, "the server sent nothing: its state before the first segment (LISTEN) is assumed", "服务端什么也没有发送：它在第一个报文段之前的状态（LISTEN）是推测的"],
    [{ code: "rst-ignored", params: { segment: 3, role: "server" } }, "segment 3: the server ignores a RST outside the expected sequence number (RFC 5961)", "报文段 3：服务端忽略了一个不在预期序列号上的 RST（RFC 5961）"],
];

function formatErrorOf(bytes: Uint8Array): CaptureFormatError {
  try {
    analyzeCapture(bytes);
  } catch (error) {
    if (error instanceof CaptureFormatError) return error;
    throw error;
  }
  throw new Error("read without an error");
}

describe("the capture reader's words", () => {
  it("words every problem in English, as the reader always wrote it, and in Chinese, keeping the byte offset", () => {
    for (const [problem, en, zh] of PROBLEMS) {
      expect(problemText(problem, "en")).toBe(en);
      expect(problemText(problem, "zh")).toBe(zh);
    }
    const codes: ProblemCode[] = [...Object.keys(captureReaderWords("en").problems), "more-warnings"] as ProblemCode[];
    expect(new Set(PROBLEMS.map(([problem]) => problem.code))).toEqual(new Set(codes));
  });

  it("words every connection note in both languages", () => {
    for (const [note, en, zh] of NOTES) {
      expect(noteText(note, "en")).toBe(en);
      expect(noteText(note, "zh")).toBe(zh);
    }
    const codes = Object.keys(captureReaderWords("en").notes) as NoteCode[];
    expect(new Set(NOTES.map(([note]) => note.code))).toEqual(new Set(codes));
  });

  it("places a problem at its byte offset, and lets a count of dropped warnings stand alone", () => {
    const zh = captureReaderWords("zh");
    expect(zh.at(0, { what: zh.problems["empty-capture"]({ bytes: 0 }).what })).toBe("第 0 字节处：抓包文件是空的");
    expect(zh.at(812, { what: "something new" })).toBe("第 812 字节处：something new");
    expect(problemText({ code: "more-warnings", offset: 0, params: { count: 3 } }, "zh")).toBe("另有 3 条警告未显示");
  });

  it("keeps the decoder's own account of a malformed packet as written", () => {
    const malformed: CaptureProblem = { code: "malformed-packet", offset: 24, params: { frame: 1, reason: "TCP data offset 12 is below 20" } };
    expect(problemText(malformed, "zh")).toBe("第 24 字节处：第 1 帧是畸形分组（TCP data offset 12 is below 20）");
  });

  it("carries the code and numbers on the error the reader throws; its message is the English", () => {
    const error = formatErrorOf(new TextEncoder().encode("hello, not a capture"));
    expect(error.problem).toEqual({ code: "not-a-capture", offset: 0, params: { firstBytes: "68 65 6c 6c" } });
    expect(error.message).toBe("not a pcap or pcapng file at byte 0: it starts with 68 65 6c 6c");
    expect(problemText(error.problem, "zh")).toBe("第 0 字节处：不是 pcap 或 pcapng 文件（文件开头是 68 65 6c 6c）");
    expect(problemText(formatErrorOf(new Uint8Array(0)).problem, "zh")).toBe("第 0 字节处：抓包文件是空的（0 字节）");
  });

  it("serialises warnings and notes as the English the CLI has always printed", () => {
    const error = formatErrorOf(Uint8Array.from([0x1f, 0x8b, 0x08, 0x00]));
    expect(error.problem.code).toBe("gzip-compressed");
    const analysis = analyzeCapture(Uint8Array.from([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 1, 0, 0, 0, 1, 2, 3]));
    expect(analysis.warnings.map((warning) => warning.code)).toEqual(["truncated-record-header"]);
    expect(JSON.parse(JSON.stringify(analysis.warnings))).toEqual([
      { offset: 24, message: "truncated packet record header at byte 24: 16 bytes needed, 3 remain" },
    ]);
    expect(problemText(analysis.warnings[0]!, "zh")).toBe("第 24 字节处：分组记录头不完整（需要 16 字节，只剩 3 字节）");
  });
});
