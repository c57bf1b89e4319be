import { describe, expect, it } from "vitest";
import { decodePacket, LinkType, TcpFlag, type CapturedPacket, type DecodedPacket, type TcpPacket } from "@/domain/tcp/pcap";
import { formatIpv6 } from "@/domain/tcp/pcap/decode/address";
import {
  ACK,
  bsdLoop,
  bsdNull,
  CWR,
  ECE,
  ethernet,
  ipv4,
  ipv6,
  linuxSll,
  linuxSll2,
  option,
  PSH,
  SYN,
  tcpSegment,
  URG,
} from "./helpers/packets";

const IPV4 = 0x0800;
const IPV6 = 0x86dd;
const segment = tcpSegment({ sourcePort: 40000, destinationPort: 443, seq: 1000, ack: 2000, flags: PSH | ACK, payloadLength: 10 });

function decode(linkType: number, data: Uint8Array, originalLength = data.length): DecodedPacket {
  const packet: CapturedPacket = { frame: 1, offset: 0, timestamp: null, linkType, interfaceId: 0, data, originalLength };
  return decodePacket(packet);
}

function tcpOf(linkType: number, data: Uint8Array): TcpPacket {
  const decoded = decode(linkType, data);
  if (decoded.kind !== "tcp") throw new Error(`not decoded: ${decoded.reason} (${decoded.detail})`);
  return decoded.packet;
}

function skipOf(linkType: number, data: Uint8Array): [string, string] {
  const decoded = decode(linkType, data);
  if (decoded.kind !== "skipped") throw new Error("decoded a TCP segment");
  return [decoded.reason, decoded.detail];
}

describe("link layers", () => {
  const v4 = ipv4(segment);
  const v6 = ipv6(segment);
  it.each<[string, number, Uint8Array]>([
    ["Ethernet", LinkType.ETHERNET, ethernet(IPV4, v4)],
    ["Ethernet with an 802.1Q tag", LinkType.ETHERNET, ethernet(IPV4, v4, [[0x8100, 42]])],
    ["Ethernet with 802.1ad and 802.1Q tags", LinkType.ETHERNET, ethernet(IPV6, v6, [[0x88a8, 7], [0x8100, 42]])],
    ["Linux cooked (SLL)", LinkType.LINUX_SLL, linuxSll(IPV4, v4)],
    ["Linux cooked (SLL) with a VLAN tag in the payload", LinkType.LINUX_SLL, linuxSll(0x8100, Uint8Array.from([0, 42, 0x08, 0x00, ...v4]))],
    ["Linux cooked v2 (SLL2)", LinkType.LINUX_SLL2, linuxSll2(IPV6, v6)],
    ["raw IP (LINKTYPE_RAW 101), IPv4", LinkType.RAW, v4],
    ["raw IP (LINKTYPE_RAW 101), IPv6", LinkType.RAW, v6],
    ["raw IP as DLT_RAW 12", LinkType.RAW_BSD, v4],
    ["raw IP as DLT_RAW 14", LinkType.RAW_OPENBSD, v6],
    ["LINKTYPE_IPV4", LinkType.IPV4, v4],
    ["LINKTYPE_IPV6", LinkType.IPV6, v6],
    ["BSD loopback, little-endian AF_INET", LinkType.NULL, bsdNull(2, v4, true)],
    ["BSD loopback, big-endian AF_INET", LinkType.NULL, bsdNull(2, v4, false)],
    ["BSD loopback, AF_INET6 of NetBSD/OpenBSD (24)", LinkType.NULL, bsdNull(24, v6, true)],
    ["BSD loopback, AF_INET6 of FreeBSD (28), big-endian", LinkType.NULL, bsdNull(28, v6, false)],
    ["BSD loopback, AF_INET6 of Darwin (30)", LinkType.NULL, bsdNull(30, v6, true)],
    ["OpenBSD loopback (LOOP), network byte order", LinkType.LOOP, bsdLoop(2, v4)],
  ])("%s", (_, linkType, data) => {
    const packet = tcpOf(linkType, data);
    expect(packet.tcp.sourcePort).toBe(40000);
    expect(packet.tcp.payloadLength).toBe(10);
  });

  it("skips other protocols and link types, and frames too short for their header", () => {
    expect(skipOf(LinkType.ETHERNET, ethernet(0x0806, new Uint8Array(28)))).toEqual(["not-tcp", "ethertype 0x0806"]);
    expect(skipOf(LinkType.NULL, bsdNull(7, v4, true))).toEqual(["not-tcp", "address family 7"]);
    expect(skipOf(LinkType.RAW, Uint8Array.from([0x50, 0]))).toEqual(["not-tcp", "IP version 5"]);
    expect(skipOf(147, v4)).toEqual(["unsupported-link-type", "link type 147"]);
    expect(skipOf(LinkType.ETHERNET, new Uint8Array(10))).toEqual(["malformed", "Ethernet header needs 14 bytes, 10 captured"]);
    expect(skipOf(LinkType.LINUX_SLL2, new Uint8Array(19))).toEqual(["malformed", "Linux cooked v2 header needs 20 bytes, 19 captured"]);
    expect(skipOf(LinkType.ETHERNET, ethernet(0x8100, Uint8Array.from([0, 1])))).toEqual(["malformed", "VLAN tag needs 18 bytes, 16 captured"]);
  });
});

