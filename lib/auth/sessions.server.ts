import "server-only";
import { db, directSql, type Db } from "../db.server";
import { requestCookies } from "../http/request-scope.server";
import { decodeSessionToken, encodeSessionToken, sessionCookieName, sessionTokenFrom, SESSION_MAX_AGE_S } from "./jwt.server";
import { isRole, type Role } from "@/domain/auth/roles";
import { authSecret } from "./secret.server";

/**
 * Starting and ending sessions: the one place that does either (ADR 0010).
 *
 * A session is next-auth's encrypted JWT cookie. Besides the user id (`sub`) it carries `sv`,
 * the account's session version when the session started. Every request compares it with the
 * account's current `User.sessionVersion` (getCurrentUser for pages and Server Actions, the jwt
 * callback for next-auth's /api/auth/session), so raising the version ends every session of
 * the account, on every device, at its next request: on sign-out, a password change, a role
 * change, or "sign out everywhere". Sign-in paths other than next-auth's own (a password change
 * keeping this device signed in, LTI launches) call startSession.
 */

/** What a session token carries besides next-auth's own claims. */
export type SessionClaims = { sub: string; sv: number; role: Role; name: string | null; email: string };

type SessionRow = { id: string; email: string; name: string | null; role: string; sessionVersion: number | bigint };

/**
 * The account as a session check needs it: one primary-key lookup, a prepared statement run on
 * the driver itself (every signed-in request makes it; through Prisma it cost several times the
 * query, ADR 1350).
 */
export async function sessionAccount(userId: string, database: Db = db): Promise<(Omit<SessionClaims, "sub" | "sv"> & { id: string; sessionVersion: number }) | null> {
  const rows = await directSql(database).rows<SessionRow>(`SELECT "id", "email", "name", "role", "sessionVersion" FROM "User" WHERE "id" = ?`, [userId]);
  const row = rows[0];
  if (!row || !isRole(row.role)) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role, sessionVersion: Number(row.sessionVersion) };
}

/** The claims a new session of `userId` starts with; null when there is no such account. */
export async function newSessionClaims(userId: string): Promise<SessionClaims | null> {
  const account = await sessionAccount(userId);
  if (!account) return null;
  return { sub: account.id, sv: account.sessionVersion, role: account.role, name: account.name, email: account.email };
}

/** The version a token was issued with: tokens from before versions existed count as version 0. */
export function tokenSessionVersion(token: object): number {
  const { sv } = token as { sv?: unknown };
  return typeof sv === "number" && Number.isInteger(sv) ? sv : 0;
}

/** The claims in the request's session cookie when it is genuine and unexpired (not yet checked against the account). */
export async function readSessionCookie(): Promise<{ present: boolean; claims: { sub: string; sv: number } | null }> {
  const token = sessionTokenFrom((await requestCookies()).getAll());
  if (!token) return { present: false, claims: null };
  try {
    const payload = await decodeSessionToken({ token, secret: authSecret() });
    if (typeof payload?.sub !== "string") return { present: true, claims: null };
    return { present: true, claims: { sub: payload.sub, sv: tokenSessionVersion(payload) } };
  } catch {
    return { present: true, claims: null }; // expired, tampered with, or sealed with another secret
  }
}

/**
 * Starts a session of `userId` in this browser by setting the session cookie, as next-auth does
 * after a sign-in. Callable from a Server Action or a Route Handler. False when the account does
 * not exist.
 */
export async function startSession(userId: string): Promise<boolean> {
  const claims = await newSessionClaims(userId);
  if (!claims) return false;
  const token = await encodeSessionToken({ token: claims, secret: authSecret(), maxAge: SESSION_MAX_AGE_S });
  const name = sessionCookieName();
  (await requestCookies()).set(name, token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: name.startsWith("__Secure-"),
    expires: new Date(Date.now() + SESSION_MAX_AGE_S * 1000),
  });
  return true;
}

/**
 * Ends every session of the account `userId` at their next request. The signed-in user's own
 * call is `endAllSessions` (account.server.ts): `CurrentUser` is declared by the session reader,
 * which imports this module, so a function taking it lives there; this one serves callers with no
 * session of their own (the `user:sign-out` script, which finds the account by its email).
 */
export async function endAllSessionsOf(userId: string, database: Db = db): Promise<void> {
  await database.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/**
 * Ends every session of the account if `token` is still one of them (a sign-out). A token that
 * was already ended changes nothing, so replaying an old sign-out cannot end newer sessions.
 */
export async function endSessionsOf(token: object): Promise<void> {
  const { sub } = token as { sub?: unknown };
  if (typeof sub !== "string") return;
  await db.user.updateMany({ where: { id: sub, sessionVersion: tokenSessionVersion(token) }, data: { sessionVersion: { increment: 1 } } });
}

/** Thrown in next-auth's jwt callback for a session that has been ended: next-auth then clears the cookie. */
export class SessionEndedError extends Error {
  constructor() {
    super("SessionEnded");
    this.name = "SessionEndedError";
  }
}
