"use server";

import { z } from "zod";
import { questionResponseSchema, type PublicQuiz, type QuestionGrading, type QuestionResponse } from "@/domain/quiz/schema";
import { quizLocaleSchema } from "@/domain/quiz/translation";
import { getCurrentUser } from "@/lib/auth/session.server";
import { ensureVisitor, visitorBinding } from "@/lib/progress/visitor.server";
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

/**
 * `account`: the browser holds this attempt as a signed-in learner's. Without a session the
 * server then answers "session-ended" (sign in again and carry on) instead of quietly starting a
 * visitor's attempt; `resumeLatest`: the browser holds no attempt of its own, so the learner's
 * unfinished one (from another device) is resumed.
 */
const startInput = z.object({ quizId, clientKey, token: token.optional(), locale, account: z.boolean().optional(), resumeLatest: z.boolean().optional() }).strict();
const submitInput = z.object({ quizId, clientKey, token: token.optional(), questionId, response: questionResponseSchema, locale, account: z.boolean().optional() }).strict();

type Failure = { ok: false; error: QuizError | "invalid-input" | "session-ended" };

export type StartQuizResult =
  | {
      ok: true;
      mode: "account";
      clientKey: string;
      quiz: PublicQuiz;
      answered: QuestionGrading[];
      responses: Record<string, QuestionResponse>;
      progress: AttemptProgress;
    }
  | { ok: true; mode: "anonymous"; quiz: PublicQuiz; token: string; answered: QuestionGrading[]; responses: Record<string, QuestionResponse>; receipts: string[] }
  | Failure;

export type SubmitAnswerResult =
  | { ok: true; mode: "account"; grading: QuestionGrading; progress: AttemptProgress; response: QuestionResponse; alreadyAnswered: boolean }
  | { ok: true; mode: "anonymous"; grading: QuestionGrading; receipt: string; response: QuestionResponse; alreadyAnswered: boolean }
  | Failure;

/** Starts or resumes the attempt named by the browser's client key; answers stay on the server. */
export async function startQuizAttemptAction(raw: unknown): Promise<StartQuizResult> {
  const parsed = startInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "invalid-input" };
  const { quizId, clientKey, token, locale, account, resumeLatest } = parsed.data;
  const user = await getCurrentUser();
  if (!user) {
    if (account) return { ok: false, error: "session-ended" };
    const visitor = visitorBinding(await ensureVisitor());
    const started = await startAnonymousAttempt(visitor, quizId, clientKey, token, locale);
    return started.ok ? { ok: true, mode: "anonymous", ...started.attempt } : started;
  }
  const started = await startAttempt(user.id, quizId, clientKey, locale, { resumeLatest });
  return started.ok ? { ok: true, mode: "account", ...started.attempt } : started;
}

/** Grades one question; the answer key, feedback and explanation of that question come back only here. */
export async function submitQuizAnswerAction(raw: unknown): Promise<SubmitAnswerResult> {
  const parsed = submitInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "invalid-input" };
  const { quizId, clientKey, token, questionId, response, locale, account } = parsed.data;
  const user = await getCurrentUser();
  if (!user) {
    if (account) return { ok: false, error: "session-ended" };
    if (!token) return { ok: false, error: "unknown-attempt" };
    const answered = await submitAnonymousAnswer(visitorBinding(await ensureVisitor()), token, questionId, response, locale);
    if (!answered.ok) return answered;
    return { ok: true, mode: "anonymous", ...answered.answer };
  }
  const submitted = await submitAnswer(user.id, quizId, clientKey, questionId, response, locale);
  if (!submitted.ok) return submitted;
  const { grading, progress, response: counted, alreadyAnswered } = submitted.answer;
  // A repeated answer changes nothing a grade is computed from.
  if (!alreadyAnswered) await afterEvidenceWrite(user.id);
  return { ok: true, mode: "account", grading, progress, response: counted, alreadyAnswered };
}
