/** The shape of a simulator challenge. Pure data plus a goal predicate over the engine's trace. */
import type { ScenarioResult } from "@/domain/tcp";
import type { PresetId } from "@/domain/simulator/presets";
import type { ActionKey, SimulatorSettings } from "@/domain/simulator/session";
import type { Locale } from "@/domain/locale";

/** What a goal decides from a trace: reached or not, and which of the challenge's outcomes it was. */
export interface GoalVerdict<Outcome extends string = string> {
  reached: boolean;
  /** A key of the challenge's `feedback`. */
  outcome: Outcome;
  /** Values for `{name}` placeholders in the feedback (`{host}` is "client" or "server"). */
  values?: Readonly<Record<string, string | number>>;
}

/** A verdict with its feedback written out in one language. */
export interface GoalResult {
  reached: boolean;
  outcome: string;
  /** Why the goal was or was not reached, in a sentence or two the learner can act on. */
  feedback: string;
}

/** What a challenge says in one language. */
export interface ChallengeText<Outcome extends string = string> {
  title: string;
  /** One sentence for lists and the instructors' catalog. */
  summary: string;
  /** What to do, shown above the simulator. */
  instructions: string;
  /** A nudge shown on request. */
  hint: string;
  /**
   * What the learner is told after a check, by outcome (the keys `goal` returns); `{name}`
   * placeholders are filled from the verdict's values.
   */
  feedback: Readonly<Record<Outcome, string>>;
}

export interface Challenge {
  /** Stable: stored with completions and assignments. Lowercase kebab-case. */
  id: string;
  /** The lesson the challenge belongs to (a content folder). */
  lesson: string;
  /** Where the run starts; the learner's actions are added to the preset's. */
  preset: PresetId;
  /** Settings other than the preset; the rest are the simulator defaults. */
  settings?: Partial<Omit<SimulatorSettings, "preset">>;
  /** The actions the learner may use. */
  allowed: readonly ActionKey[];
  /** Its words in every language, side by side (registry.ts's `defineChallenge` checks the outcomes). */
  text: Readonly<Record<Locale, ChallengeText>>;
  /** Decides from the whole run (to quiescence) whether the goal is reached. */
  goal: (trace: ScenarioResult) => GoalVerdict;
}

export interface ChallengeSummary {
  id: string;
  title: string;
  summary: string;
  lesson: string;
  /** Where a learner does it. */
  href: string;
}

/** The server's answer to a submitted action log. */
export type ChallengeSubmitResult =
  | {
      ok: true;
      reached: true;
      feedback: string;
      /** "new": stored now; "existing": completed before; "signed-out": verified, nothing stored. */
      stored: "new" | "existing" | "signed-out";
      completedAt: string | null;
      /** For "signed-out": a server-signed receipt the browser keeps and hands back after sign-in, so the completion keeps this time. */
      receipt?: string;
    }
  | { ok: true; reached: false; feedback: string }
  | { ok: false; error: string; issues: string[] };
