import type { CapturedPacket } from "../captured-packet";
import { formatEndpoint, formatIpv4 } from "./address";
import { decodeIpv4, decodeIpv6, type IpAddress, type IpResult } from "./ip";
import { decodeLinkLayer } from "./link-layer";
import { decodeTcpHeader, type TcpHeader } from "./tcp-header";

const IPPROTO_TCP = 6;

/**
 * Identifies one end of a connection: for IPv4 the number address * 65536 + port (exact in a
 * double), for IPv6 the "[address]:port" text. Grouping by these avoids building strings for
 * every packet.
 */
export type EndpointKey = number | string;

/** A packet that carries a TCP segment, with what the analysis needs from the layers below. */
export interface TcpPacket {
  packet: CapturedPacket;
  ipVersion: 4 | 6;
  sourceKey: EndpointKey;
  destinationKey: EndpointKey;
  /** "address:port" of the sender and the receiver (built on first use). */
  readonly source: string;
  readonly destination: string;
  /** The IP datagram was fragmented: the payload length covers the first fragment only. */
  fragmented: boolean;
  tcp: TcpHeader;
  /** Where the TCP payload starts in `packet.data` (the capture may hold fewer bytes than `tcp.payloadLength`). */
  payloadOffset: number;
}

export type SkipReason = "unsupported-link-type" | "not-tcp" | "non-first-fragment" | "malformed";

export type DecodedPacket = { kind: "tcp"; packet: TcpPacket } | { kind: "skipped"; reason: SkipReason; detail: string };

/** Link layer, IP and TCP of one captured packet; anything else is reported as skipped, never thrown. */
export function decodePacket(packet: CapturedPacket): DecodedPacket {
  const link = decodeLinkLayer(packet.linkType, packet.data);
  if (link.kind === "unsupported-link-type") return skipped("unsupported-link-type", `link type ${packet.linkType}`);
  if (link.kind === "malformed") return skipped("malformed", link.reason);
  if (link.kind === "other") return skipped("not-tcp", link.reason);

  const ip: IpResult = link.protocol === "ipv4" ? decodeIpv4(packet.data, link.offset) : decodeIpv6(packet.data, link.offset);
  if (ip.kind === "non-first-fragment") return skipped("non-first-fragment", "IP fragment after the first: no TCP header");
  if (ip.kind === "malformed") return skipped("malformed", ip.reason);
  if (ip.kind === "other") return skipped("not-tcp", ip.reason);
  if (ip.packet.protocol !== IPPROTO_TCP) return skipped("not-tcp", `IP protocol ${ip.packet.protocol}`);

  const tcp = decodeTcpHeader(packet.data, ip.packet.payloadOffset, ip.packet.payloadLength);
  if (tcp.kind === "malformed") return skipped("malformed", tcp.reason);
  return {
    kind: "tcp",
    packet: new DecodedTcpPacket(
      packet,
      ip.packet.version,
      endpointKey(ip.packet.source, tcp.header.sourcePort),
      endpointKey(ip.packet.destination, tcp.header.destinationPort),
      ip.packet.firstFragment,
      tcp.header,
      ip.packet.payloadOffset + tcp.header.headerLength,
    ),
  };
}

/** A class, so the text getters live on the prototype instead of being created per packet. */
class DecodedTcpPacket implements TcpPacket {
  constructor(
    readonly packet: CapturedPacket,
    readonly ipVersion: 4 | 6,
    readonly sourceKey: EndpointKey,
    readonly destinationKey: EndpointKey,
    readonly fragmented: boolean,
    readonly tcp: TcpHeader,
    readonly payloadOffset: number,
  ) {}

  get source(): string {
    return endpointText(this.sourceKey);
  }

  get destination(): string {
    return endpointText(this.destinationKey);
  }
}

function endpointKey(address: IpAddress, port: number): EndpointKey {
  return typeof address === "number" ? address * 65536 + port : formatEndpoint(address, port);
}

/** "address:port" of an endpoint key. */
export function endpointText(key: EndpointKey): string {
  return typeof key === "number" ? formatEndpoint(formatIpv4(Math.floor(key / 65536)), key % 65536) : key;
}

function skipped(reason: SkipReason, detail: string): DecodedPacket {
  return { kind: "skipped", reason, detail };
}
