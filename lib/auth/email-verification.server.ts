import "server-only";
import { createHash, randomBytes } from "node:crypto";
import nodemailer from "nodemailer";
import { db } from "../db.server";
import { env } from "../env.server";
import { localePath } from "../i18n/paths";
import { authWords } from "../i18n/words/auth";
import type { Locale } from "@/domain/locale";
import type { CurrentUser } from "./session.server";

/**
 * Proof that an account's owner reads its email address. When the site can send mail
 * (EMAIL_SERVER and EMAIL_FROM), an account must prove its address before invitations addressed
 * to it are accepted or a class roster matches it: otherwise whoever signed up first with a
 * student's address would take their place in the class. Only a hash of each link's token is
 * stored; a link works once, for a day, and only for the address it was sent to.
 */
const LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

export function emailVerificationRequired(): boolean {
  const e = env();
  return Boolean(e.EMAIL_SERVER && e.EMAIL_FROM);
}

const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

/** Whether invitations and rosters may treat this account as the owner of its email address. */
export async function hasProvenEmail(userId: string): Promise<boolean> {
  if (!emailVerificationRequired()) return true;
  const user = await db.user.findUnique({ where: { id: userId }, select: { emailVerified: true } });
  return Boolean(user?.emailVerified);
}

/** Emails the signed-in user a new confirmation link (earlier ones stop working). False when the mail could not be sent. */
export async function sendVerificationEmail(user: CurrentUser, origin: string, locale: Locale = "en"): Promise<boolean> {
  return sendVerificationEmailOf(user.id, origin, locale);
}

/**
 * Emails the account `userId` a new confirmation link, for an account that has no session yet
 * (the one sign-up has just created). False when the mail could not be sent.
 */
export async function sendVerificationEmailOf(userId: string, origin: string, locale: Locale = "en"): Promise<boolean> {
  const e = env();
  if (!e.EMAIL_SERVER || !e.EMAIL_FROM) return false;
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, emailVerified: true } });
  if (!user || user.emailVerified) return false;
  const token = randomBytes(32).toString("base64url");
  await db.emailVerification.deleteMany({ where: { userId } });
  await db.emailVerification.create({ data: { tokenHash: tokenHash(token), userId, email: user.email, expiresAt: new Date(Date.now() + LINK_LIFETIME_MS) } });
  const link = `${origin}${localePath(locale, "/verify-email")}?token=${token}`;
  const words = authWords(locale).verification;
  try {
    await nodemailer.createTransport(e.EMAIL_SERVER).sendMail({ from: e.EMAIL_FROM, to: user.email, subject: words.mailSubject, text: words.mailBody(link) });
    return true;
  } catch (error) {
    console.error("Could not send the email confirmation link:", error instanceof Error ? error.message : error);
    return false;
  }
}

/** Uses a confirmation link's token: "verified", or "invalid" (unknown, used, expired, or the address changed since). */
export async function verifyEmail(token: unknown): Promise<"verified" | "invalid"> {
  if (typeof token !== "string" || token.length < 20 || token.length > 100) return "invalid";
  const row = await db.emailVerification.findUnique({ where: { tokenHash: tokenHash(token) } });
  if (!row) return "invalid";
  await db.emailVerification.deleteMany({ where: { tokenHash: row.tokenHash } });
  if (row.expiresAt.getTime() < Date.now()) return "invalid";
  const updated = await db.user.updateMany({ where: { id: row.userId, email: row.email }, data: { emailVerified: new Date() } });
  if (updated.count === 0) return "invalid";
  await db.emailVerification.deleteMany({ where: { userId: row.userId } });
  return "verified";
}
