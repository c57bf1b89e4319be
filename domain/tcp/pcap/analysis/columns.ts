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
  if (length <= column.length) return column;
  const bigger = new (column.constructor as new (length: number) => T)(Math.max(length, column.length * GROWTH, 64));
  bigger.set(column);
  return bigger;
}

const GROWTH = 4;
