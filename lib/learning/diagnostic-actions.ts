"use server";

import { z } from "zod";
import { questionResponseSchema } from "@/domain/quiz/schema";
import { refused, type ActionResult } from "@/lib/http/action-result";
import { signedInCall } from "@/lib/http/signed-in-call.server";
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
const statusInput = z.object({ slug }).strict();
const startInput = z.object({ slug, phase }).strict();
const answerInput = z.object({ slug, phase, index: z.number().int().min(0).max(20), response: questionResponseSchema }).strict();

type DiagnosticResult<T extends object> = ActionResult<T, DiagnosticError>;

/** A diagnostic's refusal, explained in the page's language. */
const diagnosticRefused = (reason: DiagnosticError, locale: Locale) => refused(reason, reviewWords(locale).diagnostic.errors[reason] ?? reason);

export async function diagnosticStatusAction(input: unknown, locale?: unknown): Promise<DiagnosticResult<{ status: DiagnosticStatusView }>> {
  const call = await signedInCall(input, locale, statusInput);
  if ("refused" in call) return call.refused;
  const status = await diagnosticStatus(call.user, call.input.slug);
  return status ? { ok: true, status: statusView(status) } : diagnosticRefused("no-diagnostic", call.language);
}

export async function startDiagnosticAction(input: unknown, locale?: unknown): Promise<DiagnosticResult<{ diagnostic: StartedDiagnostic }>> {
  const call = await signedInCall(input, locale, startInput);
  if ("refused" in call) return call.refused;
  const started = await startDiagnostic(call.user, call.input.slug, call.input.phase, { locale: call.language });
  return started.ok ? started : diagnosticRefused(started.refusal, call.language);
}

/** Stores one answer; after the lesson its grading (answer and explanation) comes back only here. */
export async function submitDiagnosticAction(input: unknown, locale?: unknown): Promise<DiagnosticResult<{ answer: DiagnosticAnswerResult }>> {
  const call = await signedInCall(input, locale, answerInput);
  if ("refused" in call) return call.refused;
  const { slug: lesson, phase: which, index, response } = call.input;
  const answered = await submitDiagnosticAnswer(call.user, lesson, which, index, response, { locale: call.language });
  return answered.ok ? answered : diagnosticRefused(answered.refusal, call.language);
}
