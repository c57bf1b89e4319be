/**
 * A classroom of signed-in learners against a running server: each takes quizzes (start an
 * attempt, answer its questions, now and then the same answer twice as a double click would) and
 * saves their reading position, with a think time between actions. Then the database is checked
 * to hold exactly the writes the server acknowledged. Used by `npm run loadtest` and by the
 * `answers` benchmark.
 */
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { hashPassword } from "../../lib/auth/password.server";
import { databaseFile, databaseProvider } from "../../lib/database-url";
import { createPrismaClient } from "../../lib/db.server";
import { percentile } from "../../bench/support/load";
import { someResponse, type AnyPublicQuestion } from "../../bench/support/quiz-responses";
import type { RunningServer } from "../../bench/support/server";
import { callAction, callRoute, findAction, pagePath, signIn } from "./next-client";

export type ClassroomOptions = {
  users: number;
  seconds: number;
  /** Mean pause between a learner's actions (uniform from half to one and a half times it); 0 = back to back. */
  thinkMs: number;
  quiz: string;
  /** The fault test: the server is killed with SIGKILL this many seconds in and restarted. */
  killAt: number | null;
  /** Share of answers followed by saving the reading position. */
  positionShare?: number;
  /** How the calls travel: the route handler the app uses (ADR 1490), or the same functions as Server Actions (for comparison). */
  transport?: "route" | "action";
  log?: (line: string) => void;
};

export type ClassroomServer = Pick<RunningServer, "baseUrl" | "databaseUrl" | "kill" | "restart"> & { cpuSeconds?: () => number | null };

export type ClassroomResult = {
  seconds: number;
  requests: number;
  errors: number;
  errorSamples: string[];
  /** Latencies in ms by kind (start, submit, position), sorted. */
  latencies: Record<"start" | "submit" | "position", number[]>;
  all: number[];
  /** Graded answers the server acknowledged (repeats included: each was graded and answered). */
  submits: number;
  /** CPU seconds the server used during the run, when it can be read. */
  serverCpuSeconds: number | null;
  verification: { acknowledged: number; stored: number; lost: number; doubled: number; unacknowledged: number; lostAttempts: number; positionMismatches: number; integrity: string | null };
  /** Every acknowledged write stored exactly once (and, without a crash, nothing else stored), SQLite intact. */
  exact: boolean;
};

type StartResult = { ok: boolean; mode?: string; quiz?: { questions: AnyPublicQuestion[] }; refusal?: string; message?: string };
type SubmitResult = { ok: boolean; refusal?: string; message?: string };
type PositionResult = { ok: boolean; error?: string };

const random = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

export function latencyLine(name: string, sorted: number[]): string {
  return `${name.padEnd(9)} n=${String(sorted.length).padStart(6)}  p50 ${percentile(sorted, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(sorted, 95).toFixed(1).padStart(7)} ms  p99 ${percentile(sorted, 99).toFixed(1).padStart(7)} ms`;
}

