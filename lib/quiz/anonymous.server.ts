import "server-only";
import { gradeQuestion } from "@/domain/quiz/grade";
import type { PublicQuiz, QuestionGrading, QuestionResponse } from "@/domain/quiz/schema";
import type { QuizLocale } from "@/domain/quiz/translation";
import { resolveQuestion, toPublicQuiz } from "@/domain/quiz/variant";
import { signReceipt, verifyAttemptToken } from "../progress/receipts.server";
import { newVariantSeed, type QuizError } from "./attempts.server";
import { getQuiz } from "./registry.server";

/**
 * Quizzes for visitors without an account: graded on the server exactly like everyone else's,
 * but nothing is stored. The attempt's seed travels in a signed token the browser keeps, and each
 * graded answer comes back with a signed receipt to merge into an account later.
 */

export type AnonymousStart = {
  quiz: PublicQuiz;
  token: string;
  /** Gradings, in the requested language, of the responses the browser kept for this attempt. */
  answered: QuestionGrading[];
};
export type AnonymousAnswer = { grading: QuestionGrading; receipt: string };

/**
 * Starts an attempt, or resumes the one `token` describes when it is valid for this quiz and key.
 * `responses` are the answers this browser already gave in the resumed attempt: they are graded
 * again in `locale` (a visitor who switches language mid-attempt reads the feedback in the new
 * language). They are only a view of the visitor's own answers: receipts remain the record.
 */
export function startAnonymousAttempt(
  quizId: string,
  clientKey: string,
  token?: string,
  locale: QuizLocale = "en",
  responses: Readonly<Record<string, QuestionResponse>> = {},
): { ok: true; attempt: AnonymousStart } | { ok: false; error: QuizError } {
  const quiz = getQuiz(quizId, locale);
  if (!quiz) return { ok: false, error: "unknown-quiz" };
  const previous = verifyAttemptToken(token);
  const resumed = previous && previous.quizId === quizId && previous.clientKey === clientKey ? previous : null;
  const seed = resumed?.seed ?? newVariantSeed();
  const signed = resumed ? (token as string) : signReceipt({ k: "attempt", quizId, clientKey, seed, at: Date.now() });
  const answered = resumed
    ? quiz.questions.flatMap((question) => {
        const response = responses[question.id];
        if (!response) return [];
        const graded = gradeQuestion(resolveQuestion(question, seed, locale), response);
        return graded.ok ? [graded.grading] : [];
      })
    : [];
  return { ok: true, attempt: { quiz: toPublicQuiz(quiz, seed, locale), token: signed, answered } };
}

/** Grades one answer of the attempt a token describes; the token's signature is checked first. */
export function submitAnonymousAnswer(
  token: string,
  questionId: string,
  response: QuestionResponse,
  locale: QuizLocale = "en",
): { ok: true; answer: AnonymousAnswer } | { ok: false; error: QuizError } {
  const attempt = verifyAttemptToken(token);
  if (!attempt) return { ok: false, error: "unknown-attempt" };
  const quiz = getQuiz(attempt.quizId, locale);
  if (!quiz) return { ok: false, error: "unknown-quiz" };
  const question = quiz.questions.find((q) => q.id === questionId);
  if (!question) return { ok: false, error: "unknown-question" };
  const graded = gradeQuestion(resolveQuestion(question, attempt.seed, locale), response);
  if (!graded.ok) return { ok: false, error: "invalid-response" };
  const receipt = signReceipt({ k: "answer", quizId: quiz.id, clientKey: attempt.clientKey, seed: attempt.seed, questionId, response, at: Date.now() });
  return { ok: true, answer: { grading: graded.grading, receipt } };
}
