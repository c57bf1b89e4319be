/**
 * "Run it yourself" in the kernel differential test: the commands of every box
 * (domain/simulator/run-it-yourself.ts) are run exactly as a reader would paste them
 * (scripts/kernel-diff/run_recipe.py), and the capture they leave is compared with the capture the
 * course shows next to them (tests/kernel/reproduce.ts). The global setup records them alongside
 * the cases; run-it-yourself.test.ts reads the outcomes.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { RUN_IT_YOURSELF, shellCommands } from "@/domain/simulator/run-it-yourself";

/** What run_recipe.py reads. */
export interface RecipeSpec {
  sample: string;
  program: string;
  commands: string[];
  seconds: number;
}

/** What the global setup leaves for the test: the last attempt's comparison. */
export interface RecipeOutcome {
  sample: string;
  attempts: number;
  /** Differences from the shown capture; empty when it was reproduced. */
  problems: string[];
  segments: number;
  /** The commands failed or left no capture (run_recipe.py's message). */
  error?: string;
  seconds: number;
}

/** A recording is tried again when it differs (the machine's load can delay a program's sleeps); a real difference differs every time. */
export const RECIPE_ATTEMPTS = 3;

export function recipeSpecs(): RecipeSpec[] {
  return RUN_IT_YOURSELF.map((recipe) => ({ sample: recipe.sample, program: recipe.program, commands: shellCommands(recipe), seconds: recipe.seconds }));
}

export function recipeDirectory(runDirectory: string, sample: string): string {
  return path.join(runDirectory, "recipes", sample);
}

export function recipeOutcomePath(runDirectory: string, sample: string): string {
  return path.join(recipeDirectory(runDirectory, sample), "outcome.json");
}

/** The capture the course shows for a sample (public/captures). */
export function shownCapture(sample: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../public/captures/${sample}.pcap`, import.meta.url)));
}
