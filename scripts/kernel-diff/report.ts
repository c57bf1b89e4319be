/**
 * Prints the engine/kernel comparison of a recorded run, case by case (for working on the engine
 * or the suite without re-running the kernel):
 *
 *   npx tsx scripts/kernel-diff/report.ts RUN_DIR [CASE_ID ...]
 *
 * RUN_DIR is what `KERNEL_DIFF_KEEP=DIR npx vitest run --config vitest.kernel.config.ts` (or
 * scripts/kernel-diff/run.py) wrote.
 */
import { kernelCases } from "../../tests/kernel/cases";
import { formatJudgement, judgeCase } from "../../tests/kernel/judge";

const [runDirectory, ...only] = process.argv.slice(2);
if (runDirectory === undefined) {
  console.error("usage: npx tsx scripts/kernel-diff/report.ts RUN_DIR [CASE_ID ...]");
  process.exit(2);
}
for (const kernelCase of kernelCases().cases) {
  if (only.length > 0 && !only.includes(kernelCase.id)) continue;
  try {
    console.log(formatJudgement(judgeCase(kernelCase, runDirectory)));
  } catch (error) {
    console.log(`── ${kernelCase.id}: ${error instanceof Error ? error.message : String(error)}`);
  }
  console.log();
}
