"use server";

import { z } from "zod";
import type { AuthFormState } from "@/lib/auth/form-state";
import { changePassword, type PasswordChangeResult } from "@/lib/auth/account.server";
import { getCurrentUser } from "@/lib/auth/session.server";
import { endAllSessions } from "@/lib/auth/sessions.server";
import { sendVerificationEmail } from "@/lib/auth/email-verification.server";
import { textFields } from "@/lib/http/form-fields";
import { siteOrigin } from "@/lib/http/site-origin.server";
import { hitRateLimit } from "@/lib/security/rate-limit.server";
import { LOCALES } from "@/lib/i18n/paths";
import { authWords } from "@/lib/i18n/words/auth";
import { formWithFields, parseArguments, previousStateArgument } from "@/lib/http/action-arguments";

// The form's language; none means English. Field contents are validated by lib/auth.
const localeInput = z.enum(LOCALES).optional();
const passwordInput = z.object({ currentPassword: z.string(), newPassword: z.string() });
/** The language to refuse in, even when the locale argument itself is what was wrong. */
const languageOf = (locale: unknown) => z.enum(LOCALES).catch("en").parse(locale);

export async function changePasswordAction(input: { currentPassword: string; newPassword: string }, locale?: unknown): Promise<PasswordChangeResult> {
  const language = languageOf(locale);
  if (!parseArguments([input, locale], passwordInput, localeInput)) return { ok: false, fieldErrors: {}, formError: authWords(language).errors.invalidRequest };
  const user = await getCurrentUser();
  if (!user) return { ok: false, fieldErrors: {}, formError: authWords(language).account.sessionEnded };
  return changePassword(user, input, language);
}

const passwordForm = z.object({ currentPassword: z.string().catch(""), newPassword: z.string().catch(""), locale: z.enum(LOCALES).catch("en") });

/** The password form posted before the page's script ran (with it, the form calls changePasswordAction). */
export async function changePasswordFormAction(previous: AuthFormState, form: FormData): Promise<AuthFormState> {
  if (!parseArguments([previous, form], previousStateArgument, formWithFields("currentPassword", "newPassword"))) return { ok: false, formError: authWords("en").errors.invalidRequest };
  const { currentPassword, newPassword, locale } = passwordForm.parse(textFields(form));
  const result = await changePasswordAction({ currentPassword, newPassword }, locale);
  return result.ok ? { ok: true } : { formError: result.formError, fieldErrors: result.fieldErrors };
}

/** Ends every session of the signed-in account, this one included. */
export async function signOutEverywhereAction(): Promise<{ ok: boolean }> {
  // Reads no argument: nothing to check but the session.
  const user = await getCurrentUser();
  if (!user) return { ok: false };
  await endAllSessions(user.id);
  return { ok: true };
}

/** Emails a new confirmation link; a few per hour, so the form cannot be used to flood an inbox. */
export async function resendVerificationAction(locale?: unknown): Promise<{ ok: boolean }> {
  if (!parseArguments([locale], localeInput)) return { ok: false };
  const user = await getCurrentUser();
  if (!user) return { ok: false };
  const limit = await hitRateLimit(`verify-email:user:${user.id}`, { limit: 5, windowMs: 60 * 60 * 1000 });
  if (!limit.allowed) return { ok: false };
  return { ok: await sendVerificationEmail(user.id, await siteOrigin(), languageOf(locale)) };
}
