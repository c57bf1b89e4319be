/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG; same seed, same sequence, everywhere. */
export type Random = () => number;

export function mulberry32(seed: number): Random {
  // Kept as a signed 32-bit integer (the same bits as the unsigned one the algorithm names): V8
  // stores it in the closure as it is, where an unsigned value above 2^31 would be a new heap
  // number on every call (hot path: four draws per segment).
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniformly random unsigned 32-bit integer. */
export function randomUint32(random: Random): number {
  return Math.floor(random() * 4294967296) >>> 0;
}
