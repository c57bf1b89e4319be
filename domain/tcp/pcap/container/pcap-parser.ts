import { ReusedPacket, type CapturedPacket } from "../captured-packet";
import { captureWarning, formatError, type CaptureWarning } from "../errors";
import type { CaptureLimits } from "../limits";
import { setTimestamp, timestamp } from "../timestamp";
import type { ContainerParser, ParseProgress } from "./container-parser";

const FILE_HEADER_BYTES = 24;

/** Magic numbers as read little-endian from the first four bytes. */
const MAGIC = {
  microLittle: 0xa1b2c3d4,
  microBig: 0xd4c3b2a1,
  nanoLittle: 0xa1b23c4d,
  nanoBig: 0x4d3cb2a1,
  /** Alexey Kuznetzov's patched libpcap: 8 more bytes per record header. */
  modifiedLittle: 0xa1b2cd34,
  modifiedBig: 0x34cdb2a1,
} as const;

const PCAP_MAGICS = new Set<number>(Object.values(MAGIC));

/** Whether the first four bytes of a file, read little-endian, are a pcap magic number. */
export function isPcapMagic(magicLittleEndian: number): boolean {
  return PCAP_MAGICS.has(magicLittleEndian);
}

interface PcapHeader {
  littleEndian: boolean;
  nanosecond: boolean;
  recordHeaderBytes: number;
  linkType: number;
}

/** Classic libpcap files: a 24-byte file header, then records of header + captured bytes. */
export class PcapParser implements ContainerParser {
  readonly format = "pcap" as const;
  private header: PcapHeader | null = null;
  private frames = 0;
  /** With `reuse`, every packet is handed over in this one object, filled again each time. */
  private readonly record: ReusedPacket | null;

  constructor(
    private readonly limits: CaptureLimits,
    reuse = false,
  ) {
    this.record = reuse ? new ReusedPacket() : null;
  }

  parse(bytes: Uint8Array, start: number, fileOffset: number, emit: (packet: CapturedPacket) => void): ParseProgress {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let position = start;
    if (this.header === null) {
      if (bytes.length - position < FILE_HEADER_BYTES) return { position, needed: FILE_HEADER_BYTES, skip: 0 };
      this.header = readFileHeader(view, position, fileOffset + position);
      position += FILE_HEADER_BYTES;
    }
    const header = this.header;
    position = this.readRecords(bytes, view, position, fileOffset, emit, header);
    // Stopped at a record the bytes do not hold whole (its length was checked): what it needs.
    const { recordHeaderBytes, littleEndian } = header;
    const needed =
      bytes.length - position < recordHeaderBytes ? recordHeaderBytes : recordHeaderBytes + view.getUint32(position + 8, littleEndian);
    return { position, needed, skip: 0 };
  }

  /**
   * Hands over every whole record from `position` on and returns where the first one the bytes do
   * not hold whole starts. The per-packet loop is a function of its own that returns a plain
   * number: V8 optimizes it while reading the first chunk, before the chunk's end was ever reached,
   * and making the result object there would throw that code away at the first chunk's end.
   */
  private readRecords(
    bytes: Uint8Array,
    view: DataView,
    start: number,
    fileOffset: number,
    emit: (packet: CapturedPacket) => void,
    header: PcapHeader,
  ): number {
    const { littleEndian, nanosecond, recordHeaderBytes, linkType } = header;
    for (let position = start; ; ) {
      const available = bytes.length - position;
      if (available < recordHeaderBytes) return position;
      const capturedLength = view.getUint32(position + 8, littleEndian);
      if (capturedLength > this.limits.maxPacketBytes) {
        throw formatError("record-too-large", fileOffset + position, { captured: capturedLength, limit: this.limits.maxPacketBytes });
      }
      const recordBytes = recordHeaderBytes + capturedLength;
      if (available < recordBytes) return position;
      const seconds = view.getUint32(position, littleEndian);
      const fraction = view.getUint32(position + 4, littleEndian);
      const originalLength = view.getUint32(position + 12, littleEndian);
      const record = this.record;
      if (record) {
        record.frame = ++this.frames;
        record.offset = fileOffset + position;
        setTimestamp(record.timestamp, seconds, nanosecond ? fraction : fraction * 1000);
        record.linkType = linkType;
        record.bytes = bytes;
        record.start = position + recordHeaderBytes;
        record.end = position + recordBytes;
        record.originalLength = originalLength;
        emit(record);
      } else {
        emit({
          frame: ++this.frames,
          offset: fileOffset + position,
          timestamp: timestamp(seconds, nanosecond ? fraction : fraction * 1000),
          linkType,
          interfaceId: 0,
          data: bytes.subarray(position + recordHeaderBytes, position + recordBytes),
          originalLength,
        });
      }
      position += recordBytes;
    }
  }

  finish(unconsumed: Uint8Array, fileOffset: number): CaptureWarning | null {
    if (this.header === null) {
      throw formatError("truncated-pcap-header", fileOffset, { needed: FILE_HEADER_BYTES, present: unconsumed.length });
    }
    if (unconsumed.length === 0) return null;
    const { recordHeaderBytes, littleEndian } = this.header;
    if (unconsumed.length < recordHeaderBytes) {
      return captureWarning("truncated-record-header", fileOffset, { needed: recordHeaderBytes, remain: unconsumed.length });
    }
    const view = new DataView(unconsumed.buffer, unconsumed.byteOffset, unconsumed.byteLength);
    const capturedLength = view.getUint32(8, littleEndian);
    return captureWarning("truncated-record", fileOffset, { declared: capturedLength, remain: unconsumed.length - recordHeaderBytes });
  }
}

function readFileHeader(view: DataView, position: number, offset: number): PcapHeader {
  const magic = view.getUint32(position, true);
  const littleEndian = magic === MAGIC.microLittle || magic === MAGIC.nanoLittle || magic === MAGIC.modifiedLittle;
  const nanosecond = magic === MAGIC.nanoLittle || magic === MAGIC.nanoBig;
  const modified = magic === MAGIC.modifiedLittle || magic === MAGIC.modifiedBig;
  const major = view.getUint16(position + 4, littleEndian);
  const minor = view.getUint16(position + 6, littleEndian);
  if (major !== 2) {
    throw formatError("unsupported-pcap-version", offset + 4, { major, minor });
  }
  return {
    littleEndian,
    nanosecond,
    recordHeaderBytes: modified ? 24 : 16,
    // The upper bits of this field carry FCS information (pcap spec, LinkType and additional information).
    linkType: view.getUint32(position + 20, littleEndian) & 0xffff,
  };
}
