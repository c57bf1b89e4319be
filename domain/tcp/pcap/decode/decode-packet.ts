import type { CapturedPacket } from "../captured-packet";
import { formatEndpoint } from "./address";
import { decodeIpv4, decodeIpv6, type IpResult } from "./ip";
import { decodeLinkLayer } from "./link-layer";
import { decodeTcpHeader, type TcpHeader } from "./tcp-header";

const IPPROTO_TCP = 6;

/** A packet that carries a TCP segment, with what the analysis needs from the layers below. */
export interface TcpPacket {
  packet: CapturedPacket;
  ipVersion: 4 | 6;
  /** "address:port" of the sender and the receiver. */
  source: string;
  destination: string;
  /** The IP datagram was fragmented: the payload length covers the first fragment only. */
  fragmented: boolean;
  tcp: TcpHeader;
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
    packet: {
      packet,
      ipVersion: ip.packet.version,
      source: formatEndpoint(ip.packet.source, tcp.header.sourcePort),
      destination: formatEndpoint(ip.packet.destination, tcp.header.destinationPort),
      fragmented: ip.packet.firstFragment,
      tcp: tcp.header,
    },
  };
}

function skipped(reason: SkipReason, detail: string): DecodedPacket {
  return { kind: "skipped", reason, detail };
}
