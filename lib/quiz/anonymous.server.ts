import { gradeQuestion } from "@/domain/quiz/grade";
import type { PublicQuiz, QuestionGrading, QuestionResponse } from "@/domain/quiz/schema";
import { resolveQuestion, toPublicQuiz } from "@/domain/quiz/variant";
import { signReceipt, verifyAttemptToken } from "../progress/receipts.server";
import { newVariantSeed, type QuizError } from "./attempts.server";
import { getQuiz } from "./registry.server";

/**
 * Quizzes for visitors without an account: graded on the server exactly like everyone else's,
 * but nothing is stored. The attempt's seed travels in a signed token the browser keeps, and each
 * graded answer comes back with a signed receipt to merge into an account later.
 */

export type AnonymousStart = { quiz: PublicQuiz; token: string };
export type AnonymousAnswer = { grading: QuestionGrading; receipt: string };

/** Starts an attempt, or resumes the one `token` describes when it is valid for this quiz and key. */
export function startAnonymousAttempt(quizId: string, clientKey: string, token?: string): { ok: true; attempt: AnonymousStart } | { ok: false; error: QuizError } {
  const quiz = getQuiz(quizId);
  if (!quiz) return { ok: false, error: "unknown-quiz" };
  const previous = verifyAttemptToken(token);
  const resumed = previous && previous.quizId === quizId && previous.clientKey === clientKey ? previous : null;
  const seed = resumed?.seed ?? newVariantSeed();
  const signed = resumed ? (token as string) : signReceipt({ k: "attempt", quizId, clientKey, seed, at: Date.now() });
  return { ok: true, attempt: { quiz: toPublicQuiz(quiz, seed), token: signed } };
}

/** Grades one answer of the attempt a token describes; the token's signature is checked first. */
export function submitAnonymousAnswer(token: string, questionId: string, response: QuestionResponse): { ok: true; answer: AnonymousAnswer } | { ok: false; error: QuizError } {
  const attempt = verifyAttemptToken(token);
  if (!attempt) return { ok: false, error: "unknown-attempt" };
  const quiz = getQuiz(attempt.quizId);
  if (!quiz) return { ok: false, error: "unknown-quiz" };
  const question = quiz.questions.find((q) => q.id === questionId);
  if (!question) return { ok: false, error: "unknown-question" };
  const graded = gradeQuestion(resolveQuestion(question, attempt.seed), response);
  if (!graded.ok) return { ok: false, error: "invalid-response" };
  const receipt = signReceipt({ k: "answer", quizId: quiz.id, clientKey: attempt.clientKey, seed: attempt.seed, questionId, response, at: Date.now() });
  return { ok: true, answer: { grading: graded.grading, receipt } };
}
