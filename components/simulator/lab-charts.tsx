"use client";

import { LineChart } from "./line-chart";

/** Rows of a lab's result: one a second, with the numbers its charts draw. */
type Row = { t: number };
type NumberKey<R> = { [K in keyof R]: R[K] extends number ? K : never }[keyof R];

/** One chart of a lab, declared: its words, and which numbers of each row it draws. */
export interface LabChart<R extends Row, Summary> {
  title: string;
  /** The sentence a screen reader hears for the chart, from the run's summary. */
  describe: (summary: Summary) => string;
  yLabel: string;
  /** Draw the lab's marker (e.g. the first failure) on this chart. */
  marked?: boolean;
  series: readonly { name: string; colour: string; value: NumberKey<R>; area?: boolean }[];
}

/**
 * The seconds and rows a lab's charts draw. Until the first result there are no rows, and the
 * charts are drawn empty over the run's length, so the lab keeps its size when the result arrives.
 */
export function chartRows<R extends Row>(rows: readonly R[] | null, durationSeconds: number) {
  if (rows === null) return { seconds: [0, durationSeconds], rows: [] as readonly R[] };
  return { seconds: rows.map((row) => row.t), rows };
}

/** A lab's charts: each declared chart drawn over the run's rows (empty while the lab runs). */
export function LabCharts<R extends Row, Summary>({
  charts,
  result,
  durationSeconds,
  marker,
  running,
}: {
  charts: readonly LabChart<R, Summary>[];
  /** The run's rows and summary, or null before the first result. */
  result: { series: readonly R[]; summary: Summary } | null;
  durationSeconds: number;
  /** A vertical line at a second the summary names (e.g. the first failure), if any. */
  marker: (summary: Summary) => { at: number; label: string } | null;
  /** What the charts say while there is no result. */
  running: string;
}) {
  const drawn = chartRows(result?.series ?? null, durationSeconds);
  const summary = result?.summary ?? null;
  const markedAt = summary === null ? null : marker(summary);
  return charts.map((chart) => (
    <LineChart
      key={chart.title}
      title={chart.title}
      description={summary === null ? running : chart.describe(summary)}
      seconds={drawn.seconds}
      yLabel={chart.yLabel}
      marker={chart.marked ? markedAt : undefined}
      series={chart.series.map(({ name, colour, value, area }) => ({
        name,
        colour,
        values: drawn.rows.map((row) => row[value] as number),
        ...(area ? { area } : {}),
      }))}
    />
  ));
}
