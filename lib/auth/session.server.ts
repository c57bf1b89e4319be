import "server-only";
import { forbidden, redirect } from "next/navigation";
import { accountPagePath, localeFromPath } from "../i18n/paths";
import { canTeach, type Role } from "@/domain/auth/roles";
import { perRequest } from "../http/request-scope.server";
import { readSessionCookie, sessionAccount } from "./sessions.server";

export type CurrentUser = { id: string; email: string; name: string | null; role: Role };

/**
 * Who the request's session cookie belongs to, as the database knows them now: a deleted
 * account, a changed role or an ended session (sign-out, password change, "sign out
 * everywhere", ADR 0010) takes effect on the next request. `ended` says a session cookie was
 * sent but no longer counts, so a page or form can say "your session ended" rather than
 * "sign in". Cached per request (`perRequest`).
 */
export const getSession = perRequest(async (): Promise<{ user: CurrentUser | null; ended: boolean }> => {
  const cookie = await readSessionCookie();
  if (!cookie.claims) return { user: null, ended: cookie.present };
  // One primary-key lookup per signed-in request, in plain SQL (sessions.server.ts).
  const account = await sessionAccount(cookie.claims.sub);
  if (!account || account.sessionVersion !== cookie.claims.sv) return { user: null, ended: true };
  return { user: { id: account.id, email: account.email, name: account.name, role: account.role }, ended: false };
});

/** The signed-in user, or null for a visitor or a session that has ended. */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  return (await getSession()).user;
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
