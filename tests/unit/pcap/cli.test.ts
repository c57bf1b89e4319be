import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runPcapCommand } from "@/cli/pcap-command";
import type { CaptureAnalysis } from "@/domain/tcp/pcap";
import { writtenText } from "./helpers/bytes";
import { FIXTURE_DIR, fixtureBytes } from "./helpers/fixtures";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const scratch = mkdtempSync(path.join(os.tmpdir(), "pcap-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function run(...args: string[]) {
  let stdout = "";
  const stderr: string[] = [];
  const code = await runPcapCommand(args, { out: (text) => void (stdout += writtenText(text)), err: (text) => void stderr.push(text) });
  return { code, stdout, stderr };
}

function scratchFile(name: string, bytes: Uint8Array): string {
  const file = path.join(scratch, name);
  writeFileSync(file, bytes);
  return file;
}

describe("tcp pcap FILE", () => {
  it("prints the analysis as one JSON object", async () => {
    const { code, stdout, stderr } = await run(FIXTURE_DIR + "three-segment-close.pcap");
    expect([code, stderr]).toEqual([0, []]);
    expect(stdout.endsWith("}\n")).toBe(true);
    const analysis = JSON.parse(stdout) as CaptureAnalysis;
    expect(Object.keys(analysis)).toEqual(["connections", "capture", "warnings"]);
    expect(analysis.connections[0]?.segments.slice(-3).map((s) => s.flags)).toEqual([["FIN", "ACK"], ["FIN", "ACK"], ["ACK"]]);
  });

  it("prints the same analysis with --pretty", async () => {
    const compact = JSON.parse((await run(FIXTURE_DIR + "refused.pcap")).stdout);
    const pretty = await run(FIXTURE_DIR + "refused.pcap", "--pretty");
    expect(pretty.stdout).toContain('\n  "connections": [');
    expect(JSON.parse(pretty.stdout)).toEqual(compact);
  });

  it("limits listed segments with --max-segments", async () => {
    const { stdout } = await run("--max-segments", "2", FIXTURE_DIR + "half-close.pcap");
    const connection = (JSON.parse(stdout) as CaptureAnalysis).connections[0];
    expect([connection?.segments.length, connection?.segmentsOmitted]).toEqual([2, 13]);
  });

  it("reads a cut-off capture, with the warning on stderr and in the JSON", async () => {
    const whole = fixtureBytes("refused.pcap");
    const { code, stdout, stderr } = await run(scratchFile("cut.pcap", whole.subarray(0, whole.length - 5)));
    expect(code).toBe(0);
    expect(stderr).toEqual(["tcp pcap: warning: truncated packet record at byte 114: header says 54 bytes, 49 remain"]);
    expect((JSON.parse(stdout) as CaptureAnalysis).warnings).toHaveLength(1);
  });

  it.each([
    [["--nope"], "tcp pcap: unknown option --nope"],
    [[], "tcp pcap: missing FILE"],
    [["a", "b"], "tcp pcap: unexpected argument b"],
    [["--max-segments", "x", "a"], "tcp pcap: --max-segments needs a whole number"],
  ])("exits 2 on bad usage %j", async (args, message) => {
    const { code, stdout, stderr } = await run(...args);
    expect([code, stdout]).toEqual([2, ""]);
    expect(stderr[0]).toBe(`${message}\nusage: tcp pcap FILE [--pretty] [--max-segments N] | [--summary] | [--ndjson]`);
  });

  it("exits 2 on a file it cannot read or that is not a capture", async () => {
    const missing = await run(path.join(scratch, "missing.pcap"));
    expect(missing.code).toBe(2);
    expect(missing.stderr[0]).toMatch(/^tcp pcap: cannot read .*missing\.pcap: ENOENT/);
    const text = scratchFile("notes.txt", new TextEncoder().encode("not a capture at all"));
    const notCapture = await run(text);
    expect(notCapture.code).toBe(2);
    expect(notCapture.stderr).toEqual([`tcp pcap: ${text}: CaptureFormatError: not a pcap or pcapng file at byte 0: it starts with 6e 6f 74 20`]);
  });

  // Starts a second Node that may bundle the CLI first: allow for a slow, busy machine.
  it("is what `npm run --silent tcp -- pcap FILE` runs (the bundled CLI)", { timeout: 60_000 }, () => {
    const stdout = execFileSync(process.execPath, [path.join(ROOT, "scripts/tcp.mjs"), "pcap", FIXTURE_DIR + "refused.pcap"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    const analysis = JSON.parse(stdout) as CaptureAnalysis;
    expect(analysis.connections[0]?.states).toEqual({ client: ["CLOSED", "SYN-SENT", "CLOSED"], server: ["CLOSED"] });
  });
});
