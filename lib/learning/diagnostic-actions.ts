"use server";

import { z } from "zod";
import { localeSchema } from "@/domain/locale-schema";
import { questionResponseSchema } from "@/domain/quiz/schema";
import { getCurrentUser } from "@/lib/auth/session.server";
import { parseArguments } from "@/lib/http/action-arguments";
import { invalidRequest, languageOf, refused, sessionEnded, type ActionResult } from "@/lib/http/action-result";
import { reviewWords } from "@/lib/i18n/words/review";
import { statusView, type DiagnosticStatusView } from "@/lib/learning/views";
import {
  diagnosticStatus,
  startDiagnostic,
  submitDiagnosticAnswer,
  type DiagnosticAnswerResult,
  type DiagnosticError,
  type StartedDiagnostic,
} from "@/lib/learning/diagnostics.server";
import type { Locale } from "@/domain/locale";

/** Lesson diagnostic Server Actions (signed-in learners only): check the arguments, find the user, call lib/learning. */

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(100);
const phase = z.enum(["pre", "post"]);
const localeArgument = localeSchema.optional();
const statusInput = z.object({ slug }).strict();
const startInput = z.object({ slug, phase }).strict();
const answerInput = z.object({ slug, phase, index: z.number().int().min(0).max(20), response: questionResponseSchema }).strict();

type DiagnosticResult<T extends object> = ActionResult<T, DiagnosticError>;

/** A diagnostic's refusal, explained in the page's language. */
const diagnosticRefused = (reason: DiagnosticError, locale: Locale) => refused(reason, reviewWords(locale).diagnostic.errors[reason] ?? reason);

export async function diagnosticStatusAction(input: unknown, locale?: unknown): Promise<DiagnosticResult<{ status: DiagnosticStatusView }>> {
  const language = languageOf(locale);
  const parsed = parseArguments([input, locale], statusInput, localeArgument);
  if (!parsed) return invalidRequest(language);
  const user = await getCurrentUser();
  if (!user) return sessionEnded(language);
  const status = await diagnosticStatus(user, parsed[0].slug);
  return status ? { ok: true, status: statusView(status) } : diagnosticRefused("no-diagnostic", language);
}

export async function startDiagnosticAction(input: unknown, locale?: unknown): Promise<DiagnosticResult<{ diagnostic: StartedDiagnostic }>> {
  const language = languageOf(locale);
  const parsed = parseArguments([input, locale], startInput, localeArgument);
  if (!parsed) return invalidRequest(language);
  const user = await getCurrentUser();
  if (!user) return sessionEnded(language);
  const started = await startDiagnostic(user, parsed[0].slug, parsed[0].phase, { locale: language });
  return started.ok ? started : diagnosticRefused(started.refusal, language);
}

/** Stores one answer; after the lesson its grading (answer and explanation) comes back only here. */
export async function submitDiagnosticAction(input: unknown, locale?: unknown): Promise<DiagnosticResult<{ answer: DiagnosticAnswerResult }>> {
  const language = languageOf(locale);
  const parsed = parseArguments([input, locale], answerInput, localeArgument);
  if (!parsed) return invalidRequest(language);
  const user = await getCurrentUser();
  if (!user) return sessionEnded(language);
  const { slug: lesson, phase: which, index, response } = parsed[0];
  const answered = await submitDiagnosticAnswer(user, lesson, which, index, response, { locale: language });
  return answered.ok ? answered : diagnosticRefused(answered.refusal, language);
}
