import { z } from "zod";
import { authWords, type AuthWords } from "@/lib/i18n/words/auth";
import type { Locale } from "@/lib/i18n/paths";

type Messages = AuthWords["validation"];

const emailFieldWith = (messages: Messages) =>
  z.string().trim().toLowerCase().max(254, messages.emailTooLong).pipe(z.email(messages.emailInvalid));

const english = authWords("en").validation;

/** Shared by the forms (for early feedback) and the server (which is the one that decides). */
export const emailField = emailFieldWith(english);

export const signInInput = z.object({
  email: emailField,
  password: z.string().min(1, english.passwordRequired).max(200),
});

/** The sign-up schema, explaining its errors in the reader's language. */
export function signUpInputIn(locale: Locale) {
  const messages = authWords(locale).validation;
  return z.object({
    name: z.string().trim().min(1, messages.nameRequired).max(80, messages.nameTooLong),
    email: emailFieldWith(messages),
    password: z.string().min(8, messages.passwordTooShort).max(200, messages.passwordTooLong),
  });
}
