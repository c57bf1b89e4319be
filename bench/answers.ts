/**
 * Graded answers at classroom scale (issue 16): the production server on a fresh SQLite database,
 * signed-in learners answering quizzes through the real Server Actions (scripts/load/classroom.ts,
 * what `npm run loadtest` runs), every acknowledged answer checked to be stored exactly once.
 *
 * - A lecture hall: 200 learners, about a second between actions: p99 latency of every request.
 *   Baseline: 200 clients fetching a static file of the same server with the same pauses.
 * - Capacity: learners answering back to back (no pause), graded answers per second. Baseline:
 *   the same number of clients fetching that static file back to back (the server's own ceiling
 *   for a request that does no work).
 * - Server CPU per graded answer (user + system of the server's processes, /proc), next to the
 *   CPU per static request: unlike the rates, it hardly depends on what else the machine runs.
 */
import { readdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { latencyLine, runClassroom, type ClassroomResult } from "../scripts/load/classroom";
import { percentile } from "./support/load";
import { startProductionServer, type RunningServer } from "./support/server";
import type { BenchFigure, BenchSuite } from "./types";

const QUIZ = "tcp-header-and-flags";
const HALL = { users: 200, thinkMs: 1000, seconds: 12 };
const CAPACITY = { users: 40, seconds: 8 };

/** A small file under /_next/static, served from memory by scripts/serve.mjs. */
function staticFile(): string {
  const dir = path.join(process.env.NEXT_DIST_DIR || ".next", "static", "chunks");
  const files = readdirSync(dir)
    .filter((file) => file.endsWith(".js"))
    .map((file) => ({ file, size: statSync(path.join(dir, file)).size }))
    .filter(({ size }) => size > 1000)
    .sort((a, b) => a.size - b.size);
  if (!files[0]) throw new Error("no static chunk in the build");
  return `/_next/static/chunks/${files[0].file}`;
}

type StaticRun = { requests: number; seconds: number; latencies: number[]; cpuSeconds: number | null };

/** `clients` clients fetching `url`, each pausing like a learner (0: back to back). */
async function staticLoad(server: RunningServer, url: string, clients: number, thinkMs: number, seconds: number): Promise<StaticRun> {
  const latencies: number[] = [];
  let requests = 0;
  const cpuBefore = server.cpuSeconds();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const pause = () => (thinkMs > 0 ? new Promise((resolve) => setTimeout(resolve, thinkMs * (0.5 + Math.random()))) : Promise.resolve());
  await Promise.all(
    Array.from({ length: clients }, async () => {
      if (thinkMs > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * thinkMs));
      while (performance.now() < deadline) {
        const sent = performance.now();
        const response = await fetch(server.baseUrl + url, { headers: { "accept-encoding": "gzip" } });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`static file answered ${response.status}`);
        latencies.push(performance.now() - sent);
        requests++;
        await pause();
      }
    }),
  );
  const cpuAfter = server.cpuSeconds();
  return {
    requests,
    seconds: (performance.now() - started) / 1000,
    latencies: latencies.sort((a, b) => a - b),
    cpuSeconds: cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null,
  };
}

function checked(result: ClassroomResult, what: string): ClassroomResult {
  const v = result.verification;
  if (!result.exact || result.errors > 0) {
    throw new Error(`${what}: ${result.errors} errors (${result.errorSamples.join("; ")}), lost ${v.lost}, doubled ${v.doubled}, unacknowledged ${v.unacknowledged}, integrity ${v.integrity}`);
  }
  return result;
}

const suite: BenchSuite = {
  name: "answers",
  command: "npm run bench -- answers",
  async run() {
    const server = await startProductionServer();
    try {
      const url = staticFile();
      const load = () => os.loadavg()[0]!.toFixed(1);
      const hall = checked(await runClassroom(server, { ...HALL, quiz: QUIZ, killAt: null }), "lecture hall");
      const hallLoad = load();
      const hallStatic = await staticLoad(server, url, HALL.users, HALL.thinkMs, HALL.seconds);
      const capacity = checked(await runClassroom(server, { ...CAPACITY, thinkMs: 0, quiz: QUIZ, killAt: null, positionShare: 0 }), "capacity");
      const capacityLoad = load();
      const capacityStatic = await staticLoad(server, url, CAPACITY.users, 0, CAPACITY.seconds);
      for (const [name, values] of Object.entries(hall.latencies)) console.log(`    hall ${latencyLine(name, values)}`);
      console.log(`    capacity ${latencyLine("submit", capacity.latencies.submit)}`);

      const hallP99 = percentile(hall.all, 99);
      const staticP99 = percentile(hallStatic.latencies, 99);
      const answersPerSecond = capacity.submits / capacity.seconds;
      const staticPerSecond = capacityStatic.requests / capacityStatic.seconds;
      const cpuPerAnswerMs = capacity.serverCpuSeconds !== null ? (1000 * capacity.serverCpuSeconds) / capacity.requests : null;
      const cpuPerStaticMs = capacityStatic.cpuSeconds !== null ? (1000 * capacityStatic.cpuSeconds) / capacityStatic.requests : null;
      const cores = os.availableParallelism();
      const figures: BenchFigure[] = [
        {
          id: "answers.hallP99",
          label: `Lecture hall p99 latency (${HALL.users} signed-in learners, ~${HALL.thinkMs} ms between actions: start, answer, save position)`,
          unit: "ms",
          value: hallP99,
          baseline: { label: `a static file for ${HALL.users} clients with the same pauses`, value: staticP99 },
          ratio: hallP99 / staticP99,
          note: `${hall.requests} requests in ${hall.seconds.toFixed(1)} s (${(hall.submits / hall.seconds).toFixed(0)} graded answers/s), p50 ${percentile(hall.all, 50).toFixed(1)} ms; every acknowledged answer stored once (${hall.verification.acknowledged}); load average ${hallLoad}; lower is better`,
          goal: { text: "p99 < 200 ms", met: hallP99 < 200 },
        },
        {
          id: "answers.capacity",
          label: `Graded answers/s, learners answering back to back (${CAPACITY.users} clients)`,
          unit: "answers/s",
          value: answersPerSecond,
          baseline: { label: `a static file of the same server, ${CAPACITY.users} clients back to back`, value: staticPerSecond },
          ratio: answersPerSecond / staticPerSecond,
          note: `${capacity.submits} answers in ${capacity.seconds.toFixed(1)} s, p99 ${percentile(capacity.latencies.submit, 99).toFixed(1)} ms; ${cores} cores shared with the load generator; load average ${capacityLoad}`,
          goal: { text: "≥ 1,000 answers/s", met: answersPerSecond >= 1000 },
        },
      ];
      if (cpuPerAnswerMs !== null && cpuPerStaticMs !== null) {
        figures.push({
          id: "answers.cpuPerAnswer",
          label: "Server CPU time per request of the answering run (graded answers, and the attempt starts among them)",
          unit: "ms",
          value: cpuPerAnswerMs,
          baseline: { label: "server CPU per static-file request", value: cpuPerStaticMs },
          ratio: cpuPerAnswerMs / cpuPerStaticMs,
          note: `user + system time of the server's processes over the capacity run (${capacity.requests} requests, ${capacity.submits} of them answers); ${(1000 / cpuPerAnswerMs).toFixed(0)} requests per CPU-second, ×${cores} cores = ${((1000 / cpuPerAnswerMs) * cores).toFixed(0)} requests/s if the server had the machine alone; lower is better`,
        });
      }
      return figures;
    } finally {
      await server.stop();
    }
  },
};

export default suite;
