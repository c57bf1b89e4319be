/**
 * The heavy work of the labs and the capture viewer, run in a Web Worker (lab.worker.ts) so the
 * page stays responsive. Plain functions over plain data; tests call them directly.
 */
import { runSynBacklogLab, runTimeWaitLab } from "@/domain/tcp";
import { CaptureFormatError, analyzeCapture } from "@/domain/tcp/pcap";
import { explainSynBacklog, explainTimeWait, synBacklogParams, timeWaitParams } from "@/domain/simulator/labs";
import { CAPTURE_SEGMENT_LIMIT, type WorkerRequest, type WorkerResponse } from "./worker-protocol";

export type { WorkerRequest, WorkerResponse } from "./worker-protocol";

export function runTask(request: WorkerRequest): WorkerResponse {
  const started = performance.now();
  try {
    switch (request.kind) {
      case "timewait": {
        const result = runTimeWaitLab(timeWaitParams(request.input));
        return { kind: "timewait", result, explanation: explainTimeWait(request.input, result, request.locale), elapsedMs: performance.now() - started };
      }
      case "synbacklog": {
        const result = runSynBacklogLab(synBacklogParams(request.input));
        return { kind: "synbacklog", result, explanation: explainSynBacklog(request.input, result, request.locale), elapsedMs: performance.now() - started };
      }
      case "capture": {
        const analysis = analyzeCapture(new Uint8Array(request.bytes), { maxSegmentsPerConnection: CAPTURE_SEGMENT_LIMIT });
        return { kind: "capture", analysis, elapsedMs: performance.now() - started };
      }
    }
  } catch (error) {
    if (error instanceof CaptureFormatError) return { kind: "error", message: error.message, offset: error.offset, problem: error.problem };
    return { kind: "error", message: error instanceof Error ? error.message : String(error), offset: null };
  }
}
