import "server-only";
import { gradeQuestion } from "@/domain/quiz/grade";
import { parseStoredResponse, type PublicQuiz, type QuestionGrading, type QuestionResponse, type Quiz } from "@/domain/quiz/schema";
import { resolveQuestion, toPublicQuiz } from "@/domain/quiz/variant";
import { db } from "../db.server";
import { isUniqueViolation } from "../db/unique-retry";
import { signReceipt, verifyAttemptToken } from "../progress/receipts.server";
import { newVariantSeed, type QuizError } from "./attempts.server";
import { getQuiz } from "./registry.server";
import { refusal, type Refusal } from "../http/refusal";
import type { Locale } from "@/domain/locale";

/**
 * Quizzes for visitors without an account, graded on the server exactly like everyone else's.
 * A visitor is known only by the binding of their browser's httpOnly visitor cookie
 * (lib/progress/visitor.server.ts), passed in as `visitor`. The attempt's seed travels in a
 * signed token bound to that browser; each question's first answer is stored against the
 * visitor (VisitorQuizAnswer), so, as for accounts, the first answer is the one that counts: a
 * second answer gets the first one's grading back. Each first answer comes with a signed receipt
 * to merge into an account later, from this browser only, once.
 */

export type AnonymousStart = {
  quiz: PublicQuiz;
  token: string;
  /** Gradings, in the requested language, of the questions this attempt already answered. */
  answered: QuestionGrading[];
  /** The responses those gradings are for, so the page shows what was answered. */
  responses: Record<string, QuestionResponse>;
  /** Receipts of those answers (a second tab or a reload gets them back). */
  receipts: string[];
};
export type AnonymousAnswer = {
  grading: QuestionGrading;
  receipt: string;
  /** The response that counts: this one, or the one given first (another tab). */
  response: QuestionResponse;
  alreadyAnswered: boolean;
};

type StoredAnswer = { id: string; questionId: string; response: string; answeredAt: Date; variantSeed: number; quizId: string; clientKey: string };

function receiptFor(visitor: string, stored: StoredAnswer, response: QuestionResponse): string {
  return signReceipt({
    k: "answer",
    id: stored.id,
    v: visitor,
    quizId: stored.quizId,
    clientKey: stored.clientKey,
    seed: stored.variantSeed,
    questionId: stored.questionId,
    response,
    at: stored.answeredAt.getTime(),
  });
}

function gradeStored(quiz: Quiz, stored: StoredAnswer, locale: Locale) {
  const question = quiz.questions.find((q) => q.id === stored.questionId);
  const response = parseStoredResponse(stored.response);
  if (!question || !response) return null;
  const graded = gradeQuestion(resolveQuestion(question, stored.variantSeed, locale), response);
  return graded.ok ? { grading: graded.grading, response } : null;
}

const STORED = { id: true, questionId: true, response: true, answeredAt: true, variantSeed: true, quizId: true, clientKey: true } as const;

/**
 * Starts an attempt, or resumes the one `token` describes when this browser signed it for this
 * quiz and key; a resumed attempt comes with its answers, graded again in `locale`.
 */
export async function startAnonymousAttempt(
  visitor: string,
  quizId: string,
  clientKey: string,
  token?: string,
  locale: Locale = "en",
): Promise<{ ok: true; attempt: AnonymousStart } | Refusal<QuizError>> {
  const quiz = getQuiz(quizId, locale);
  if (!quiz) return refusal("unknown-quiz");
  const previous = verifyAttemptToken(token);
  const resumed = previous && previous.v === visitor && previous.quizId === quizId && previous.clientKey === clientKey ? previous : null;
  const seed = resumed?.seed ?? newVariantSeed();
  const signed = resumed ? (token as string) : signReceipt({ k: "attempt", v: visitor, quizId, clientKey, seed, at: Date.now() });
  const rows = resumed
    ? await db.visitorQuizAnswer.findMany({ where: { visitor, clientKey, quizId }, orderBy: { answeredAt: "asc" }, select: STORED })
    : [];
  const answered: QuestionGrading[] = [];
  const responses: Record<string, QuestionResponse> = {};
  const receipts: string[] = [];
  for (const row of rows) {
    if (row.variantSeed !== seed) continue;
    const graded = gradeStored(quiz, row, locale);
    if (!graded) continue;
    answered.push(graded.grading);
    responses[row.questionId] = graded.response;
    receipts.push(receiptFor(visitor, row, graded.response));
  }
  return { ok: true, attempt: { quiz: toPublicQuiz(quiz, seed, locale), token: signed, answered, responses, receipts } };
}

/**
 * Grades one answer of the attempt a token describes. The token must have been signed for this
 * browser; the first answer to each question is stored and counts, later ones get its grading.
 */
export async function submitAnonymousAnswer(
  visitor: string,
  token: string,
  questionId: string,
  response: QuestionResponse,
  locale: Locale = "en",
): Promise<{ ok: true; answer: AnonymousAnswer } | Refusal<QuizError>> {
  const attempt = verifyAttemptToken(token);
  if (!attempt || attempt.v !== visitor) return refusal("unknown-attempt");
  const quiz = getQuiz(attempt.quizId, locale);
  if (!quiz) return refusal("unknown-quiz");
  const question = quiz.questions.find((q) => q.id === questionId);
  if (!question) return refusal("unknown-question");
  const graded = gradeQuestion(resolveQuestion(question, attempt.seed, locale), response);
  if (!graded.ok) return refusal("invalid-response");
  try {
    const stored = await db.visitorQuizAnswer.create({
      data: { visitor, clientKey: attempt.clientKey, quizId: quiz.id, variantSeed: attempt.seed, questionId, response: JSON.stringify(response) },
      select: STORED,
    });
    return { ok: true, answer: { grading: graded.grading, receipt: receiptFor(visitor, stored, response), response, alreadyAnswered: false } };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  // Already answered (another tab, a retry): the first answer stands, whatever this one said.
  const stored = await db.visitorQuizAnswer.findUniqueOrThrow({
    where: { visitor_clientKey_questionId: { visitor, clientKey: attempt.clientKey, questionId } },
    select: STORED,
  });
  const first = stored.variantSeed === attempt.seed ? gradeStored(quiz, stored, locale) : null;
  if (!first) return refusal("unknown-attempt");
  return { ok: true, answer: { grading: first.grading, receipt: receiptFor(visitor, stored, first.response), response: first.response, alreadyAnswered: true } };
}
