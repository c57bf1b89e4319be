import { LinkType } from "../link-types";

export type NetworkProtocol = "ipv4" | "ipv6";

/** Where the network-layer packet starts inside a link-layer frame. */
export type LinkLayerResult =
  | { kind: "network"; protocol: NetworkProtocol; offset: number }
  | { kind: "other"; reason: string }
  | { kind: "malformed"; reason: string }
  | { kind: "unsupported-link-type" };

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
/** 802.1Q, 802.1ad and the pre-standard QinQ tag protocol identifiers. */
const VLAN_TAGS = new Set([0x8100, 0x88a8, 0x9100]);

/** BSD address families in DLT_NULL/DLT_LOOP headers: AF_INET is 2 everywhere, AF_INET6 is not. */
const BSD_AF_INET = 2;
const BSD_AF_INET6 = new Set([24 /* NetBSD, OpenBSD, BSD/OS */, 28 /* FreeBSD, DragonFly */, 30 /* Darwin */]);

const OTHER = (reason: string): LinkLayerResult => ({ kind: "other", reason });
const TOO_SHORT = (what: string, needed: number, length: number): LinkLayerResult => ({
  kind: "malformed",
  reason: `${what} needs ${needed} bytes, ${length} captured`,
});

/** Strips the link-layer header of `data` (link type as in the capture file). */
export function decodeLinkLayer(linkType: number, data: Uint8Array): LinkLayerResult {
  switch (linkType) {
    case LinkType.ETHERNET:
      return data.length < 14 ? TOO_SHORT("Ethernet header", 14, data.length) : byEthertype(data, readU16(data, 12), 14);
    case LinkType.LINUX_SLL:
      return data.length < 16 ? TOO_SHORT("Linux cooked header", 16, data.length) : byEthertype(data, readU16(data, 14), 16);
    case LinkType.LINUX_SLL2:
      return data.length < 20 ? TOO_SHORT("Linux cooked v2 header", 20, data.length) : byEthertype(data, readU16(data, 0), 20);
    case LinkType.RAW:
    case LinkType.RAW_BSD:
    case LinkType.RAW_OPENBSD:
      return byVersion(data, 0);
    case LinkType.IPV4:
      return { kind: "network", protocol: "ipv4", offset: 0 };
    case LinkType.IPV6:
      return { kind: "network", protocol: "ipv6", offset: 0 };
    case LinkType.NULL:
      return data.length < 4 ? TOO_SHORT("loopback header", 4, data.length) : byFamily(nullFamily(data));
    case LinkType.LOOP:
      return data.length < 4 ? TOO_SHORT("loopback header", 4, data.length) : byFamily(readU32(data, 0));
    default:
      return { kind: "unsupported-link-type" };
  }
}

/** The payload of an ethertype-labelled frame, stepping over VLAN tags (TCI, then inner ethertype). */
function byEthertype(data: Uint8Array, ethertype: number, payload: number): LinkLayerResult {
  while (VLAN_TAGS.has(ethertype)) {
    if (data.length < payload + 4) return TOO_SHORT("VLAN tag", payload + 4, data.length);
    ethertype = readU16(data, payload + 2);
    payload += 4;
  }
  if (ethertype === ETHERTYPE_IPV4) return { kind: "network", protocol: "ipv4", offset: payload };
  if (ethertype === ETHERTYPE_IPV6) return { kind: "network", protocol: "ipv6", offset: payload };
  return OTHER(`ethertype 0x${ethertype.toString(16).padStart(4, "0")}`);
}

function byVersion(data: Uint8Array, at: number): LinkLayerResult {
  const version = (data[at] ?? 0) >> 4;
  if (version === 4) return { kind: "network", protocol: "ipv4", offset: at };
  if (version === 6) return { kind: "network", protocol: "ipv6", offset: at };
  return data.length <= at ? TOO_SHORT("raw IP packet", at + 1, data.length) : OTHER(`IP version ${version}`);
}

/**
 * DLT_NULL holds the family in the byte order of the host that wrote the file, which the file
 * does not record reliably; families are small numbers, so a value with only upper bits set
 * was written by a host of the other byte order (Wireshark decides the same way).
 */
function nullFamily(data: Uint8Array): number {
  const littleEndian = (data[0] ?? 0) | ((data[1] ?? 0) << 8) | ((data[2] ?? 0) << 16) | ((data[3] ?? 0) << 24);
  return (littleEndian & 0xffff0000) !== 0 && (littleEndian & 0xffff) === 0 ? readU32(data, 0) : littleEndian >>> 0;
}

function byFamily(family: number): LinkLayerResult {
  if (family === BSD_AF_INET) return { kind: "network", protocol: "ipv4", offset: 4 };
  if (BSD_AF_INET6.has(family)) return { kind: "network", protocol: "ipv6", offset: 4 };
  return OTHER(`address family ${family}`);
}

export function readU16(data: Uint8Array, at: number): number {
  return ((data[at] ?? 0) << 8) | (data[at + 1] ?? 0);
}

export function readU32(data: Uint8Array, at: number): number {
  return (((data[at] ?? 0) << 24) | ((data[at + 1] ?? 0) << 16) | ((data[at + 2] ?? 0) << 8) | (data[at + 3] ?? 0)) >>> 0;
}
