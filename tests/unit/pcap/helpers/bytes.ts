/** A growable byte buffer with explicit byte order, for building test captures. */
export class ByteWriter {
  private bytes: number[] = [];

  constructor(private readonly littleEndian = false) {}

  get length(): number {
    return this.bytes.length;
  }

  u8(value: number): this {
    this.bytes.push(value & 0xff);
    return this;
  }

  u16(value: number): this {
    return this.littleEndian ? this.u8(value).u8(value >>> 8) : this.u8(value >>> 8).u8(value);
  }

  u32(value: number): this {
    return this.littleEndian ? this.u16(value).u16(value >>> 16) : this.u16(value >>> 16).u16(value);
  }

  raw(data: Uint8Array | number[]): this {
    for (const byte of data) this.bytes.push(byte & 0xff);
    return this;
  }

  padTo4(): this {
    while (this.bytes.length % 4 !== 0) this.bytes.push(0);
    return this;
  }

  toBytes(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** What `tcp pcap` wrote, as the terminal reads it: its text, or its bytes (the `--summary` rows) as UTF-8. */
export function writtenText(written: string | Uint8Array): string {
  return typeof written === "string" ? written : new TextDecoder().decode(written);
}
