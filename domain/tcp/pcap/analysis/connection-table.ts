import type { EndpointKey } from "../decode/decode-packet";

const NONE = -1;
/** Small, so the table first grows within a capture's first packets, before V8 optimizes the lookup. */
const INITIAL_SLOTS = 16;
const TWO_TO_32 = 4294967296;
/** Entries per slot: the low key, the high key, the connection (NONE: an empty slot). */
const SLOT = 3;

/**
 * The current connection of each 4-tuple, by its two endpoint keys (the lower first). IPv4 keys
 * are numbers (address * 65536 + port, below 2^48): they live in an open-addressing table of
 * typed arrays, so a lookup neither allocates nor builds a string, which a Map keyed by numbers
 * this large would (each key a heap number). IPv6 keys are strings and go to a Map.
 *
 * A slot's keys and connection sit side by side in one array: a lookup in a table larger than the
 * processor's caches then waits for one cache line, not one from each of three arrays.
 */
export class ConnectionTable {
  private slots = new Float64Array(0);
  private used = 0;
  /** The slot the last `getKeyed` found for `keys`, for `setKeyed` of the same keys (NONE: look again). */
  private foundSlot = NONE;
  private readonly byText = new Map<string, number>();

  constructor() {
    // The array is replaced as the table grows: set here once more, V8 treats it as changing from
    // the start instead of dropping the optimized lookup at the first growth.
    this.resize(INITIAL_SLOTS);
  }

  /**
   * The 4-tuple's two IPv4 keys, set by the caller before `getKeyed` or `setKeyed`. Not arguments:
   * V8 boxes a number this large passed to a function it has not inlined, and the caller's
   * optimized code made both boxes for every packet, before it knew whether it would look up.
   */
  readonly keys = new Float64Array(2);

  /** The connection filed under the 4-tuple, or -1. */
  get(low: EndpointKey, high: EndpointKey): number {
    if (typeof low !== "number" || typeof high !== "number") return this.byText.get(textKey(low, high)) ?? NONE;
    this.keys[0] = low;
    this.keys[1] = high;
    return this.getKeyed();
  }

  /** `get` of the IPv4 keys in `keys`. */
  getKeyed(): number {
    const slot = this.slotOf();
    this.foundSlot = slot;
    return this.slots[slot + 2]!;
  }

  /** Files `connection` under the 4-tuple, in place of the one there before. */
  set(low: EndpointKey, high: EndpointKey, connection: number): void {
    if (typeof low !== "number" || typeof high !== "number") {
      this.byText.set(textKey(low, high), connection);
      return;
    }
    // A connection is filed right after its 4-tuple was looked up: the slot is known then.
    const { keys } = this;
    if (keys[0] !== low || keys[1] !== high) {
      keys[0] = low;
      keys[1] = high;
      this.foundSlot = NONE;
    }
    this.setKeyed(connection);
  }

  /** `set` of the IPv4 keys in `keys`. */
  setKeyed(connection: number): void {
    const slot = this.foundSlot === NONE ? this.slotOf() : this.foundSlot;
    const { slots, keys } = this;
    const isNew = slots[slot + 2] === NONE;
    slots[slot] = keys[0]!;
    slots[slot + 1] = keys[1]!;
    slots[slot + 2] = connection;
    // At most half full, so probes stay short.
    if (isNew && ++this.used * 2 * SLOT > slots.length) this.grow();
  }

  /** The slot of the 4-tuple in `keys` (its first entry's index): where it is, or the empty slot where it would go. */
  private slotOf(): number {
    const { slots, keys } = this;
    const low = keys[0]!;
    const high = keys[1]!;
    const mask = slots.length / SLOT - 1;
    for (let index = hash(low, high) & mask; ; index = (index + 1) & mask) {
      const slot = index * SLOT;
      if (slots[slot + 2] === NONE) return slot;
      // Both keys read at every occupied slot: optimized code that had never read the high key
      // (the low keys differ until two connections share an endpoint) would be thrown away there.
      const sameLow = slots[slot] === low;
      const sameHigh = slots[slot + 1] === high;
      if (sameLow && sameHigh) return slot;
    }
  }

  private grow(): void {
    this.resize((this.slots.length / SLOT) * 2);
  }

  /** Moves the entries to `count` slots (a power of two). */
  private resize(count: number): void {
    const old = this.slots;
    const slots = new Float64Array(count * SLOT);
    for (let slot = 2; slot < slots.length; slot += SLOT) slots[slot] = NONE;
    const mask = count - 1;
    for (let from = 0; from < old.length; from += SLOT) {
      if (old[from + 2] === NONE) continue;
      let index = hash(old[from]!, old[from + 1]!) & mask;
      while (slots[index * SLOT + 2] !== NONE) index = (index + 1) & mask;
      const to = index * SLOT;
      slots[to] = old[from]!;
      slots[to + 1] = old[from + 1]!;
      slots[to + 2] = old[from + 2]!;
    }
    this.slots = slots;
    this.foundSlot = NONE;
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
