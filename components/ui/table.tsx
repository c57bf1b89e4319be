import type { ReactNode } from "react";

/**
 * A table's head: one row of column headings, each a `<th scope="col">` so that a screen reader
 * names every cell below by its column. The columns are fixed, in the order given; each heading's
 * cell takes `cellClassName`, or what it answers for the column's position.
 */
export function TableHead({
  headings,
  cellClassName,
  className,
  rowClassName,
}: {
  headings: readonly ReactNode[];
  cellClassName?: string | ((position: number) => string);
  className?: string;
  rowClassName?: string;
}) {
  return (
    <thead className={className}>
      <tr className={rowClassName}>
        {headings.map((heading, position) => (
          // The columns never move, so their position is a stable key.
          <th key={position} scope="col" className={typeof cellClassName === "function" ? cellClassName(position) : cellClassName}>
            {heading}
          </th>
        ))}
      </tr>
    </thead>
  );
}
