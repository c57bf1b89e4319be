import { describe, expect, it } from "vitest";
import { CaptureFormatError, CaptureReader, type CapturedPacket } from "@/domain/tcp/pcap";
import { concat } from "./helpers/bytes";
import { block, chunked, pcapFile, pcapngSection } from "./helpers/containers";

const packetA = Uint8Array.from([1, 2, 3, 4, 5]);
const packetB = Uint8Array.from([9, 8, 7]);

function readAll(bytes: Uint8Array, chunkSizes?: number[], limits?: ConstructorParameters<typeof CaptureReader>[0]) {
  const reader = new CaptureReader(limits);
  const packets: CapturedPacket[] = [];
  for (const chunk of chunkSizes ? chunked(bytes, chunkSizes) : [bytes]) packets.push(...reader.push(chunk));
  const warnings = reader.end();
  return { packets, warnings, reader };
}

function errorOf(run: () => unknown): CaptureFormatError {
  try {
    run();
  } catch (error) {
    if (error instanceof CaptureFormatError) return error;
    throw error;
  }
  throw new Error("expected a CaptureFormatError");
}

describe("pcap", () => {
  const records = [
    { seconds: 1_700_000_000, fraction: 123_456, data: packetA },
    { seconds: 1_700_000_001, fraction: 999_999, data: packetB, originalLength: 60 },
  ];

  it.each([
    ["little-endian", true],
    ["big-endian", false],
  ])("reads %s microsecond files", (_, littleEndian) => {
    const { packets, warnings, reader } = readAll(pcapFile({ littleEndian, linkType: 1, records }));
    expect(reader.format).toBe("pcap");
    expect(warnings).toEqual([]);
    expect(packets.map((p) => [p.frame, p.offset, p.timestamp, [...p.data], p.originalLength, p.linkType])).toEqual([
      [1, 24, { seconds: 1_700_000_000, nanoseconds: 123_456_000 }, [1, 2, 3, 4, 5], 5, 1],
      [2, 45, { seconds: 1_700_000_001, nanoseconds: 999_999_000 }, [9, 8, 7], 60, 1],
    ]);
  });

  it.each([
    ["little-endian", true],
    ["big-endian", false],
  ])("reads %s nanosecond files exactly", (_, littleEndian) => {
    const file = pcapFile({ littleEndian, nanosecond: true, linkType: 101, records: [{ seconds: 1_700_000_000, fraction: 123_456_789, data: packetA }] });
    expect(readAll(file).packets[0]?.timestamp).toEqual({ seconds: 1_700_000_000, nanoseconds: 123_456_789 });
  });

  it("reads Kuznetzov's modified pcap (24-byte record headers)", () => {
    const file = pcapFile({ linkType: 1, records: [] });
    new DataView(file.buffer).setUint32(0, 0xa1b2cd34, true);
    const record = Uint8Array.from([1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 3, 0, 0, 0, ...new Array<number>(8).fill(0), 7, 7, 7]);
    const { packets } = readAll(concat(file, record));
    expect(packets.map((p) => [...p.data])).toEqual([[7, 7, 7]]);
  });

  it("keeps only the link type from the network field (upper bits carry FCS information)", () => {
    const file = pcapFile({ linkType: 0x1000_0001, records: [{ seconds: 0, fraction: 0, data: packetA }] });
    expect(readAll(file).packets[0]?.linkType).toBe(1);
  });

  it("gives the same packets whatever the chunk sizes", () => {
    const file = pcapFile({ linkType: 1, records });
    const whole = readAll(file).packets.map((p) => [p.frame, p.offset, [...p.data]]);
    for (const sizes of [[1], [3, 7], [16], [25, 1, 2]]) {
      expect(readAll(file, sizes).packets.map((p) => [p.frame, p.offset, [...p.data]])).toEqual(whole);
    }
  });

  it("returns a cut-off final record as a warning, with the records before it", () => {
    const file = pcapFile({ linkType: 1, records });
    const { packets, warnings } = readAll(file.subarray(0, file.length - 2));
    expect(packets).toHaveLength(1);
    expect(warnings).toEqual([
      { code: "truncated-record", offset: 45, params: { declared: 3, remain: 1 }, message: "truncated packet record at byte 45: header says 3 bytes, 1 remain" },
    ]);
  });

  it("returns a cut-off record header as a warning", () => {
    const file = pcapFile({ linkType: 1, records });
    expect(readAll(file.subarray(0, 50)).warnings).toEqual([
      { code: "truncated-record-header", offset: 45, params: { needed: 16, remain: 5 }, message: "truncated packet record header at byte 45: 16 bytes needed, 5 remain" },
    ]);
  });

  it("rejects a record longer than the packet limit, naming its offset", () => {
    const file = pcapFile({ linkType: 1, records: [{ seconds: 0, fraction: 0, data: packetA, capturedLength: 0x7fffffff }] });
    const error = errorOf(() => readAll(file));
    expect(error.offset).toBe(24);
    expect(error.message).toBe("packet record too large at byte 24: header says 2147483647 bytes captured, the limit is 262144");
  });

  it("rejects a cut-off file header and an unsupported version", () => {
    expect(errorOf(() => readAll(pcapFile({ linkType: 1, records: [] }).subarray(0, 10))).message).toBe(
      "truncated pcap file header at byte 0: 24 bytes needed, 10 present",
    );
    expect(errorOf(() => readAll(pcapFile({ linkType: 1, records: [], version: [3, 0] }))).message).toBe(
      "unsupported pcap version at byte 4: 3.0, expected 2.x",
    );
  });
});

