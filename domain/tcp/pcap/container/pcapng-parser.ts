import type { CapturedPacket } from "../captured-packet";
import { captureWarning, formatError, type CaptureWarning } from "../errors";
import type { PcapngBlock } from "../problems";
import type { CaptureLimits } from "../limits";
import { fromUnits, MICROSECONDS, type TimestampResolution } from "../timestamp";
import { padded, type ContainerParser, type ParseProgress } from "./container-parser";

/** Block types (pcapng draft, section 11.1). */
export const BlockType = {
  SECTION_HEADER: 0x0a0d0d0a,
  INTERFACE_DESCRIPTION: 0x00000001,
  OBSOLETE_PACKET: 0x00000002,
  SIMPLE_PACKET: 0x00000003,
  ENHANCED_PACKET: 0x00000006,
} as const;

const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const BLOCK_HEADER_BYTES = 8;
const BLOCK_TRAILER_BYTES = 4;
/** Enough to read any block's type, length and (for a section header) byte-order magic. */
const BLOCK_PREFIX_BYTES = 12;

const MINIMUM_LENGTH = new Map<number, number>([
  [BlockType.SECTION_HEADER, 28],
  [BlockType.INTERFACE_DESCRIPTION, 20],
  [BlockType.OBSOLETE_PACKET, 32],
  [BlockType.SIMPLE_PACKET, 16],
  [BlockType.ENHANCED_PACKET, 32],
]);

const OPTION_END = 0;
const OPTION_IF_TSRESOL = 9;
const OPTION_IF_TSOFFSET = 14;

interface InterfaceDescription {
  linkType: number;
  snaplen: number;
  resolution: TimestampResolution;
  /** if_tsoffset: seconds added to every timestamp of the interface. */
  offsetSeconds: number;
}

/**
 * pcapng: a sequence of sections, each a section header block (which fixes the byte order)
 * followed by interface descriptions and packet blocks. Blocks of other types (name
 * resolution, statistics, custom, ...) are skipped without being buffered.
 */
export class PcapngParser implements ContainerParser {
  readonly format = "pcapng" as const;
  private littleEndian = true;
  private inSection = false;
  private interfaces: InterfaceDescription[] = [];
  private frames = 0;
  /** A block whose body is being skipped; its trailer is read next. */
  private skipped: { offset: number; length: number } | null = null;

  constructor(private readonly limits: CaptureLimits) {}

  parse(bytes: Uint8Array, start: number, fileOffset: number, emit: (packet: CapturedPacket) => void): ParseProgress {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let position = start;
    for (;;) {
      const available = bytes.length - position;
      if (this.skipped !== null) {
        if (available < BLOCK_TRAILER_BYTES) return { position, needed: BLOCK_TRAILER_BYTES, skip: 0 };
        this.checkTrailer(view, position, this.skipped.length, this.skipped.offset);
        position += BLOCK_TRAILER_BYTES;
        this.skipped = null;
        continue;
      }
      if (available < BLOCK_PREFIX_BYTES) return { position, needed: BLOCK_PREFIX_BYTES, skip: 0 };
      const blockOffset = fileOffset + position;
      const type = view.getUint32(position, this.littleEndian);
      if (type === BlockType.SECTION_HEADER) {
        this.littleEndian = readByteOrder(view, position, blockOffset);
      } else if (!this.inSection) {
        throw formatError("data-before-section", blockOffset, { blockType: type });
      }
      const length = view.getUint32(position + 4, this.littleEndian);
      checkLength(type, length, blockOffset);
      const minimum = MINIMUM_LENGTH.get(type);
      if (minimum === undefined) {
        if (available >= length) {
          this.checkTrailer(view, position + length - BLOCK_TRAILER_BYTES, length, blockOffset);
          position += length;
          continue;
        }
        this.skipped = { offset: blockOffset, length };
        return {
          position: position + BLOCK_HEADER_BYTES,
          needed: BLOCK_TRAILER_BYTES,
          skip: length - BLOCK_HEADER_BYTES - BLOCK_TRAILER_BYTES,
        };
      }
      if (length < minimum) {
        throw formatError("block-too-short", blockOffset, { block: blockOf(type), length, minimum });
      }
      if (length > this.limits.maxBlockBytes) {
        throw formatError("block-too-large", blockOffset, { block: blockOf(type), length, limit: this.limits.maxBlockBytes });
      }
      if (available < length) return { position, needed: length, skip: 0 };
      this.checkTrailer(view, position + length - BLOCK_TRAILER_BYTES, length, blockOffset);
      this.readBlock(type, { bytes, view, position, length, offset: blockOffset }, emit);
      position += length;
    }
  }

