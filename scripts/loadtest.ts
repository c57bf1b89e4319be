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
 * `--kill-at S` is the fault test: the server is killed with SIGKILL S seconds in and restarted
 * on the same database; afterwards every acknowledged write must be present and SQLite's
 * integrity check must pass. Exits non-zero when a check fails.
 */
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { hashPassword } from "../lib/auth/password.server";
import { databaseFile, databaseProvider } from "../lib/database-url";
import { createPrismaClient } from "../lib/db.server";
import { percentile } from "../bench/support/load";
import { someResponse, type AnyPublicQuestion } from "../bench/support/quiz-responses";
import { startProductionServer, type RunningServer } from "../bench/support/server";
import { callAction, findAction, pagePath, signIn } from "./load/next-client";

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
};

function parseArgs(argv: string[]): Args {
  const args: Args = { users: 200, seconds: 30, thinkMs: 3000, postgres: false, killAt: null, quiz: "tcp-header-and-flags", url: null, databaseUrl: null };
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
    else if (flag === "--postgres") args.postgres = true;
    else if (flag === "--quiz") args.quiz = argv[++i] ?? args.quiz;
    else if (flag === "--url") args.url = argv[++i] ?? null;
    else if (flag === "--database-url") args.databaseUrl = argv[++i] ?? null;
    else throw new Error(`unknown option ${flag}`);
  }
  if ((args.url === null) !== (args.databaseUrl === null)) throw new Error("--url and --database-url go together");
  if (args.url !== null && args.killAt !== null) throw new Error("--kill-at needs the server this script starts");
  return args;
}

type StartResult = { ok: boolean; mode?: string; quiz?: { questions: AnyPublicQuestion[] }; error?: string };
type SubmitResult = { ok: boolean; error?: string };
type PositionResult = { ok: boolean; error?: string };

const random = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

