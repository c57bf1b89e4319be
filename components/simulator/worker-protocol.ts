/** Messages to and from the lab and capture worker (types and limits only: no heavy imports). */
import type { SynBacklogLabResult, TimeWaitLabResult } from "@/domain/tcp";
import type { CaptureAnalysis, CaptureAnalysisSummary, CaptureProblem } from "@/domain/tcp/pcap";
import type { SynBacklogInput, TimeWaitInput } from "@/domain/simulator/labs";
import type { Locale } from "@/domain/locale";

/** Segments listed per captured connection; the rest are counted, not shown. */
export const CAPTURE_SEGMENT_LIMIT = 5000;

export type WorkerRequest =
  | { kind: "timewait"; input: TimeWaitInput; locale?: Locale }
  | { kind: "synbacklog"; input: SynBacklogInput; locale?: Locale }
  | { kind: "capture"; bytes: ArrayBuffer };

export type WorkerResponse =
  | { kind: "timewait"; result: TimeWaitLabResult; explanation: string; elapsedMs: number }
  | { kind: "synbacklog"; result: SynBacklogLabResult; explanation: string; elapsedMs: number }
  | { kind: "capture"; analysis: CaptureAnalysis; elapsedMs: number }
  /**
   * `message` is the reader's or engine's own (English); `problem`, the capture reader's report as
   * data, which the page words in its language; `reason` marks a failure of the worker itself.
   */
  | { kind: "error"; message: string; offset: number | null; problem?: CaptureProblem; reason?: "worker-failed" | "no-worker" };

/** Files above this size are read as a stream in their own worker (capture-stream.worker.ts), never whole. */
export const STREAMED_CAPTURE_BYTES = 64 * 1024 * 1024;

export type CaptureStreamRequest = { kind: "summary"; file: File } | { kind: "connection"; file: File; index: number };

export type CaptureStreamResponse =
  | { kind: "progress"; bytes: number }
  | { kind: "summary"; summary: CaptureAnalysisSummary; elapsedMs: number }
  /** The picked connection, as a one-connection analysis the viewer shows like any other. */
  | { kind: "connection"; analysis: CaptureAnalysis; elapsedMs: number }
  /** As for WorkerResponse; `missingConnection`: the connection asked for (1-based) is not in the file. */
  | { kind: "error"; message: string; problem?: CaptureProblem; missingConnection?: number };
