/**
 * The capture grader's worker thread, bundled on its own by esbuild (grader.server.ts). Imported
 * in the server process, it only exports `startGrader`, which starts this same file as a worker;
 * run as that worker, it receives one upload, grades it and answers. Keeping `new Worker` in this
 * bundle keeps it out of the app's server bundle, whose bundler would try to resolve it.
 */
import { isMainThread, parentPort, Worker, type ResourceLimits } from "node:worker_threads";
import { getCaptureChallenge, gradeCapture, type CaptureValues } from "@/domain/capture-challenges";
import type { Locale } from "@/domain/locale";

export interface GraderRequest {
  bytes: Uint8Array;
  challengeId: string;
  values: CaptureValues;
  locale: Locale;
  keep: boolean;
}

/** Starts a grader worker with the given heap limits (this file, run as a worker thread). */
export function startGrader(resourceLimits: ResourceLimits): Worker {
  return new Worker(new URL(import.meta.url), { resourceLimits, stdout: false, stderr: false });
}

if (!isMainThread) {
  parentPort?.once("message", (request: GraderRequest) => {
    const challenge = getCaptureChallenge(request.challengeId);
    if (!challenge) {
      parentPort!.postMessage({ ok: false, error: "failed", message: `no capture challenge ${request.challengeId}` });
      return;
    }
    try {
      const result = gradeCapture(request.bytes, challenge, request.values, request.locale, { keep: request.keep });
      parentPort!.postMessage(result, result.ok && result.kept ? [result.kept.buffer as ArrayBuffer] : []);
    } catch (error) {
      parentPort!.postMessage({ ok: false, error: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  });
}
