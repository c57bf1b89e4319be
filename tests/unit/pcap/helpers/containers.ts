import { ByteWriter, concat } from "./bytes";

export interface RecordSpec {
  seconds: number;
  /** Microseconds or nanoseconds, as the file's resolution says. */
  fraction: number;
  data: Uint8Array;
  originalLength?: number;
  /** Overrides the captured-length field to build malformed records. */
  capturedLength?: number;
}

export function pcapFile(spec: {
  littleEndian?: boolean;
  nanosecond?: boolean;
  linkType: number;
  snaplen?: number;
  records: RecordSpec[];
  version?: [number, number];
}): Uint8Array {
  const writer = new ByteWriter(spec.littleEndian ?? true)
    .u32(spec.nanosecond ? 0xa1b23c4d : 0xa1b2c3d4)
    .u16(spec.version?.[0] ?? 2)
    .u16(spec.version?.[1] ?? 4)
    .u32(0)
    .u32(0)
    .u32(spec.snaplen ?? 262144)
    .u32(spec.linkType);
  for (const record of spec.records) {
    writer
      .u32(record.seconds)
      .u32(record.fraction)
      .u32(record.capturedLength ?? record.data.length)
      .u32(record.originalLength ?? record.data.length)
      .raw(record.data);
  }
  return writer.toBytes();
}

export type PcapngBlock =
  | { kind: "interface"; linkType: number; snaplen?: number; tsresol?: number; tsoffset?: number }
  | { kind: "enhanced"; interfaceId?: number; high: number; low: number; data: Uint8Array; originalLength?: number; capturedLength?: number }
  | { kind: "simple"; data: Uint8Array; originalLength?: number }
  | { kind: "obsolete"; interfaceId?: number; high: number; low: number; data: Uint8Array }
  | { kind: "other"; type: number; body: Uint8Array };

/** One section: a section header block in the given byte order, then the blocks. */
export function pcapngSection(blocks: PcapngBlock[], littleEndian = true): Uint8Array {
  const parts = [block(littleEndian, 0x0a0d0d0a, new ByteWriter(littleEndian).u32(0x1a2b3c4d).u16(1).u16(0).u32(0xffffffff).u32(0xffffffff).toBytes())];
  for (const spec of blocks) parts.push(blockOf(spec, littleEndian));
  return concat(...parts);
}

export function block(littleEndian: boolean, type: number, body: Uint8Array, lengthOverride?: number, trailerOverride?: number): Uint8Array {
  const paddedLength = body.length + ((4 - (body.length % 4)) % 4);
  const out = new Uint8Array(12 + paddedLength);
  const view = new DataView(out.buffer);
  const length = lengthOverride ?? out.length;
  view.setUint32(0, type, littleEndian);
  view.setUint32(4, length, littleEndian);
  out.set(body, 8);
  view.setUint32(8 + paddedLength, trailerOverride ?? length, littleEndian);
  return out;
}

function blockOf(spec: PcapngBlock, le: boolean): Uint8Array {
  switch (spec.kind) {
    case "interface": {
      const body = new ByteWriter(le).u16(spec.linkType).u16(0).u32(spec.snaplen ?? 262144);
      if (spec.tsresol !== undefined) body.u16(9).u16(1).u8(spec.tsresol).padTo4();
      if (spec.tsoffset !== undefined) {
        body.u16(14).u16(8);
        const offset = BigInt.asUintN(64, BigInt(spec.tsoffset));
        const high = Number(offset >> 32n);
        const low = Number(offset & 0xffffffffn);
        if (le) body.u32(low).u32(high);
        else body.u32(high).u32(low);
      }
      if (spec.tsresol !== undefined || spec.tsoffset !== undefined) body.u16(0).u16(0);
      return block(le, 1, body.toBytes());
    }
    case "enhanced":
      return block(
        le,
        6,
        new ByteWriter(le)
          .u32(spec.interfaceId ?? 0)
          .u32(spec.high)
          .u32(spec.low)
          .u32(spec.capturedLength ?? spec.data.length)
          .u32(spec.originalLength ?? spec.data.length)
          .raw(spec.data)
          .padTo4()
          .toBytes(),
      );
    case "simple":
      return block(le, 3, new ByteWriter(le).u32(spec.originalLength ?? spec.data.length).raw(spec.data).padTo4().toBytes());
    case "obsolete":
      return block(
        le,
        2,
        new ByteWriter(le)
          .u16(spec.interfaceId ?? 0)
          .u16(0)
          .u32(spec.high)
          .u32(spec.low)
          .u32(spec.data.length)
          .u32(spec.data.length)
          .raw(spec.data)
          .padTo4()
          .toBytes(),
      );
    case "other":
      return block(le, spec.type, spec.body);
  }
}

/** Splits `bytes` into chunks of the given sizes (cycling), as a stream would deliver them. */
export function chunked(bytes: Uint8Array, sizes: number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 1);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}