async function main() {
  const args = parseArgs(process.argv.slice(2));
  console.log(`Load test: ${args.users} learners for ${args.seconds}s, think time ~${args.thinkMs} ms, ${args.postgres ? "PostgreSQL" : "SQLite"}${args.killAt !== null ? `, SIGKILL at ${args.killAt}s` : ""}`);
  const server: Pick<RunningServer, "baseUrl" | "databaseUrl" | "kill" | "restart" | "stop"> =
    args.url && args.databaseUrl
      ? { baseUrl: args.url.replace(/\/$/, ""), databaseUrl: args.databaseUrl, kill: async () => {}, restart: async () => {}, stop: async () => {} }
      : await startProductionServer({ postgres: args.postgres });
  const db = createPrismaClient(server.databaseUrl);
  let failed = false;
  try {
    const startAction = findAction("lib/quiz/actions.ts", "startQuizAttemptAction");
    const submitAction = findAction("lib/quiz/actions.ts", "submitQuizAnswerAction");
    const positionAction = findAction("lib/progress/lesson-actions.ts", "saveLessonPositionAction");
    const lessonPage = pagePath(positionAction.page, { slug: args.quiz });
    const quizPage = pagePath(startAction.page, { slug: args.quiz });
    const positions = ["the-header-at-a-glance", "the-flags-that-open-and-close-connections", "the-other-flags", "summary"];

    // Learners are created directly (one shared hash keeps setup fast), then sign in over HTTP.
    const password = "load-test-password";
    const passwordHash = await hashPassword(password);
    const run = randomBytes(4).toString("hex");
    const emails = Array.from({ length: args.users }, (_, i) => `load-${run}-${i}@example.test`);
    await db.user.createMany({ data: emails.map((email, i) => ({ email, name: `Learner ${i}`, passwordHash })) });
    const signInStarted = performance.now();
    const cookies: string[] = [];
    for (let i = 0; i < emails.length; i += 20) {
      cookies.push(...(await Promise.all(emails.slice(i, i + 20).map((email) => signIn(server.baseUrl, email, password)))));
    }
    console.log(`Signed in ${cookies.length} learners in ${((performance.now() - signInStarted) / 1000).toFixed(1)}s`);

    const acknowledged = { attempts: new Set<string>(), answers: new Set<string>(), lastPosition: new Map<string, string>() };
    // Positions sent after the last acknowledged one: a crash can apply a write whose reply is lost.
    const unconfirmedPositions = new Map<string, Set<string>>();
    const latencies: Record<string, number[]> = { start: [], submit: [], position: [] };
    let errors = 0;
    let requests = 0;
    const errorSamples = new Set<string>();

    const timed = async <T>(kind: string, call: () => Promise<T>): Promise<T | null> => {
      const sent = performance.now();
      try {
        const result = await call();
        latencies[kind]!.push(performance.now() - sent);
        requests++;
        return result;
      } catch (error) {
        errors++;
        if (errorSamples.size < 5) errorSamples.add(`${kind}: ${error instanceof Error ? error.message : error}`);
        return null;
      }
    };
    const think = () => new Promise((resolve) => setTimeout(resolve, args.thinkMs * (0.5 + Math.random())));

    const started = performance.now();
    const deadline = started + args.seconds * 1000;
    let killer: Promise<void> | null = null;
    if (args.killAt !== null) {
      killer = new Promise((resolve) => setTimeout(resolve, args.killAt! * 1000)).then(async () => {
        console.log(`SIGKILL at ${((performance.now() - started) / 1000).toFixed(1)}s`);
        await server.kill("SIGKILL");
        await server.restart();
        console.log(`Restarted at ${((performance.now() - started) / 1000).toFixed(1)}s`);
      });
    }

    await Promise.all(
      cookies.map(async (cookie, learner) => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * args.thinkMs));
        while (performance.now() < deadline) {
          const clientKey = `load${run}${learner}x${randomBytes(6).toString("hex")}`;
          const start = await timed("start", () => callAction<StartResult>(server.baseUrl, startAction, quizPage, { quizId: args.quiz, clientKey }, cookie));
          if (!start?.ok || start.mode !== "account" || !start.quiz) {
            if (start && !start.ok) errors++;
            await think();
            continue;
          }
          acknowledged.attempts.add(clientKey);
          for (const question of start.quiz.questions) {
            if (performance.now() >= deadline) break;
            await think();
            const input = { quizId: args.quiz, clientKey, questionId: question.id, response: someResponse(question) };
            const repeats = Math.random() < 0.1 ? 2 : 1; // a double click now and then
            for (let r = 0; r < repeats; r++) {
              const result = await timed("submit", () => callAction<SubmitResult>(server.baseUrl, submitAction, quizPage, input, cookie));
              if (result?.ok) acknowledged.answers.add(`${clientKey}/${question.id}`);
              else if (result) {
                errors++;
                if (errorSamples.size < 5) errorSamples.add(`submit refused: ${result.error}`);
              }
            }
            if (Math.random() < 0.5) {
              const position = random(positions);
              const email = emails[learner]!;
              const result = await timed("position", () => callAction<PositionResult>(server.baseUrl, positionAction, lessonPage, { slug: args.quiz, position }, cookie));
              if (result?.ok) {
                acknowledged.lastPosition.set(email, position);
                unconfirmedPositions.delete(email);
              } else {
                if (result) errors++;
                unconfirmedPositions.set(email, (unconfirmedPositions.get(email) ?? new Set()).add(position));
              }
            }
          }
        }
      }),
    );
    await killer;
    const seconds = (performance.now() - started) / 1000;

    // Report
    const all = Object.values(latencies).flat().sort((a, b) => a - b);
    const line = (name: string, values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return `${name.padEnd(9)} n=${String(sorted.length).padStart(6)}  p50 ${percentile(sorted, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(sorted, 95).toFixed(1).padStart(7)} ms  p99 ${percentile(sorted, 99).toFixed(1).padStart(7)} ms`;
    };
    console.log(`\n${requests} acknowledged requests in ${seconds.toFixed(1)}s: ${(requests / seconds).toFixed(1)} req/s, ${errors} errors`);
    for (const [kind, values] of Object.entries(latencies)) console.log(line(kind, values));
    console.log(line("all", all));
    for (const sample of errorSamples) console.log(`  e.g. ${sample}`);

    // Verify against the database
    const users = await db.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } });
    const attempts = await db.quizAttempt.findMany({ where: { userId: { in: users.map((u) => u.id) } }, select: { id: true, clientKey: true } });
    const answers = await db.quizAnswer.findMany({ where: { attemptId: { in: attempts.map((a) => a.id) } }, select: { attemptId: true, questionId: true } });
    const keyOfAttempt = new Map(attempts.map((a) => [a.id, a.clientKey]));
    const stored = answers.map((a) => `${keyOfAttempt.get(a.attemptId)}/${a.questionId}`);
    const storedSet = new Set(stored);
    const lostAnswers = [...acknowledged.answers].filter((key) => !storedSet.has(key));
    const doubled = stored.length - storedSet.size;
    const unacknowledged = [...storedSet].filter((key) => !acknowledged.answers.has(key)).length;
    const lostAttempts = [...acknowledged.attempts].filter((key) => !attempts.some((a) => a.clientKey === key)).length;
    const progress = await db.lessonProgress.findMany({ where: { userId: { in: users.map((u) => u.id) }, lessonSlug: args.quiz }, select: { userId: true, lastPosition: true } });
    const emailOf = new Map(users.map((u) => [u.id, u.email]));
    const positionMismatches = [...acknowledged.lastPosition].filter(([email, position]) => {
      const stored = progress.find((p) => emailOf.get(p.userId) === email)?.lastPosition;
      return stored !== position && !(stored && unconfirmedPositions.get(email)?.has(stored));
    }).length;

    console.log(`\nVerification: ${acknowledged.answers.size} acknowledged answers, ${stored.length} stored; lost ${lostAnswers.length}, doubled ${doubled}, stored but never acknowledged ${unacknowledged}; attempts lost ${lostAttempts}; last positions wrong ${positionMismatches}`);
    const exact = lostAnswers.length === 0 && doubled === 0 && lostAttempts === 0 && positionMismatches === 0;
    // Without a crash every stored answer was acknowledged; a crash may lose replies, never writes.
    if (!exact || (args.killAt === null && unacknowledged !== 0)) failed = true;

    if (databaseProvider(server.databaseUrl) === "sqlite") {
      await db.$disconnect();
      const check = new Database(databaseFile(server.databaseUrl), { readonly: true });
      const integrity = check.pragma("integrity_check", { simple: true });
      check.close();
      console.log(`SQLite integrity check: ${integrity}`);
      if (integrity !== "ok") failed = true;
    }

    const p99 = percentile(all, 99);
    if (args.killAt === null) {
      const targets = [`errors ${errors} (target 0)`, `lost or doubled writes ${lostAnswers.length + doubled} (target 0)`, `p99 ${p99.toFixed(1)} ms (target < 200 ms)`];
      console.log(`Targets: ${targets.join("; ")}`);
      if (errors > 0) failed = true;
    }
    console.log(failed ? "\n✗ Load test FAILED" : "\n✓ Load test passed");
  } finally {
    await db.$disconnect().catch(() => {});
    await server.stop();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
