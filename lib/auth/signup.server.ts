import "server-only";
import { db } from "../db.server";
import { isUniqueViolation } from "../db/unique-retry";
import { fieldErrorsOf, type FormResult } from "../http/form-result";
import { authWords } from "../i18n/words/auth";
import { signUpInputIn } from "./credentials";
import { hashPassword } from "./password.server";
import type { Locale } from "@/domain/locale";

export type SignUpResult = FormResult<"name" | "email" | "password">;

/** Deliberately vague: saying "this email is taken" would tell anyone who has an account. */
export const SIGN_UP_REJECTED = authWords("en").errors.signUpRejected;

/** Creates a student account; errors are explained in `locale`, the language of the form. */
export async function createAccount(raw: unknown, locale: Locale = "en"): Promise<SignUpResult> {
  const parsed = signUpInputIn(locale).safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error, ["name", "email", "password"]) };
  const { name, email, password } = parsed.data;
  // Hash first, whether or not the email exists, so both paths take the same time.
  const passwordHash = await hashPassword(password);
  try {
    await db.user.create({ data: { name, email, passwordHash, role: "STUDENT" } });
    return { ok: true };
  } catch (error) {
    if (isUniqueViolation(error)) {
      return { ok: false, fieldErrors: {}, formError: authWords(locale).errors.signUpRejected };
    }
    throw error;
  }
}
