/** Deterministic randomness for quiz variants: same attempt seed and question id, same variant. */
import { mulberry32, randomUint32, type Random } from "../tcp/prng";

export type { Random };

/** FNV-1a over the text, mixed with the seed: an independent stream per question of an attempt. */
export function questionSeed(attemptSeed: number, questionId: string): number {
  let hash = 0x811c9dc5 ^ (attemptSeed >>> 0);
  for (let i = 0; i < questionId.length; i++) {
    hash ^= questionId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function randomFor(attemptSeed: number, questionId: string): Random {
  return mulberry32(questionSeed(attemptSeed, questionId));
}

export function uint32(random: Random): number {
  return randomUint32(random);
}

/** An integer in [min, max]. */
export function intBetween(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("pick() from an empty list");
  return item;
}

/** Fisher–Yates on a copy. */
export function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
