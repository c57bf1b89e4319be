/** The vocabulary goals use to judge one connection and to say why (their words: goal-words.ts). */
import type { CaptureValues, Localized } from "./types";
import type { ConnectionView } from "./connection-view";

export interface Mark {
  /** Index in the connection's segments. */
  index: number;
  mark: "meets" | "misses";
  note: Localized;
}

export interface Judgement {
  reached: boolean;
  /** A key of the challenge's `outcomes`. */
  outcome: string;
  /** How far this connection got towards the goal; the grader explains the highest. */
  rank: number;
  /** Values for the outcome's summary. */
  vars?: Readonly<Record<string, string | number>>;
  marks: Mark[];
}

export type Judge = (view: ConnectionView, values: CaptureValues) => Judgement;

export type OutcomeText = (vars: Readonly<Record<string, string | number>>, values: CaptureValues) => Localized;

/** Seconds with one decimal ("1.0"), from milliseconds. */
export function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}