describe("IPv4", () => {
  it("formats addresses and steps over header options", () => {
    const withOptions = ipv4(segment, { source: [192, 0, 2, 1], destination: [198, 51, 100, 7], options: [7, 7, 4, 0, 0, 0, 0, 1] });
    const packet = tcpOf(LinkType.IPV4, withOptions);
    expect([packet.ipVersion, packet.source, packet.destination]).toEqual([4, "192.0.2.1:40000", "198.51.100.7:443"]);
    expect(packet.tcp.payloadLength).toBe(10);
  });

  it("takes lengths from the IP header, not from the captured bytes", () => {
    const full = ipv4(segment);
    expect(tcpOf(LinkType.IPV4, full.subarray(0, 40)).tcp.payloadLength).toBe(10); // cut by a snaplen
    expect(tcpOf(LinkType.IPV4, Uint8Array.from([...full, 0, 0, 0, 0])).tcp.payloadLength).toBe(10); // Ethernet padding
  });

  it("treats a total length of 0 (before segmentation offload) as the captured length", () => {
    expect(tcpOf(LinkType.IPV4, ipv4(segment, { totalLength: 0 })).tcp.payloadLength).toBe(10);
  });

  it("reads the first fragment and skips the others", () => {
    expect(tcpOf(LinkType.IPV4, ipv4(segment, { moreFragments: true })).fragmented).toBe(true);
    expect(skipOf(LinkType.IPV4, ipv4(new Uint8Array(16), { fragmentOffset: 185 }))[0]).toBe("non-first-fragment");
  });

  it("skips other protocols and malformed headers", () => {
    expect(skipOf(LinkType.IPV4, ipv4(new Uint8Array(8), { protocol: 17 }))).toEqual(["not-tcp", "IP protocol 17"]);
    const badIhl = ipv4(segment);
    badIhl[0] = 0x44;
    expect(skipOf(LinkType.IPV4, badIhl)).toEqual(["malformed", "IPv4 header length 16 is below 20"]);
    expect(skipOf(LinkType.IPV4, ipv4(segment, { totalLength: 12 }))).toEqual(["malformed", "IPv4 total length 12 is below the header length 20"]);
    expect(skipOf(LinkType.IPV4, ipv4(segment).subarray(0, 12))).toEqual(["malformed", "IPv4 header needs 20 bytes, 12 captured"]);
    expect(skipOf(LinkType.IPV4, ipv6(segment))).toEqual(["malformed", "IP version 6 in an IPv4 packet"]);
  });
});

