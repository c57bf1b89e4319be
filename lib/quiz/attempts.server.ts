import "server-only";
import { randomInt } from "node:crypto";
import { gradeQuestion } from "@/domain/quiz/grade";
import { parseStoredResponse, type PublicQuiz, type QuestionGrading, type QuestionResponse, type Quiz } from "@/domain/quiz/schema";
import { resolveQuestion, toPublicQuiz } from "@/domain/quiz/variant";
import { dateOrNullOf, db, directSql, newRowId } from "../db.server";
import { isUniqueViolation } from "../db/unique-retry";
import { gradeMayHaveChanged } from "../gradebook/grade-changes.server";
import { refreshLessonCompletion } from "../progress/completion.server";
import { afterQuizAnswer } from "../review/hooks.server";
import { getQuiz } from "./registry.server";
import type { Locale } from "@/domain/locale";
import type { CurrentUser } from "../auth/session.server";
import { refusal, type Refusal } from "../http/refusal";

/**
 * Quiz attempts of signed-in learners. Every attempt and every answer is stored; the browser
 * names an attempt only by its own client key, which is looked up together with the user, so
 * nobody can answer into someone else's attempt. Attempt ids never leave the server.
 */

export type AttemptProgress = {
  answered: number;
  total: number;
  /** Correct answers so far. */
  score: number;
  complete: boolean;
  passed: boolean;
};

export type StartedAttempt = {
  quiz: PublicQuiz;
  /** The attempt's key: the one asked for, or that of the unfinished attempt resumed from another device. */
  clientKey: string;
  /** Gradings of the questions already answered in this attempt (a reload, a second tab, another device). */
  answered: QuestionGrading[];
  /** The responses those gradings are for, so the page shows what was answered. */
  responses: Record<string, QuestionResponse>;
  progress: AttemptProgress;
};

export type SubmittedAnswer = {
  grading: QuestionGrading;
  progress: AttemptProgress;
  lessonSlug: string;
  /** The response that counts: this one, or the one given first (in another tab or on another device). */
  response: QuestionResponse;
  alreadyAnswered: boolean;
};

export type QuizError = "unknown-quiz" | "unknown-attempt" | "unknown-question" | "invalid-response" | "key-in-use";

/** A fresh 31-bit seed per attempt: it fits Prisma's Int and picks every random value of the variant. */
export function newVariantSeed(): number {
  return randomInt(0, 0x7fffffff);
}

/** An attempt as starting and resuming need it. */
type AttemptRow = { id: string; quizId: string; variantSeed: number; score: number; maxScore: number; passed: boolean; submittedAt: Date | null };

const ATTEMPT_COLUMNS = `"id", "quizId", "variantSeed", "score", "maxScore", "passed", "submittedAt"`;

function attemptOf(row: Record<keyof AttemptRow, unknown>): AttemptRow {
  return {
    id: String(row.id),
    quizId: String(row.quizId),
    variantSeed: Number(row.variantSeed),
    score: Number(row.score),
    maxScore: Number(row.maxScore),
    passed: Boolean(row.passed),
    submittedAt: dateOrNullOf(row.submittedAt),
  };
}

/**
 * Creates the attempt for (user, clientKey), or returns the one an earlier or concurrent call
 * created. Direct statements (ADR 1350, 1500): every start makes this call; the unique key
 * (user, client key) makes a repeat fail at the insert, and the loser reads the winner's row.
 */
