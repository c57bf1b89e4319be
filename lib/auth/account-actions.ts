"use server";

import { z } from "zod";
import { changePassword, endAllSessions } from "@/lib/auth/account.server";
import { formAnswer, invalidRequest, languageOf, refused, sessionEnded, type ActionResult } from "@/lib/http/action-result";
import { getCurrentUser } from "@/lib/auth/session.server";
import { sendVerificationEmail } from "@/lib/auth/email-verification.server";
import { textFields } from "@/lib/http/form-fields";
import { siteOrigin } from "@/lib/http/site-origin.server";
import { hitRateLimit } from "@/lib/security/rate-limit.server";
import { authWords } from "@/lib/i18n/words/auth";
import { formWithFields, parseArguments, previousStateArgument } from "@/lib/http/action-arguments";
import { localeSchema } from "@/domain/locale-schema";
import type { Locale } from "@/domain/locale";

// The form's language; none means English. Field contents are validated by lib/auth.
const localeInput = localeSchema.optional();
const passwordInput = z.object({ currentPassword: z.string(), newPassword: z.string() });

export async function changePasswordAction(input: { currentPassword: string; newPassword: string }, locale?: unknown): Promise<ActionResult> {
  // The language to refuse in, even when the locale argument itself is what was wrong.
  const language = languageOf(locale);
  if (!parseArguments([input, locale], passwordInput, localeInput)) return { ok: false, message: authWords(language).errors.invalidRequest };
  const user = await getCurrentUser();
  if (!user) return { ...sessionEnded(language), message: authWords(language).account.sessionEnded };
  return formAnswer(await changePassword(user, input, language));
}

const passwordForm = z.object({ currentPassword: z.string().catch(""), newPassword: z.string().catch(""), locale: localeSchema.catch("en") });

/** The password form posted before the page's script ran (with it, the form calls changePasswordAction). */
export async function changePasswordFormAction(previous: unknown, form: FormData): Promise<ActionResult> {
  if (!parseArguments([previous, form], previousStateArgument, formWithFields("currentPassword", "newPassword"))) return { ok: false, message: authWords("en").errors.invalidRequest };
  const { currentPassword, newPassword, locale } = passwordForm.parse(textFields(form));
  return changePasswordAction({ currentPassword, newPassword }, locale);
}

/** The account page's ended session, told in its words. */
const accountSessionEnded = (locale: Locale) => ({ ...sessionEnded(locale), message: authWords(locale).account.sessionEnded });

/** Ends every session of the signed-in account, this one included. */
export async function signOutEverywhereAction(locale?: unknown): Promise<ActionResult> {
  const language = languageOf(locale);
  if (!parseArguments([locale], localeInput)) return invalidRequest(language);
  const user = await getCurrentUser();
  if (!user) return accountSessionEnded(language);
  await endAllSessions(user);
  return { ok: true, message: authWords(language).account.signedOutEverywhere, at: Date.now() };
}

/** Emails a new confirmation link; a few per hour, so the form cannot be used to flood an inbox. */
export async function resendVerificationAction(locale?: unknown): Promise<ActionResult<object, "rate-limited" | "not-sent">> {
  const language = languageOf(locale);
  if (!parseArguments([locale], localeInput)) return invalidRequest(language);
  const user = await getCurrentUser();
  if (!user) return accountSessionEnded(language);
  const words = authWords(language).verification;
  const limit = await hitRateLimit(`verify-email:user:${user.id}`, { limit: 5, windowMs: 60 * 60 * 1000 });
  if (!limit.allowed) return refused("rate-limited", words.resendLimit);
  if (!(await sendVerificationEmail(user, await siteOrigin(), language))) return refused("not-sent", words.sendFailed);
  return { ok: true, message: words.resent, at: Date.now() };
}
