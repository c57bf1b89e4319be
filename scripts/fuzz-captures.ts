/**
 * Fuzzes the capture reader with mutations of the committed capture fixtures.
 *
 *   npx tsx scripts/fuzz-captures.ts [--seconds 60] [--iterations N] [--seed 1]
 *
 * Every case must end in a result or a CaptureFormatError (no other exception), within a CPU time
 * bound, with the reader never holding more than one block limit plus one chunk. Failures print
 * their seed and mutation so they can be replayed; the exit code is 1 if there were any.
 * tests/unit/pcap/fuzz.test.ts runs a fixed, small number of iterations.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CaptureAnalyzer, CaptureFormatError, CaptureReader, DEFAULT_LIMITS } from "../domain/tcp/pcap";

export interface FuzzOptions {
  corpus: { name: string; bytes: Uint8Array }[];
  seed?: number;
  /** Stop after this many cases... */
  iterations?: number;
  /** ...or after this many seconds, whichever comes first. */
  seconds?: number;
  /** A case using more CPU time than this fails (CPU, not wall time: a busy machine must not fail it). */
  maxCaseMs?: number;
}

export interface FuzzFailure {
  seed: number;
  source: string;
  mutation: string;
  problem: string;
}

export interface FuzzReport {
  cases: number;
  analysed: number;
  rejected: number;
  /** CPU time of the slowest case. */
  slowestCaseMs: number;
  failures: FuzzFailure[];
}

/** Runs `work` and measures the CPU time it used. */
export function cpuMilliseconds<T>(work: () => T): { result: T; ms: number } {
  const before = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(before);
  return { result, ms: (used.user + used.system) / 1000 };
}

const MAX_CHUNK = 4096;

export function fuzzCaptures(options: FuzzOptions): FuzzReport {
  const seed = options.seed ?? 1;
  const iterations = options.iterations ?? Number.POSITIVE_INFINITY;
  const deadline = performance.now() + (options.seconds ?? Number.POSITIVE_INFINITY) * 1000;
  const maxCaseMs = options.maxCaseMs ?? 2000;
  const report: FuzzReport = { cases: 0, analysed: 0, rejected: 0, slowestCaseMs: 0, failures: [] };
  for (let i = 0; i < iterations && performance.now() < deadline; i++) {
    const caseSeed = (seed * 1_000_003 + i) >>> 0;
    const random = mulberry32(caseSeed);
    const source = options.corpus[Math.floor(random() * options.corpus.length)];
    if (!source) break;
    const { bytes, mutation } = mutate(source.bytes, random);
    const chunkSizes = Array.from({ length: 4 }, () => 1 + Math.floor(random() ** 3 * MAX_CHUNK));
    const elapsed = cpuMilliseconds(() => runCase(bytes, chunkSizes, report));
    const problem = elapsed.result;
    report.cases++;
    report.slowestCaseMs = Math.max(report.slowestCaseMs, elapsed.ms);
    const failure = problem ?? (elapsed.ms > maxCaseMs ? `took ${elapsed.ms.toFixed(0)} ms of CPU` : null);
    if (failure) report.failures.push({ seed: caseSeed, source: source.name, mutation, problem: failure });
  }
  return report;
}

/** Runs the reader (checking its buffering) and the whole analysis over the same chunks. */
function runCase(bytes: Uint8Array, chunkSizes: number[], report: FuzzReport): string | null {
  const chunks = split(bytes, chunkSizes);
  const bound = DEFAULT_LIMITS.maxBlockBytes + MAX_CHUNK;
  try {
    const reader = new CaptureReader();
    for (const chunk of chunks) {
      reader.push(chunk);
      if (reader.bufferedBytes > bound) return `reader holds ${reader.bufferedBytes} bytes (bound ${bound})`;
    }
    reader.end();
  } catch (error) {
    if (!(error instanceof CaptureFormatError)) return `reader threw ${describe(error)}`;
  }
  try {
    const analyzer = new CaptureAnalyzer();
    for (const chunk of chunks) analyzer.push(chunk);
    analyzer.finish();
    report.analysed++;
  } catch (error) {
    if (!(error instanceof CaptureFormatError)) return `analysis threw ${describe(error)}`;
    report.rejected++;
  }
  return null;
}

