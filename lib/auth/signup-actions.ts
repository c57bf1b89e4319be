"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { RateLimitedError, limitSignUp } from "@/lib/auth/limits.server";
import { emailVerificationRequired, sendVerificationEmailOf } from "@/lib/auth/email-verification.server";
import { signInWithPassword } from "@/lib/auth/password-sign-in.server";
import { createAccount } from "@/lib/auth/signup.server";
import { formAnswer, languageOf, type ActionResult } from "@/lib/http/action-result";
import { db } from "@/lib/db.server";
import { textFields } from "@/lib/http/form-fields";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { siteOrigin } from "@/lib/http/site-origin.server";
import { formWithFields, parseArguments, previousStateArgument } from "@/lib/http/action-arguments";
import { localePath } from "@/lib/i18n/paths";
import { authWords } from "@/lib/i18n/words/auth";
import { clientAddress } from "@/lib/security/client-address";
import { localeSchema } from "@/domain/locale-schema";

const localeInput = localeSchema.optional();
// The shape only: what the fields hold is validated by createAccount.
const signUpShape = z.object({ name: z.string(), email: z.string(), password: z.string() });

/**
 * Validation and the decision live in createAccount; this only crosses the network boundary.
 * `locale` is the form's language (English when absent; anything else is refused).
 */
export async function signUpAction(input: { name: string; email: string; password: string }, locale?: unknown): Promise<ActionResult> {
  // The language to refuse in, even when the locale argument itself is what was wrong.
  const language = languageOf(locale);
  // A malformed request is refused before it counts toward the network's sign-up limit.
  if (!parseArguments([input, locale], signUpShape, localeInput)) return { ok: false, message: authWords(language).errors.invalidRequest };
  try {
    await limitSignUp(clientAddress(await headers()));
  } catch (error) {
    if (error instanceof RateLimitedError) {
      return { ok: false, message: authWords(language).errors.signUpRateLimited };
    }
    throw error;
  }
  const result = await createAccount(input, language);
  if (result.ok && emailVerificationRequired()) {
    // The account works at once; claiming invitations waits for the link in this email.
    const created = await db.user.findUnique({ where: { email: input.email.trim().toLowerCase() }, select: { id: true } });
    if (created) await sendVerificationEmailOf(created.id, await siteOrigin(), language);
  }
  return formAnswer(result);
}

const signUpForm = z.object({
  name: z.string().max(200).catch(""),
  email: z.string().max(320).catch(""),
  password: z.string().max(1000).catch(""),
  callbackUrl: z.string().catch(""),
  locale: localeSchema.catch("en"),
});

/**
 * The sign-up form posted before the page's script ran (with it, the form calls signUpAction and
 * signs in through next-auth). Creates the account, signs in and goes on, or answers with the
 * page, the errors and the name and email typed.
 */
export async function signUpFormAction(previous: unknown, form: FormData): Promise<ActionResult> {
  if (!parseArguments([previous, form], previousStateArgument, formWithFields("name", "email", "password"))) return { ok: false, message: authWords("en").errors.invalidRequest };
  const { name, email, password, callbackUrl, locale } = signUpForm.parse(textFields(form));
  const values = { name, email };
  const result = await signUpAction({ name, email, password }, locale);
  if (!result.ok) return { ...result, values };
  const signedIn = await signInWithPassword({ email, password });
  if (!signedIn.ok) return { ok: false, message: authWords(locale).errors.createdButSignInFailed, values };
  redirect(safeRedirectPath(callbackUrl, localePath(locale, "/dashboard")));
}
