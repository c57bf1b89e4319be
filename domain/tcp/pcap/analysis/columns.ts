/**
 * Per-connection state kept as columns (struct of arrays): one typed array per field, one entry
 * per connection, direction or end. A hundred thousand connections then cost a few dozen arrays
 * instead of a million small objects, which the garbage collector would walk again and again.
 */
export type Column = Float64Array | Uint32Array | Int32Array | Uint16Array | Uint8Array | Int8Array;

/** `column` with room for at least `length` entries; new entries are `fill`. */
export function grown<T extends Column>(column: T, length: number, fill = 0): T {
  if (length <= column.length) return column;
  const bigger = new (column.constructor as new (length: number) => T)(Math.max(length, column.length * 2, 64));
  bigger.set(column);
  if (fill !== 0) bigger.fill(fill, column.length);
  return bigger;
}
