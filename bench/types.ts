/**
 * One measured figure next to a baseline measured in the same run, so results compare across
 * machines as ratios rather than absolute times.
 */
export interface BenchFigure {
  /** Stable identifier, e.g. "engine.segmentsPerSecond". */
  id: string;
  /** Human label for BENCHMARKS.md. */
  label: string;
  unit: string;
  value: number;
  baseline: { label: string; value: number };
  /** value / baseline.value (higher-is-better units) — documented per figure in `note`. */
  ratio: number;
  note?: string;
  /** The goal for this figure, when it has one: what it asks and whether this run meets it. */
  goal?: { text: string; met: boolean };
}

/** Every bench module default-exports one of these; bench/run.ts collects them. */
export type BenchSuite = {
  name: string;
  /** The command that reproduces this suite's figures alone. */
  command: string;
  run: () => Promise<BenchFigure[]>;
};