  finish(unconsumed: Uint8Array, fileOffset: number): CaptureWarning | null {
    if (!this.inSection) {
      throw formatError("truncated-section-header", fileOffset, { present: unconsumed.length });
    }
    if (this.skipped !== null) {
      return captureWarning("truncated-block", this.skipped.offset, { declared: this.skipped.length });
    }
    if (unconsumed.length === 0) return null;
    if (unconsumed.length < BLOCK_HEADER_BYTES) {
      return captureWarning("truncated-block-header", fileOffset, { needed: BLOCK_HEADER_BYTES, remain: unconsumed.length });
    }
    const view = new DataView(unconsumed.buffer, unconsumed.byteOffset, unconsumed.byteLength);
    const length = view.getUint32(4, this.littleEndian);
    return captureWarning("truncated-block", fileOffset, { declared: length, remain: unconsumed.length });
  }

  private readBlock(type: number, block: Block, emit: (packet: CapturedPacket) => void): void {
    switch (type) {
      case BlockType.SECTION_HEADER:
        return this.startSection(block);
      case BlockType.INTERFACE_DESCRIPTION:
        return this.addInterface(block);
      case BlockType.ENHANCED_PACKET:
        return this.readPacket(block, block.view.getUint32(block.position + 8, this.littleEndian), emit);
      case BlockType.OBSOLETE_PACKET:
        return this.readPacket(block, block.view.getUint16(block.position + 8, this.littleEndian), emit);
      case BlockType.SIMPLE_PACKET:
        return this.readSimplePacket(block, emit);
    }
  }

  private startSection({ view, position, offset }: Block): void {
    const major = view.getUint16(position + 12, this.littleEndian);
    const minor = view.getUint16(position + 14, this.littleEndian);
    if (major !== 1) {
      throw formatError("unsupported-pcapng-version", offset + 12, { major, minor });
    }
    this.inSection = true;
    this.interfaces = [];
  }

  private addInterface({ view, position, length, offset }: Block): void {
    if (this.interfaces.length >= this.limits.maxInterfaces) {
      throw formatError("too-many-interfaces", offset, { limit: this.limits.maxInterfaces });
    }
    const description: InterfaceDescription = {
      linkType: view.getUint16(position + 8, this.littleEndian),
      snaplen: view.getUint32(position + 12, this.littleEndian),
      resolution: MICROSECONDS,
      offsetSeconds: 0,
    };
    const end = position + length - BLOCK_TRAILER_BYTES;
    for (let at = position + 16; at + 4 <= end; ) {
      const code = view.getUint16(at, this.littleEndian);
      const valueLength = view.getUint16(at + 2, this.littleEndian);
      if (code === OPTION_END) break;
      const value = at + 4;
      if (value + valueLength > end) {
        throw formatError("option-overrun", offset + (at - position), { option: code, declared: valueLength, remain: end - value });
      }
      if (code === OPTION_IF_TSRESOL && valueLength >= 1) {
        description.resolution = resolutionOf(view.getUint8(value));
      } else if (code === OPTION_IF_TSOFFSET && valueLength >= 8) {
        description.offsetSeconds = Number(view.getBigInt64(value, this.littleEndian));
      }
      at = value + padded(valueLength);
    }
    this.interfaces.push(description);
  }

