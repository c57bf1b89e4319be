import type { EndpointKey } from "../decode/decode-packet";

const NONE = -1;
/** Small, so the table first grows within a capture's first packets, before V8 optimizes the lookup. */
const INITIAL_SLOTS = 16;
const TWO_TO_32 = 4294967296;

/**
 * The current connection of each 4-tuple, by its two endpoint keys (the lower first). IPv4 keys
 * are numbers (address * 65536 + port, below 2^48): they live in an open-addressing table of
 * typed arrays, so a lookup neither allocates nor builds a string, which a Map keyed by numbers
 * this large would (each key a heap number). IPv6 keys are strings and go to a Map.
 */
export class ConnectionTable {
  private lows = new Float64Array(0);
  private highs = new Float64Array(0);
  private connections = new Int32Array(0);
  private used = 0;
  private readonly byText = new Map<string, number>();

  constructor() {
    // The columns are replaced as the table grows: set here once more, V8 treats them as
    // changing from the start instead of dropping the optimized lookup at the first growth.
    this.resize(INITIAL_SLOTS);
  }

  /** The connection filed under the 4-tuple, or -1. */
  get(low: EndpointKey, high: EndpointKey): number {
    if (typeof low !== "number" || typeof high !== "number") return this.byText.get(textKey(low, high)) ?? NONE;
    return this.connections[this.slotOf(low, high)]!;
  }

  /** Files `connection` under the 4-tuple, in place of the one there before. */
  set(low: EndpointKey, high: EndpointKey, connection: number): void {
    if (typeof low !== "number" || typeof high !== "number") {
      this.byText.set(textKey(low, high), connection);
      return;
    }
    const slot = this.slotOf(low, high);
    const isNew = this.connections[slot] === NONE;
    this.lows[slot] = low;
    this.highs[slot] = high;
    this.connections[slot] = connection;
    // At most half full, so probes stay short.
    if (isNew && ++this.used * 2 > this.connections.length) this.grow();
  }

  /** The slot of the 4-tuple: where it is, or the empty slot where it would go. */
  private slotOf(low: number, high: number): number {
    const { connections, lows, highs } = this;
    const mask = connections.length - 1;
    for (let slot = hash(low, high) & mask; ; slot = (slot + 1) & mask) {
      if (connections[slot] === NONE) return slot;
      // Both keys read at every occupied slot: optimized code that had never read `highs` (the
      // low keys differ until two connections share an endpoint) would be thrown away there.
      const sameLow = lows[slot] === low;
      const sameHigh = highs[slot] === high;
      if (sameLow && sameHigh) return slot;
    }
  }

  private grow(): void {
    this.resize(this.connections.length * 2);
  }

  /** Moves the entries to `slots` slots (a power of two). */
  private resize(slots: number): void {
    const { lows, highs, connections } = this;
    this.lows = new Float64Array(slots);
    this.highs = new Float64Array(slots);
    this.connections = new Int32Array(slots).fill(NONE);
    const mask = slots - 1;
    for (let old = 0; old < connections.length; old++) {
      if (connections[old] === NONE) continue;
      let slot = hash(lows[old]!, highs[old]!) & mask;
      while (this.connections[slot] !== NONE) slot = (slot + 1) & mask;
      this.lows[slot] = lows[old]!;
      this.highs[slot] = highs[old]!;
      this.connections[slot] = connections[old]!;
    }
  }
}

/** Mixes both 48-bit keys (their low 32 bits and the rest) into 32 bits. */
function hash(low: number, high: number): number {
  let h = Math.imul((low | 0) ^ Math.imul((low / TWO_TO_32) | 0, 0x27d4eb2d), 0x9e3779b1);
  h ^= Math.imul((high | 0) ^ Math.imul((high / TWO_TO_32) | 0, 0x165667b1), 0x85ebca77);
  return h ^ (h >>> 15);
}

/** Endpoint texts hold no space. */
function textKey(low: EndpointKey, high: EndpointKey): string {
  return `${low} ${high}`;
}
