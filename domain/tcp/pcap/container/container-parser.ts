import type { CaptureFormat, CapturedPacket } from "../captured-packet";
import type { CaptureWarning } from "../errors";

/** Where a parse call stopped and what it needs next. */
export interface ParseProgress {
  /** Index in the input just after the last whole unit consumed. */
  position: number;
  /** Bytes, counted from `position`, needed before parsing can go on. */
  needed: number;
  /** Bytes to discard from `position` before the next call (a block body nobody reads). */
  skip: number;
}

/**
 * A container format (pcap, pcapng) as a resumable parser: the reader hands it contiguous
 * bytes; it emits whole packets and says how many bytes the next unit needs.
 */
export interface ContainerParser {
  readonly format: CaptureFormat;
  /**
   * Parses whole units from `bytes` starting at `start`, handing each packet to `emit`;
   * `fileOffset` is the file offset of bytes[0]. Throws CaptureFormatError on malformed input.
   */
  parse(bytes: Uint8Array, start: number, fileOffset: number, emit: (packet: CapturedPacket) => void): ParseProgress;
  /** At end of input: a warning if bytes are left over (a cut-off final unit), or a throw. */
  finish(unconsumed: Uint8Array, fileOffset: number): CaptureWarning | null;
}

/** Rounds a length up to a multiple of four (pcapng pads fields to 32 bits). */
export function padded(length: number): number {
  return length + ((4 - (length % 4)) % 4);
}
