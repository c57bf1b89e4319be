import { z } from "zod";
import { authWords, type AuthWords } from "@/lib/i18n/words/auth";
import type { Locale } from "@/domain/locale";

type Messages = AuthWords["validation"];

/** A new password's length, in characters: the sign-up form and a password change use the same rule. */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 200;

/** A new password, explained in the given messages' language. */
export const newPasswordField = (messages: Messages) =>
  z.string().min(MIN_PASSWORD_LENGTH, messages.passwordTooShort).max(MAX_PASSWORD_LENGTH, messages.passwordTooLong);

const emailFieldWith = (messages: Messages) =>
  z.string().trim().toLowerCase().max(254, messages.emailTooLong).pipe(z.email(messages.emailInvalid));

const english = authWords("en").validation;

/** An email address, explained in the given language. */
export const emailFieldIn = (locale: Locale) => emailFieldWith(authWords(locale).validation);

/** Shared by the forms (for early feedback) and the server (which is the one that decides). */
export const emailField = emailFieldWith(english);

export const signInInput = z.object({
  email: emailField,
  password: z.string().min(1, english.passwordRequired).max(MAX_PASSWORD_LENGTH),
});

/** The sign-up schema, explaining its errors in the reader's language. */
export function signUpInputIn(locale: Locale) {
  const messages = authWords(locale).validation;
  return z.object({
    name: z.string().trim().min(1, messages.nameRequired).max(80, messages.nameTooLong),
    email: emailFieldWith(messages),
    password: newPasswordField(messages),
  });
}
