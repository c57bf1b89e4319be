/** Sequence-number arithmetic modulo 2^32 (RFC 9293 3.4). */

export function seqAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}

/** Signed distance b - a, valid while |b - a| < 2^31. */
export function seqDiff(a: number, b: number): number {
  return (b - a) | 0;
}

export function seqLt(a: number, b: number): boolean {
  return seqDiff(a, b) > 0;
}

export function seqLeq(a: number, b: number): boolean {
  return seqDiff(a, b) >= 0;
}

export function seqGt(a: number, b: number): boolean {
  return seqLt(b, a);
}

export function seqGeq(a: number, b: number): boolean {
  return seqLeq(b, a);
}

/** low <= x < low + size */
export function seqInWindow(x: number, low: number, size: number): boolean {
  const offset = seqDiff(low, x);
  return offset >= 0 && offset < size;
}
