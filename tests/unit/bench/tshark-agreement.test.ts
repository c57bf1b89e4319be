import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateCapture } from "@/bench/pcap";
import { hasCommand, parseWrk } from "@/bench/support/tools";
import { CaptureAnalyzer, type CaptureConnectionSummary } from "@/domain/tcp/pcap";

/**
 * The benchmark's own test: the capture it generates is read the same way by `tcp pcap --summary`
 * and by tshark, its peer in BENCHMARKS.md (same conversations, same frames each way, same
 * durations), so the comparison compares like with like. `npm test` installs tshark from Debian.
 */
const scratch = mkdtempSync(path.join(os.tmpdir(), "bench-agreement-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Conversation = string;

/** Endpoints in a fixed order with the frames sent by each, and the duration in 0.1 ms. */
function normalised(a: string, b: string, fromA: number, fromB: number, seconds: number): Conversation {
  const [low, high, fromLow, fromHigh] = a < b ? [a, b, fromA, fromB] : [b, a, fromB, fromA];
  return `${low} ${high} ${fromLow} ${fromHigh} ${Math.round(seconds * 10_000)}`;
}

function tsharkConversations(file: string): Conversation[] {
  const output = execFileSync("tshark", ["-q", "-z", "conv,tcp", "-r", file], { encoding: "utf8", maxBuffer: 1 << 28 });
  return output
    .split("\n")
    .filter((line) => line.includes("<->"))
    .map((line) => {
      const [a, , b, framesBtoA, , , framesAtoB] = line.trim().split(/\s+/);
      const duration = Number(line.trim().split(/\s+/).pop());
      return normalised(a!, b!, Number(framesAtoB), Number(framesBtoA), duration);
    })
    .sort();
}

function ourConversations(file: string): Conversation[] {
  const analyzer = new CaptureAnalyzer({ maxSegmentsPerConnection: 0 });
  analyzer.push(new Uint8Array(readFileSync(file)));
  return analyzer
    .finishSummary()
    .connections.map((row: CaptureConnectionSummary) => normalised(row.client, row.server, row.packets.client, row.packets.server, row.duration / 1000))
    .sort();
}

describe("the pcap benchmark", () => {
  it.skipIf(!hasCommand("tshark"))("reads its generated capture as tshark does: same conversations, frames each way and durations", () => {
    const file = path.join(scratch, "generated.pcap");
    // Past 28,000 connections the client ports are reused, as in the benchmark's 100,000.
    const generated = generateCapture(file, 30_000);
    const ours = ourConversations(file);
    expect(ours).toHaveLength(generated.connections);
    expect(ours).toEqual(tsharkConversations(file));
  }, 120_000);

  it("parses wrk's report", () => {
    const report = `Running 5s test @ http://127.0.0.1:1/
  2 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    20.63ms   10.01ms 150.35ms   80.00%
  Latency Distribution
     50%   18.44ms
     75%   24.90ms
     90%   31.02ms
     99%    1.20s
  12345 requests in 5.00s, 300.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 4
Requests/sec:   2469.00
Transfer/sec:     60.00MB
`;
    expect(parseWrk(report)).toEqual({ requestsPerSecond: 2469, p50Ms: 18.44, p99Ms: 1200, requests: 12345, errors: 9 });
  });
});
