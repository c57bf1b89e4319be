/**
 * External measuring tools the benchmarks use when the machine has them: wrk (HTTP load) and GNU
 * time (peak memory of a process). `npm run bench` installs them from Debian when missing.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

export function hasCommand(name: string): boolean {
  return (process.env.PATH ?? "")
    .split(":")
    .concat(["/usr/sbin", "/sbin", "/usr/bin"])
    .some((dir) => dir !== "" && existsSync(path.join(dir, name)));
}

export interface WrkResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Socket errors and non-2xx/3xx answers. */
  errors: number;
}

function milliseconds(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!match) return Number.NaN;
  const value = Number(match[1]);
  return { us: value / 1000, ms: value, s: value * 1000, m: value * 60_000 }[match[2] as "us" | "ms" | "s" | "m"];
}

/** Parses `wrk --latency` output. */
export function parseWrk(output: string): WrkResult {
  const number = (pattern: RegExp) => Number(pattern.exec(output)?.[1] ?? 0);
  const percentile = (p: number) => milliseconds(new RegExp(`^\\s+${p}%\\s+(\\S+)`, "m").exec(output)?.[1] ?? "");
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  return {
    requestsPerSecond: number(/Requests\/sec:\s+([\d.]+)/),
    p50Ms: percentile(50),
    p99Ms: percentile(99),
    requests: number(/(\d+) requests in/),
    errors: number(/Non-2xx or 3xx responses: (\d+)/) + (socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0),
  };
}

/** `connections` clients on 2 threads for `seconds`, asking for compressed responses as browsers do. */
export function wrk(url: string, { connections, seconds }: { connections: number; seconds: number }): WrkResult {
  const output = execFileSync("wrk", ["-t2", `-c${connections}`, `-d${seconds}s`, "--latency", "-H", "Accept-Encoding: br, gzip", url], {
    encoding: "utf8",
  });
  return parseWrk(output);
}

export interface ProcessMeasure {
  wallSeconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  stdout: string;
}

/** Runs a command to completion under GNU time: wall and CPU seconds, peak resident memory. */
export function measureProcess(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): ProcessMeasure {
  const started = performance.now();
  const result = spawnSync("/usr/bin/time", ["-f", "TIME %U %S %M", command, ...args], { encoding: "utf8", env, maxBuffer: 1 << 30 });
  const wallSeconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr.slice(-500)}`);
  const [user, system, kb] = (/TIME ([\d.]+) ([\d.]+) (\d+)/.exec(result.stderr) ?? []).slice(1).map(Number);
  return { wallSeconds, cpuSeconds: (user ?? 0) + (system ?? 0), peakRssMb: (kb ?? 0) / 1024, stdout: result.stdout };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