const INTERESTING_WORDS = [0, 1, 4, 11, 12, 16, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffff0, 262_145, 1 << 20];

/** One random mutation: truncation, bit flips, random bytes, extreme 32-bit words, slices moved. */
export function mutate(original: Uint8Array, random: () => number): { bytes: Uint8Array; mutation: string } {
  const bytes = original.slice();
  const at = () => Math.floor(random() * bytes.length);
  switch (Math.floor(random() * 6)) {
    case 0: {
      const length = Math.floor(random() * original.length);
      return { bytes: bytes.subarray(0, length), mutation: `truncate to ${length}` };
    }
    case 1: {
      const flips = 1 + Math.floor(random() * 8);
      const where: number[] = [];
      for (let i = 0; i < flips; i++) {
        const position = at();
        bytes[position] = (bytes[position] ?? 0) ^ (1 << Math.floor(random() * 8));
        where.push(position);
      }
      return { bytes, mutation: `flip bits at ${where.join(",")}` };
    }
    case 2: {
      const position = at();
      const count = 1 + Math.floor(random() * 16);
      for (let i = 0; i < count && position + i < bytes.length; i++) bytes[position + i] = Math.floor(random() * 256);
      return { bytes, mutation: `randomise ${count} bytes at ${position}` };
    }
    case 3: {
      const position = at() & ~3;
      const word = INTERESTING_WORDS[Math.floor(random() * INTERESTING_WORDS.length)] ?? 0;
      if (position + 4 <= bytes.length) new DataView(bytes.buffer).setUint32(position, word, random() < 0.5);
      return { bytes, mutation: `word ${word} at ${position}` };
    }
    case 4: {
      const start = at();
      const end = Math.min(bytes.length, start + Math.floor(random() * 200));
      const out = new Uint8Array(bytes.length + (end - start));
      out.set(bytes.subarray(0, end));
      out.set(bytes.subarray(start), end);
      return { bytes: out, mutation: `duplicate ${start}..${end}` };
    }
    default: {
      const start = at();
      const end = Math.min(bytes.length, start + Math.floor(random() * 200));
      const out = new Uint8Array(bytes.length - (end - start));
      out.set(bytes.subarray(0, start));
      out.set(bytes.subarray(end), start);
      return { bytes: out, mutation: `delete ${start}..${end}` };
    }
  }
}

function split(bytes: Uint8Array, sizes: number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length] ?? 1;
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

/** Small, fast, seedable PRNG (mulberry32): cases replay from their seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export function loadCorpus(directory: string): { name: string; bytes: Uint8Array }[] {
  return readdirSync(directory)
    .filter((name) => /\.pcap(ng)?$/.test(name))
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(directory + name)) }));
}

const CORPUS_DIR = fileURLToPath(new URL("../tests/fixtures/captures/", import.meta.url));

function main(argv: string[]): number {
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index >= 0 ? Number(argv[index + 1]) : undefined;
  };
  const seconds = value("--seconds");
  const iterations = value("--iterations");
  const seed = value("--seed") ?? Date.now() % 1_000_000;
  const report = fuzzCaptures({
    corpus: loadCorpus(CORPUS_DIR),
    seed,
    iterations,
    seconds: seconds ?? (iterations === undefined ? 60 : undefined),
  });
  process.stdout.write(
    `seed ${seed}: ${report.cases} cases, ${report.analysed} analysed, ${report.rejected} rejected with CaptureFormatError, ` +
      `slowest ${report.slowestCaseMs.toFixed(1)} ms of CPU, ${report.failures.length} failures\n`,
  );
  for (const failure of report.failures.slice(0, 20)) process.stdout.write(`  ${JSON.stringify(failure)}\n`);
  return report.failures.length > 0 ? 1 : 0;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = main(process.argv.slice(2));
}
