import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TEST_CAPTURE_VALUES } from "@/domain/capture-challenges/test-values";
import { GRADER_BUDGET, gradeInWorker } from "@/lib/capture-challenges/grader.server";
import { pcapFile } from "../pcap/helpers/containers";
import { ipv4, SYN, tcpSegment } from "../pcap/helpers/packets";

/**
 * The grader runs in a worker thread with a deadline and a heap budget: a capture that would take
 * too long or too much memory ends that worker with a clear answer, and the server goes on.
 */
const DIR = path.join(process.cwd(), "tests", "fixtures", "capture-challenges");
const read = (file: string) => new Uint8Array(readFileSync(path.join(DIR, file)));
const request = (challengeId: string) => ({ challengeId, values: TEST_CAPTURE_VALUES, locale: "en" as const, keep: true });

/** A raw-IP pcap of `count` SYNs, each from its own client port: one connection each. */
function manyConnections(count: number): Uint8Array {
  const records = [];
  for (let i = 0; i < count; i++) {
    const packet = ipv4(tcpSegment({ sourcePort: 1024 + (i % 60000), destinationPort: TEST_CAPTURE_VALUES.serverPort, seq: i, flags: SYN }), {
      source: [10, (i >> 16) & 255, (i >> 8) & 255, i & 255],
    });
    records.push({ seconds: 1_800_000_000, fraction: i, data: packet });
  }
  return pcapFile({ linkType: 101, records });
}

describe("grading in a worker thread", () => {
  it("grades a capture and hands back the kept packets", async () => {
    const result = await gradeInWorker(read("capture-unread-rst.pcap"), request("capture-unread-rst"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.verdict.outcome).toBe("reached");
    expect(result.kept).toBeInstanceOf(Uint8Array);
    expect(result.kept!.length).toBeGreaterThan(24);
  }, 60_000);

  it("answers a file that is not a capture with the reader's reason", async () => {
    const result = await gradeInWorker(new TextEncoder().encode("%PDF-1.7 not a capture"), request("capture-half-close"));
    expect(result).toMatchObject({ ok: false, error: "not-a-capture" });
  }, 60_000);

  it("stops a grading that runs past its deadline", async () => {
    const result = await gradeInWorker(manyConnections(20_000), request("capture-connection-refused"), { timeoutMs: 1 });
    expect(result).toMatchObject({ ok: false, error: "timeout" });
    if (!result.ok) expect(result.message).toMatch(/took too long/);
  }, 60_000);

  it("stops a grading that needs more heap than its budget, and the next one still works", async () => {
    const result = await gradeInWorker(manyConnections(60_000), request("capture-connection-refused"), { maxOldGenerationSizeMb: 24, timeoutMs: 60_000 });
    expect(result).toMatchObject({ ok: false, error: "memory" });
    const next = await gradeInWorker(read("capture-connection-refused.pcap"), request("capture-connection-refused"));
    expect(next.ok && next.verdict.outcome).toBe("reached");
  }, 120_000);

  it("has budgets that fit a capture of the upload limit's worth of one challenge's port", () => {
    expect(GRADER_BUDGET.timeoutMs).toBeGreaterThanOrEqual(5_000);
    expect(GRADER_BUDGET.maxOldGenerationSizeMb).toBeGreaterThanOrEqual(128);
  });
});
