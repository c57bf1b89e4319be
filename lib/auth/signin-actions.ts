"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { signInWithPassword } from "@/lib/auth/password-sign-in.server";
import type { ActionResult } from "@/lib/http/action-result";
import { formWithFields, parseArguments, previousStateArgument } from "@/lib/http/action-arguments";
import { textFields } from "@/lib/http/form-fields";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { localePath } from "@/lib/i18n/paths";
import { authWords } from "@/lib/i18n/words/auth";
import { localeSchema } from "@/domain/locale-schema";

const signInForm = z.object({
  email: z.string().max(320).catch(""),
  password: z.string().max(200).catch(""),
  callbackUrl: z.string().catch(""),
  locale: localeSchema.catch("en"),
});

/**
 * The sign-in form posted before the page's script ran (with it, the form signs in through
 * next-auth). Signs in and goes where the form was asked to, or answers with the page, the error
 * and the email typed.
 */
export async function signInFormAction(previous: unknown, form: FormData): Promise<ActionResult> {
  if (!parseArguments([previous, form], previousStateArgument, formWithFields("email", "password"))) return { ok: false, message: authWords("en").errors.invalidRequest };
  const { email, password, callbackUrl, locale } = signInForm.parse(textFields(form));
  const words = authWords(locale);
  const result = await signInWithPassword({ email, password });
  if (!result.ok) return { ok: false, message: result.waitSeconds ? words.signIn.wait(result.waitSeconds) : words.errors.credentials, values: { email } };
  redirect(safeRedirectPath(callbackUrl, localePath(locale, "/dashboard")));
}
