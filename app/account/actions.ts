"use server";

import { z } from "zod";
import { changePassword, type PasswordChangeResult } from "@/lib/auth/account.server";
import { getCurrentUser } from "@/lib/auth/session.server";
import { endAllSessions } from "@/lib/auth/sessions.server";
import { LOCALES } from "@/lib/i18n/paths";
import { authWords } from "@/lib/i18n/words/auth";

const localeInput = z.enum(LOCALES).catch("en");

export async function changePasswordAction(input: { currentPassword: string; newPassword: string }, locale?: unknown): Promise<PasswordChangeResult> {
  const language = localeInput.parse(locale);
  const user = await getCurrentUser();
  if (!user) return { ok: false, fieldErrors: {}, formError: authWords(language).account.sessionEnded };
  return changePassword(user, input, language);
}

/** Ends every session of the signed-in account, this one included. */
export async function signOutEverywhereAction(): Promise<{ ok: boolean }> {
  const user = await getCurrentUser();
  if (!user) return { ok: false };
  await endAllSessions(user.id);
  return { ok: true };
}
