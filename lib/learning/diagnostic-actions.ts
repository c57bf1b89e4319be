"use server";

import { z } from "zod";
import { questionResponseSchema } from "@/domain/quiz/schema";
import { quizLocaleSchema } from "@/domain/quiz/translation";
import { getSession, type CurrentUser } from "@/lib/auth/session.server";
import { statusView, type DiagnosticStatusView } from "@/lib/learning/views";
import {
  diagnosticStatus,
  startDiagnostic,
  submitDiagnosticAnswer,
  type DiagnosticAnswerResult,
  type DiagnosticError,
  type StartedDiagnostic,
} from "@/lib/learning/diagnostics.server";

/** Lesson diagnostic Server Actions (signed-in learners only): validate, find the user, call lib/learning. */

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(100);
const phase = z.enum(["pre", "post"]);
const locale = quizLocaleSchema.default("en");

type Failure = { ok: false; error: DiagnosticError | "invalid-input" | "signed-out" | "session-ended" };

async function signedIn(): Promise<{ user: CurrentUser } | { error: "session-ended" | "signed-out" }> {
  const { user, ended } = await getSession();
  return user ? { user } : { error: ended ? "session-ended" : "signed-out" };
}

export async function diagnosticStatusAction(raw: unknown): Promise<{ ok: true; status: DiagnosticStatusView } | Failure> {
  const parsed = z.object({ slug }).strict().safeParse(raw);
  if (!parsed.success) return { ok: false, error: "invalid-input" };
  const who = await signedIn();
  if (!("user" in who)) return { ok: false, error: who.error };
  const status = await diagnosticStatus(who.user.id, parsed.data.slug);
  return status ? { ok: true, status: statusView(status) } : { ok: false, error: "no-diagnostic" };
}

export async function startDiagnosticAction(raw: unknown): Promise<{ ok: true; diagnostic: StartedDiagnostic } | Failure> {
  const parsed = z.object({ slug, phase, locale }).strict().safeParse(raw);
  if (!parsed.success) return { ok: false, error: "invalid-input" };
  const who = await signedIn();
  if (!("user" in who)) return { ok: false, error: who.error };
  return startDiagnostic(who.user.id, parsed.data.slug, parsed.data.phase, { locale: parsed.data.locale });
}

/** Stores one answer; after the lesson its grading (answer and explanation) comes back only here. */
export async function submitDiagnosticAction(raw: unknown): Promise<{ ok: true; answer: DiagnosticAnswerResult } | Failure> {
  const parsed = z.object({ slug, phase, index: z.number().int().min(0).max(20), response: questionResponseSchema, locale }).strict().safeParse(raw);
  if (!parsed.success) return { ok: false, error: "invalid-input" };
  const who = await signedIn();
  if (!("user" in who)) return { ok: false, error: who.error };
  const { slug: lesson, phase: which, index, response, locale: language } = parsed.data;
  return submitDiagnosticAnswer(who.user.id, lesson, which, index, response, { locale: language });
}
