import type { ReactNode } from "react";

/** One column of a table: its heading and the classes of the heading's cell. */
export interface TableColumn {
  heading: ReactNode;
  className?: string;
}

/**
 * A table's head: one row of column headings, each a `<th scope="col">` so that a screen reader
 * names every cell below by its column. Columns stand in the order given; their headings are fixed.
 */
export function TableHead({ columns, className, rowClassName }: { columns: readonly TableColumn[]; className?: string; rowClassName?: string }) {
  return (
    <thead className={className}>
      <tr className={rowClassName}>
        {columns.map(({ heading, className: cellClassName }, position) => (
          // The columns never move, so their position is a stable key.
          <th key={position} scope="col" className={cellClassName}>
            {heading}
          </th>
        ))}
      </tr>
    </thead>
  );
}
