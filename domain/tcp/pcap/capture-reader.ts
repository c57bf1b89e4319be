import type { CaptureFormat, CapturedPacket } from "./captured-packet";
import type { ContainerParser } from "./container/container-parser";
import { isPcapMagic, PcapParser } from "./container/pcap-parser";
import { BlockType, PcapngParser } from "./container/pcapng-parser";
import { CaptureFormatError, formatError, type CaptureWarning } from "./errors";
import { DEFAULT_LIMITS, type CaptureLimits } from "./limits";

export interface CaptureReaderOptions {
  limits?: Partial<CaptureLimits>;
  /**
   * `read()` may hand over every packet in the same object, filled again for the next one (pcap
   * files): for a caller that keeps nothing of a packet once its visit returns. `push()` always
   * returns packets of their own.
   */
  reusePackets?: boolean;
}

const MAGIC_BYTES = 4;

/**
 * Reads a pcap or pcapng file pushed in chunks of any size (a Node stream, File.slice() in a
 * browser, or the whole file at once) and returns the packet records as they complete.
 *
 * Memory: the reader keeps at most the bytes of one unfinished record or block (bounded by the
 * limits) plus the chunk being pushed; bodies of pcapng blocks it does not read are skipped
 * without being kept. Returned packets are views into the pushed chunks; the reader itself keeps
 * no reference to a chunk once push() returns, so a caller may reuse its read buffer if it does
 * not keep the packets.
 *
 * A final record cut off by the end of the file is not an error: `end()` returns it as a
 * warning. Anything malformed throws CaptureFormatError, after which the reader stays failed.
 */
export class CaptureReader {
  private readonly limits: CaptureLimits;
  private parser: ContainerParser | null = null;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /** Bytes needed in `pending` before the parser can make progress. */
  private needed = MAGIC_BYTES;
  /** File offset of the first pending byte (or, while skipping, of the byte after the skip). */
  private offset = 0;
  private skipRemaining = 0;
  private totalBytes = 0;
  private failure: CaptureFormatError | null = null;
  private ended = false;
  private readonly warningList: CaptureWarning[] = [];

  private readonly reusePackets: boolean;

  constructor(options: CaptureReaderOptions = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.reusePackets = options.reusePackets ?? false;
  }

  /** "pcap" or "pcapng" once the first four bytes have been seen. */
  get format(): CaptureFormat | undefined {
    return this.parser?.format;
  }

  /** Bytes pushed so far. */
  get bytesRead(): number {
    return this.totalBytes;
  }

  /** Bytes held back waiting for the rest of a record or block. */
  get bufferedBytes(): number {
    return this.pendingBytes;
  }

  get warnings(): readonly CaptureWarning[] {
    return this.warningList;
  }

  /** Feeds the next bytes; returns the packets they complete. */
  push(chunk: Uint8Array): CapturedPacket[] {
    const packets: CapturedPacket[] = [];
    const visit = this.reusePackets ? (packet: CapturedPacket) => packets.push(copyOf(packet)) : (packet: CapturedPacket) => packets.push(packet);
    this.read(chunk, visit);
    return packets;
  }

  /** Like push(), but hands each packet to `visit` as soon as it is parsed. */
  read(chunk: Uint8Array, visit: (packet: CapturedPacket) => void): void {
    if (this.failure) throw this.failure;
    if (this.ended) throw new Error("CaptureReader.push() after end()");
    this.totalBytes += chunk.length;
    try {
      this.consume(plainView(chunk), visit);
    } catch (error) {
      if (error instanceof CaptureFormatError) this.failure = error;
      throw error;
    }
  }

