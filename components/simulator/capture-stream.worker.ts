/// <reference lib="webworker" />
import { CaptureFormatError, connectionFromStream, summarizeCaptureStream } from "@/domain/tcp/pcap";
import { CAPTURE_SEGMENT_LIMIT, type CaptureStreamRequest, type CaptureStreamResponse } from "./worker-protocol";

/**
 * Reads one large capture file as a stream (File.stream(), never whole), reporting progress: its
 * summary rows, or one connection's segments. One worker per read, so cancelling terminates it.
 */
const post = (response: CaptureStreamResponse) => (self as unknown as Worker).postMessage(response);

self.onmessage = async (event: MessageEvent<CaptureStreamRequest>) => {
  const request = event.data;
  const started = performance.now();
  const onProgress = (bytes: number) => post({ kind: "progress", bytes });
  try {
    if (request.kind === "summary") {
      const summary = await summarizeCaptureStream(request.file.stream(), { onProgress });
      post({ kind: "summary", summary, elapsedMs: performance.now() - started });
    } else {
      const read = await connectionFromStream(request.file.stream(), request.index, CAPTURE_SEGMENT_LIMIT, { onProgress });
      if (read === null) post({ kind: "error", message: `the capture has no connection ${request.index + 1}`, missingConnection: request.index + 1 });
      else post({ kind: "connection", analysis: { connections: [read.connection], ...read.analysis }, elapsedMs: performance.now() - started });
    }
  } catch (error) {
    if (error instanceof CaptureFormatError) post({ kind: "error", message: error.message, problem: error.problem });
    else post({ kind: "error", message: error instanceof Error ? error.message : String(error) });
  }
};
