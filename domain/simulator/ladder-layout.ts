/**
 * Vertical layout of a ladder (sequence) diagram. Time runs down, but not to scale: a trace
 * mixes 10 ms hops with 60 s timers, so each distinct instant gets a row and long pauses get a
 * marked gap ("… 60 s later"). Arrows go from the row of their sending to the row of their
 * arrival. Pure arithmetic, shared by the simulator and the capture viewer.
 */

export const LADDER_METRICS = {
  /** Space above the first row, for the host names. */
  top: 56,
  row: 34,
  /** Extra space for a pause marker. */
  gap: 30,
  bottom: 24,
  /** Pauses at least this long get a marker. */
  gapThresholdMs: 1000,
} as const;

export interface LadderRow {
  t: number;
  y: number;
}

export interface LadderGap {
  /** Centre of the marker. */
  y: number;
  /** Length of the pause. */
  ms: number;
}

export interface LadderLayout {
  rows: readonly LadderRow[];
  gaps: readonly LadderGap[];
  height: number;
}

/** Rows for the given instants (any order, duplicates allowed). */
export function layoutRows(times: Iterable<number>): LadderLayout {
  const sorted = [...new Set(times)].sort((a, b) => a - b);
  const rows: LadderRow[] = [];
  const gaps: LadderGap[] = [];
  let y = LADDER_METRICS.top;
  let previous: number | undefined;
  for (const t of sorted) {
    if (previous !== undefined) {
      y += LADDER_METRICS.row;
      if (t - previous >= LADDER_METRICS.gapThresholdMs) {
        gaps.push({ y: y - LADDER_METRICS.row / 2 + LADDER_METRICS.gap / 2, ms: t - previous });
        y += LADDER_METRICS.gap;
      }
    }
    rows.push({ t, y });
    previous = t;
  }
  return { rows, gaps, height: y + LADDER_METRICS.bottom + (rows.length ? LADDER_METRICS.row : 0) };
}

/** Index of the last row at or before `t` (-1 if none). */
export function rowIndexAt(layout: LadderLayout, t: number): number {
  let low = -1;
  let high = layout.rows.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((layout.rows[middle]?.t ?? Infinity) <= t) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * y of an instant: a row's y, or interpolated between the rows around it (for the expected
 * arrival of a lost segment, say); past the last row it continues at one row per latency.
 */
export function yAt(layout: LadderLayout, t: number): number {
  const index = rowIndexAt(layout, t);
  const before = layout.rows[index];
  if (before === undefined) return LADDER_METRICS.top;
  if (before.t === t) return before.y;
  const after = layout.rows[index + 1];
  if (after === undefined) return before.y + LADDER_METRICS.row * 0.8;
  const fraction = (t - before.t) / (after.t - before.t);
  return before.y + fraction * Math.min(after.y - before.y, LADDER_METRICS.row);
}

/** Rows intersecting [top, bottom] (binary search), for drawing only what is on screen. */
export function visibleRowRange(layout: LadderLayout, top: number, bottom: number): [number, number] {
  const search = (y: number) => {
    let low = 0;
    let high = layout.rows.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((layout.rows[middle]?.y ?? Infinity) < y) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return [search(top), search(bottom)];
}
