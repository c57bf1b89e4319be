/** 32-bit sequence number arithmetic (RFC 9293 section 3.4, "serial number" comparisons). */

export function seqAdd(a: number, b: number): number {
  return (a + b) >>> 0;
}

export function seqSub(a: number, b: number): number {
  return (a - b) >>> 0;
}

export function seqLt(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}

export function seqLe(a: number, b: number): boolean {
  return ((a - b) | 0) <= 0;
}

export function seqGt(a: number, b: number): boolean {
  return ((a - b) | 0) > 0;
}

export function seqGe(a: number, b: number): boolean {
  return ((a - b) | 0) >= 0;
}