describe("format detection", () => {
  it("rejects empty and tiny inputs", () => {
    expect(errorOf(() => readAll(new Uint8Array(0))).message).toBe("empty capture at byte 0: 0 bytes");
    expect(errorOf(() => readAll(Uint8Array.from([0xd4, 0xc3]))).message).toBe("too short to be a capture at byte 0: 2 bytes");
  });

  it("names what it found instead of a capture", () => {
    expect(errorOf(() => readAll(new TextEncoder().encode("hello world"))).message).toBe(
      "not a pcap or pcapng file at byte 0: it starts with 68 65 6c 6c",
    );
    expect(errorOf(() => readAll(Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0]))).message).toBe(
      "gzip-compressed data, not a capture at byte 0: decompress the file first",
    );
  });

  it("stays failed after an error and refuses input after end()", () => {
    const reader = new CaptureReader();
    expect(() => reader.push(new TextEncoder().encode("nope"))).toThrow(CaptureFormatError);
    expect(() => reader.push(new Uint8Array(10))).toThrow(CaptureFormatError);
    const ended = new CaptureReader();
    ended.push(pcapFile({ linkType: 1, records: [] }));
    ended.end();
    expect(() => ended.push(new Uint8Array(1))).toThrow("after end()");
  });
});

describe("pcapng", () => {
  it("reads enhanced packet blocks with the default microsecond resolution", () => {
    const file = pcapngSection([
      { kind: "interface", linkType: 1 },
      { kind: "enhanced", high: 0x00060a2e, low: 0x1f5c8d15, data: packetA, originalLength: 1514 },
    ]);
    const { packets, reader } = readAll(file);
    expect(reader.format).toBe("pcapng");
    // 0x00060a2e1f5c8d15 microseconds = 1700000000.123456789 s truncated to microseconds
    expect(packets[0]).toMatchObject({ frame: 1, linkType: 1, interfaceId: 0, originalLength: 1514 });
    expect(packets[0]?.timestamp).toEqual(microsecondsToTimestamp(0x00060a2e1f5c8d15n));
    expect([...(packets[0]?.data ?? [])]).toEqual([1, 2, 3, 4, 5]);
  });

  it("reads big-endian sections", () => {
    const file = pcapngSection([{ kind: "interface", linkType: 101 }, { kind: "enhanced", high: 0, low: 1_500_000, data: packetB }], false);
    const packet = readAll(file).packets[0];
    expect(packet?.linkType).toBe(101);
    expect(packet?.timestamp).toEqual({ seconds: 1, nanoseconds: 500_000_000 });
  });

  it.each([
    ["nanoseconds (10^-9)", 9, halves(1_620_000_000_987_654_837n), { seconds: 1_620_000_000, nanoseconds: 987_654_837 }],
    ["milliseconds (10^-3)", 3, [0, 1_234_567], { seconds: 1234, nanoseconds: 567_000_000 }],
    ["picoseconds (10^-12)", 12, [0, 2_500_000_000], { seconds: 0, nanoseconds: 2_500_000 }],
    ["2^-20 seconds", 0x80 | 20, [0, 5 * 2 ** 20 + 2 ** 19], { seconds: 5, nanoseconds: 500_000_000 }],
  ])("converts if_tsresol %s", (_, tsresol, [high, low], expected) => {
    const file = pcapngSection([
      { kind: "interface", linkType: 1, tsresol },
      { kind: "enhanced", high: high as number, low: low as number, data: packetA },
    ]);
    expect(readAll(file).packets[0]?.timestamp).toEqual(expected);
  });

  it("adds if_tsoffset seconds", () => {
    const file = pcapngSection([
      { kind: "interface", linkType: 1, tsoffset: 1_000_000_000 },
      { kind: "enhanced", high: 0, low: 2_000_001, data: packetA },
    ]);
    expect(readAll(file).packets[0]?.timestamp).toEqual({ seconds: 1_000_000_002, nanoseconds: 1_000 });
  });

  it("gives each packet the link type of its interface, and restarts interfaces with each section", () => {
    const file = concat(
      pcapngSection([
        { kind: "interface", linkType: 1 },
        { kind: "interface", linkType: 113, tsresol: 9 },
        { kind: "enhanced", interfaceId: 1, high: 0, low: 7, data: packetA },
        { kind: "enhanced", interfaceId: 0, high: 0, low: 7, data: packetB },
      ]),
      pcapngSection([{ kind: "interface", linkType: 276 }, { kind: "enhanced", high: 0, low: 7, data: packetA }], false),
    );
    const { packets } = readAll(file);
    expect(packets.map((p) => [p.frame, p.interfaceId, p.linkType, p.timestamp?.nanoseconds])).toEqual([
      [1, 1, 113, 7],
      [2, 0, 1, 7000],
      [3, 0, 276, 7000],
    ]);
  });

  it("reads simple packet blocks: interface 0, no timestamp, captured length bounded by the snaplen", () => {
    const data = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const limited = pcapngSection([{ kind: "interface", linkType: 1, snaplen: 6 }, { kind: "simple", data: data.subarray(0, 6), originalLength: 8 }]);
    const unlimited = pcapngSection([{ kind: "interface", linkType: 1, snaplen: 0 }, { kind: "simple", data }]);
    expect(readAll(limited).packets.map((p) => [p.timestamp, p.data.length, p.originalLength])).toEqual([[null, 6, 8]]);
    expect(readAll(unlimited).packets.map((p) => [p.data.length, p.originalLength])).toEqual([[8, 8]]);
  });

  it("reads obsolete packet blocks", () => {
    const file = pcapngSection([{ kind: "interface", linkType: 1 }, { kind: "obsolete", high: 0, low: 3_000_000, data: packetB }]);
    expect(readAll(file).packets.map((p) => [p.timestamp?.seconds, [...p.data]])).toEqual([[3, [9, 8, 7]]]);
  });

  it("skips blocks it does not read, even when streamed in small chunks", () => {
    const file = pcapngSection([
      { kind: "interface", linkType: 1 },
      { kind: "other", type: 4, body: new Uint8Array(40) },
      { kind: "other", type: 0x40000bad, body: new Uint8Array(1000) },
      { kind: "enhanced", high: 0, low: 1, data: packetA },
      { kind: "other", type: 5, body: new Uint8Array(20) },
    ]);
    for (const sizes of [[1], [5, 13], [4096]]) {
      const { packets, warnings } = readAll(file, sizes);
      expect(warnings).toEqual([]);
      expect(packets.map((p) => [...p.data])).toEqual([[1, 2, 3, 4, 5]]);
    }
  });

  it("skips a large unknown block without buffering it", () => {
    const big = 8 << 20;
    const file = pcapngSection([
      { kind: "interface", linkType: 1 },
      { kind: "other", type: 0x00000bad, body: new Uint8Array(big) },
      { kind: "enhanced", high: 0, low: 1, data: packetA },
    ]);
    const reader = new CaptureReader();
    let most = 0;
    const packets: CapturedPacket[] = [];
    for (const chunk of chunked(file, [65536])) {
      packets.push(...reader.push(chunk));
      most = Math.max(most, reader.bufferedBytes);
    }
    reader.end();
    expect(packets).toHaveLength(1);
    expect(most).toBeLessThanOrEqual(65536);
  });

  it("reports a block cut off by the end of the file as a warning", () => {
    const file = pcapngSection([{ kind: "interface", linkType: 1 }, { kind: "enhanced", high: 0, low: 1, data: packetA }]);
    expect(readAll(file.subarray(0, file.length - 3)).warnings).toEqual([
      { code: "truncated-block", offset: 48, params: { declared: 40, remain: 37 }, message: "truncated block at byte 48: header says 40 bytes, 37 remain" },
    ]);
    const skipping = pcapngSection([{ kind: "interface", linkType: 1 }, { kind: "other", type: 4, body: new Uint8Array(100) }]);
    expect(readAll(skipping.subarray(0, skipping.length - 50), [60]).warnings).toEqual([
      { code: "truncated-block", offset: 48, params: { declared: 112 }, message: "truncated block at byte 48: header says 112 bytes, the file ends first" },
    ]);
  });

  describe("rejects malformed blocks, naming the offset", () => {
    const header = pcapngSection([{ kind: "interface", linkType: 1 }]);
    const at = header.length;
    const cases: [string, Uint8Array, string][] = [
      ["a length that is not a multiple of 4", concat(header, block(true, 6, new Uint8Array(30), 42)), `bad enhanced packet block length at byte ${at}: 42 bytes; blocks are at least 12 bytes and a multiple of 4`],
      ["a length below 12", concat(header, block(true, 99, new Uint8Array(0), 8)), `bad block (type 0x00000063) length at byte ${at}: 8 bytes; blocks are at least 12 bytes and a multiple of 4`],
      ["a trailer that disagrees", concat(header, block(true, 6, new Uint8Array(24), undefined, 99)), `block length mismatch at byte ${at}: header says 36, trailer says 99`],
      ["a packet block below its minimum", concat(header, block(true, 6, new Uint8Array(4))), `enhanced packet block too short at byte ${at}: block length 16, minimum 32`],
      ["a block above the size limit", concat(header, block(true, 6, new Uint8Array(2 << 20))), `enhanced packet block too large at byte ${at}: block length 2097164, the limit is 1048576`],
    ];
    it.each(cases)("%s", (_, file, message) => {
      expect(errorOf(() => readAll(file)).message).toBe(message);
    });

    it("a packet on an undeclared interface", () => {
      const file = pcapngSection([{ kind: "interface", linkType: 1 }, { kind: "enhanced", interfaceId: 2, high: 0, low: 0, data: packetA }]);
      expect(errorOf(() => readAll(file)).message).toBe(
        `packet block refers to an undeclared interface at byte ${at}: interface 2, the section declares 1`,
      );
    });

    it("captured bytes beyond the block, or beyond the packet limit", () => {
      const overrun = pcapngSection([{ kind: "interface", linkType: 1 }, { kind: "enhanced", high: 0, low: 0, data: packetA, capturedLength: 64 }]);
      expect(errorOf(() => readAll(overrun)).message).toBe(`packet data runs past the end of its block at byte ${at}: 64 bytes captured, block length 40`);
      const huge = pcapngSection([{ kind: "interface", linkType: 1 }, { kind: "enhanced", high: 0, low: 0, data: packetA, capturedLength: 0xffffffff }]);
      expect(errorOf(() => readAll(huge)).message).toBe(`packet too large at byte ${at}: 4294967295 bytes captured, the limit is 262144`);
    });

    it("a bad byte-order magic or version", () => {
      const badMagic = pcapngSection([]);
      new DataView(badMagic.buffer).setUint32(8, 0x12345678, true);
      expect(errorOf(() => readAll(badMagic)).message).toBe("bad byte-order magic in section header block at byte 8: 0x12345678");
      const badVersion = pcapngSection([]);
      new DataView(badVersion.buffer).setUint16(12, 2, true);
      expect(errorOf(() => readAll(badVersion)).message).toBe("unsupported pcapng version at byte 12: 2.0, expected 1.x");
    });

    it("an interface option longer than its block", () => {
      const body = Uint8Array.from([1, 0, 0, 0, 0, 0, 4, 0, 9, 0, 200, 0, 9, 0, 0, 0]);
      const file = concat(pcapngSection([]), block(true, 1, body));
      expect(errorOf(() => readAll(file)).message).toBe("option runs past the end of its block at byte 44: option 9 says 200 bytes, 4 remain");
    });

    it("more interfaces than the limit", () => {
      const file = pcapngSection([
        { kind: "interface", linkType: 1 },
        { kind: "interface", linkType: 1 },
      ]);
      expect(errorOf(() => readAll(file, undefined, { limits: { maxInterfaces: 1 } })).message).toBe(
        "too many interfaces in one section at byte 48: the limit is 1",
      );
    });
  });
});

describe("memory", () => {
  it("holds back at most one unfinished record besides the chunk being pushed", () => {
    const data = new Uint8Array(1000);
    const file = pcapFile({ linkType: 1, records: Array.from({ length: 50 }, () => ({ seconds: 0, fraction: 0, data })) });
    const reader = new CaptureReader();
    for (const chunk of chunked(file, [333, 1, 4096])) {
      reader.push(chunk);
      expect(reader.bufferedBytes).toBeLessThan(1016 + 4096);
    }
  });
});

function halves(value: bigint): [number, number] {
  return [Number(value >> 32n), Number(value & 0xffffffffn)];
}

function microsecondsToTimestamp(value: bigint) {
  return { seconds: Number(value / 1_000_000n), nanoseconds: Number(value % 1_000_000n) * 1000 };
}
