/**
 * Graded quiz submissions per second through the server's own code (lib/quiz: find the attempt,
 * regenerate its variant, grade, store the answer, update the score and progress) next to raw
 * inserts of the same rows through better-sqlite3 — the floor for writing those rows to SQLite.
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
const ATTEMPTS = 100;

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
    try {
      const user = await db.user.create({ data: { email: `bench-${randomUUID()}@example.test` }, select: { id: true, email: true, name: true, role: true } });
      const jobs: Array<{ key: string; questionId: string; response: unknown }> = [];
      for (let i = 0; i < ATTEMPTS; i++) {
        const key = randomUUID().replace(/-/g, "");
        const started = await startAttempt(user, QUIZ, key);
        if (!started.ok) throw new Error(started.refusal);
        for (const question of started.attempt.quiz.questions as AnyPublicQuestion[]) {
          jobs.push({ key, questionId: question.id, response: someResponse(question) });
        }
      }

      const graded = performance.now();
      let stored = 0;
      for (const job of jobs) {
        const result = await submitAnswer(user, QUIZ, job.key, job.questionId, job.response as never);
        if (!result.ok) throw new Error(`submission refused: ${result.refusal}`);
        stored++;
      }
      const gradedSeconds = (performance.now() - graded) / 1000;
      const rows = await db.quizAnswer.findMany({ select: { attemptId: true, questionId: true, concept: true, response: true } });
      await db.$disconnect();
      if (rows.length !== stored) throw new Error(`${stored} submissions but ${rows.length} rows`);

      // The same rows, written straight into the same table.
      const raw = new Database(file);
      raw.exec('DELETE FROM "QuizAnswer"');
      const insert = raw.prepare(
        'INSERT INTO "QuizAnswer" (id, attemptId, questionId, concept, response, correct, points, misconception, answeredAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const rawStarted = performance.now();
      for (const row of rows) insert.run(randomUUID(), row.attemptId, row.questionId, row.concept, row.response, 0, 0, null, new Date().toISOString());
      const rawSeconds = (performance.now() - rawStarted) / 1000;
      raw.close();

      const value = stored / gradedSeconds;
      const baseline = rows.length / rawSeconds;
      const figures: BenchFigure[] = [
        {
          id: "quiz.gradedSubmissionsPerSecond",
          label: "Graded quiz submissions/s (lib/quiz, one at a time)",
          unit: "answers/s",
          value,
          baseline: { label: "raw inserts of the same rows (better-sqlite3, autocommit)", value: baseline },
          ratio: value / baseline,
          note: `${stored} answers over ${ATTEMPTS} attempts`,
        },
      ];
      return figures;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
