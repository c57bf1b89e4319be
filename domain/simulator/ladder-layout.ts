/**
 * Vertical layout of a ladder (sequence) diagram. Time runs down, but not to scale: a trace
 * mixes 10 ms hops with 60 s timers and bursts of dozens of segments sent in the same
 * millisecond. So each step of the run (one item of the engine's queue) gets a row, segments
 * sent in the same step are stacked inside it, and long pauses get a marked gap
 * ("… 60 s later"). Pure arithmetic, shared by the simulator and the capture viewer.
 */

export const LADDER_METRICS = {
  /** Space above the first row, for the hosts' initial states. */
  top: 56,
  row: 34,
  /** Spacing of segments sent together, and of notes stacked on a host line. */
  stack: 16,
  mark: 12,
  /** Extra space for a pause marker. */
  gap: 30,
  bottom: 24,
  /** Pauses at least this long get a marker. */
  gapThresholdMs: 1000,
} as const;

export interface LayoutStep {
  t: number;
  /** Segments sent in this step. */
  sends: number;
  /** Notes drawn on the busier host line in this step (calls, states, errors, timers). */
  marks: number;
}

export interface LadderGap {
  /** Centre of the marker. */
  y: number;
  /** Length of the pause. */
  ms: number;
}

export interface StepLayout {
  /** y of each step's row. */
  ys: readonly number[];
  times: readonly number[];
  gaps: readonly LadderGap[];
  height: number;
}

export function layoutSteps(steps: readonly LayoutStep[]): StepLayout {
  const ys: number[] = [];
  const gaps: LadderGap[] = [];
  let y = LADDER_METRICS.top;
  let previous: LayoutStep | undefined;
  for (const step of steps) {
    if (previous !== undefined) {
      const used = Math.max(
        LADDER_METRICS.row,
        (previous.sends - 1) * LADDER_METRICS.stack + LADDER_METRICS.row,
        previous.marks * LADDER_METRICS.mark + 10,
      );
      y += used;
      if (step.t - previous.t >= LADDER_METRICS.gapThresholdMs) {
        gaps.push({ y: y - LADDER_METRICS.row / 2 + LADDER_METRICS.gap / 2, ms: step.t - previous.t });
        y += LADDER_METRICS.gap;
      }
    }
    ys.push(y);
    previous = step;
  }
  const last = previous ? Math.max(LADDER_METRICS.row, previous.sends * LADDER_METRICS.stack + LADDER_METRICS.row) : 0;
  return { ys, times: steps.map((step) => step.t), gaps, height: y + last + LADDER_METRICS.bottom };
}

/** Index of the first step at or after time `t` (steps are in time order); length if none. */
export function firstStepAtOrAfter(times: readonly number[], t: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((times[middle] ?? Infinity) < t) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** y where an instant falls: the row of the first step at or after it, or below the last row. */
export function yAtTime(layout: StepLayout, t: number): number {
  const index = firstStepAtOrAfter(layout.times, t);
  return layout.ys[index] ?? (layout.ys[layout.ys.length - 1] ?? LADDER_METRICS.top) + LADDER_METRICS.row;
}
