import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CAPTURE_CHALLENGES, gradeCapture, type CaptureVerdict } from "@/domain/capture-challenges";
import { TEST_CAPTURE_VALUES } from "@/domain/capture-challenges/test-values";
import { cpuMilliseconds, mulberry32, mutate } from "@/scripts/fuzz-captures";
import type { Locale } from "@/domain/locale";

/**
 * Uploads are untrusted: whatever the bytes, grading answers a verdict or "not a capture", never
 * an exception, within a CPU bound, and a verdict is always complete (every text present, every
 * listed segment of the examined connection real). Mutations of the committed challenge captures
 * keep most of the structure, so they reach the goals' code, not only the container parser.
 */
const DIR = path.join(process.cwd(), "tests", "fixtures", "capture-challenges");
const corpus = readdirSync(DIR)
  .filter((file) => /\.pcapn?g?$/.test(file))
  .map((file) => ({ name: file, bytes: new Uint8Array(readFileSync(path.join(DIR, file))) }));
const MAX_CPU_MS = 2000;

function checkVerdict(verdict: CaptureVerdict) {
  expect(verdict.summary.length).toBeGreaterThan(10);
  expect(typeof verdict.reached).toBe("boolean");
  for (const segment of verdict.connection?.segments ?? []) {
    expect(Number.isInteger(segment.frame)).toBe(true);
    for (const line of [...segment.notes, ...segment.changes]) expect(line.length).toBeGreaterThan(0);
  }
}

function gradeAnything(bytes: Uint8Array, challengeIndex: number, locale: Locale) {
  const challenge = CAPTURE_CHALLENGES[challengeIndex % CAPTURE_CHALLENGES.length]!;
  const { result, ms } = cpuMilliseconds(() => gradeCapture(bytes, challenge, TEST_CAPTURE_VALUES, locale, { keep: true }));
  expect(ms).toBeLessThan(MAX_CPU_MS);
  if (result.ok) checkVerdict(result.verdict);
  else expect(result.message).toMatch(locale === "zh" ? /pcap/ : /not a pcap or pcapng capture/);
  return result;
}

describe("grading fuzzed uploads", () => {
  it("answers 600 mutations of the challenge captures with a verdict or a clear refusal", () => {
    let verdicts = 0;
    let refused = 0;
    let reached = 0;
    for (let seed = 1; seed <= 600; seed++) {
      const random = mulberry32(seed);
      const source = corpus[seed % corpus.length]!;
      const { bytes, mutation } = mutate(source.bytes, random);
      let result;
      try {
        result = gradeAnything(bytes, Math.floor(random() * 1000), seed % 2 ? "en" : "zh");
      } catch (error) {
        throw new Error(`seed ${seed}, ${source.name}, ${mutation}: ${error instanceof Error ? error.stack : String(error)}`);
      }
      if (result.ok) {
        verdicts++;
        if (result.verdict.reached) reached++;
      } else refused++;
    }
    // The mutations must reach both paths, and some still meet a goal (the grader read them through).
    expect(verdicts).toBeGreaterThan(150);
    expect(refused).toBeGreaterThan(40);
    expect(reached).toBeGreaterThan(5);
  }, 120_000);

  it("never throws on arbitrary bytes, with or without a valid pcap header in front", () => {
    const header = corpus.find((c) => c.name === "capture-half-close.pcap")!.bytes.slice(0, 24);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.boolean(), fc.nat(), (tail, withHeader, which) => {
        const bytes = withHeader ? new Uint8Array([...header, ...tail]) : tail;
        gradeAnything(bytes, which, "en");
      }),
      { numRuns: 400, seed: 18 },
    );
  }, 60_000);
});
