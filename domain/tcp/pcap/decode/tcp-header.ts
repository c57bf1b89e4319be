import { readU16, readU32 } from "./link-layer";

/** TCP header flag bits (RFC 9293 section 3.1; AE, formerly NS, from RFC 9768/3540). */
export const TcpFlag = {
  FIN: 0x001,
  SYN: 0x002,
  RST: 0x004,
  PSH: 0x008,
  ACK: 0x010,
  URG: 0x020,
  ECE: 0x040,
  CWR: 0x080,
  AE: 0x100,
} as const;

export interface SackBlock {
  left: number;
  right: number;
}

/** TCP options as carried; sequence numbers in SACK blocks are absolute here. */
export interface TcpOptions {
  mss?: number;
  /** The shift count as sent (RFC 7323 caps its use at 14). */
  windowScale?: number;
  sackPermitted?: true;
  sack?: SackBlock[];
  timestamps?: { value: number; echo: number };
  /** Number of NOP options. */
  nop?: number;
  /** An end-of-option-list option was present. */
  eol?: true;
  /** Options of other kinds, or of a known kind with an unexpected length. */
  unknown?: { kind: number; length: number }[];
  /** Why parsing stopped early, when the option bytes are malformed or cut by the capture. */
  malformed?: string;
}

export interface TcpHeader {
  sourcePort: number;
  destinationPort: number;
  sequenceNumber: number;
  acknowledgmentNumber: number;
  /** Data offset in bytes (20 to 60). */
  headerLength: number;
  /** The three reserved bits. */
  reserved: number;
  /** Flag bits, see TcpFlag. */
  flags: number;
  window: number;
  checksum: number;
  urgentPointer: number;
  /** Option kinds in the order they appear (1 = NOP, 0 = EOL). */
  optionKinds: number[];
  /** Undefined when the header carries no options. */
  options: TcpOptions | undefined;
  /** Payload length per the IP header (the capture may hold fewer bytes). */
  payloadLength: number;
}

export type TcpResult = { kind: "tcp"; header: TcpHeader } | { kind: "malformed"; reason: string };

const MINIMUM_HEADER = 20;

/** The TCP header at `at`, given the segment length the IP layer announced. */
export function decodeTcpHeader(data: Uint8Array, at: number, segmentLength: number): TcpResult {
  const captured = data.length - at;
  if (captured < MINIMUM_HEADER) return { kind: "malformed", reason: `TCP header needs 20 bytes, ${Math.max(0, captured)} captured` };
  const offsetByte = data[at + 12] ?? 0;
  const headerLength = (offsetByte >> 4) * 4;
  if (headerLength < MINIMUM_HEADER) return { kind: "malformed", reason: `TCP data offset ${headerLength} is below 20` };
  if (headerLength > segmentLength) {
    return { kind: "malformed", reason: `TCP header of ${headerLength} bytes in a segment of ${segmentLength}` };
  }
  const optionsEnd = at + Math.min(headerLength, captured);
  const optionKinds: number[] = [];
  const options = headerLength > MINIMUM_HEADER ? decodeOptions(data, at + MINIMUM_HEADER, optionsEnd, optionKinds) : undefined;
  if (options && optionsEnd < at + headerLength && options.malformed === undefined) options.malformed = "options cut by the capture";
  return {
    kind: "tcp",
    header: {
      sourcePort: readU16(data, at),
      destinationPort: readU16(data, at + 2),
      sequenceNumber: readU32(data, at + 4),
      acknowledgmentNumber: readU32(data, at + 8),
      headerLength,
      reserved: (offsetByte >> 1) & 0x07,
      flags: ((offsetByte & 0x01) << 8) | (data[at + 13] ?? 0),
      window: readU16(data, at + 14),
      checksum: readU16(data, at + 16),
      urgentPointer: readU16(data, at + 18),
      optionKinds,
      options,
      payloadLength: segmentLength - headerLength,
    },
  };
}

const EOL = 0;
const NOP = 1;
const MSS = 2;
const WINDOW_SCALE = 3;
const SACK_PERMITTED = 4;
const SACK = 5;
const TIMESTAMPS = 8;

function decodeOptions(data: Uint8Array, start: number, end: number, kinds: number[]): TcpOptions {
  const options: TcpOptions = {};
  for (let at = start; at < end; ) {
    const kind = data[at] ?? 0;
    kinds.push(kind);
    if (kind === EOL) {
      options.eol = true;
      break;
    }
    if (kind === NOP) {
      options.nop = (options.nop ?? 0) + 1;
      at++;
      continue;
    }
    if (at + 1 >= end) {
      options.malformed = `option kind ${kind} has no length byte`;
      break;
    }
    const length = data[at + 1] ?? 0;
    if (length < 2 || at + length > end) {
      options.malformed = `option kind ${kind} says ${length} bytes, ${end - at} remain`;
      break;
    }
    if (!readKnownOption(options, data, at, kind, length)) {
      (options.unknown ??= []).push({ kind, length });
    }
    at += length;
  }
  return options;
}

function readKnownOption(options: TcpOptions, data: Uint8Array, at: number, kind: number, length: number): boolean {
  switch (kind) {
    case MSS:
      if (length !== 4) return false;
      options.mss = readU16(data, at + 2);
      return true;
    case WINDOW_SCALE:
      if (length !== 3) return false;
      options.windowScale = data[at + 2] ?? 0;
      return true;
    case SACK_PERMITTED:
      if (length !== 2) return false;
      options.sackPermitted = true;
      return true;
    case SACK:
      if ((length - 2) % 8 !== 0) return false;
      options.sack = [];
      for (let block = at + 2; block < at + length; block += 8) {
        options.sack.push({ left: readU32(data, block), right: readU32(data, block + 4) });
      }
      return true;
    case TIMESTAMPS:
      if (length !== 10) return false;
      options.timestamps = { value: readU32(data, at + 2), echo: readU32(data, at + 6) };
      return true;
    default:
      return false;
  }
}
