/**
 * `npm run loadtest -- [--users 200] [--seconds 30] [--think-ms 3000] [--postgres] [--kill-at S]`
 *
 * Starts the production server on a fresh database, signs in N learners and has each of them,
 * for T seconds, take quizzes (start an attempt, answer its questions, sometimes submit the same
 * answer twice as a double click would) and save their reading position, with a think time
 * between actions. Prints throughput, latency percentiles and errors, then checks that the
 * database holds exactly the writes the server acknowledged: nothing lost, nothing doubled.
 *
 * `--url URL --database-url DB` runs against a server that is already running (e.g. a staging
 * instance, or one started under a profiler) and verifies through its database.
 *
 * `--transport action` sends the same calls as Server Actions instead of through the route handler
 * the app uses (ADR 1490), for comparing the two; `--position-share F` is the share of answers
 * followed by saving the reading position (0.5; the benchmark's capacity run uses 0).
 *
 * `--kill-at S` is the fault test: the server is killed with SIGKILL S seconds in and restarted
 * on the same database; afterwards every acknowledged write must be present and SQLite's
 * integrity check must pass. Exits non-zero when a check fails.
 *
 * When it starts the server itself it also prints the server's CPU time per request (Linux), a
 * figure that does not depend on what else the machine is doing.
 */
import os from "node:os";
import { percentile } from "../bench/support/load";
import { startProductionServer } from "../bench/support/server";
import { latencyLine, runClassroom, type ClassroomServer } from "./load/classroom";

type Args = {
  users: number;
  seconds: number;
  thinkMs: number;
  postgres: boolean;
  killAt: number | null;
  quiz: string;
  /** An already running server (and its database, for the verification) instead of a fresh one. */
  url: string | null;
  databaseUrl: string | null;
  transport: "route" | "action";
  positionShare: number;
};

function parseArgs(argv: string[]): Args {
  const args: Args = { users: 200, seconds: 30, thinkMs: 3000, postgres: false, killAt: null, quiz: "tcp-header-and-flags", url: null, databaseUrl: null, transport: "route", positionShare: 0.5 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < 0) throw new Error(`${flag} needs a non-negative number`);
      return v;
    };
    if (flag === "--users") args.users = Math.max(1, Math.floor(value()));
    else if (flag === "--seconds") args.seconds = value();
    else if (flag === "--think-ms") args.thinkMs = value();
    else if (flag === "--kill-at") args.killAt = value();
    else if (flag === "--position-share") args.positionShare = Math.min(1, value());
    else if (flag === "--transport") {
      const transport = argv[++i];
      if (transport !== "route" && transport !== "action") throw new Error("--transport is route or action");
      args.transport = transport;
    } else if (flag === "--postgres") args.postgres = true;
    else if (flag === "--quiz") args.quiz = argv[++i] ?? args.quiz;
    else if (flag === "--url") args.url = argv[++i] ?? null;
    else if (flag === "--database-url") args.databaseUrl = argv[++i] ?? null;
    else throw new Error(`unknown option ${flag}`);
  }
  if ((args.url === null) !== (args.databaseUrl === null)) throw new Error("--url and --database-url go together");
  if (args.url !== null && args.killAt !== null) throw new Error("--kill-at needs the server this script starts");
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  console.log(`Load test: ${args.users} learners for ${args.seconds}s, think time ~${args.thinkMs} ms, ${args.transport === "action" ? "Server Actions" : "route handler"}, ${args.postgres ? "PostgreSQL" : "SQLite"}${args.killAt !== null ? `, SIGKILL at ${args.killAt}s` : ""}`);
  const server: ClassroomServer & { stop: () => Promise<void> } =
    args.url && args.databaseUrl
      ? { baseUrl: args.url.replace(/\/$/, ""), databaseUrl: args.databaseUrl, kill: async () => {}, restart: async () => {}, stop: async () => {} }
      : await startProductionServer({ postgres: args.postgres });
  let failed = false;
  try {
    const result = await runClassroom(server, { users: args.users, seconds: args.seconds, thinkMs: args.thinkMs, quiz: args.quiz, killAt: args.killAt, transport: args.transport, positionShare: args.positionShare, log: console.log });
    const { verification: v } = result;
    console.log(`\n${result.requests} acknowledged requests in ${result.seconds.toFixed(1)}s: ${(result.requests / result.seconds).toFixed(1)} req/s (${(result.submits / result.seconds).toFixed(1)} graded answers/s), ${result.errors} errors`);
    for (const [kind, values] of Object.entries(result.latencies)) console.log(latencyLine(kind, values));
    console.log(latencyLine("all", result.all));
    if (result.serverCpuSeconds !== null && result.requests > 0) {
      console.log(`Server CPU: ${result.serverCpuSeconds.toFixed(1)} s, ${((1000 * result.serverCpuSeconds) / result.requests).toFixed(2)} ms per request (load average ${os.loadavg()[0]!.toFixed(1)})`);
    }
    for (const sample of result.errorSamples) console.log(`  e.g. ${sample}`);
    console.log(
      `\nVerification: ${v.acknowledged} acknowledged answers, ${v.stored} stored; lost ${v.lost}, doubled ${v.doubled}, stored but never acknowledged ${v.unacknowledged}; attempts lost ${v.lostAttempts}; last positions wrong ${v.positionMismatches}`,
    );
    if (v.integrity !== null) console.log(`SQLite integrity check: ${v.integrity}`);
    if (!result.exact) failed = true;
    const p99 = percentile(result.all, 99);
    if (args.killAt === null) {
      const targets = [`errors ${result.errors} (target 0)`, `lost or doubled writes ${v.lost + v.doubled} (target 0)`, `p99 ${p99.toFixed(1)} ms (target < 200 ms)`];
      console.log(`Targets: ${targets.join("; ")}`);
      if (result.errors > 0) failed = true;
    }
    console.log(failed ? "\n✗ Load test FAILED" : "\n✓ Load test passed");
  } finally {
    await server.stop();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
