import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runPcapCommand } from "@/cli/pcap-command";
import {
  CaptureAnalyzer,
  CaptureFormatError,
  SUMMARY_COLUMNS,
  summaryLine,
  summaryRowFromConnection,
  type CaptureAnalysis,
  type CaptureConnection,
  type CaptureSegment,
} from "@/domain/tcp/pcap";
import { loadCorpus, mulberry32, mutate } from "@/scripts/fuzz-captures";
import { writtenText } from "./helpers/bytes";
import { FIXTURE_DIR } from "./helpers/fixtures";

/**
 * The streaming outputs (`--summary`, `--ndjson`) must say exactly what the full JSON analysis
 * says, on every committed capture and on fuzzed ones: they only keep less in memory.
 */
const corpus = loadCorpus(FIXTURE_DIR);
const scratch = mkdtempSync(path.join(os.tmpdir(), "pcap-streaming-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Committed captures, then mutated copies of them that still parse (seeded, so every run is the same). */
function inputs(): { name: string; bytes: Uint8Array }[] {
  const fuzzed: { name: string; bytes: Uint8Array }[] = [];
  const random = mulberry32(16);
  for (let i = 0; fuzzed.length < 150 && i < 2000; i++) {
    const source = corpus[Math.floor(random() * corpus.length)]!;
    const { bytes, mutation } = mutate(source.bytes, random);
    try {
      new CaptureAnalyzer().push(bytes);
    } catch (error) {
      if (error instanceof CaptureFormatError) continue;
      throw error;
    }
    fuzzed.push({ name: `${source.name} (${mutation})`, bytes });
  }
  return [...corpus, ...fuzzed];
}

function analyze(bytes: Uint8Array): CaptureAnalysis | null {
  try {
    const analyzer = new CaptureAnalyzer();
    analyzer.push(bytes);
    return analyzer.finish();
  } catch (error) {
    if (error instanceof CaptureFormatError) return null;
    throw error;
  }
}

async function cli(bytes: Uint8Array, ...flags: string[]) {
  const file = path.join(scratch, "input.pcap");
  writeFileSync(file, bytes);
  let stdout = "";
  const stderr: string[] = [];
  const code = await runPcapCommand([file, ...flags], { out: (text) => void (stdout += writtenText(text)), err: (text) => void stderr.push(text) });
  return { code, stdout, stderr };
}

const cases = inputs();

describe("streaming capture outputs", () => {
  it("cover the committed captures and at least 100 fuzzed ones", () => {
    expect(corpus.length).toBeGreaterThan(10);
    expect(cases.length - corpus.length).toBeGreaterThanOrEqual(100);
  });

  it("give the same summary rows as the full analysis, without keeping segments or transitions", () => {
    for (const { name, bytes } of cases) {
      const full = analyze(bytes);
      if (!full) continue;
      const streaming = new CaptureAnalyzer({ maxSegmentsPerConnection: 0, transitions: false });
      streaming.push(bytes);
      const summary = streaming.finishSummary();
      expect(summary.connections, name).toEqual(full.connections.map(summaryRowFromConnection));
      expect(summary.capture, name).toEqual(full.capture);
      expect(summary.warnings, name).toEqual(full.warnings);
    }
  });

  it("refuse the full analysis when the transitions were left out", () => {
    const analyzer = new CaptureAnalyzer({ transitions: false });
    analyzer.push(corpus[0]!.bytes);
    expect(() => analyzer.finish()).toThrow(/transitions were not recorded/);
  });

  it("tcp pcap --summary prints one row per connection of the JSON output", async () => {
    for (const { name, bytes } of cases.slice(0, corpus.length + 40)) {
      const json = await cli(bytes);
      const summary = await cli(bytes, "--summary");
      expect(summary.code, name).toBe(json.code);
      expect(summary.stderr, name).toEqual(json.stderr);
      if (json.code !== 0) continue;
      const analysis = JSON.parse(json.stdout) as CaptureAnalysis;
      const expected = [SUMMARY_COLUMNS.join("\t"), ...analysis.connections.map((c) => summaryLine(summaryRowFromConnection(c)))];
      expect(summary.stdout, name).toBe(`${expected.join("\n")}\n`);
    }
  });

  it("tcp pcap --ndjson streams exactly the segments and connections of the JSON output", async () => {
    for (const { name, bytes } of cases.slice(0, corpus.length + 40)) {
      const json = await cli(bytes);
      const ndjson = await cli(bytes, "--ndjson");
      expect(ndjson.code, name).toBe(json.code);
      expect(ndjson.stderr, name).toEqual(json.stderr);
      if (json.code !== 0) continue;
      const lines = ndjson.stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
      const segments = new Map<number, CaptureSegment[]>();
      const connections: CaptureConnection[] = [];
      let capture: Record<string, unknown> | null = null;
      for (const { type, ...line } of lines) {
        if (type === "segment") {
          const { connection, ...segment } = line as unknown as { connection: number } & CaptureSegment;
          // Segments come before their connection's closing line.
          expect(connections.length, name).toBeLessThanOrEqual(connection);
          segments.set(connection, [...(segments.get(connection) ?? []), segment]);
        } else if (type === "connection") {
          const { index, ...rest } = line as unknown as { index: number } & Omit<CaptureConnection, "segments">;
          expect(index, name).toBe(connections.length);
          const { client, server, roleBasis, start, isn, states, transitions, notes } = rest;
          connections.push({ client, server, roleBasis, start, isn, segments: segments.get(index) ?? [], states, transitions, notes });
        } else {
          expect(type, name).toBe("capture");
          capture = line;
        }
      }
      const analysis = JSON.parse(json.stdout) as CaptureAnalysis;
      expect(connections, name).toEqual(analysis.connections);
      expect(capture, name).toEqual({ ...analysis.capture, warnings: analysis.warnings });
    }
  });

  it("refuses to mix the streaming modes with JSON-only options", async () => {
    const bytes = corpus[0]!.bytes;
    expect((await cli(bytes, "--summary", "--ndjson")).stderr[0]).toContain("cannot be combined");
    expect((await cli(bytes, "--summary", "--pretty")).code).toBe(2);
  });
});
