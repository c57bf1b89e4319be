/** Reads one case's kernel recording and compares it with the engine's run of the same scenario. */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { KernelCase } from "./cases";
import { compareCase, type CaseComparison } from "./compare";
import { explanationOf } from "./documented-differences";
import { engineTrace, type EngineTrace } from "./engine-trace";
import { kernelRunFrom, type KernelRun, type KernelRunResult } from "./kernel-run";
import { readerAgainstKernel, type ReaderCheck } from "./reader-vs-kernel";

/** The directory scripts/kernel-diff/run.py gives a case (its id, made safe for a file name). */
export function caseDirectory(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9.-]+/g, "_");
}

export interface CaseJudgement {
  kernelCase: KernelCase;
  trace: EngineTrace;
  kernel: KernelRun;
  comparison: CaseComparison;
  /** The capture reader's inferred states against what the kernel showed. */
  reader: ReaderCheck;
}

export function judgeCase(kernelCase: KernelCase, runDirectory: string): CaseJudgement {
  const directory = path.join(runDirectory, caseDirectory(kernelCase.id));
  const result = JSON.parse(readFileSync(path.join(directory, "result.json"), "utf8")) as KernelRunResult & { disturbed?: string[] };
  const capture = new Uint8Array(readFileSync(path.join(directory, "capture.pcap")));
  const kernel = kernelRunFrom(result, capture);
  if (result.disturbed?.length) kernel.harness.push(...result.disturbed.map((problem) => `disturbed recording: ${problem}`));
  const trace = engineTrace(kernelCase.scenario);
  return { kernelCase, trace, kernel, comparison: compareCase(trace, kernel, kernelCase.judgedUntilMs), reader: readerAgainstKernel(kernel, capture) };
}

export function formatJudgement({ kernelCase, comparison, reader, trace }: CaseJudgement): string {
  const lines = [
    `── ${kernelCase.id}  (${kernelCase.sources.join("; ")})`,
    comparison.table,
    ...comparison.differences.map((difference) => {
      const documented = explanationOf(difference, trace);
      return documented ? `  ≈ ${difference.summary} (documented: ${documented.id})` : `  ✗ ${difference.summary}`;
    }),
    ...comparison.harness.map((problem) => `  ! ${problem}`),
    ...reader.problems.map((problem) => `  ✗ capture reader: ${problem}`),
    ...(comparison.notJudged.length ? [`  beyond the horizon, not judged: ${comparison.notJudged.join("; ")}`] : []),
  ];
  return lines.join("\n");
}
