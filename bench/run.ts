/**
 * `npm run bench`: runs every suite in bench/ (or the ones named on the command line), writes
 * bench/results.json and the table in BENCHMARKS.md. Every figure stands next to a baseline
 * measured in the same run, so the ratios mean something on any machine.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BenchFigure, BenchSuite } from "./types";

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);

function format(value: number, unit: string): string {
  if (unit === "bytes") return `${Math.round(value).toLocaleString("en")} B`;
  if (value >= 100) return `${Math.round(value).toLocaleString("en")} ${unit}`;
  return `${value.toPrecision(3)} ${unit}`;
}

/**
 * Each suite runs in a process of its own: the app's database client and settings are fixed at
 * their first import (lib/db.server.ts, lib/env.server.ts), so a suite that opens its own
 * database must not find another suite's client already made; this process never loads a suite.
 * The child prints the suite's name, command and figures as the last line of its output; what it
 * logs before goes to the terminal.
 */
type SuiteOutput = { name: string; command: string; figures: BenchFigure[] };

function runInOwnProcess(file: string): SuiteOutput {
  const output = execFileSync("npx", ["tsx", "--conditions=react-server", fileURLToPath(import.meta.url), CHILD_FLAG, file], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = output.trimEnd().split("\n");
  process.stdout.write(lines.slice(0, -1).map((line) => `${line}\n`).join(""));
  return JSON.parse(lines.at(-1)!) as SuiteOutput;
}

const CHILD_FLAG = "--suite-process";

async function runChild(file: string) {
  const suite = (await import(pathToFileURL(path.join(here, file)).href)).default as BenchSuite;
  const output: SuiteOutput = { name: suite.name, command: suite.command, figures: await suite.run() };
  console.log(JSON.stringify(output));
}

async function main() {
  const files = readdirSync(here)
    .filter((file) => file.endsWith(".ts") && !["run.ts", "types.ts"].includes(file))
    .filter((file) => wanted.length === 0 || wanted.includes(file.replace(/\.ts$/, "")))
    .sort();
  type SuiteResult = { suite: string; command: string; seconds: number; date: string; figures: BenchFigure[] };
  // Running some suites keeps the other suites' last figures (each row says when it was measured).
  const resultsFile = path.join(here, "results.json");
  const previous: SuiteResult[] = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, "utf8")).results ?? []) : [];
  const results = new Map<string, SuiteResult>(previous.filter((r) => r.command && r.date).map((r) => [r.suite, r]));
  const runStarted = performance.now();
  for (const file of files) {
    process.stdout.write(`▸ ${file.replace(/\.ts$/, "")} … `);
    const started = performance.now();
    const { name, command, figures } = runInOwnProcess(file);
    const seconds = (performance.now() - started) / 1000;
    console.log(`${seconds.toFixed(1)}s`);
    for (const figure of figures) {
      console.log(`  ${figure.label}: ${format(figure.value, figure.unit)} vs ${format(figure.baseline.value, figure.unit)} (${figure.baseline.label}) → ×${figure.ratio.toFixed(3)}`);
    }
    results.set(name, { suite: name, command, seconds, date: new Date().toISOString(), figures });
  }
  console.log(`\nBenchmarks took ${((performance.now() - runStarted) / 1000).toFixed(0)} s.`);

  const machine = { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "unknown", platform: `${os.platform()} ${os.release()}` };
  const date = new Date().toISOString();
  const all = [...results.values()].sort((a, b) => a.suite.localeCompare(b.suite));
  writeFileSync(resultsFile, `${JSON.stringify({ date, machine, results: all }, null, 2)}\n`);

  const rows = all.flatMap(({ figures, date: measured }) =>
    figures.map(
      (f) =>
        `| ${f.label} | ${format(f.value, f.unit)} | ${format(f.baseline.value, f.unit)} (${f.baseline.label}) | ×${f.ratio.toFixed(3)} | ${f.note ?? ""} (${measured.slice(0, 10)}) |`,
    ),
  );
  const goals = all.flatMap(({ figures, command }) =>
    figures
      .filter((f) => f.goal)
      .map((f) => `| ${f.label} | ${f.goal!.text} | ${format(f.value, f.unit)} | ×${f.ratio.toFixed(3)} | ${f.goal!.met ? "met" : "not met"} | \`${command}\` |`),
  );
  const markdown = `# Benchmarks

Produced by \`npm run bench\` (bench/run.ts, prepared by scripts/bench.mjs) on ${date.slice(0, 10)}: Node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}, ${machine.platform}.
Each figure is measured next to a baseline in the same run; compare ratios across machines, not
absolute numbers. Raw data: [bench/results.json](bench/results.json). How the figures are taken:
[docs/performance.md](docs/performance.md).

## Goals (issue 16)

| Figure | Goal | Value this run | Ratio to its baseline | | Reproduce |
| --- | --- | --- | --- | --- | --- |
${goals.join("\n")}

## All figures

| Measure | Value | Baseline (same run) | Ratio | Notes |
| --- | --- | --- | --- | --- |
${rows.join("\n")}
`;
  writeFileSync(path.join(here, "..", "BENCHMARKS.md"), markdown);
  console.log("\nWrote bench/results.json and BENCHMARKS.md");
}

(wanted[0] === CHILD_FLAG ? runChild(wanted[1]!) : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
