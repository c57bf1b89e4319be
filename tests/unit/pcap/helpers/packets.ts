import { ByteWriter, concat } from "./bytes";

/** Builders for link, IP and TCP headers (checksums are left zero: the reader ignores them). */

export const FIN = 0x01;
export const SYN = 0x02;
export const RST = 0x04;
export const PSH = 0x08;
export const ACK = 0x10;
export const URG = 0x20;
export const ECE = 0x40;
export const CWR = 0x80;

export interface TcpSpec {
  sourcePort: number;
  destinationPort: number;
  seq: number;
  ack?: number;
  flags: number;
  window?: number;
  urgentPointer?: number;
  /** Raw option bytes (padded to 4 by the builder). */
  options?: number[];
  payloadLength?: number;
  /** Overrides the data offset field (in 32-bit words) to build malformed headers. */
  dataOffsetWords?: number;
}

export function tcpSegment(spec: TcpSpec): Uint8Array {
  const options = [...(spec.options ?? [])];
  while (options.length % 4 !== 0) options.push(0);
  const words = spec.dataOffsetWords ?? 5 + options.length / 4;
  return new ByteWriter()
    .u16(spec.sourcePort)
    .u16(spec.destinationPort)
    .u32(spec.seq)
    .u32(spec.ack ?? 0)
    .u8((words << 4) | ((spec.flags >> 8) & 1))
    .u8(spec.flags & 0xff)
    .u16(spec.window ?? 65535)
    .u16(0)
    .u16(spec.urgentPointer ?? 0)
    .raw(options)
    .raw(new Uint8Array(spec.payloadLength ?? 0))
    .toBytes();
}

export const option = {
  mss: (value: number) => [2, 4, value >> 8, value & 0xff],
  windowScale: (shift: number) => [3, 3, shift],
  sackPermitted: () => [4, 2],
  sack: (...blocks: [number, number][]) => [5, 2 + 8 * blocks.length, ...blocks.flatMap(([l, r]) => [...u32(l), ...u32(r)])],
  timestamps: (value: number, echo: number) => [8, 10, ...u32(value), ...u32(echo)],
  nop: () => [1],
  eol: () => [0],
};

function u32(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

export interface Ipv4Spec {
  source?: number[];
  destination?: number[];
  protocol?: number;
  /** Raw IPv4 option bytes (padded to 4). */
  options?: number[];
  moreFragments?: boolean;
  /** In 8-byte units. */
  fragmentOffset?: number;
  /** Overrides the total length field. */
  totalLength?: number;
}

export function ipv4(payload: Uint8Array, spec: Ipv4Spec = {}): Uint8Array {
  const options = [...(spec.options ?? [])];
  while (options.length % 4 !== 0) options.push(0);
  const headerLength = 20 + options.length;
  return new ByteWriter()
    .u8(0x40 | (headerLength / 4))
    .u8(0)
    .u16(spec.totalLength ?? headerLength + payload.length)
    .u16(0x1234)
    .u16((spec.moreFragments ? 0x2000 : 0) | (spec.fragmentOffset ?? 0))
    .u8(64)
    .u8(spec.protocol ?? 6)
    .u16(0)
    .raw(spec.source ?? [10, 0, 0, 1])
    .raw(spec.destination ?? [10, 0, 0, 2])
    .raw(options)
    .raw(payload)
    .toBytes();
}

/** An IPv6 extension header in the common layout: next header, length, then data to 8n bytes. */
export interface Ipv6Extension {
  type: number;
  /** Whole header bytes after the first two (the builder pads to the header's unit). */
  body?: number[];
}

export function ipv6(
  payload: Uint8Array,
  spec: { source?: number[]; destination?: number[]; nextHeader?: number; extensions?: Ipv6Extension[] } = {},
): Uint8Array {
  const extensions = spec.extensions ?? [];
  const chain = [...extensions.map((e) => e.type), spec.nextHeader ?? 6];
  const headers = extensions.map((extension, index) => extensionHeader(extension, chain[index + 1] ?? 6));
  const body = concat(...headers, payload);
  return new ByteWriter()
    .u32(0x60000000)
    .u16(body.length)
    .u8(chain[0] ?? 6)
    .u8(64)
    .raw(spec.source ?? loopback6())
    .raw(spec.destination ?? loopback6())
    .raw(body)
    .toBytes();
}

function extensionHeader(extension: Ipv6Extension, next: number): Uint8Array {
  const body = [...(extension.body ?? [])];
  if (extension.type === 44) {
    while (body.length < 6) body.push(0);
    return Uint8Array.from([next, 0, ...body.slice(0, 6)]);
  }
  if (extension.type === 51) {
    while ((body.length + 2) % 4 !== 0) body.push(0);
    return Uint8Array.from([next, (body.length + 2) / 4 - 2, ...body]);
  }
  while ((body.length + 2) % 8 !== 0) body.push(0);
  return Uint8Array.from([next, (body.length + 2) / 8 - 1, ...body]);
}

export function loopback6(): number[] {
  return [...new Array<number>(15).fill(0), 1];
}

export function ethernet(ethertype: number, payload: Uint8Array, vlanTags: [number, number][] = []): Uint8Array {
  const writer = new ByteWriter().raw(new Array<number>(12).fill(0));
  for (const [tpid, tci] of vlanTags) writer.u16(tpid).u16(tci);
  return writer.u16(ethertype).raw(payload).toBytes();
}

export function linuxSll(ethertype: number, payload: Uint8Array): Uint8Array {
  return new ByteWriter().u16(0).u16(772).u16(6).raw(new Array<number>(8).fill(0)).u16(ethertype).raw(payload).toBytes();
}

export function linuxSll2(ethertype: number, payload: Uint8Array): Uint8Array {
  return new ByteWriter().u16(ethertype).u16(0).u32(1).u16(772).u8(0).u8(6).raw(new Array<number>(8).fill(0)).raw(payload).toBytes();
}

/** DLT_NULL: the family in the writer's byte order. */
export function bsdNull(family: number, payload: Uint8Array, littleEndian: boolean): Uint8Array {
  return new ByteWriter(littleEndian).u32(family).raw(payload).toBytes();
}

/** DLT_LOOP: the family in network byte order. */
export function bsdLoop(family: number, payload: Uint8Array): Uint8Array {
  return new ByteWriter().u32(family).raw(payload).toBytes();
}
