import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateCapture } from "@/bench/pcap";
import { CaptureAnalyzer, type AnalyzeOptions } from "@/domain/tcp/pcap";

/**
 * Told the capture's size (`expectedBytes`), the analysis sizes its per-connection columns from the
 * connections read so far instead of growing them fourfold. Only the room changes: the analysis is
 * the same whatever size it is told, right, far too small or far too large.
 */
const scratch = mkdtempSync(path.join(os.tmpdir(), "pcap-column-capacity-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const CONNECTIONS = 3_000;
const CHUNK_BYTES = 64 * 1024;

function read(bytes: Uint8Array, options: AnalyzeOptions): CaptureAnalyzer {
  const analyzer = new CaptureAnalyzer(options);
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) analyzer.push(bytes.subarray(at, at + CHUNK_BYTES));
  return analyzer;
}

describe("columns sized from the capture's size", { timeout: 60_000 }, () => {
  const file = path.join(scratch, "generated.pcap");
  generateCapture(file, CONNECTIONS);
  const bytes = new Uint8Array(readFileSync(file));
  const sizes = [bytes.length, 1, 100, bytes.length * 50];

  it("give the same full analysis as columns grown fourfold", () => {
    const expected = JSON.stringify(read(bytes, {}).finish());
    expect(JSON.parse(expected).connections).toHaveLength(CONNECTIONS);
    for (const expectedBytes of sizes) expect(JSON.stringify(read(bytes, { expectedBytes }).finish()), String(expectedBytes)).toBe(expected);
  });

  it("give the same summary rows, bytes and segments streamed", () => {
    const summary = { maxSegmentsPerConnection: 0, transitions: false } as const;
    const rows = JSON.stringify(read(bytes, summary).finishSummary());
    const text = (analyzer: CaptureAnalyzer) =>
      [...analyzer.finishSummaryBytes(4096).chunks].map((chunk) => Buffer.from(chunk).toString("latin1")).join("");
    const rowBytes = text(read(bytes, summary));
    const streamed = (options: AnalyzeOptions) => {
      const lines: string[] = [];
      read(bytes, { ...options, maxSegmentsPerConnection: 0, onSegment: (connection, segment) => lines.push(JSON.stringify([connection, segment])) }).finish();
      return lines.join("\n");
    };
    const segments = streamed({});
    for (const expectedBytes of sizes) {
      expect(JSON.stringify(read(bytes, { ...summary, expectedBytes }).finishSummary()), String(expectedBytes)).toBe(rows);
      expect(text(read(bytes, { ...summary, expectedBytes })), String(expectedBytes)).toBe(rowBytes);
      expect(streamed({ expectedBytes }), String(expectedBytes)).toBe(segments);
    }
  });
});
