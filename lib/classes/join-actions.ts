"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { saveTimeZone } from "@/lib/assignments/student.server";
import { limitClassJoin, RateLimitedError } from "@/lib/auth/limits.server";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session.server";
import { clientAddress } from "@/lib/security/client-address";
import { formLanguage, invalidRequest, refused, sessionEnded, type ActionResult } from "@/lib/http/action-result";
import { formArgument, idArgument, parseArguments, previousStateArgument as state } from "@/lib/http/action-arguments";
import type { Refusal } from "@/lib/http/refusal";
import { classActionWords } from "@/lib/i18n/words/class-actions";
import { acceptInvitation, acceptInvitationLink, declineInvitation, joinByCode, joinByInviteLink, type Joined, type JoinRefusal } from "@/lib/classes/membership.server";
import type { Locale } from "@/domain/locale";

const words = (locale: Locale) => classActionWords(locale).join;

function report(result: Joined | Refusal<JoinRefusal>, locale: Locale, values?: Record<string, string>): ActionResult {
  if (!result.ok) {
    const message = words(locale).refusals[result.refusal];
    return { ...refused(result.refusal, message, values), fieldErrors: { code: message } };
  }
  revalidatePath("/dashboard");
  return { ok: true, message: result.alreadyEnrolled ? words(locale).alreadyIn(result.className) : words(locale).joined(result.className), at: Date.now() };
}

/** Codes and links are tried a limited number of times per account and address (ADR 0012), so they cannot be guessed. */
async function tooManyAttempts(user: CurrentUser, locale: Locale, values?: Record<string, string>): Promise<ActionResult | null> {
  try {
    await limitClassJoin(user.id, clientAddress(await headers()));
    return null;
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    const message = words(locale).tooManyAttempts(Math.ceil(error.retryAfterMs / 60_000));
    return { ...refused("too-many-attempts", message, values), fieldErrors: { code: message } };
  }
}

const codeIn = (locale: Locale) => z.string().trim().min(1, words(locale).enterCode).max(32, words(locale).codeTooLong);

// Arguments of the wrong shape are refused before the session or the attempt limit is even read.
// The language is the form's hidden `locale` field (a one-button form's FormData comes last).

export async function joinByCodeAction(previous: unknown, form: FormData): Promise<ActionResult> {
  const locale = formLanguage(form);
  if (!parseArguments([previous, form], state, formArgument)) return invalidRequest(locale);
  const typed = typeof form.get("code") === "string" ? { code: form.get("code") as string } : undefined;
  const parsed = codeIn(locale).safeParse(form.get("code"));
  if (!parsed.success) return { ok: false, fieldErrors: { code: parsed.error.issues[0]?.message }, message: parsed.error.issues[0]?.message, values: typed, at: Date.now() };
  const user = await getCurrentUser();
  if (!user) return sessionEnded(locale, typed);
  return (await tooManyAttempts(user, locale, typed)) ?? report(await joinByCode(user, parsed.data), locale, typed);
}

export async function joinByLinkAction(inviteToken: string, previous: unknown, form?: unknown): Promise<ActionResult> {
  const locale = formLanguage(form);
  if (!parseArguments([inviteToken, previous], idArgument, state)) return invalidRequest(locale);
  const user = await getCurrentUser();
  if (!user) return sessionEnded(locale);
  return (await tooManyAttempts(user, locale)) ?? report(await joinByInviteLink(user, inviteToken), locale);
}

/** A personal invitation accepted through its link (/invite/<token>). */
export async function acceptInvitationAction(invitationToken: string, previous: unknown, form?: unknown): Promise<ActionResult> {
  const locale = formLanguage(form);
  if (!parseArguments([invitationToken, previous], idArgument, state)) return invalidRequest(locale);
  const user = await getCurrentUser();
  if (!user) return sessionEnded(locale);
  return (await tooManyAttempts(user, locale)) ?? report(await acceptInvitationLink(user, invitationToken), locale);
}

const invitationAnswer = z.object({ invitationId: idArgument, answer: z.enum(["accept", "decline"]) });

/** An invitation to the learner's email, accepted or declined from their dashboard (one form per invitation). */
export async function answerInvitationAction(previous: unknown, form: FormData): Promise<ActionResult> {
  const locale = formLanguage(form);
  if (!parseArguments([previous, form], state, formArgument)) return invalidRequest(locale);
  const parsed = invitationAnswer.safeParse({ invitationId: form.get("invitationId"), answer: form.get("answer") });
  if (!parsed.success) return refused("not-found", words(locale).refusals["not-found"]);
  return parsed.data.answer === "accept" ? acceptMyInvitationAction(parsed.data.invitationId, null, form) : declineMyInvitationAction(parsed.data.invitationId, null, form);
}

/** An invitation to the learner's email accepted from their dashboard. */
export async function acceptMyInvitationAction(invitationId: string, previous: unknown, form?: unknown): Promise<ActionResult> {
  const locale = formLanguage(form);
  if (!parseArguments([invitationId, previous], idArgument, state)) return invalidRequest(locale);
  const user = await getCurrentUser();
  if (!user) return sessionEnded(locale);
  return report(await acceptInvitation(user, invitationId), locale);
}

export async function declineMyInvitationAction(invitationId: string, previous: unknown, form?: unknown): Promise<ActionResult> {
  const locale = formLanguage(form);
  if (!parseArguments([invitationId, previous], idArgument, state)) return invalidRequest(locale);
  const user = await getCurrentUser();
  if (!user) return sessionEnded(locale);
  const result = await declineInvitation(user, invitationId);
  if (!result.ok) return refused("not-found", words(locale).refusals["not-found"]);
  revalidatePath("/dashboard");
  return { ok: true, message: words(locale).declined, at: Date.now() };
}

/** The browser reports its time zone; due dates on the dashboard are then shown in it. */
export async function saveTimeZoneAction(timeZone: string): Promise<ActionResult<{ changed: boolean }>> {
  if (!parseArguments([timeZone], z.string().min(1).max(64))) return invalidRequest();
  const user = await getCurrentUser();
  if (!user) return sessionEnded();
  const saved = await saveTimeZone(user, timeZone);
  return saved.ok ? { ok: true, changed: saved.changed } : { ok: false, fieldErrors: { timeZone: classActionWords("en").fields.chooseTimeZone } };
}