describe("IPv6", () => {
  it("follows extension headers to TCP", () => {
    const packet = tcpOf(
      LinkType.IPV6,
      ipv6(segment, {
        extensions: [{ type: 0, body: [1, 4, 0, 0, 0, 0] }, { type: 43, body: [0, 0, 0, 0, 0, 0] }, { type: 60 }, { type: 51, body: [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0] }],
      }),
    );
    expect([packet.ipVersion, packet.source, packet.tcp.payloadLength]).toEqual([6, "[::1]:40000", 10]);
  });

  it("reads the first fragment and skips the others", () => {
    expect(tcpOf(LinkType.IPV6, ipv6(segment, { extensions: [{ type: 44, body: [0, 1, 0, 0, 0, 9] }] })).fragmented).toBe(true);
    expect(skipOf(LinkType.IPV6, ipv6(new Uint8Array(16), { extensions: [{ type: 44, body: [0x05, 0x00, 0, 0, 0, 9] }] }))[0]).toBe(
      "non-first-fragment",
    );
  });

  it("skips encrypted payloads, no-next-header and malformed chains", () => {
    expect(skipOf(LinkType.IPV6, ipv6(new Uint8Array(8), { nextHeader: 50 }))).toEqual(["not-tcp", "IPv6 payload encrypted with ESP"]);
    expect(skipOf(LinkType.IPV6, ipv6(new Uint8Array(0), { nextHeader: 59 }))).toEqual(["not-tcp", "IPv6 packet with no next header"]);
    const overlong = ipv6(segment, { extensions: [{ type: 60 }] });
    overlong[41] = 200;
    expect(skipOf(LinkType.IPV6, overlong)).toEqual(["malformed", "IPv6 extension headers exceed the payload length"]);
  });

  it("writes addresses in RFC 5952 form", () => {
    const address = (...groups: number[]) => Uint8Array.from(groups.flatMap((g) => [g >> 8, g & 0xff]));
    expect(formatIpv6(address(0, 0, 0, 0, 0, 0, 0, 1), 0)).toBe("::1");
    expect(formatIpv6(address(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1), 0)).toBe("2001:db8::1");
    expect(formatIpv6(address(1, 0, 0, 2, 0, 0, 0, 3), 0)).toBe("1:0:0:2::3");
    expect(formatIpv6(address(1, 0, 2, 3, 4, 5, 6, 7), 0)).toBe("1:0:2:3:4:5:6:7");
    expect(formatIpv6(address(0, 0, 0, 0, 0, 0, 0, 0), 0)).toBe("::");
    expect(formatIpv6(address(0xfe80, 0, 0, 0, 0xabcd, 0, 0, 0), 0)).toBe("fe80::abcd:0:0:0");
  });
});

