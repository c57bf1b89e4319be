import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { generateCapture } from "@/bench/pcap";
import { runPcapCommand } from "@/cli/pcap-command";
import { loadCorpus, mulberry32, mutate } from "@/scripts/fuzz-captures";
import { writtenText } from "./helpers/bytes";

/**
 * `tcp pcap` must print exactly what it printed before its reading and analysis were made faster:
 * the JSON, `--summary` and `--ndjson` outputs (stdout, stderr and exit code) of every committed
 * capture, of fuzzed copies of them (seeded, failures included) and of a generated capture of
 * 2,000 connections that spans several read chunks are compared with the outputs recorded in
 * tests/fixtures/captures-golden/outputs.json. Outputs are kept as SHA-256 digests (the summaries
 * of committed captures also in full, to read a difference).
 *
 * Only an intended change of the output may re-record them:
 * `UPDATE_GOLDEN=1 npx vitest run --project unit tests/unit/pcap/golden-outputs.test.ts`.
 */
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const GOLDEN = path.join(ROOT, "tests", "fixtures", "captures-golden", "outputs.json");
const DIRECTORIES = ["public/captures", "tests/fixtures/capture-challenges", "tests/fixtures/captures", "tests/fixtures/tcp/captures"];
const MODES = { json: [], summary: ["--summary"], ndjson: ["--ndjson"] } as const satisfies Record<string, readonly string[]>;
type Mode = keyof typeof MODES;
const FUZZED = 200;
const GENERATED_CONNECTIONS = 2_000;

interface Output {
  code: number;
  stderr: string[];
  bytes: number;
  sha256: string;
  /** The whole stdout, for summaries of committed captures. */
  text?: string;
}

type Golden = Record<string, Record<Mode, Output>>;

const scratch = mkdtempSync(path.join(os.tmpdir(), "pcap-golden-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function cases(): { name: string; file: string; committed: boolean }[] {
  const committed = DIRECTORIES.flatMap((directory) =>
    loadCorpus(path.join(ROOT, directory) + path.sep).map(({ name, bytes }) => ({ name: `${directory}/${name}`, bytes })),
  );
  const all = committed.map(({ name }) => ({ name, file: path.join(ROOT, name), committed: true }));
  const random = mulberry32(1_116);
  for (let i = 0; i < FUZZED; i++) {
    const source = committed[Math.floor(random() * committed.length)]!;
    const { bytes, mutation } = mutate(source.bytes, random);
    const file = path.join(scratch, `fuzzed-${i}.pcap`);
    writeFileSync(file, bytes);
    all.push({ name: `fuzzed ${i}: ${source.name} (${mutation})`, file, committed: false });
  }
  const generated = path.join(scratch, "generated.pcap");
  generateCapture(generated, GENERATED_CONNECTIONS);
  all.push({ name: `generated: ${GENERATED_CONNECTIONS} connections (bench/pcap.ts)`, file: generated, committed: false });
  return all;
}

async function output(file: string, mode: Mode, keepText: boolean): Promise<Output> {
  const parts: string[] = [];
  const stderr: string[] = [];
  const code = await runPcapCommand([file, ...MODES[mode]], { out: (text) => void parts.push(writtenText(text)), err: (text) => void stderr.push(text) });
  // Temporary file names differ from run to run.
  const stable = stderr.map((line) => line.replaceAll(scratch, "<scratch>"));
  const stdout = parts.join("");
  const digest = createHash("sha256").update(stdout).digest("hex");
  return { code, stderr: stable, bytes: Buffer.byteLength(stdout), sha256: digest, ...(keepText ? { text: stdout } : {}) };
}

describe("tcp pcap outputs against the recorded ones", () => {
  it("are unchanged for committed, fuzzed and generated captures in every mode", { timeout: 120_000 }, async () => {
    const actual: Golden = {};
    for (const { name, file, committed } of cases()) {
      actual[name] = {
        json: await output(file, "json", false),
        summary: await output(file, "summary", committed),
        ndjson: await output(file, "ndjson", false),
      };
    }
    if (process.env.UPDATE_GOLDEN === "1") {
      writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 1)}\n`);
      return;
    }
    const golden = JSON.parse(readFileSync(GOLDEN, "utf8")) as Golden;
    expect(Object.keys(actual)).toEqual(Object.keys(golden));
    for (const [name, modes] of Object.entries(golden)) {
      for (const mode of Object.keys(MODES) as Mode[]) expect(actual[name]?.[mode], `${name} ${mode}`).toEqual(modes[mode]);
    }
    // Both outcomes are covered: captures that are read and malformed ones that are refused.
    const codes = new Set(Object.values(golden).map((modes) => modes.json.code));
    expect([...codes].sort()).toEqual([0, 2]);
  });
});
