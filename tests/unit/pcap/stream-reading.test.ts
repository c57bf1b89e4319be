import { describe, expect, it } from "vitest";
import { analyzeCapture, CaptureAnalyzer, connectionFromStream, summarizeCaptureStream } from "@/domain/tcp/pcap";
import { loadCorpus } from "@/scripts/fuzz-captures";
import { FIXTURE_DIR } from "./helpers/fixtures";

/** Big files in the browser are read as streams, twice: the results must be the full analysis's. */
const corpus = loadCorpus(FIXTURE_DIR).filter(({ bytes }) => {
  try {
    analyzeCapture(bytes);
    return true;
  } catch {
    return false;
  }
});

/** A stream of the bytes in small pieces, as File.stream() gives them. */
function streamOf(bytes: Uint8Array, piece = 97): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + piece));
      at += piece;
    },
  });
}

describe("reading a capture as a stream", () => {
  it("gives the summary rows of the whole file, reporting progress up to its size", async () => {
    for (const { name, bytes } of corpus) {
      const progress: number[] = [];
      const summary = await summarizeCaptureStream(streamOf(bytes), { onProgress: (n) => progress.push(n), progressEveryBytes: 500 });
      const whole = new CaptureAnalyzer({ maxSegmentsPerConnection: 0, transitions: false });
      whole.push(bytes);
      expect(summary, name).toEqual(whole.finishSummary());
      expect(progress.at(-1), name).toBe(bytes.length);
      expect(progress, name).toEqual([...progress].sort((a, b) => a - b));
    }
  });

  it("gives each connection as the full analysis lists it, with the same segment limit", async () => {
    for (const { name, bytes } of corpus) {
      for (const limit of [Number.POSITIVE_INFINITY, 3]) {
        const full = analyzeCapture(bytes, { maxSegmentsPerConnection: limit });
        for (const [index, expected] of full.connections.entries()) {
          const read = await connectionFromStream(streamOf(bytes), index, limit);
          expect(read?.connection, `${name} #${index}`).toEqual(expected);
          expect(read?.analysis, name).toEqual({ capture: full.capture, warnings: full.warnings });
        }
        expect(await connectionFromStream(streamOf(bytes), full.connections.length, limit)).toBeNull();
      }
    }
  });

  it("stops when asked", async () => {
    const controller = new AbortController();
    const { bytes } = corpus[0]!;
    const reading = summarizeCaptureStream(streamOf(bytes, 10), {
      progressEveryBytes: 10,
      onProgress: (n) => {
        if (n >= 30) controller.abort(new Error("cancelled by the reader"));
      },
      signal: controller.signal,
    });
    await expect(reading).rejects.toThrow("cancelled by the reader");
  });
});
