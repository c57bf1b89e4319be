/**
 * Records every case on the real kernel before the tests judge them (scripts/kernel-diff/run.py),
 * or says why this machine cannot: not Linux, not root, no network namespaces or TUN device.
 *
 *   KERNEL_DIFF_RUN=DIR    judge an existing recording instead of recording (DIR from KERNEL_DIFF_KEEP)
 *   KERNEL_DIFF_KEEP=DIR   record into DIR and keep it (default: a temporary directory, removed after)
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { kernelCases, specOf } from "./cases";

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

export default function setup(project: TestProject): () => void {
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
  const run = spawnSync("python3", [runner, casesFile, directory], { stdio: "inherit" });
  if (run.status !== 0) throw new Error(`recording the cases on the kernel failed (scripts/kernel-diff/run.py exit ${run.status})`);
  project.provide("kernelDiff", { skip: null, directory, seconds: Math.round((Date.now() - started) / 1000) });
  return () => {
    if (!keep) rmSync(directory, { recursive: true, force: true });
  };
}
