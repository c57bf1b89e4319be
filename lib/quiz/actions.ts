"use server";

import { z } from "zod";
import { questionResponseSchema, type PublicQuiz, type QuestionGrading, type QuestionResponse } from "@/domain/quiz/schema";
import type { Locale } from "@/domain/locale";
import { getCurrentUser } from "@/lib/auth/session.server";
import { inputLanguage, invalidRequest, refused, sessionEnded, type ActionResult } from "@/lib/http/action-result";
import { refusal, type Refusal } from "@/lib/http/refusal";
import { quizWords } from "@/lib/i18n/words/quiz";
import { ensureVisitor, visitorBinding } from "@/lib/progress/visitor.server";
import { startAnonymousAttempt, submitAnonymousAnswer } from "@/lib/quiz/anonymous.server";
import { afterEvidenceWrite } from "@/lib/lti/grade-sync.server";
import { startAttempt, submitAnswer, type AttemptProgress, type QuizError } from "@/lib/quiz/attempts.server";
import { localeSchema } from "@/domain/locale-schema";

/**
 * Quiz Server Actions (the one action pattern, ADR 1310): check the input, find out who is
 * asking, call lib/quiz, answer an `ActionResult`. Signed-in learners' attempts are stored;
 * visitors get the same grading plus signed tokens to keep in the browser. `locale` is the
 * lesson's language, carried in the input (ADR 1380): questions, gradings and refusals come back
 * in it; what is stored is the same in every language.
 */

const clientKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const quizId = z.string().min(1).max(64);
const token = z.string().max(2048);
const locale = localeSchema.default("en");
const questionId = z.string().min(1).max(64);

/**
 * `account`: the browser holds this attempt as a signed-in learner's. Without a session the
 * server then answers `sessionEnded` (sign in again and carry on) instead of quietly starting a
 * visitor's attempt; `resumeLatest`: the browser holds no attempt of its own, so the learner's
 * unfinished one (from another device) is resumed.
 */
const startInput = z.object({ quizId, clientKey, token: token.optional(), locale, account: z.boolean().optional(), resumeLatest: z.boolean().optional() }).strict();
const submitInput = z.object({ quizId, clientKey, token: token.optional(), questionId, response: questionResponseSchema, locale, account: z.boolean().optional() }).strict();

type StartedQuiz =
  | { mode: "account"; clientKey: string; quiz: PublicQuiz; answered: QuestionGrading[]; responses: Record<string, QuestionResponse>; progress: AttemptProgress }
  | { mode: "anonymous"; quiz: PublicQuiz; token: string; answered: QuestionGrading[]; responses: Record<string, QuestionResponse>; receipts: string[] };

type GradedAnswer =
  | { mode: "account"; grading: QuestionGrading; progress: AttemptProgress; response: QuestionResponse; alreadyAnswered: boolean }
  | { mode: "anonymous"; grading: QuestionGrading; receipt: string; response: QuestionResponse; alreadyAnswered: boolean };

export type StartQuizResult = ActionResult<StartedQuiz, QuizError>;
export type SubmitAnswerResult = ActionResult<GradedAnswer, QuizError>;

/** A lib refusal with the words that explain it to the learner. */
const quizRefusal = (locale: Locale, answer: Refusal<QuizError>) => refused(answer.refusal, quizWords(locale).errors[answer.refusal] ?? quizWords(locale).submitFailed);

/** Starts or resumes the attempt named by the browser's client key; answers stay on the server. */
export async function startQuizAttemptAction(raw: unknown): Promise<StartQuizResult> {
  const parsed = startInput.safeParse(raw);
  if (!parsed.success) return invalidRequest(inputLanguage(raw));
  const { quizId, clientKey, token, locale, account, resumeLatest } = parsed.data;
  const user = await getCurrentUser();
  if (!user) {
    if (account) return sessionEnded(locale);
    const visitor = visitorBinding(await ensureVisitor());
    const started = await startAnonymousAttempt(visitor, quizId, clientKey, token, locale);
    return started.ok ? { ok: true, mode: "anonymous", ...started.attempt } : quizRefusal(locale, started);
  }
  const started = await startAttempt(user, quizId, clientKey, locale, { resumeLatest });
  return started.ok ? { ok: true, mode: "account", ...started.attempt } : quizRefusal(locale, started);
}

/** Grades one question; the answer key, feedback and explanation of that question come back only here. */
export async function submitQuizAnswerAction(raw: unknown): Promise<SubmitAnswerResult> {
  const parsed = submitInput.safeParse(raw);
  if (!parsed.success) return invalidRequest(inputLanguage(raw));
  const { quizId, clientKey, token, questionId, response, locale, account } = parsed.data;
  const user = await getCurrentUser();
  if (!user) {
    if (account) return sessionEnded(locale);
    if (!token) return quizRefusal(locale, refusal("unknown-attempt"));
    const answered = await submitAnonymousAnswer(visitorBinding(await ensureVisitor()), token, questionId, response, locale);
    if (!answered.ok) return quizRefusal(locale, answered);
    return { ok: true, mode: "anonymous", ...answered.answer };
  }
  const submitted = await submitAnswer(user, quizId, clientKey, questionId, response, locale);
  if (!submitted.ok) return quizRefusal(locale, submitted);
  const { grading, progress, response: counted, alreadyAnswered } = submitted.answer;
  // A repeated answer changes nothing a grade is computed from.
  if (!alreadyAnswered) await afterEvidenceWrite(user.id);
  return { ok: true, mode: "account", grading, progress, response: counted, alreadyAnswered };
}
