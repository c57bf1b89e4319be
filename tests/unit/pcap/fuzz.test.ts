import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CaptureAnalyzer, CaptureFormatError, CaptureReader, type CaptureAnalysis } from "@/domain/tcp/pcap";
import { cpuMilliseconds, fuzzCaptures, loadCorpus } from "@/scripts/fuzz-captures";
import { concat } from "./helpers/bytes";
import { chunked } from "./helpers/containers";
import { FIXTURE_DIR } from "./helpers/fixtures";

/**
 * Whatever the bytes, the reader returns an analysis or throws CaptureFormatError, within a CPU
 * time bound, and the outcome does not depend on how the input was cut into chunks.
 */
const corpus = loadCorpus(FIXTURE_DIR);
/** CPU time per case: a hang or a blow-up shows, a busy machine does not. */
const MAX_CPU_MS = 2000;

type Outcome = { analysis: CaptureAnalysis } | { error: string };

/** Frame, offset and bytes of every packet, and the warnings, reading `bytes` in one go. */
function readPackets(bytes: Uint8Array) {
  const reader = new CaptureReader();
  const packets = reader.push(bytes).map((p) => ({ frame: p.frame, offset: p.offset, length: p.data.length, data: [...p.data] }));
  const warnings = [...reader.end()];
  return { format: reader.format, packets, warnings };
}

function outcome(chunks: Uint8Array[]): Outcome {
  const { result, ms } = cpuMilliseconds((): Outcome => {
    try {
      const analyzer = new CaptureAnalyzer();
      for (const chunk of chunks) analyzer.push(chunk);
      return { analysis: analyzer.finish() };
    } catch (error) {
      if (!(error instanceof CaptureFormatError)) throw error;
      return { error: error.message };
    }
  });
  expect(ms).toBeLessThan(MAX_CPU_MS);
  return result;
}

const fixture = fc.constantFrom(...corpus.map((entry) => entry.bytes));
const chunkSizes = fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 6 });
const headers = fc.constantFrom(
  Uint8Array.from([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0]),
  Uint8Array.from([0xa1, 0xb2, 0xc3, 0xd4, 0, 2, 0, 4]),
  Uint8Array.from([0x4d, 0x3c, 0xb2, 0xa1, 2, 0, 4, 0]),
  Uint8Array.from([0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a, 1, 0, 0, 0]),
  Uint8Array.from([0x0a, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0x1c, 0x1a, 0x2b, 0x3c, 0x4d, 0, 1, 0, 0]),
);

// Generous: these run thousands of cases, and CI machines can be busy.
describe("the capture reader on hostile input", { timeout: 60_000 }, () => {
  it("handles random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        outcome([bytes]);
      }),
      { numRuns: 300 },
    );
  });

  it("handles random bytes behind a valid pcap or pcapng header", () => {
    fc.assert(
      fc.property(headers, fc.uint8Array({ maxLength: 4000 }), (header, rest) => {
        outcome([concat(header, rest)]);
      }),
      { numRuns: 300 },
    );
  });

  it("reads every truncation of a real capture as a prefix of its packets, warning when a record is cut", () => {
    fc.assert(
      fc.property(fixture, fc.double({ min: 0, max: 1, noNaN: true }), (bytes, where) => {
        const length = Math.floor(where * bytes.length);
        const whole = readPackets(bytes);
        let cut: ReturnType<typeof readPackets>;
        try {
          cut = readPackets(bytes.subarray(0, length));
        } catch (error) {
          // Only a cut inside the file header or first section header is an error.
          expect(error).toBeInstanceOf(CaptureFormatError);
          expect(length).toBeLessThan(whole.packets[0]?.offset ?? Infinity);
          return;
        }
        expect(cut.packets).toEqual(whole.packets.slice(0, cut.packets.length));
        for (const warning of cut.warnings) expect(warning.message).toMatch(/^truncated/);
        if (whole.format === "pcap") {
          const boundaries = new Set([24, ...whole.packets.map((p) => p.offset + 16 + p.length)]);
          expect(cut.warnings.length > 0).toBe(!boundaries.has(length));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("gives the same outcome for bit-flipped captures whatever the chunking", () => {
    fc.assert(
      fc.property(fixture, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 8 }), chunkSizes, (bytes, flips, sizes) => {
        const mutated = bytes.slice();
        for (const [position, bit] of flips) {
          const at = position % mutated.length;
          mutated[at] = (mutated[at] ?? 0) ^ (1 << bit);
        }
        expect(outcome(chunked(mutated, sizes))).toEqual(outcome([mutated]));
      }),
      { numRuns: 300 },
    );
  });

  it("survives the mutation fuzzer for a fixed number of cases", () => {
    const report = fuzzCaptures({ corpus, seed: 20261124, iterations: 3000, maxCaseMs: MAX_CPU_MS });
    expect(report.failures).toEqual([]);
    expect(report.cases).toBe(3000);
    expect(report.analysed).toBeGreaterThan(0);
    expect(report.rejected).toBeGreaterThan(0);
  });
});
