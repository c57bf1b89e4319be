/** LINKTYPE_ values (https://www.tcpdump.org/linktypes.html) the decoders understand. */
export const LinkType = {
  NULL: 0,
  ETHERNET: 1,
  /** DLT_RAW as some platforms wrote it into files before LINKTYPE_RAW existed. */
  RAW_BSD: 12,
  RAW_OPENBSD: 14,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

const NAMES = new Map<number, string>([
  [LinkType.NULL, "NULL (BSD loopback)"],
  [LinkType.ETHERNET, "Ethernet"],
  [LinkType.RAW_BSD, "raw IP"],
  [LinkType.RAW_OPENBSD, "raw IP"],
  [LinkType.RAW, "raw IP"],
  [LinkType.LOOP, "LOOP (OpenBSD loopback)"],
  [LinkType.LINUX_SLL, "Linux cooked (SLL)"],
  [LinkType.IPV4, "raw IPv4"],
  [LinkType.IPV6, "raw IPv6"],
  [LinkType.LINUX_SLL2, "Linux cooked v2 (SLL2)"],
]);

export function linkTypeName(linkType: number): string {
  return NAMES.get(linkType) ?? `link type ${linkType}`;
}
