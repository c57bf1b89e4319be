import { cache } from "react";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { db } from "../db.server";
import { accountPagePath, localeFromPath } from "../i18n/paths";
import { decodeSessionToken, sessionTokenFrom } from "./jwt.server";
import { canTeach, isRole, type Role } from "./roles";
import { authSecret } from "./secret.server";

export type CurrentUser = { id: string; email: string; name: string | null; role: Role };

/**
 * The signed-in user as the database knows them now (a deleted account or a changed role
 * takes effect immediately, whatever the session token says). Cached per request.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const id = await sessionUserId();
  if (!id) return null;
  // Runs on every signed-in request: one primary-key lookup in plain SQL (the same on SQLite and
  // PostgreSQL) skips Prisma's per-call query compilation, the larger part of its cost here.
  const rows = await db.$queryRaw<CurrentUser[]>`SELECT "id", "email", "name", "role" FROM "User" WHERE "id" = ${id}`;
  const user = rows[0];
  return user && isRole(user.role) ? user : null;
});

/**
 * The user id in the session cookie, read directly: the same check next-auth's session endpoint
 * makes (a valid, unexpired token sealed with our secret), without re-issuing the cookie, which a
 * page or Server Action could not send anyway. Sliding expiry happens on the session endpoint.
 */
async function sessionUserId(): Promise<string | null> {
  const token = sessionTokenFrom((await cookies()).getAll());
  if (!token) return null;
  try {
    const payload = await decodeSessionToken({ token, secret: authSecret() });
    return typeof payload?.sub === "string" ? payload.sub : null;
  } catch {
    return null; // expired, tampered with, or sealed with another secret
  }
}

/** For pages: send visitors to sign in and come back. */
export async function requireUser(returnTo: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  // Sign-in speaks the language of the page it returns to.
  if (!user) redirect(accountPagePath(localeFromPath(returnTo), "/signin", returnTo));
  return user;
}

/** For instructor pages: visitors sign in; signed-in students get a 403 page. */
export async function requireInstructor(returnTo: string): Promise<CurrentUser> {
  const user = await requireUser(returnTo);
  if (!canTeach(user.role)) forbidden();
  return user;
}
