/**
 * Graded quiz submissions per second through the server's own code (lib/quiz: look up the
 * attempt, regenerate its variant, grade, store the answer, update progress) next to raw inserts
 * of the same rows through better-sqlite3 — the floor for writing those rows to SQLite.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import Database from "better-sqlite3";
import type { BenchFigure, BenchSuite } from "./types";

const QUIZ = "tcp-header-and-flags";
const ATTEMPTS = 150;

const suite: BenchSuite = {
  name: "quiz",
  async run() {
    const dir = mkdtempSync(path.join(tmpdir(), "tcp-course-bench-quiz-"));
    const file = path.join(dir, "bench.db");
    process.env.DATABASE_URL = `file:${file}`;
    execFileSync("node", ["scripts/prisma.mjs", "migrate", "deploy"], { env: process.env, stdio: "ignore" });
    // Imported after DATABASE_URL is set: the app's client opens this benchmark's database.
    const { db } = await import("../lib/db.server");
    const { startAttempt, submitAnswer } = await import("../lib/quiz/attempts.server");
    const { getQuiz } = await import("../lib/quiz/registry.server");
    const { resolveQuestion } = await import("../domain/quiz/variant");
    const quiz = getQuiz(QUIZ);
    if (!quiz) throw new Error(`quiz ${QUIZ} not found`);
    try {
      const user = await db.user.create({ data: { email: `bench-${randomUUID()}@example.test` } });
      // Answer with the correct response where it is easy to state, else any valid one.
      const keys = Array.from({ length: ATTEMPTS }, () => randomUUID().replace(/-/g, ""));
      for (const key of keys) {
        const started = await startAttempt(user.id, QUIZ, key);
        if (!started.ok) throw new Error(started.error);
      }
      const attempts = await db.quizAttempt.findMany({ where: { userId: user.id }, select: { clientKey: true, variantSeed: true, id: true } });
      const jobs = attempts.flatMap((attempt) =>
        quiz.questions.map((question) => {
          const resolved = resolveQuestion(question, attempt.variantSeed) as unknown as { type: string; options?: Array<{ id: string }> };
          const response =
            resolved.type === "single"
              ? { type: "single" as const, optionId: resolved.options?.[0]?.id ?? "a" }
              : resolved.type === "multiple"
                ? { type: "multiple" as const, optionIds: [] }
                : resolved.type === "flags"
                  ? { type: "flags" as const, flags: ["SYN" as const] }
                  : resolved.type === "number"
                    ? { type: "number" as const, value: 1 }
                    : resolved.type === "state"
                      ? { type: "state" as const, state: "ESTABLISHED" as const }
                      : resolved.type === "order"
                        ? { type: "order" as const, itemIds: [] }
                        : { type: "match" as const, pairs: {} };
          return { attempt, questionId: question.id, concept: question.concept, response };
        }),
      );

      const graded = performance.now();
      for (const job of jobs) await submitAnswer(user.id, QUIZ, job.attempt.clientKey, job.questionId, job.response);
      const gradedSeconds = (performance.now() - graded) / 1000;
      const stored = await db.quizAnswer.count();
      await db.$disconnect();

      // The same rows, written straight into a copy of the schema.
      const raw = new Database(file);
      raw.pragma("journal_mode = WAL");
      raw.exec('DELETE FROM "QuizAnswer"');
      const insert = raw.prepare(
        'INSERT INTO "QuizAnswer" (id, attemptId, questionId, concept, response, correct, points, misconception, answeredAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const rawStarted = performance.now();
      for (const job of jobs) {
        insert.run(randomUUID(), job.attempt.id, job.questionId, job.concept, JSON.stringify(job.response), 0, 0, null, new Date().toISOString());
      }
      const rawSeconds = (performance.now() - rawStarted) / 1000;
      raw.close();

      const value = stored / gradedSeconds;
      const baseline = jobs.length / rawSeconds;
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