export async function runClassroom(server: ClassroomServer, options: ClassroomOptions): Promise<ClassroomResult> {
  const log = options.log ?? (() => {});
  const positionShare = options.positionShare ?? 0.5;
  const db = createPrismaClient(server.databaseUrl);
  try {
    // Server Actions are found in the build only when that transport is asked for.
    const viaActions = options.transport === "action";
    const action = (filename: string, name: string, params: Record<string, string>) => {
      const ref = findAction(filename, name);
      return { ref, page: pagePath(ref.page, params) };
    };
    const actions = viaActions
      ? {
          "quiz-start": action("lib/quiz/actions.ts", "startQuizAttemptAction", { slug: options.quiz }),
          "quiz-answer": action("lib/quiz/actions.ts", "submitQuizAnswerAction", { slug: options.quiz }),
          "reading-position": action("lib/progress/lesson-actions.ts", "saveLessonPositionAction", { slug: options.quiz }),
        }
      : null;
    const send = <T>(name: "quiz-start" | "quiz-answer" | "reading-position", args: unknown[], cookie: string) =>
      actions ? callAction<T>(server.baseUrl, actions[name].ref, actions[name].page, args, cookie) : callRoute<T>(server.baseUrl, name, args, cookie);
    const positions = ["the-header-at-a-glance", "the-flags-that-open-and-close-connections", "the-other-flags", "summary"];

    // Learners are created directly (one shared hash keeps setup fast), then sign in over HTTP.
    const password = "load-test-password";
    const passwordHash = await hashPassword(password);
    const run = randomBytes(4).toString("hex");
    const emails = Array.from({ length: options.users }, (_, i) => `load-${run}-${i}@example.test`);
    await db.user.createMany({ data: emails.map((email, i) => ({ email, name: `Learner ${i}`, passwordHash })) });
    const signInStarted = performance.now();
    const cookies: string[] = [];
    for (let i = 0; i < emails.length; i += 20) {
      cookies.push(...(await Promise.all(emails.slice(i, i + 20).map((email) => signIn(server.baseUrl, email, password)))));
    }
    log(`Signed in ${cookies.length} learners in ${((performance.now() - signInStarted) / 1000).toFixed(1)}s`);

    const acknowledged = { attempts: new Set<string>(), answers: new Set<string>(), lastPosition: new Map<string, string>() };
    // Positions sent after the last acknowledged one: a crash can apply a write whose reply is lost.
    const unconfirmedPositions = new Map<string, Set<string>>();
    const latencies: ClassroomResult["latencies"] = { start: [], submit: [], position: [] };
    let errors = 0;
    let requests = 0;
    let submits = 0;
    const errorSamples = new Set<string>();

    const timed = async <T>(kind: keyof ClassroomResult["latencies"], call: () => Promise<T>): Promise<T | null> => {
      const sent = performance.now();
      try {
        const result = await call();
        latencies[kind].push(performance.now() - sent);
        requests++;
        return result;
      } catch (error) {
        errors++;
        if (errorSamples.size < 5) errorSamples.add(`${kind}: ${error instanceof Error ? error.message : error}`);
        return null;
      }
    };
    const think = () => (options.thinkMs > 0 ? new Promise((resolve) => setTimeout(resolve, options.thinkMs * (0.5 + Math.random()))) : Promise.resolve());

    const cpuBefore = server.cpuSeconds?.() ?? null;
    const started = performance.now();
    const deadline = started + options.seconds * 1000;
    let killer: Promise<void> | null = null;
    if (options.killAt !== null) {
      killer = new Promise((resolve) => setTimeout(resolve, options.killAt! * 1000)).then(async () => {
        log(`SIGKILL at ${((performance.now() - started) / 1000).toFixed(1)}s`);
        await server.kill("SIGKILL");
        await server.restart();
        log(`Restarted at ${((performance.now() - started) / 1000).toFixed(1)}s`);
      });
    }

    await Promise.all(
      cookies.map(async (cookie, learner) => {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * options.thinkMs));
        while (performance.now() < deadline) {
          const clientKey = `load${run}${learner}x${randomBytes(6).toString("hex")}`;
          const start = await timed("start", () => send<StartResult>("quiz-start", [{ quizId: options.quiz, clientKey }], cookie));
          if (!start?.ok || start.mode !== "account" || !start.quiz) {
            if (start && !start.ok) errors++;
            await think();
            continue;
          }
          acknowledged.attempts.add(clientKey);
          for (const question of start.quiz.questions) {
            if (performance.now() >= deadline) break;
            await think();
            const input = { quizId: options.quiz, clientKey, questionId: question.id, response: someResponse(question) };
            const repeats = Math.random() < 0.1 ? 2 : 1; // a double click now and then
            for (let r = 0; r < repeats; r++) {
              const result = await timed("submit", () => send<SubmitResult>("quiz-answer", [input], cookie));
              if (result?.ok) {
                acknowledged.answers.add(`${clientKey}/${question.id}`);
                submits++;
              } else if (result) {
                errors++;
                if (errorSamples.size < 5) errorSamples.add(`submit refused: ${result.refusal ?? result.message}`);
              }
            }
            if (Math.random() < positionShare) {
              const position = random(positions);
              const email = emails[learner]!;
              const result = await timed("position", () => send<PositionResult>("reading-position", [{ slug: options.quiz, position }], cookie));
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
    const cpuAfter = server.cpuSeconds?.() ?? null;
    // After a restart the processes are new: their CPU time cannot be subtracted.
    const serverCpuSeconds = cpuBefore !== null && cpuAfter !== null && options.killAt === null ? cpuAfter - cpuBefore : null;

    // Verify against the database
    const users = await db.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } });
    const attempts = await db.quizAttempt.findMany({ where: { userId: { in: users.map((u) => u.id) } }, select: { id: true, clientKey: true } });
    const answers = await db.quizAnswer.findMany({ where: { attemptId: { in: attempts.map((a) => a.id) } }, select: { attemptId: true, questionId: true } });
    const keyOfAttempt = new Map(attempts.map((a) => [a.id, a.clientKey]));
    const stored = answers.map((a) => `${keyOfAttempt.get(a.attemptId)}/${a.questionId}`);
    const storedSet = new Set(stored);
    const lost = [...acknowledged.answers].filter((key) => !storedSet.has(key)).length;
    const doubled = stored.length - storedSet.size;
    const unacknowledged = [...storedSet].filter((key) => !acknowledged.answers.has(key)).length;
    const storedKeys = new Set(attempts.map((a) => a.clientKey));
    const lostAttempts = [...acknowledged.attempts].filter((key) => !storedKeys.has(key)).length;
    const progress = await db.lessonProgress.findMany({ where: { userId: { in: users.map((u) => u.id) }, lessonSlug: options.quiz }, select: { userId: true, lastPosition: true } });
    const emailOf = new Map(users.map((u) => [u.id, u.email]));
    const positionMismatches = [...acknowledged.lastPosition].filter(([email, position]) => {
      const storedPosition = progress.find((p) => emailOf.get(p.userId) === email)?.lastPosition;
      return storedPosition !== position && !(storedPosition && unconfirmedPositions.get(email)?.has(storedPosition));
    }).length;

    let integrity: string | null = null;
    if (databaseProvider(server.databaseUrl) === "sqlite") {
      await db.$disconnect();
      const check = new Database(databaseFile(server.databaseUrl), { readonly: true });
      integrity = String(check.pragma("integrity_check", { simple: true }));
      check.close();
    }
    // Without a crash every stored answer was acknowledged; a crash may lose replies, never writes.
    const exact =
      lost === 0 && doubled === 0 && lostAttempts === 0 && positionMismatches === 0 && (options.killAt !== null || unacknowledged === 0) && (integrity === null || integrity === "ok");
    const sortedLatencies = Object.fromEntries(Object.entries(latencies).map(([kind, values]) => [kind, [...values].sort((a, b) => a - b)])) as ClassroomResult["latencies"];
    return {
      seconds,
      requests,
      errors,
      errorSamples: [...errorSamples],
      latencies: sortedLatencies,
      all: Object.values(latencies).flat().sort((a, b) => a - b),
      submits,
      serverCpuSeconds,
      verification: { acknowledged: acknowledged.answers.size, stored: stored.length, lost, doubled, unacknowledged, lostAttempts, positionMismatches, integrity },
      exact,
    };
  } finally {
    await db.$disconnect().catch(() => {});
  }
}
