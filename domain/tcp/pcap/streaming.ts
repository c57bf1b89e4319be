import { CaptureAnalyzer, type CaptureAnalysisSummary } from "./analyze-capture";
import type { CaptureAnalysis, CaptureConnection, CaptureSegment } from "./types";

/**
 * Reading captures too large to hold in memory (the browser viewer's big files): the file is
 * streamed once for one row per connection, and once more for the segments of the connection
 * the reader picks. Memory follows the number of connections, not the file's size.
 */
export interface StreamReadOptions {
  /** Called with the bytes read so far, at most every `progressEveryBytes`. */
  onProgress?: (bytesRead: number) => void;
  progressEveryBytes?: number;
  /** Stops reading; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

async function pump(stream: ReadableStream<Uint8Array>, analyzer: CaptureAnalyzer, options: StreamReadOptions): Promise<void> {
  const reader = stream.getReader();
  const every = options.progressEveryBytes ?? 4 * 1024 * 1024;
  let bytesRead = 0;
  let reported = 0;
  try {
    for (;;) {
      options.signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      analyzer.push(value);
      bytesRead += value.length;
      if (bytesRead - reported >= every) {
        reported = bytesRead;
        options.onProgress?.(bytesRead);
      }
    }
    options.onProgress?.(bytesRead);
  } finally {
    reader.releaseLock();
    if (options.signal?.aborted) void stream.cancel().catch(() => {});
  }
}

/** One row per connection (`CaptureAnalyzer.finishSummary`), keeping no segment. */
export async function summarizeCaptureStream(stream: ReadableStream<Uint8Array>, options: StreamReadOptions = {}): Promise<CaptureAnalysisSummary> {
  const analyzer = new CaptureAnalyzer({ maxSegmentsPerConnection: 0, transitions: false });
  await pump(stream, analyzer, options);
  return analyzer.finishSummary();
}

/**
 * The connection at `index` (order of first segment) with up to `maxSegments` of its segments,
 * exactly as the full analysis lists it, reading the capture once more.
 */
export async function connectionFromStream(
  stream: ReadableStream<Uint8Array>,
  index: number,
  maxSegments: number,
  options: StreamReadOptions = {},
): Promise<{ connection: CaptureConnection; analysis: Omit<CaptureAnalysis, "connections"> } | null> {
  const segments: CaptureSegment[] = [];
  let seen = 0;
  const analyzer = new CaptureAnalyzer({
    maxSegmentsPerConnection: 0,
    onSegment: (connection, segment) => {
      if (connection !== index) return;
      seen++;
      if (segments.length < maxSegments) segments.push(segment);
    },
  });
  await pump(stream, analyzer, options);
  const { connections, capture, warnings } = analyzer.finish();
  const found = connections[index];
  if (found === undefined) return null;
  const { segmentsOmitted: _counted, ...rest } = found;
  const connection: CaptureConnection = { ...rest, segments };
  if (seen > segments.length) connection.segmentsOmitted = seen - segments.length;
  return { connection, analysis: { capture, warnings } };
}
