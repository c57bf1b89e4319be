import { LinkType } from "../link-types";
import { formatEndpoint, formatIpv6 } from "./address";
import type { EndpointKey, TcpPacket } from "./decode-packet";
import { readU16, readU32 } from "./link-layer";
import { decodeTcpHeader, type TcpOptions } from "./tcp-header";

/**
 * What the connection analysis needs of one TCP segment, decoded into a record that is reused
 * from packet to packet: numbers only, so reading a capture allocates nothing per packet
 * (docs/capture-reader.md). `decodePacket` stays the reference decoder: `decodeSegment` handles
 * the common layouts itself and says when it cannot, and a test holds it equal to `decodePacket`
 * on every committed and fuzzed capture.
 */
export class SegmentRecord {
  // Fields that hold numbers beyond 2^30 (epoch seconds, IPv4 endpoint keys, 32-bit sequence
  // numbers and timestamps) start as -0, a double: a field that starts as a small integer is
  // widened by V8 the first time a larger number arrives, which throws away the optimized code of
  // every function that reads the record, mid-capture.
  frame = 0;
  /** Capture time. */
  seconds = -0;
  nanoseconds = 0;
  sourceKey: EndpointKey = -0;
  destinationKey: EndpointKey = -0;
  sourcePort = 0;
  destinationPort = 0;
  /** The IP datagram was fragmented: the payload length covers the first fragment only. */
  fragmented = false;
  flags = 0;
  seq = -0;
  ack = -0;
  window = 0;
  /** Payload bytes, per the IP header. */
  len = 0;
  /** The window scale option's shift as sent; -1 without one. */
  windowScale = -1;
  /** The timestamps option (RFC 7323). */
  hasTimestamps = false;
  tsval = -0;
  tsecr = -0;
  /** The packet's bytes (`bytes` from `start` to `end`) and where its TCP header starts in them, to read the options for output. */
  bytes: Uint8Array = EMPTY;
  start = 0;
  end = 0;
  tcpOffset = 0;
  /** The IP layer's segment length (TCP header and payload). */
  segmentLength = 0;
  /** The options as `decodePacket` gave them, when it decoded the packet (else read on demand). */
  decodedOptions: TcpOptions | undefined | null = null;

  /** All the options, as `decodeTcpHeader` decodes them (for the JSON and NDJSON output). */
  options(): TcpOptions | undefined {
    if (this.decodedOptions !== null) return this.decodedOptions;
    const tcp = decodeTcpHeader(this.bytes.subarray(this.start, this.end), this.tcpOffset, this.segmentLength);
    return tcp.kind === "tcp" ? tcp.header.options : undefined;
  }

  /** Fills the record from a packet `decodePacket` decoded. */
  fillFrom(packet: TcpPacket): void {
    const { tcp } = packet;
    this.sourceKey = packet.sourceKey;
    this.destinationKey = packet.destinationKey;
    this.sourcePort = tcp.sourcePort;
    this.destinationPort = tcp.destinationPort;
    this.fragmented = packet.fragmented;
    this.flags = tcp.flags;
    this.seq = tcp.sequenceNumber;
    this.ack = tcp.acknowledgmentNumber;
    this.window = tcp.window;
    this.len = tcp.payloadLength;
    this.windowScale = tcp.options?.windowScale ?? -1;
    const timestamps = tcp.options?.timestamps;
    this.hasTimestamps = timestamps !== undefined;
    this.tsval = timestamps?.value ?? 0;
    this.tsecr = timestamps?.echo ?? 0;
    this.decodedOptions = tcp.options;
  }
}

const EMPTY = new Uint8Array(0);
const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const IPPROTO_TCP = 6;
const WINDOW_SCALE = 3;
const TIMESTAMPS = 8;

/**
 * Decodes the usual layouts (Ethernet, Linux cooked or raw IP; IPv4 not fragmented beyond the
 * first fragment, IPv6 without extension headers; a well-formed TCP header) of the packet in
 * `bytes` from `start` to `end` into `record` and returns true. Returns false for anything else,
 * to be decided by `decodePacket`: other link types, VLAN tags, extension headers, fragments,
 * other protocols, malformed packets.
 */
