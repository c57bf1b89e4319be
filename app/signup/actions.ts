"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { RateLimitedError, limitSignUp } from "@/lib/auth/limits.server";
import { emailVerificationRequired, sendVerificationEmail } from "@/lib/auth/email-verification.server";
import { createAccount, type SignUpResult } from "@/lib/auth/signup.server";
import { db } from "@/lib/db.server";
import { siteOrigin } from "@/lib/http/site-origin.server";
import { parseArguments } from "@/lib/http/action-arguments";
import { LOCALES } from "@/lib/i18n/paths";
import { authWords } from "@/lib/i18n/words/auth";
import { clientAddress } from "@/lib/security/client-address";

const localeInput = z.enum(LOCALES).optional();
/** The language to refuse in, even when the locale argument itself is what was wrong. */
const languageOf = (locale: unknown) => z.enum(LOCALES).catch("en").parse(locale);
// The shape only: what the fields hold is validated by createAccount.
const signUpShape = z.object({ name: z.string(), email: z.string(), password: z.string() });

/**
 * Validation and the decision live in createAccount; this only crosses the network boundary.
 * `locale` is the form's language (English when absent; anything else is refused).
 */
export async function signUpAction(input: { name: string; email: string; password: string }, locale?: unknown): Promise<SignUpResult> {
  const language = languageOf(locale);
  // A malformed request is refused before it counts toward the network's sign-up limit.
  if (!parseArguments([input, locale], signUpShape, localeInput)) return { ok: false, fieldErrors: {}, formError: authWords(language).errors.invalidRequest };
  try {
    await limitSignUp(clientAddress(await headers()));
  } catch (error) {
    if (error instanceof RateLimitedError) {
      return { ok: false, fieldErrors: {}, formError: authWords(language).errors.signUpRateLimited };
    }
    throw error;
  }
  const result = await createAccount(input, language);
  if (result.ok && emailVerificationRequired()) {
    // The account works at once; claiming invitations waits for the link in this email.
    const created = await db.user.findUnique({ where: { email: input.email.trim().toLowerCase() }, select: { id: true } });
    if (created) await sendVerificationEmail(created.id, await siteOrigin(), language);
  }
  return result;
}
