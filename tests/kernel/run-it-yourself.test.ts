/**
 * "Run it yourself": the commands each box shows, run exactly as shown on this machine's kernel
 * (tests/kernel/global-setup.ts), record the capture the course shows beside them: the same
 * segments in each direction, the same state paths, each segment within 20 ms or 5 % of its time.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { recipeOutcomePath, recipeSpecs, type RecipeOutcome } from "./recipes";

const run = inject("kernelDiff");

describe.skipIf(run.skip !== null)(`"Run it yourself" on the real kernel${run.skip ? ` (skipped: ${run.skip})` : ""}`, () => {
  it.each(recipeSpecs().map((spec) => [spec.sample] as const))("the commands of the %s box record the capture the course shows", (sample) => {
    const file = recipeOutcomePath(run.directory, sample);
    expect(existsSync(file), `no outcome for ${sample}: was it recorded?`).toBe(true);
    const outcome = JSON.parse(readFileSync(file, "utf8")) as RecipeOutcome;
    expect(outcome.error, `the commands failed on try ${outcome.attempts}`).toBeUndefined();
    expect(outcome.problems, `after ${outcome.attempts} tries the run still differs from public/captures/${sample}.pcap`).toEqual([]);
    expect(outcome.segments).toBeGreaterThan(0);
  });
});
