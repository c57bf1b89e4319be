/**
 * Per-connection state kept as columns (struct of arrays): one typed array per field, one entry
 * per connection, direction or end. A hundred thousand connections then cost a few dozen arrays
 * instead of a million small objects, which the garbage collector would walk again and again.
 */
export type Column = Float64Array | Uint32Array | Int32Array | Uint16Array | Uint8Array | Int8Array;

/**
 * `column` with room for at least `length` entries; new entries are zero (callers set another
 * initial value entry by entry, as they add them, rather than filling the new room at once).
 *
 * Growing four times over copies a third of what doubling copies. The room not yet used costs
 * address space, not memory: a new array's pages are mapped when first written.
 */
export function grown<T extends Column>(column: T, length: number): T {
  return withCapacity(column, grownCapacity(column.length, length));
}

/** The room `grown` makes for `length` entries in a column with room for `capacity`. */
export function grownCapacity(capacity: number, length: number): number {
  return length <= capacity ? capacity : Math.max(length, capacity * GROWTH, 64);
}

/** `column` with room for exactly `capacity` entries, or as it is when it has that room already. */
export function withCapacity<T extends Column>(column: T, capacity: number): T {
  if (capacity <= column.length) return column;
  const bigger = new (column.constructor as new (length: number) => T)(capacity);
  bigger.set(column);
  return bigger;
}

const GROWTH = 4;
