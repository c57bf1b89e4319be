import "server-only";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ResourceLimits, Worker } from "node:worker_threads";
import type { CaptureValues, GradeResult } from "@/domain/capture-challenges";
import type { Locale } from "@/domain/locale";
import { captureUploadWords } from "@/lib/i18n/words/capture-upload";

/**
 * Grades uploaded captures off the request thread: each upload goes to a fresh worker thread
 * with a heap budget and a deadline, and the worker is terminated afterwards, so a file built to
 * make the reader slow or greedy costs one bounded thread, never the server. At most
 * `concurrency` workers run per process; a few more uploads wait, the rest are told to retry.
 */
export const GRADER_BUDGET = {
  /** Wall time for one grading, worker start included. */
  timeoutMs: 10_000,
  /** V8 old-generation heap of a worker (the reader needs a few times the file size at most). */
  maxOldGenerationSizeMb: 160,
  maxYoungGenerationSizeMb: 16,
  concurrency: 2,
  /** Uploads waiting for a worker; beyond this the server answers "busy". */
  maxQueued: 8,
} as const;

export type GraderFailure = { ok: false; error: "timeout" | "memory" | "busy" | "failed"; message: string };
export type GraderOutcome = GradeResult | GraderFailure;

/** The worker's sources: the bundle is rebuilt when any of them changes. */
const SOURCES = ["lib/capture-challenges/grader-thread.ts", "domain", "package-lock.json", "tsconfig.json"];

function projectRoot(): string {
  return path.resolve(process.cwd());
}

function sourceStamp(root: string): string {
  const hash = createHash("sha256");
  const visit = (relative: string) => {
    const full = path.join(root, relative);
    if (!existsSync(full)) return;
    const stats = statSync(full);
    if (stats.isDirectory()) {
      for (const entry of readdirSync(full).sort()) visit(path.join(relative, entry));
    } else {
      hash.update(`${relative}\0${stats.size}\0${stats.mtimeMs}\0`);
    }
  };
  SOURCES.forEach(visit);
  return hash.digest("hex").slice(0, 16);
}

function writableCacheDir(root: string): string {
  for (const dir of [path.join(root, "node_modules", ".cache", "capture-grader"), path.join(os.tmpdir(), "syn-to-fin-capture-grader")]) {
    try {
      mkdirSync(dir, { recursive: true });
      return dir;
    } catch {
      // Read-only: try the next.
    }
  }
  throw new Error("no writable directory for the capture grader's bundle");
}

/** What the bundle exports to the server process. */
interface GraderModule {
  startGrader(resourceLimits: ResourceLimits): Worker;
}

let bundle: Promise<GraderModule> | null = null;

/**
 * The worker as one JavaScript file, built by esbuild (a dependency already) on first use and
 * kept under node_modules/.cache (like `npm run tcp`): a worker thread cannot load TypeScript, and
 * the app's own bundles are not files a worker can start from.
 */
export function graderBundle(): Promise<GraderModule> {
  bundle ??= (async () => {
    const root = projectRoot();
    const dir = writableCacheDir(root);
    const file = path.join(dir, `grader-${sourceStamp(root)}.mjs`);
    if (!existsSync(file)) await buildBundle(root, file);
    return (await import(/* webpackIgnore: true */ /* @vite-ignore */ pathToFileURL(file).href)) as GraderModule;
  })().catch((error: unknown) => {
    bundle = null;
    throw error;
  });
  return bundle;
}

async function buildBundle(root: string, file: string) {
  const { build } = await import("esbuild");
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await build({
    entryPoints: [path.join(root, "lib", "capture-challenges", "grader-thread.ts")],
    outfile: temporary,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    tsconfig: path.join(root, "tsconfig.json"),
    logLevel: "silent",
  });
  renameSync(temporary, file); // atomic: concurrent builders each write their own file
}

let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<(() => void) | null> {
  if (running >= GRADER_BUDGET.concurrency) {
    if (waiting.length >= GRADER_BUDGET.maxQueued) return null;
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

export function graderFailure(error: GraderFailure["error"], locale: Locale): GraderFailure {
  return { ok: false, error, message: captureUploadWords(locale)[error] };
}

/** Grades `bytes` in a worker thread within GRADER_BUDGET. Never throws. */
export async function gradeInWorker(
  bytes: Uint8Array,
  request: { challengeId: string; values: CaptureValues; locale: Locale; keep: boolean },
  budget: { timeoutMs?: number; maxOldGenerationSizeMb?: number } = {},
): Promise<GraderOutcome> {
  const release = await slot();
  if (!release) return graderFailure("busy", request.locale);
  try {
    const grader = await graderBundle();
    return await new Promise<GraderOutcome>((resolve) => {
      const worker = grader.startGrader({
        maxOldGenerationSizeMb: budget.maxOldGenerationSizeMb ?? GRADER_BUDGET.maxOldGenerationSizeMb,
        maxYoungGenerationSizeMb: GRADER_BUDGET.maxYoungGenerationSizeMb,
      });
      let settled = false;
      const finish = (outcome: GraderOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker.terminate();
        resolve(outcome);
      };
      const timer = setTimeout(() => finish(graderFailure("timeout", request.locale)), budget.timeoutMs ?? GRADER_BUDGET.timeoutMs);
      worker.once("message", (result: GraderOutcome) => {
        if (!result.ok && result.error === "failed") console.error(`capture grader: ${result.message}`);
        finish(result.ok || result.error === "not-a-capture" ? result : graderFailure(result.error, request.locale));
      });
      worker.once("error", (error: Error & { code?: string }) => {
        const memory = error.code === "ERR_WORKER_OUT_OF_MEMORY";
        if (!memory) console.error("capture grader worker failed", error);
        finish(graderFailure(memory ? "memory" : "failed", request.locale));
      });
      // A message posted just before the worker ended is delivered first; only then is an exit a failure.
      worker.once("exit", () => setImmediate(() => finish(graderFailure("failed", request.locale))));
      // The bytes are copied into the worker (not transferred): the caller keeps its buffer.
      worker.postMessage({ ...request, bytes });
    });
  } catch (error) {
    console.error("capture grader could not start", error);
    return graderFailure("failed", request.locale);
  } finally {
    release();
  }
}
