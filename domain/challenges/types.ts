/** The shape of a simulator challenge. Pure data plus a goal predicate over the engine's trace. */
import type { ScenarioResult } from "@/domain/tcp";
import type { PresetId } from "@/domain/simulator/presets";
import type { ActionKey, SimulatorSettings } from "@/domain/simulator/session";

export interface GoalResult {
  reached: boolean;
  /** Why the goal was or was not reached, in a sentence or two the learner can act on. */
  feedback: string;
}

export interface Challenge {
  /** Stable: stored with completions and assignments. Lowercase kebab-case. */
  id: string;
  title: string;
  /** One sentence for lists and the instructors' catalog. */
  summary: string;
  /** What to do, shown above the simulator. */
  instructions: string;
  /** A nudge shown on request. */
  hint: string;
  /** The lesson the challenge belongs to (a content folder). */
  lesson: string;
  /** Where the run starts; the learner's actions are added to the preset's. */
  preset: PresetId;
  /** Settings other than the preset; the rest are the simulator defaults. */
  settings?: Partial<Omit<SimulatorSettings, "preset">>;
  /** The actions the learner may use. */
  allowed: readonly ActionKey[];
  /** Decides from the whole run (to quiescence) whether the goal is reached. */
  goal: (trace: ScenarioResult) => GoalResult;
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
    }
  | { ok: true; reached: false; feedback: string }
  | { ok: false; error: string; issues: string[] };
