import { db } from "../db.server";
import { isUniqueViolation } from "../db/unique-retry";
import { signUpInput } from "./credentials";
import { hashPassword } from "./password.server";

export type SignUpResult =
  | { ok: true }
  | { ok: false; fieldErrors: Partial<Record<"name" | "email" | "password", string>>; formError?: string };

/** Deliberately vague: saying "this email is taken" would tell anyone who has an account. */
export const SIGN_UP_REJECTED =
  "We couldn't create an account with these details. If you already have one, sign in instead.";

export async function createAccount(raw: unknown): Promise<SignUpResult> {
  const parsed = signUpInput.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<"name" | "email" | "password", string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === "name" || field === "email" || field === "password") && !fieldErrors[field]) {
        fieldErrors[field] = issue.message;
      }
    }
    return { ok: false, fieldErrors };
  }
  const { name, email, password } = parsed.data;
  // Hash first, whether or not the email exists, so both paths take the same time.
  const passwordHash = await hashPassword(password);
  try {
    await db.user.create({ data: { name, email, passwordHash, role: "STUDENT" } });
    return { ok: true };
  } catch (error) {
    if (isUniqueViolation(error)) {
      return { ok: false, fieldErrors: {}, formError: SIGN_UP_REJECTED };
    }
    throw error;
  }
}
