/** What the worker answers: the same functions the labs and capture viewer call through it. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runTask } from "@/components/simulator/worker-tasks";
import { DEFAULT_SYN_BACKLOG_INPUT, DEFAULT_TIME_WAIT_INPUT } from "@/domain/simulator/labs";

const buffer = (bytes: Uint8Array) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

describe("worker tasks", () => {
  it("runs the labs and explains them", () => {
    const timeWait = runTask({ kind: "timewait", input: DEFAULT_TIME_WAIT_INPUT });
    expect(timeWait).toMatchObject({ kind: "timewait", explanation: expect.stringContaining("EADDRNOTAVAIL") });
    const syn = runTask({ kind: "synbacklog", input: DEFAULT_SYN_BACKLOG_INPUT });
    expect(syn).toMatchObject({ kind: "synbacklog", explanation: expect.stringContaining("min(backlog, somaxconn)") });
  });

  it("explains the labs in the language the request names", () => {
    const timeWait = runTask({ kind: "timewait", input: DEFAULT_TIME_WAIT_INPUT, locale: "zh" });
    expect(timeWait).toMatchObject({ kind: "timewait", explanation: expect.stringMatching(/\p{Script=Han}.*EADDRNOTAVAIL/u) });
    const syn = runTask({ kind: "synbacklog", input: DEFAULT_SYN_BACKLOG_INPUT, locale: "zh" });
    expect(syn).toMatchObject({ kind: "synbacklog", explanation: expect.stringMatching(/\p{Script=Han}/u) });
    if (syn.kind === "synbacklog") expect(syn.explanation).not.toContain("The listener's queues");
  });

  it("reads captures and reports malformed ones with their byte offset", () => {
    const good = runTask({ kind: "capture", bytes: buffer(readFileSync("public/captures/refused.pcap")) });
    expect(good).toMatchObject({ kind: "capture", analysis: { connections: [expect.objectContaining({ segments: expect.any(Array) })] } });
    const bad = runTask({ kind: "capture", bytes: buffer(new TextEncoder().encode("not a capture")) });
    expect(bad).toEqual({
      kind: "error",
      message: expect.stringMatching(/at byte 0/),
      offset: 0,
      problem: { code: "not-a-capture", offset: 0, params: { firstBytes: "6e 6f 74 20" } },
    });
  });
});
