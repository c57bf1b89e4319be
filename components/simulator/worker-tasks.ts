/**
 * The heavy work of the labs and the capture viewer, run in a Web Worker (or inline where
 * workers are unavailable). Plain functions over plain data, so both paths give the same result.
 */
import { runSynBacklogLab, runTimeWaitLab, type SynBacklogLabResult, type TimeWaitLabResult } from "@/domain/tcp";
import { CaptureFormatError, analyzeCapture, type CaptureAnalysis } from "@/domain/tcp/pcap";
import { explainSynBacklog, explainTimeWait, synBacklogParams, timeWaitParams, type SynBacklogInput, type TimeWaitInput } from "@/domain/simulator/labs";

/** Segments listed per captured connection; the rest are counted, not shown. */
export const CAPTURE_SEGMENT_LIMIT = 5000;

export type WorkerRequest =
  | { kind: "timewait"; input: TimeWaitInput }
  | { kind: "synbacklog"; input: SynBacklogInput }
  | { kind: "capture"; bytes: ArrayBuffer };

export type WorkerResponse =
  | { kind: "timewait"; result: TimeWaitLabResult; explanation: string; elapsedMs: number }
  | { kind: "synbacklog"; result: SynBacklogLabResult; explanation: string; elapsedMs: number }
  | { kind: "capture"; analysis: CaptureAnalysis; elapsedMs: number }
  | { kind: "error"; message: string; offset: number | null };

export function runTask(request: WorkerRequest): WorkerResponse {
  const started = performance.now();
  try {
    switch (request.kind) {
      case "timewait": {
        const result = runTimeWaitLab(timeWaitParams(request.input));
        return { kind: "timewait", result, explanation: explainTimeWait(request.input, result), elapsedMs: performance.now() - started };
      }
      case "synbacklog": {
        const result = runSynBacklogLab(synBacklogParams(request.input));
        return { kind: "synbacklog", result, explanation: explainSynBacklog(request.input, result), elapsedMs: performance.now() - started };
      }
      case "capture": {
        const analysis = analyzeCapture(new Uint8Array(request.bytes), { maxSegmentsPerConnection: CAPTURE_SEGMENT_LIMIT });
        return { kind: "capture", analysis, elapsedMs: performance.now() - started };
      }
    }
  } catch (error) {
    if (error instanceof CaptureFormatError) return { kind: "error", message: error.message, offset: error.offset };
    return { kind: "error", message: error instanceof Error ? error.message : String(error), offset: null };
  }
}
