import "server-only";
import { z } from "zod";
import { db, type Db } from "../db.server";
import { fieldErrorsOf, type FormResult } from "../http/form-result";
import { authWords } from "../i18n/words/auth";
import { MAX_PASSWORD_LENGTH, newPasswordField } from "./credentials";
import { hashPassword, verifyPassword } from "./password.server";
import type { CurrentUser } from "./session.server";
import { endAllSessionsOf, startSession } from "./sessions.server";
import type { Locale } from "@/domain/locale";

/** Ends every session of the signed-in user, on this device and every other, at their next request. */
export async function endAllSessions(user: CurrentUser, database: Db = db): Promise<void> {
  await endAllSessionsOf(user.id, database);
}

export type PasswordChangeResult = FormResult<"currentPassword" | "newPassword">;

function passwordChangeInput(locale: Locale) {
  const words = authWords(locale);
  return z.object({
    currentPassword: z.string().min(1, words.validation.passwordRequired).max(MAX_PASSWORD_LENGTH),
    newPassword: newPasswordField(words.validation),
  });
}

/**
 * Changes the signed-in user's password. Every session of the account ends (a thief's copy of
 * the cookie included); this browser gets a new session, so the person changing it stays
 * signed in here. Errors are explained in `locale`.
 */
export async function changePassword(user: CurrentUser, raw: unknown, locale: Locale = "en"): Promise<PasswordChangeResult> {
  const words = authWords(locale).account;
  const parsed = passwordChangeInput(locale).safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error, ["currentPassword", "newPassword"]) };
  const account = await db.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  if (!account?.passwordHash) return { ok: false, fieldErrors: {}, formError: words.noPassword };
  if (!(await verifyPassword(account.passwordHash, parsed.data.currentPassword))) {
    return { ok: false, fieldErrors: { currentPassword: words.currentPasswordWrong } };
  }
  const passwordHash = await hashPassword(parsed.data.newPassword);
  await db.user.update({ where: { id: user.id }, data: { passwordHash } });
  await endAllSessions(user);
  await startSession(user.id);
  return { ok: true };
}

/** Whether the account signs in with a password (OAuth and email-link accounts may not). */
export async function hasPassword(userId: string): Promise<boolean> {
  const account = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  return Boolean(account?.passwordHash);
}
