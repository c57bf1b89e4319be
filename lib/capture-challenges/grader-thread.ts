/**
 * The capture grader's worker thread: receives one upload, grades it, answers, and is then
 * terminated by its parent. It runs apart from the request threads so that a hostile capture
 * can cost at most this thread's time and heap budget (grader.server.ts sets both).
 * Bundled on its own by esbuild (grader.server.ts), so it imports domain code only.
 */
import { parentPort } from "node:worker_threads";
import { getCaptureChallenge, gradeCapture, type CaptureLocale, type CaptureValues } from "@/domain/capture-challenges";

export interface GraderRequest {
  bytes: Uint8Array;
  challengeId: string;
  values: CaptureValues;
  locale: CaptureLocale;
  keep: boolean;
}

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
