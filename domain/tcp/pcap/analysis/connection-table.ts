import type { EndpointKey } from "../decode/decode-packet";

const NONE = -1;
const INITIAL_SLOTS = 1024;
const TWO_TO_32 = 4294967296;

/**
 * The current connection of each 4-tuple, by its two endpoint keys (the lower first). IPv4 keys
 * are numbers (address * 65536 + port, below 2^48): they live in an open-addressing table of
 * typed arrays, so a lookup neither allocates nor builds a string, which a Map keyed by numbers
 * this large would (each key a heap number). IPv6 keys are strings and go to a Map.
 */
export class ConnectionTable {
  private lows = new Float64Array(INITIAL_SLOTS);
  private highs = new Float64Array(INITIAL_SLOTS);
  private connections = new Int32Array(INITIAL_SLOTS).fill(NONE);
  private used = 0;
  private readonly byText = new Map<string, number>();

  /** The connection filed under the 4-tuple, or -1. */
  get(low: EndpointKey, high: EndpointKey): number {
    if (typeof low !== "number" || typeof high !== "number") return this.byText.get(textKey(low, high)) ?? NONE;
    const mask = this.connections.length - 1;
    for (let slot = hash(low, high) & mask; ; slot = (slot + 1) & mask) {
      const connection = this.connections[slot]!;
      if (connection === NONE || (this.lows[slot] === low && this.highs[slot] === high)) return connection;
    }
  }

  /** Files `connection` under the 4-tuple, in place of the one there before. */
  set(low: EndpointKey, high: EndpointKey, connection: number): void {
    if (typeof low !== "number" || typeof high !== "number") {
      this.byText.set(textKey(low, high), connection);
      return;
    }
    const mask = this.connections.length - 1;
    let slot = hash(low, high) & mask;
    for (; this.connections[slot] !== NONE; slot = (slot + 1) & mask) {
      if (this.lows[slot] === low && this.highs[slot] === high) {
        this.connections[slot] = connection;
        return;
      }
    }
    this.lows[slot] = low;
    this.highs[slot] = high;
    this.connections[slot] = connection;
    // At most half full, so probes stay short.
    if (++this.used * 2 > this.connections.length) this.grow();
  }

  private grow(): void {
    const { lows, highs, connections } = this;
    this.lows = new Float64Array(lows.length * 2);
    this.highs = new Float64Array(highs.length * 2);
    this.connections = new Int32Array(connections.length * 2).fill(NONE);
    const mask = this.connections.length - 1;
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
