/**
 * "Run it yourself": every capture the course shows comes with commands that record it again on
 * one's own machine. Here: that each sample has them, that they are short, consistent and valid
 * Python; the kernel differential test runs them and compares the capture.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CAPTURE_SAMPLES } from "@/domain/simulator/capture-samples";
import { NAMESPACE, RUN_IT_YOURSELF, SAMPLES_WITHOUT_RECIPE, runItYourself, shellCommands, watchCommand } from "@/domain/simulator/run-it-yourself";

function hasPython(): boolean {
  try {
    execFileSync("python3", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("run it yourself", () => {
  it("covers every capture sample the course shows", () => {
    expect(SAMPLES_WITHOUT_RECIPE).toEqual([]);
    expect(RUN_IT_YOURSELF.map((recipe) => recipe.sample).sort()).toEqual(CAPTURE_SAMPLES.map((sample) => sample.id).sort());
  });

  it("keeps each program short and each command consistent with it", () => {
    for (const recipe of RUN_IT_YOURSELF) {
      const lines = recipe.program.trimEnd().split("\n");
      expect(lines.length, recipe.sample).toBeLessThanOrEqual(12);
      expect(recipe.program, recipe.sample).toContain(String(recipe.port));
      const commands = shellCommands(recipe).join("\n");
      expect(commands).toContain(`${recipe.sample}.py`);
      expect(commands).toContain(`-w ${recipe.sample}.pcap tcp port ${recipe.port}`);
      expect(commands).toContain(`ip netns del ${NAMESPACE}`);
      expect(watchCommand(recipe)).toContain(`:${recipe.port}`);
      expect(recipe.lookFor.en.length).toBeGreaterThan(20);
      expect(recipe.lookFor.zh).toMatch(/[\u3400-\u9fff]/);
    }
    expect(runItYourself("no-such-sample")).toBeNull();
  });

  it.runIf(hasPython())("every program is valid Python 3", { timeout: 30_000 }, () => {
    const dir = mkdtempSync(path.join(tmpdir(), "run-it-yourself-"));
    try {
      const files = RUN_IT_YOURSELF.map((recipe) => {
        const file = path.join(dir, `${recipe.sample}.py`);
        writeFileSync(file, recipe.program);
        return file;
      });
      execFileSync("python3", ["-m", "py_compile", ...files], { stdio: "pipe" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