  /** Ends the input; returns the warnings (a cut-off final record among them). */
  end(): readonly CaptureWarning[] {
    if (this.failure) throw this.failure;
    if (this.ended) return this.warningList;
    this.ended = true;
    try {
      if (this.parser === null) {
        throw formatError(this.pendingBytes === 0 ? "empty-capture" : "too-short", 0, { bytes: this.pendingBytes });
      }
      const warning = this.parser.finish(concatenate(this.pending, this.pendingBytes), this.offset);
      if (warning) this.warningList.push(warning);
    } catch (error) {
      if (error instanceof CaptureFormatError) this.failure = error;
      throw error;
    }
    return this.warningList;
  }

  private consume(chunk: Uint8Array, visit: (packet: CapturedPacket) => void): void {
    while (chunk.length > 0) {
      if (this.skipRemaining > 0) {
        const skipped = Math.min(this.skipRemaining, chunk.length);
        this.skipRemaining -= skipped;
        chunk = chunk.subarray(skipped);
        continue;
      }
      if (this.pendingBytes === 0) {
        // Nothing held back: the chunk is parsed where it is.
        if (chunk.length < this.needed) this.keep(chunk, this.needed);
        else this.parseUnits(chunk, visit);
        return;
      }
      // A unit began in an earlier chunk: it gets a copy of just the bytes it still needs, not of
      // the whole chunk, whose rest is then parsed where it is.
      const take = Math.min(chunk.length, this.needed - this.pendingBytes);
      this.pending.push(chunk.slice(0, take));
      this.pendingBytes += take;
      chunk = chunk.subarray(take);
      if (this.pendingBytes < this.needed) return;
      this.parseUnits(concatenate(this.pending, this.pendingBytes), visit);
    }
  }

  /** Parses the whole units of `bytes` (which start at file offset `offset`) and keeps a copy of an unfinished one. */
  private parseUnits(bytes: Uint8Array, visit: (packet: CapturedPacket) => void): void {
    this.parser ??= this.detectFormat(bytes);
    let start = 0;
    for (;;) {
      const progress = this.parser.parse(bytes, start, this.offset, visit);
      const afterSkip = progress.position + progress.skip;
      if (progress.skip > 0 && afterSkip <= bytes.length) {
        start = afterSkip;
        continue;
      }
      if (progress.skip > 0) {
        this.skipRemaining = afterSkip - bytes.length;
        this.offset += afterSkip;
        this.keep(bytes.subarray(bytes.length), progress.needed);
      } else {
        this.offset += progress.position;
        this.keep(bytes.subarray(progress.position), progress.needed);
      }
      return;
    }
  }

  /** Keeps a copy of the unfinished unit, so callers may reuse their chunk buffers. */
  private keep(rest: Uint8Array, needed: number): void {
    this.pending = rest.length > 0 ? [rest.slice()] : [];
    this.pendingBytes = rest.length;
    this.needed = needed;
  }

  private detectFormat(bytes: Uint8Array): ContainerParser {
    const view = new DataView(bytes.buffer, bytes.byteOffset, MAGIC_BYTES);
    const magic = view.getUint32(0, true);
    if (isPcapMagic(magic)) return new PcapParser(this.limits, this.reusePackets);
    if (magic === BlockType.SECTION_HEADER) return new PcapngParser(this.limits);
    const first = Array.from(bytes.subarray(0, MAGIC_BYTES), (b) => b.toString(16).padStart(2, "0")).join(" ");
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      throw formatError("gzip-compressed", 0, {});
    }
    throw formatError("not-a-capture", 0, { firstBytes: first });
  }
}

/** A packet of its own, from one the reader may fill again. */
function copyOf(packet: CapturedPacket): CapturedPacket {
  const { frame, offset, timestamp, linkType, interfaceId, data, originalLength } = packet;
  return { frame, offset, timestamp: timestamp && { ...timestamp }, linkType, interfaceId, data, originalLength };
}

/**
 * A plain Uint8Array over the same bytes: subclasses such as Node's Buffer make every packet's
 * subarray() slower, and packets should look the same in Node and in a browser.
 */
function plainView(chunk: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(chunk) === Uint8Array.prototype ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function concatenate(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1 && parts[0] !== undefined) return parts[0];
  const joined = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}