export function decodeSegment(bytes: Uint8Array, start: number, end: number, linkType: number, record: SegmentRecord): boolean {
  let at: number;
  let version: number;
  switch (linkType) {
    case LinkType.ETHERNET:
      at = start + 14;
      if (end < at) return false;
      version = ipVersionOf(readU16(bytes, start + 12));
      break;
    case LinkType.LINUX_SLL:
      at = start + 16;
      if (end < at) return false;
      version = ipVersionOf(readU16(bytes, start + 14));
      break;
    case LinkType.LINUX_SLL2:
      at = start + 20;
      if (end < at) return false;
      version = ipVersionOf(readU16(bytes, start));
      break;
    case LinkType.RAW:
    case LinkType.RAW_BSD:
    case LinkType.RAW_OPENBSD:
      at = start;
      version = end > start ? bytes[start]! >> 4 : 0;
      break;
    case LinkType.IPV4:
      at = start;
      version = 4;
      break;
    case LinkType.IPV6:
      at = start;
      version = 6;
      break;
    default:
      return false;
  }

  let tcpAt: number;
  let segmentLength: number;
  if (version === 4) {
    if (end < at + 20) return false;
    const first = bytes[at]!;
    if (first >> 4 !== 4) return false;
    const headerLength = (first & 0x0f) * 4;
    if (headerLength < 20 || end < at + headerLength) return false;
    let totalLength = readU16(bytes, at + 2);
    if (totalLength === 0) totalLength = end - at;
    if (totalLength < headerLength) return false;
    const fragment = readU16(bytes, at + 6);
    if ((fragment & 0x1fff) !== 0 || bytes[at + 9] !== IPPROTO_TCP) return false;
    record.fragmented = (fragment & 0x2000) !== 0;
    tcpAt = at + headerLength;
    segmentLength = totalLength - headerLength;
    if (!decodeTcp(bytes, tcpAt, end, segmentLength, record)) return false;
    record.sourceKey = readU32(bytes, at + 12) * 65536 + record.sourcePort;
    record.destinationKey = readU32(bytes, at + 16) * 65536 + record.destinationPort;
  } else if (version === 6) {
    if (end < at + 40 || bytes[at]! >> 4 !== 6 || bytes[at + 6] !== IPPROTO_TCP) return false;
    tcpAt = at + 40;
    segmentLength = readU16(bytes, at + 4) || end - tcpAt;
    record.fragmented = false;
    if (!decodeTcp(bytes, tcpAt, end, segmentLength, record)) return false;
    record.sourceKey = formatEndpoint(formatIpv6(bytes, at + 8), record.sourcePort);
    record.destinationKey = formatEndpoint(formatIpv6(bytes, at + 24), record.destinationPort);
  } else {
    return false;
  }
  record.bytes = bytes;
  record.start = start;
  record.end = end;
  record.tcpOffset = tcpAt - start;
  record.segmentLength = segmentLength;
  record.decodedOptions = null;
  return true;
}

function ipVersionOf(ethertype: number): number {
  return ethertype === ETHERTYPE_IPV4 ? 4 : ethertype === ETHERTYPE_IPV6 ? 6 : 0;
}

/**
 * The TCP header at `at` (decodeTcpHeader's checks), with only the options the analysis reads:
 * window scale and timestamps, found as decodeTcpHeader finds them (it stops at the end of the
 * option list and at a malformed option, and takes an option of the wrong length as unknown).
 */
function decodeTcp(bytes: Uint8Array, at: number, end: number, segmentLength: number, record: SegmentRecord): boolean {
  const captured = end - at;
  if (captured < 20) return false;
  const offsetByte = bytes[at + 12]!;
  const headerLength = (offsetByte >> 4) * 4;
  if (headerLength < 20 || headerLength > segmentLength) return false;
  record.sourcePort = readU16(bytes, at);
  record.destinationPort = readU16(bytes, at + 2);
  record.seq = readU32(bytes, at + 4);
  record.ack = readU32(bytes, at + 8);
  record.flags = ((offsetByte & 0x01) << 8) | bytes[at + 13]!;
  record.window = readU16(bytes, at + 14);
  record.len = segmentLength - headerLength;
  record.windowScale = -1;
  record.hasTimestamps = false;
  const optionsEnd = at + Math.min(headerLength, captured);
  // Linux sends NOP, NOP, timestamps on every segment after the handshake: read them at once.
  if (
    optionsEnd - at === 32 &&
    bytes[at + 20] === 1 &&
    bytes[at + 21] === 1 &&
    bytes[at + 22] === TIMESTAMPS &&
    bytes[at + 23] === 10
  ) {
    record.hasTimestamps = true;
    record.tsval = readU32(bytes, at + 24);
    record.tsecr = readU32(bytes, at + 28);
    return true;
  }
  for (let option = at + 20; option < optionsEnd; ) {
    const kind = bytes[option]!;
    if (kind === 0) break;
    if (kind === 1) {
      option++;
      continue;
    }
    if (option + 1 >= optionsEnd) break;
    const optionLength = bytes[option + 1]!;
    if (optionLength < 2 || option + optionLength > optionsEnd) break;
    if (kind === WINDOW_SCALE && optionLength === 3) {
      record.windowScale = bytes[option + 2]!;
    } else if (kind === TIMESTAMPS && optionLength === 10) {
      record.hasTimestamps = true;
      record.tsval = readU32(bytes, option + 2);
      record.tsecr = readU32(bytes, option + 6);
    }
    option += optionLength;
  }
  return true;
}
