/** Shared pieces of the aggregated labs: evenly spaced arrivals and per-second bucketing. */

/**
 * How many of the arrivals at times 0, 1/rate, 2/rate, ... seconds fall in tick k of length
 * `tickSeconds`: the same instants a client calling connect() on a fixed schedule would use.
 */
export function arrivalsInTick(ratePerSecond: number, tick: number, tickSeconds: number): number {
  if (ratePerSecond <= 0) return 0;
  const epsilon = 1e-9;
  const before = Math.ceil(ratePerSecond * tick * tickSeconds - epsilon);
  const through = Math.ceil(ratePerSecond * (tick + 1) * tickSeconds - epsilon);
  return Math.max(0, through - before);
}

/** Sums per-tick samples into per-second rows; `gauges` keep the last value of the second instead. */
export class PerSecondSeries<Row extends { t: number }> {
  readonly rows: Row[] = [];

  constructor(
    private readonly empty: (second: number) => Row,
    private readonly gauges: readonly (keyof Row)[],
  ) {}

  add(timeSeconds: number, sample: Omit<Row, "t">): void {
    const second = Math.floor(timeSeconds + 1e-9);
    let row = this.rows[this.rows.length - 1];
    if (row === undefined || row.t !== second) {
      row = this.empty(second);
      this.rows.push(row);
    }
    const target = row as Record<string, unknown>;
    for (const [key, value] of Object.entries(sample) as [string, number][]) {
      target[key] = this.gauges.includes(key as keyof Row) ? value : (target[key] as number) + value;
    }
  }
}