  private readPacket(block: Block, interfaceId: number, emit: (packet: CapturedPacket) => void): void {
    const { bytes, view, position, length, offset } = block;
    const description = this.interfaceFor(interfaceId, offset);
    const capturedLength = view.getUint32(position + 20, this.littleEndian);
    this.checkCapturedLength(capturedLength, 28 + padded(capturedLength) + BLOCK_TRAILER_BYTES, length, offset);
    const units = fromUnits(
      view.getUint32(position + 12, this.littleEndian),
      view.getUint32(position + 16, this.littleEndian),
      description.resolution,
    );
    emit({
      frame: ++this.frames,
      offset,
      timestamp: { seconds: units.seconds + description.offsetSeconds, nanoseconds: units.nanoseconds },
      linkType: description.linkType,
      interfaceId,
      data: bytes.subarray(position + 28, position + 28 + capturedLength),
      originalLength: view.getUint32(position + 24, this.littleEndian),
    });
  }

  /** Simple packet blocks belong to interface 0, carry no timestamp and no captured length. */
  private readSimplePacket(block: Block, emit: (packet: CapturedPacket) => void): void {
    const { bytes, view, position, length, offset } = block;
    const description = this.interfaceFor(0, offset);
    const originalLength = view.getUint32(position + 8, this.littleEndian);
    // pcapng: the captured length is the smaller of the original length and the snaplen (0: none).
    const capturedLength = description.snaplen === 0 ? originalLength : Math.min(originalLength, description.snaplen);
    this.checkCapturedLength(capturedLength, 12 + capturedLength + BLOCK_TRAILER_BYTES, length, offset);
    emit({
      frame: ++this.frames,
      offset,
      timestamp: null,
      linkType: description.linkType,
      interfaceId: 0,
      data: bytes.subarray(position + 12, position + 12 + capturedLength),
      originalLength,
    });
  }

  private interfaceFor(interfaceId: number, offset: number): InterfaceDescription {
    const description = this.interfaces[interfaceId];
    if (description === undefined) {
      throw formatError("undeclared-interface", offset, { interfaceId, declared: this.interfaces.length });
    }
    return description;
  }

  private checkCapturedLength(capturedLength: number, blockBytesNeeded: number, length: number, offset: number): void {
    if (capturedLength > this.limits.maxPacketBytes) {
      throw formatError("packet-too-large", offset, { captured: capturedLength, limit: this.limits.maxPacketBytes });
    }
    if (blockBytesNeeded > length) {
      throw formatError("packet-overrun", offset, { captured: capturedLength, blockLength: length });
    }
  }

  private checkTrailer(view: DataView, at: number, length: number, offset: number): void {
    const trailer = view.getUint32(at, this.littleEndian);
    if (trailer !== length) {
      throw formatError("block-length-mismatch", offset, { header: length, trailer });
    }
  }
}

interface Block {
  bytes: Uint8Array;
  view: DataView;
  /** Index of the block's first byte in `bytes`. */
  position: number;
  length: number;
  /** File offset of the block. */
  offset: number;
}

function readByteOrder(view: DataView, position: number, offset: number): boolean {
  const magic = view.getUint32(position + 8, true);
  if (magic === BYTE_ORDER_MAGIC) return true;
  if (magic === 0x4d3c2b1a) return false;
  throw formatError("bad-byte-order-magic", offset + 8, { magic });
}

function checkLength(type: number, length: number, offset: number): void {
  if (length < BLOCK_HEADER_BYTES + BLOCK_TRAILER_BYTES || length % 4 !== 0) {
    throw formatError("bad-block-length", offset, { block: blockOf(type), length });
  }
}

/** if_tsresol: the high bit selects a power of two, else a power of ten; the rest is the exponent. */
function resolutionOf(value: number): TimestampResolution {
  return value & 0x80 ? { base: 2, exponent: value & 0x7f } : { base: 10, exponent: value };
}

function blockOf(type: number): PcapngBlock {
  switch (type) {
    case BlockType.SECTION_HEADER:
      return { kind: "section-header", type };
    case BlockType.INTERFACE_DESCRIPTION:
      return { kind: "interface-description", type };
    case BlockType.OBSOLETE_PACKET:
      return { kind: "packet", type };
    case BlockType.SIMPLE_PACKET:
      return { kind: "simple-packet", type };
    case BlockType.ENHANCED_PACKET:
      return { kind: "enhanced-packet", type };
    default:
      return { kind: "other", type };
  }
}