describe("TCP header", () => {
  it("decodes every field", () => {
    const data = tcpSegment({
      sourcePort: 1,
      destinationPort: 65535,
      seq: 0xfffffffe,
      ack: 0x80000000,
      flags: URG | ACK | PSH | ECE | CWR | TcpFlag.AE,
      window: 513,
      urgentPointer: 7,
      payloadLength: 3,
    });
    data[12] = (data[12] ?? 0) | 0b0000_1110; // reserved bits
    data[16] = 0xab;
    data[17] = 0xcd;
    const { tcp } = tcpOf(LinkType.IPV4, ipv4(data));
    expect(tcp).toEqual({
      sourcePort: 1,
      destinationPort: 65535,
      sequenceNumber: 0xfffffffe,
      acknowledgmentNumber: 0x80000000,
      headerLength: 20,
      reserved: 0b111,
      flags: 0x1f8,
      window: 513,
      checksum: 0xabcd,
      urgentPointer: 7,
      optionKinds: [],
      options: undefined,
      payloadLength: 3,
    });
  });

  it("decodes MSS, window scale, SACK permitted, SACK blocks, timestamps, NOP and EOL", () => {
    const options = [
      ...option.mss(1460),
      ...option.sackPermitted(),
      ...option.timestamps(4_000_000_000, 17),
      ...option.nop(),
      ...option.windowScale(7),
      ...option.nop(),
      ...option.nop(),
      ...option.sack([300, 4_294_967_295]),
      ...option.eol(),
    ];
    const { tcp } = tcpOf(LinkType.IPV4, ipv4(tcpSegment({ sourcePort: 1, destinationPort: 2, seq: 0, flags: SYN, options })));
    expect(tcp.optionKinds).toEqual([2, 4, 8, 1, 3, 1, 1, 5, 0]);
    expect(tcp.options).toEqual({
      mss: 1460,
      sackPermitted: true,
      timestamps: { value: 4_000_000_000, echo: 17 },
      windowScale: 7,
      sack: [{ left: 300, right: 4_294_967_295 }],
      nop: 3,
      eol: true,
    });
  });

  it("keeps unknown options and options of a known kind with an unexpected length", () => {
    const options = [30, 4, 0xaa, 0xbb, 2, 3, 0x05, ...option.nop()];
    const { tcp } = tcpOf(LinkType.IPV4, ipv4(tcpSegment({ sourcePort: 1, destinationPort: 2, seq: 0, flags: SYN, options })));
    expect(tcp.optionKinds).toEqual([30, 2, 1]);
    expect(tcp.options).toEqual({ nop: 1, unknown: [{ kind: 30, length: 4 }, { kind: 2, length: 3 }] });
  });

  it("stops at malformed option lengths and notes why", () => {
    const zeroLength = tcpOf(LinkType.IPV4, ipv4(tcpSegment({ sourcePort: 1, destinationPort: 2, seq: 0, flags: SYN, options: [2, 0, 0, 0] })));
    expect(zeroLength.tcp.options?.malformed).toBe("option kind 2 says 0 bytes, 4 remain");
    const overrun = tcpOf(LinkType.IPV4, ipv4(tcpSegment({ sourcePort: 1, destinationPort: 2, seq: 0, flags: SYN, options: [1, 1, 8, 10] })));
    expect(overrun.tcp.options?.malformed).toBe("option kind 8 says 10 bytes, 2 remain");
    const noLength = tcpOf(LinkType.IPV4, ipv4(tcpSegment({ sourcePort: 1, destinationPort: 2, seq: 0, flags: SYN, options: [1, 1, 1, 8] })));
    expect(noLength.tcp.options?.malformed).toBe("option kind 8 has no length byte");
  });

  it("notes options cut by the capture", () => {
    const full = ipv4(tcpSegment({ sourcePort: 1, destinationPort: 2, seq: 0, flags: SYN, options: option.timestamps(1, 2) }));
    const cut = tcpOf(LinkType.IPV4, full.subarray(0, 44));
    expect(cut.tcp.options?.malformed).toBe("option kind 8 says 10 bytes, 4 remain");
    const cutAtBoundary = tcpOf(LinkType.IPV4, ipv4(tcpSegment({ sourcePort: 1, destinationPort: 2, seq: 0, flags: SYN, options: [...option.mss(1), ...option.mss(2)] })).subarray(0, 44));
    expect(cutAtBoundary.tcp.options).toMatchObject({ mss: 1, malformed: "options cut by the capture" });
  });

  it("skips headers with a bad data offset", () => {
    expect(skipOf(LinkType.IPV4, ipv4(tcpSegment({ sourcePort: 1, destinationPort: 2, seq: 0, flags: SYN, dataOffsetWords: 4 })))).toEqual([
      "malformed",
      "TCP data offset 16 is below 20",
    ]);
    expect(skipOf(LinkType.IPV4, ipv4(tcpSegment({ sourcePort: 1, destinationPort: 2, seq: 0, flags: SYN, dataOffsetWords: 15 })))).toEqual([
      "malformed",
      "TCP header of 60 bytes in a segment of 20",
    ]);
    expect(skipOf(LinkType.IPV4, ipv4(new Uint8Array(12)))).toEqual(["malformed", "TCP header needs 20 bytes, 12 captured"]);
  });
});
