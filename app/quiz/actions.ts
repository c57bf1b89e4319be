"use server";

import { z } from "zod";
import { questionResponseSchema, type PublicQuiz, type QuestionGrading } from "@/domain/quiz/schema";
import { quizLocaleSchema } from "@/domain/quiz/translation";
import { getCurrentUser } from "@/lib/auth/session.server";
import { startAnonymousAttempt, submitAnonymousAnswer } from "@/lib/quiz/anonymous.server";
import { afterEvidenceWrite } from "@/lib/lti/grade-sync.server";
import { startAttempt, submitAnswer, type AttemptProgress, type QuizError } from "@/lib/quiz/attempts.server";

/**
 * Quiz Server Actions: validate, find out who is asking, call lib/quiz. Signed-in learners'
 * attempts are stored; visitors get the same grading plus signed tokens to keep in the browser.
 * `locale` is the lesson's language: questions and gradings come back in it; what is stored is
 * the same in every language.
 */

const clientKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const quizId = z.string().min(1).max(64);
const token = z.string().max(2048);
const locale = quizLocaleSchema.default("en");
const questionId = z.string().min(1).max(64);

const startInput = z
  .object({
    quizId,
    clientKey,
    token: token.optional(),
    locale,
    /** A visitor's answers kept in this browser for the resumed attempt, to grade again in `locale`. */
    responses: z.record(questionId, questionResponseSchema).refine((value) => Object.keys(value).length <= 40, "at most 40 responses").optional(),
  })
  .strict();
const submitInput = z.object({ quizId, clientKey, token: token.optional(), questionId, response: questionResponseSchema, locale }).strict();

type Failure = { ok: false; error: QuizError | "invalid-input" };

export type StartQuizResult =
  | { ok: true; mode: "account"; quiz: PublicQuiz; answered: QuestionGrading[]; progress: AttemptProgress }
  | { ok: true; mode: "anonymous"; quiz: PublicQuiz; token: string; answered: QuestionGrading[] }
  | Failure;

export type SubmitAnswerResult =
  | { ok: true; mode: "account"; grading: QuestionGrading; progress: AttemptProgress }
  | { ok: true; mode: "anonymous"; grading: QuestionGrading; receipt: string }
  | Failure;

/** Starts or resumes the attempt named by the browser's client key; answers stay on the server. */
export async function startQuizAttemptAction(raw: unknown): Promise<StartQuizResult> {
  const parsed = startInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "invalid-input" };
  const { quizId, clientKey, token, locale, responses } = parsed.data;
  const user = await getCurrentUser();
  if (!user) {
    const started = startAnonymousAttempt(quizId, clientKey, token, locale, responses);
    return started.ok ? { ok: true, mode: "anonymous", ...started.attempt } : started;
  }
  const started = await startAttempt(user.id, quizId, clientKey, locale);
  return started.ok ? { ok: true, mode: "account", ...started.attempt } : started;
}

/** Grades one question; the answer key, feedback and explanation of that question come back only here. */
export async function submitQuizAnswerAction(raw: unknown): Promise<SubmitAnswerResult> {
  const parsed = submitInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "invalid-input" };
  const { quizId, clientKey, token, questionId, response, locale } = parsed.data;
  const user = await getCurrentUser();
  if (!user) {
    if (!token) return { ok: false, error: "unknown-attempt" };
    const answered = submitAnonymousAnswer(token, questionId, response, locale);
    if (!answered.ok) return answered;
    return { ok: true, mode: "anonymous", ...answered.answer };
  }
  const submitted = await submitAnswer(user.id, quizId, clientKey, questionId, response, locale);
  if (submitted.ok) await afterEvidenceWrite(user.id);
  return submitted.ok ? { ok: true, mode: "account", grading: submitted.answer.grading, progress: submitted.answer.progress } : submitted;
}
