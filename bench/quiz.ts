/**
 * Graded quiz submissions per second through the server's own code (lib/quiz: find the attempt,
 * regenerate its variant, grade, store the answer, update the score and progress) next to raw
 * inserts of the same rows through better-sqlite3 — the floor for writing those rows to SQLite.
 * The other two writes of the lecture-hall load test are measured the same way: starting an
 * attempt (lib/quiz) and saving the reading position (lib/progress), each next to raw writes of
 * the same rows. Each figure's note gives the CPU time per call in this process.
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { someResponse, type AnyPublicQuestion } from "./support/quiz-responses";
import type { BenchFigure, BenchSuite } from "./types";

const QUIZ = "tcp-header-and-flags";
const LEARNERS = 50;
const ATTEMPTS = 100;
const POSITIONS = ["the-header-at-a-glance", "the-flags-that-open-and-close-connections", "the-other-flags", "summary"];
const POSITION_SAVES = 400;

type Timed = { perSecond: number; cpuMsPerCall: number };

/** Wall and CPU time of `work`, which makes `calls` calls. */
async function timed(calls: number, work: () => Promise<void>): Promise<Timed> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { perSecond: calls / seconds, cpuMsPerCall: (used.user + used.system) / 1000 / calls };
}

const suite: BenchSuite = {
  name: "quiz",
  command: "npm run bench -- quiz",
  async run() {
    const dir = mkdtempSync(path.join(tmpdir(), "tcp-course-bench-quiz-"));
    const file = path.join(dir, "bench.db");
    process.env.DATABASE_URL = `file:${file}`;
    execFileSync("node", ["scripts/prisma.mjs", "migrate", "deploy"], { env: process.env, stdio: "ignore" });
    // Imported after DATABASE_URL is set: the app's client opens this benchmark's database.
    const { db } = await import("../lib/db.server");
    const { startAttempt, submitAnswer } = await import("../lib/quiz/attempts.server");
    const { recordLessonStep } = await import("../lib/progress/lesson-progress.server");
    try {
      const learners = await Promise.all(
        Array.from({ length: LEARNERS }, () => db.user.create({ data: { email: `bench-${randomUUID()}@example.test` }, select: { id: true, email: true, name: true, role: true } })),
      );
      // One start and one save first: the quiz's content and the statements are ready before timing.
      const warmUp = await startAttempt(learners[0]!, QUIZ, randomUUID().replace(/-/g, ""));
      if (!warmUp.ok) throw new Error(warmUp.refusal);
      await recordLessonStep(learners[0]!, QUIZ, { step: "position", position: POSITIONS[0]! });
      const jobs: Array<{ learner: (typeof learners)[number]; key: string; questionId: string; response: unknown }> = [];
      const starts = await timed(ATTEMPTS, async () => {
        for (let i = 0; i < ATTEMPTS; i++) {
          const key = randomUUID().replace(/-/g, "");
          const learner = learners[i % LEARNERS]!;
          const started = await startAttempt(learner, QUIZ, key);
          if (!started.ok) throw new Error(started.refusal);
          for (const question of started.attempt.quiz.questions as AnyPublicQuestion[]) {
            jobs.push({ learner, key, questionId: question.id, response: someResponse(question) });
          }
        }
      });
      const saves = Array.from({ length: POSITION_SAVES }, (_, i) => ({ learner: learners[i % LEARNERS]!, position: POSITIONS[i % POSITIONS.length]! }));
      const positions = await timed(POSITION_SAVES, async () => {
        for (const save of saves) {
          const result = await recordLessonStep(save.learner, QUIZ, { step: "position", position: save.position });
          if (!result.ok || result.progress.lastPosition !== save.position) throw new Error(`position not saved: ${JSON.stringify(result)}`);
        }
      });

      let stored = 0;
      const answers = await timed(jobs.length, async () => {
        for (const job of jobs) {
          const result = await submitAnswer(job.learner, QUIZ, job.key, job.questionId, job.response as never);
          if (!result.ok) throw new Error(`submission refused: ${result.refusal}`);
          stored++;
        }
      });
      const rows = await db.quizAnswer.findMany({ select: { attemptId: true, questionId: true, concept: true, response: true } });
      const attemptRows = await db.quizAttempt.findMany({ select: { userId: true, quizId: true, clientKey: true, variantSeed: true, maxScore: true } });
      await db.$disconnect();
      if (rows.length !== stored) throw new Error(`${stored} submissions but ${rows.length} rows`);
      if (attemptRows.length !== ATTEMPTS + 1) throw new Error(`${ATTEMPTS} starts but ${attemptRows.length} attempts`);

      // The same rows, written straight into the same table.
      const raw = new Database(file);
      raw.exec('DELETE FROM "QuizAnswer"');
      const insert = raw.prepare(
        'INSERT INTO "QuizAnswer" (id, attemptId, questionId, concept, response, correct, points, misconception, answeredAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const rawStarted = performance.now();
      for (const row of rows) insert.run(randomUUID(), row.attemptId, row.questionId, row.concept, row.response, 0, 0, null, new Date().toISOString());
      const rawSeconds = (performance.now() - rawStarted) / 1000;

      raw.exec('DELETE FROM "QuizAttempt"');
      const insertAttempt = raw.prepare(
        'INSERT INTO "QuizAttempt" (id, userId, quizId, clientKey, variantSeed, startedAt, score, maxScore, passed) VALUES (?, ?, ?, ?, ?, ?, 0, ?, 0)',
      );
      const rawAttemptsStarted = performance.now();
      for (const row of attemptRows) insertAttempt.run(randomUUID(), row.userId, row.quizId, row.clientKey, row.variantSeed, new Date().toISOString(), row.maxScore);
      const rawAttemptsPerSecond = attemptRows.length / ((performance.now() - rawAttemptsStarted) / 1000);

      raw.exec('DELETE FROM "LessonProgress"');
      const upsertPosition = raw.prepare(
        'INSERT INTO "LessonProgress" (id, userId, lessonSlug, startedAt, lastPosition, updatedAt) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (userId, lessonSlug) DO UPDATE SET lastPosition = excluded.lastPosition, updatedAt = excluded.updatedAt',
      );
      const rawPositionsStarted = performance.now();
      for (const save of saves) {
        const now = new Date().toISOString();
        upsertPosition.run(randomUUID(), save.learner.id, QUIZ, now, save.position, now);
      }
      const rawPositionsPerSecond = saves.length / ((performance.now() - rawPositionsStarted) / 1000);
      raw.close();

      const baseline = rows.length / rawSeconds;
      // Each figure: calls/s through lib next to the raw writes' rate, with lib's CPU per call.
      const measured: Array<[id: string, label: string, unit: string, lib: Timed, raw: BenchFigure["baseline"], note: string]> = [
        ["gradedSubmissionsPerSecond", "Graded quiz submissions/s (lib/quiz, one at a time)", "answers/s", answers, { label: "raw inserts of the same rows (better-sqlite3, autocommit)", value: baseline }, `${stored} answers over ${ATTEMPTS} attempts`],
        ["attemptStartsPerSecond", "Quiz attempt starts/s (lib/quiz, one at a time)", "starts/s", starts, { label: "raw inserts of the same attempts (better-sqlite3, autocommit)", value: rawAttemptsPerSecond }, `${ATTEMPTS} new attempts by ${LEARNERS} learners`],
        ["positionSavesPerSecond", "Reading position saves/s (lib/progress, one at a time)", "saves/s", positions, { label: "raw upserts of the same positions (better-sqlite3, autocommit)", value: rawPositionsPerSecond }, `${POSITION_SAVES} saves by ${LEARNERS} learners`],
      ];
      const figures = measured.map(([id, label, unit, lib, raw, note]): BenchFigure => ({
        id: `quiz.${id}`,
        label,
        unit,
        value: lib.perSecond,
        baseline: raw,
        ratio: lib.perSecond / raw.value,
        note: `${note}; CPU ${lib.cpuMsPerCall.toFixed(2)} ms a call`,
      }));
      return figures;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
