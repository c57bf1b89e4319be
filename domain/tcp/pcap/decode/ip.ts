import { formatIpv6 } from "./address";
import { readU16, readU32 } from "./link-layer";

/** An IPv4 address as its 32-bit value, an IPv6 address in RFC 5952 text. */
export type IpAddress = number | string;

export interface IpPacket {
  version: 4 | 6;
  source: IpAddress;
  destination: IpAddress;
  /** Upper-layer protocol number (after IPv6 extension headers). */
  protocol: number;
  /** Index in the frame where the upper-layer header starts. */
  payloadOffset: number;
  /** Upper-layer length according to the IP header (the capture may hold fewer bytes). */
  payloadLength: number;
  /** The datagram was fragmented and this is its first fragment: lengths cover this fragment only. */
  firstFragment: boolean;
}

export type IpResult =
  | { kind: "packet"; packet: IpPacket }
  | { kind: "non-first-fragment" }
  | { kind: "other"; reason: string }
  | { kind: "malformed"; reason: string };

const malformed = (reason: string): IpResult => ({ kind: "malformed", reason });

/** IPv4 (RFC 791): header options are stepped over by the header length. */
export function decodeIpv4(data: Uint8Array, at: number): IpResult {
  if (data.length < at + 20) return malformed(`IPv4 header needs 20 bytes, ${Math.max(0, data.length - at)} captured`);
  const first = data[at] ?? 0;
  if (first >> 4 !== 4) return malformed(`IP version ${first >> 4} in an IPv4 packet`);
  const headerLength = (first & 0x0f) * 4;
  if (headerLength < 20) return malformed(`IPv4 header length ${headerLength} is below 20`);
  if (data.length < at + headerLength) return malformed(`IPv4 header of ${headerLength} bytes cut by the capture`);
  let totalLength = readU16(data, at + 2);
  // 0 appears in captures taken before TCP segmentation offload filled it in.
  if (totalLength === 0) totalLength = data.length - at;
  if (totalLength < headerLength) return malformed(`IPv4 total length ${totalLength} is below the header length ${headerLength}`);
  const fragment = readU16(data, at + 6);
  const moreFragments = (fragment & 0x2000) !== 0;
  if ((fragment & 0x1fff) !== 0) return { kind: "non-first-fragment" };
  return {
    kind: "packet",
    packet: {
      version: 4,
      source: readU32(data, at + 12),
      destination: readU32(data, at + 16),
      protocol: data[at + 9] ?? 0,
      payloadOffset: at + headerLength,
      payloadLength: totalLength - headerLength,
      firstFragment: moreFragments,
    },
  };
}

const HOP_BY_HOP = 0;
const ROUTING = 43;
const FRAGMENT = 44;
const ESP = 50;
const AUTHENTICATION = 51;
const NO_NEXT_HEADER = 59;
const DESTINATION_OPTIONS = 60;
/** Extension headers with the common layout: next header, length in 8-octet units beyond the first. */
const GENERIC_EXTENSIONS = new Set([HOP_BY_HOP, ROUTING, DESTINATION_OPTIONS, 135 /* mobility */, 139 /* HIP */, 140 /* shim6 */]);

/** IPv6 (RFC 8200), following the chain of extension headers to the upper layer. */
export function decodeIpv6(data: Uint8Array, at: number): IpResult {
  if (data.length < at + 40) return malformed(`IPv6 header needs 40 bytes, ${Math.max(0, data.length - at)} captured`);
  const version = (data[at] ?? 0) >> 4;
  if (version !== 6) return malformed(`IP version ${version} in an IPv6 packet`);
  let next = data[at + 6] ?? 0;
  let offset = at + 40;
  // 0 with a hop-by-hop header is a jumbogram (RFC 2675): take the captured length.
  let remaining = readU16(data, at + 4) || data.length - offset;
  let firstFragment = false;
  for (;;) {
    let headerLength: number;
    if (GENERIC_EXTENSIONS.has(next) || next === AUTHENTICATION) {
      if (data.length < offset + 2) return malformed(`IPv6 extension header ${next} cut by the capture`);
      const units = data[offset + 1] ?? 0;
      headerLength = next === AUTHENTICATION ? (units + 2) * 4 : (units + 1) * 8;
    } else if (next === FRAGMENT) {
      if (data.length < offset + 8) return malformed("IPv6 fragment header cut by the capture");
      const fragment = readU16(data, offset + 2);
      if (fragment >> 3 !== 0) return { kind: "non-first-fragment" };
      firstFragment = (fragment & 1) === 1;
      headerLength = 8;
    } else if (next === ESP) {
      return { kind: "other", reason: "IPv6 payload encrypted with ESP" };
    } else if (next === NO_NEXT_HEADER) {
      return { kind: "other", reason: "IPv6 packet with no next header" };
    } else {
      break;
    }
    if (headerLength > remaining) return malformed(`IPv6 extension headers exceed the payload length`);
    next = data[offset] ?? 0;
    offset += headerLength;
    remaining -= headerLength;
  }
  return {
    kind: "packet",
    packet: {
      version: 6,
      source: formatIpv6(data, at + 8),
      destination: formatIpv6(data, at + 24),
      protocol: next,
      payloadOffset: offset,
      payloadLength: remaining,
      firstFragment,
    },
  };
}
