/**
 * Records every case on the real kernel before the tests judge them (scripts/kernel-diff/run.py),
 * and at the same time runs the commands of every "Run it yourself" box
 * (scripts/kernel-diff/run_recipe.py, compared with the shown capture as each finishes), or says
 * why this machine cannot: not Linux, not root, no network namespaces or TUN device.
 *
 *   KERNEL_DIFF_RUN=DIR    judge an existing recording instead of recording (DIR from KERNEL_DIFF_KEEP)
 *   KERNEL_DIFF_KEEP=DIR   record into DIR and keep it (default: a temporary directory, removed after)
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { kernelCases, specOf } from "./cases";
import { RECIPE_ATTEMPTS, recipeDirectory, recipeOutcomePath, recipeSpecs, shownCapture, type RecipeOutcome, type RecipeSpec } from "./recipes";
import { compareReproduction } from "./reproduce";

export interface KernelDiffRun {
  /** Set when the kernel could not be used; the tests are skipped with this reason. */
  skip: string | null;
  directory: string;
  seconds: number;
}

declare module "vitest" {
  export interface ProvidedContext {
    kernelDiff: KernelDiffRun;
  }
}

const runner = fileURLToPath(new URL("../../scripts/kernel-diff/run.py", import.meta.url));
const recipeRunner = fileURLToPath(new URL("../../scripts/kernel-diff/run_recipe.py", import.meta.url));
/** Recipes start this far apart, after the cases have started: their first second is busy too. */
const RECIPE_SPACING_MS = 400;

/** Runs a command to its end; resolves with its exit code (output inherited, or to a file). */
function exitCodeOf(command: string, args: string[], output: "inherit" | "ignore"): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: output });
    child.on("error", () => resolve(-1));
    child.on("exit", (code) => resolve(code ?? -1));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs one box's commands until its capture matches the shown one, at most RECIPE_ATTEMPTS times. */
async function recordRecipe(spec: RecipeSpec, runDirectory: string): Promise<RecipeOutcome> {
  const directory = recipeDirectory(runDirectory, spec.sample);
  mkdirSync(directory, { recursive: true });
  const specPath = path.join(directory, "recipe.json");
  writeFileSync(specPath, JSON.stringify(spec));
  const started = Date.now();
  let outcome: RecipeOutcome = { sample: spec.sample, attempts: 0, problems: [], segments: 0, seconds: 0 };
  for (let attempt = 1; attempt <= RECIPE_ATTEMPTS; attempt++) {
    const attemptDirectory = path.join(directory, `attempt${attempt}`);
    const code = await exitCodeOf("python3", [recipeRunner, specPath, attemptDirectory], "ignore");
    const capture = path.join(attemptDirectory, `${spec.sample}.pcap`);
    outcome = { sample: spec.sample, attempts: attempt, problems: [], segments: 0, seconds: Math.round((Date.now() - started) / 1000) };
    if (code !== 0 || !existsSync(capture)) {
      const log = path.join(attemptDirectory, "recipe.log");
      outcome.error = `run_recipe.py exited with ${code}: ${existsSync(log) ? readFileSync(log, "utf8").slice(-1500) : "no log"}`;
      continue;
    }
    const { problems, segments } = compareReproduction(shownCapture(spec.sample), new Uint8Array(readFileSync(capture)));
    outcome.problems = problems;
    outcome.segments = segments;
    if (problems.length === 0) break;
  }
  writeFileSync(recipeOutcomePath(runDirectory, spec.sample), JSON.stringify(outcome, null, 1));
  return outcome;
}

export default async function setup(project: TestProject): Promise<() => void> {
  const reuse = process.env.KERNEL_DIFF_RUN;
  if (reuse) {
    if (!existsSync(path.join(reuse, "summary.json"))) throw new Error(`KERNEL_DIFF_RUN=${reuse} holds no recorded run (summary.json)`);
    project.provide("kernelDiff", { skip: null, directory: reuse, seconds: 0 });
    return () => undefined;
  }
  const check = spawnSync("python3", [runner, "--check"], { encoding: "utf8" });
  if (check.error || check.status !== 0) {
    const reason = check.error
      ? `python3 is not available (${check.error.message})`
      : check.stdout.trim() || check.stderr.trim() || `python3 scripts/kernel-diff/run.py --check failed (exit ${check.status}) without saying why`;
    console.warn(`\n⚠ Kernel differential test skipped: ${reason}\n`);
    project.provide("kernelDiff", { skip: reason, directory: "", seconds: 0 });
    return () => undefined;
  }
  const keep = process.env.KERNEL_DIFF_KEEP;
  const directory = keep ?? mkdtempSync(path.join(tmpdir(), "kernel-diff-"));
  mkdirSync(directory, { recursive: true });
  const casesFile = path.join(directory, "cases.json");
  writeFileSync(casesFile, JSON.stringify(kernelCases().cases.map(specOf)));
  const started = Date.now();
  const cases = exitCodeOf("python3", [runner, casesFile, directory], "inherit");
  // The longest recipes first, as run.py orders the cases.
  const recipes = recipeSpecs()
    .sort((a, b) => b.seconds - a.seconds)
    .map(async (spec, index) => {
      await sleep(RECIPE_SPACING_MS * (index + 1));
      return recordRecipe(spec, directory);
    });
  const [casesExit, outcomes] = await Promise.all([cases, Promise.all(recipes)]);
  if (casesExit !== 0) throw new Error(`recording the cases on the kernel failed (scripts/kernel-diff/run.py exit ${casesExit})`);
  const retried = outcomes.filter((outcome) => outcome.attempts > 1).map((outcome) => `${outcome.sample} (${outcome.attempts} tries)`);
  console.log(`run it yourself: ${outcomes.length} boxes' commands run${retried.length > 0 ? `; recorded again: ${retried.join(", ")}` : ""}`);
  project.provide("kernelDiff", { skip: null, directory, seconds: Math.round((Date.now() - started) / 1000) });
  return () => {
    if (!keep) rmSync(directory, { recursive: true, force: true });
  };
}
