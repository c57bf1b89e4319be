"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { RateLimitedError, limitSignUp } from "@/lib/auth/limits.server";
import { emailVerificationRequired, sendVerificationEmail } from "@/lib/auth/email-verification.server";
import { createAccount, type SignUpResult } from "@/lib/auth/signup.server";
import { db } from "@/lib/db.server";
import { siteOrigin } from "@/lib/http/site-origin.server";
import { LOCALES } from "@/lib/i18n/paths";
import { authWords } from "@/lib/i18n/words/auth";
import { clientAddress } from "@/lib/security/client-address";

const localeInput = z.enum(LOCALES).catch("en");

/**
 * Validation and the decision live in createAccount; this only crosses the network boundary.
 * `locale` is the form's language (an unknown one falls back to English).
 */
export async function signUpAction(input: { name: string; email: string; password: string }, locale?: unknown): Promise<SignUpResult> {
  const language = localeInput.parse(locale);
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
    const created = await db.user.findUnique({ where: { email: String(input?.email ?? "").trim().toLowerCase() }, select: { id: true } });
    if (created) await sendVerificationEmail(created.id, await siteOrigin(), language);
  }
  return result;
}