export async function createOrFindAttempt(userId: string, quiz: Quiz, clientKey: string, seed: number, startedAt = new Date()): Promise<AttemptRow> {
  const sql = directSql(db);
  const created: AttemptRow = { id: newRowId(), quizId: quiz.id, variantSeed: seed, score: 0, maxScore: quiz.questions.length, passed: false, submittedAt: null };
  try {
    await sql.run(
      `INSERT INTO "QuizAttempt" ("id", "userId", "quizId", "clientKey", "variantSeed", "startedAt", "score", "maxScore", "passed") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [created.id, userId, created.quizId, clientKey, created.variantSeed, startedAt, created.score, created.maxScore, created.passed],
    );
    return created;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const [row] = await sql.rows<Record<keyof AttemptRow, unknown>>(`SELECT ${ATTEMPT_COLUMNS} FROM "QuizAttempt" WHERE "userId" = ? AND "clientKey" = ?`, [userId, clientKey]);
    if (!row) throw new Error(`attempt ${clientKey} collided with a key that holds no attempt`, { cause: error });
    return attemptOf(row);
  }
}

function progressOf(quiz: Quiz, answers: Array<{ correct: boolean }>): AttemptProgress {
  const total = quiz.questions.length;
  const score = answers.filter((answer) => answer.correct).length;
  const complete = answers.length >= total;
  return { answered: answers.length, total, score, complete, passed: complete && score >= quiz.passThreshold * total };
}

/**
 * Rebuilds the grading of a stored answer (deterministic in the attempt's seed), in the language
 * `quiz` is translated into: answers are stored by id, so an attempt reads in any language.
 */
function regrade(quiz: Quiz, seed: number, questionId: string, storedResponse: string, locale: Locale = "en"): { grading: QuestionGrading; response: QuestionResponse } | null {
  const question = quiz.questions.find((q) => q.id === questionId);
  if (!question) return null;
  const response = parseStoredResponse(storedResponse);
  if (!response) return null;
  const result = gradeQuestion(resolveQuestion(question, seed, locale), response);
  return result.ok ? { grading: result.grading, response } : null;
}

/**
 * Brings the attempt's score up to date from its answers. Answers only accumulate and never
 * change, so the count and score only grow: the score update is conditional on increasing, and
 * the final one (all questions answered) sets submittedAt and passed exactly once. Concurrent
 * submissions therefore never lower a score or lose an answer, on SQLite and PostgreSQL alike.
 * `knownScore` (the score as read with the attempt) skips a write that could not raise it; the
 * conditional update stays the guard. The reads and both updates are direct statements (ADR 1350).
 */
export async function refreshAttemptScore(attemptId: string, quiz: Quiz, knownScore = -1): Promise<AttemptProgress> {
  const sql = directSql(db);
  const answers = await sql.rows<{ questionId: string; correct: unknown }>(`SELECT "questionId", "correct" FROM "QuizAnswer" WHERE "attemptId" = ?`, [attemptId]);
  const known = answers.filter((answer) => quiz.questions.some((q) => q.id === answer.questionId)).map((answer) => ({ correct: Boolean(answer.correct) }));
  const progress = progressOf(quiz, known);
  if (progress.score > knownScore) await sql.run(`UPDATE "QuizAttempt" SET "score" = ? WHERE "id" = ? AND "score" < ?`, [progress.score, attemptId, progress.score]);
  if (progress.complete) {
    await sql.run(`UPDATE "QuizAttempt" SET "submittedAt" = ?, "score" = ?, "maxScore" = ?, "passed" = ? WHERE "id" = ? AND "submittedAt" IS NULL`, [
      new Date(),
      progress.score,
      progress.total,
      progress.passed,
      attemptId,
    ]);
  }
  return progress;
}

/**
 * Starts (or resumes, for the same client key) an attempt at a quiz: its variant as the browser
 * may see it, plus the gradings of questions this attempt already answered, all in `locale`.
 * `resumeLatest`: the browser holds no attempt of its own (another device, cleared storage), so
 * the learner's latest unfinished attempt at this quiz is resumed, under its own key, if any.
 */
export async function startAttempt(
  user: CurrentUser,
  quizId: string,
  clientKey: string,
  locale: Locale = "en",
  { resumeLatest = false }: { resumeLatest?: boolean } = {},
): Promise<{ ok: true; attempt: StartedAttempt } | Refusal<QuizError>> {
  const userId = user.id;
  const quiz = getQuiz(quizId, locale);
  if (!quiz) return refusal("unknown-quiz");
  // Direct statements, like the answers' (ADR 1350, 1500): every learner in a lecture hall starts at once.
  const sql = directSql(db);
  const [unfinished] = resumeLatest
    ? await sql.rows<Record<keyof AttemptRow | "clientKey", unknown>>(
        `SELECT ${ATTEMPT_COLUMNS}, "clientKey" FROM "QuizAttempt" WHERE "userId" = ? AND "quizId" = ? AND "submittedAt" IS NULL ORDER BY "startedAt" DESC LIMIT 1`,
        [userId, quiz.id],
      )
    : [];
  const attempt = unfinished
    ? { ...attemptOf(unfinished), clientKey: String(unfinished.clientKey) }
    : { ...(await createOrFindAttempt(userId, quiz, clientKey, newVariantSeed())), clientKey };
  if (attempt.quizId !== quiz.id) return refusal("key-in-use");
  const rows = await sql.rows<{ questionId: string; response: string }>(`SELECT "questionId", "response" FROM "QuizAnswer" WHERE "attemptId" = ? ORDER BY "answeredAt" ASC`, [
    attempt.id,
  ]);
  const regraded = rows.flatMap((row) => {
    const graded = regrade(quiz, attempt.variantSeed, row.questionId, row.response, locale);
    return graded ? [{ questionId: row.questionId, ...graded }] : [];
  });
  const answered = regraded.map((r) => r.grading);
  return {
    ok: true,
    attempt: {
      quiz: toPublicQuiz(quiz, attempt.variantSeed, locale),
      clientKey: attempt.clientKey,
      answered,
      responses: Object.fromEntries(regraded.map((r) => [r.questionId, r.response])),
      progress: progressOf(quiz, answered),
    },
  };
}

/**
 * Grades and stores one answer. Idempotent: submitting the same question of the same attempt
 * again (retry, double click, second tab) returns the stored grading and creates no second row.
 * The grading's texts are in `locale`; what is stored (ids, verdict, tags) is the same in all.
 */
export async function submitAnswer(
  user: CurrentUser,
  quizId: string,
  clientKey: string,
  questionId: string,
  response: QuestionResponse,
  locale: Locale = "en",
): Promise<{ ok: true; answer: SubmittedAnswer } | Refusal<QuizError>> {
  const userId = user.id;
  // Looked up with the user: a key from someone else's browser finds nothing.
  const [attempt] = await directSql(db).rows<{ id: string; quizId: string; variantSeed: number; score: number }>(
    `SELECT "id", "quizId", "variantSeed", "score" FROM "QuizAttempt" WHERE "userId" = ? AND "clientKey" = ?`,
    [userId, clientKey],
  );
  if (!attempt || attempt.quizId !== quizId) return refusal("unknown-attempt");
  const quiz = getQuiz(attempt.quizId, locale);
  if (!quiz) return refusal("unknown-quiz");
  return storeAnswer(userId, attempt, quiz, questionId, response, undefined, locale);
}

/**
 * Grades `response` against the attempt's variant and stores it unless this question already has
 * an answer. `quiz` is the quiz in `locale` (only the returned grading's texts depend on it).
 */
export async function storeAnswer(
  userId: string,
  attempt: { id: string; variantSeed: number; score?: number },
  quiz: Quiz,
  questionId: string,
  response: QuestionResponse,
  answeredAt?: Date,
  locale: Locale = "en",
): Promise<{ ok: true; answer: SubmittedAnswer } | Refusal<QuizError>> {
  const question = quiz.questions.find((q) => q.id === questionId);
  if (!question) return refusal("unknown-question");
  const graded = gradeQuestion(resolveQuestion(question, attempt.variantSeed, locale), response);
  if (!graded.ok) return refusal("invalid-response");

  let grading = graded.grading;
  const at = answeredAt ?? new Date();
  let storedId: string | null = null;
  let counted = response;
  let alreadyAnswered = false;
  try {
    // A direct statement (ADR 1350); the unique key (attempt, question) makes a repeat fail here.
    const id = newRowId();
    await directSql(db).run(
      `INSERT INTO "QuizAnswer" ("id", "attemptId", "questionId", "concept", "response", "correct", "points", "misconception", "answeredAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, attempt.id, questionId, question.concept, JSON.stringify(response), grading.correct, grading.points, grading.misconceptions.length ? grading.misconceptions.join(",") : null, at],
    );
    storedId = id;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Already answered: the first stored answer stands, whatever this request sent.
    const [stored] = await directSql(db).rows<{ response: string }>(`SELECT "response" FROM "QuizAnswer" WHERE "attemptId" = ? AND "questionId" = ?`, [attempt.id, questionId]);
    if (!stored) throw new Error(`answer to ${questionId} collided with a key that holds no answer`, { cause: error });
    const first = regrade(quiz, attempt.variantSeed, questionId, stored.response, locale);
    if (first) {
      grading = first.grading;
      counted = first.response;
    }
    alreadyAnswered = true;
  }
  // The review queue follows every new answer: a missed question comes back for review.
  if (storedId) await afterQuizAnswer(userId, { answerId: storedId, quizId: quiz.id, questionId, concept: question.concept, correct: grading.correct, at, signedOut: answeredAt !== undefined });
  const progress = await refreshAttemptScore(attempt.id, quiz, attempt.score);
  // A merged answer (answeredAt from a receipt) passed the quiz signed out, at that time.
  if (progress.passed) await refreshLessonCompletion(userId, quiz.lessonSlug, new Date(), answeredAt ? { doneAt: answeredAt } : undefined);
  if (!alreadyAnswered) await gradeMayHaveChanged({ kind: "work", userId, targetType: "QUIZ", targetId: quiz.id });
  return { ok: true, answer: { grading, progress, lessonSlug: quiz.lessonSlug, response: counted, alreadyAnswered } };
}

export type QuizStats = {
  quizId: string;
  /** Attempts with every question answered. */
  finished: number;
  /** Best and latest finished scores as shares of the maximum (0..1), null before the first. */
  best: number | null;
  latest: number | null;
  latestAt: Date | null;
  passed: boolean;
};

/** Best and latest results per quiz for one learner (their own rows only). */
export async function listQuizStats(user: CurrentUser): Promise<QuizStats[]> {
  const attempts = await db.quizAttempt.findMany({
    where: { userId: user.id, submittedAt: { not: null } },
    select: { quizId: true, score: true, maxScore: true, passed: true, submittedAt: true },
    orderBy: { submittedAt: "asc" },
  });
  const byQuiz = new Map<string, QuizStats>();
  for (const attempt of attempts) {
    const share = attempt.maxScore > 0 ? attempt.score / attempt.maxScore : 0;
    const stats = byQuiz.get(attempt.quizId) ?? { quizId: attempt.quizId, finished: 0, best: null, latest: null, latestAt: null, passed: false };
    stats.finished += 1;
    stats.best = Math.max(stats.best ?? 0, share);
    stats.latest = share;
    stats.latestAt = attempt.submittedAt;
    stats.passed ||= attempt.passed;
    byQuiz.set(attempt.quizId, stats);
  }
  return [...byQuiz.values()];
}

export async function getQuizStats(user: CurrentUser, quizId: string): Promise<QuizStats> {
  return (await listQuizStats(user)).find((stats) => stats.quizId === quizId) ?? { quizId, finished: 0, best: null, latest: null, latestAt: null, passed: false };
}
