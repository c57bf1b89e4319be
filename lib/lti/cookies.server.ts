import "server-only";
import { encodeSessionToken, sessionCookieName } from "../auth/jwt.server";
import { authSecret } from "../auth/secret.server";
import { newSessionClaims } from "../auth/sessions.server";
import { LAUNCH_SESSION_MAX_AGE_S, LOGIN_STATE_TTL_MS } from "./constants";

/**
 * Cookies of the LTI flow (ADR 0800).
 *
 * - The login state cookie binds an OIDC login to the browser that started it. It must come
 *   back on the LMS's cross-site form POST, so it is SameSite=None (and therefore Secure); it is
 *   not partitioned: inside an LMS frame with third-party cookies blocked it is not kept, which
 *   is how the tool knows to use the LMS's postMessage storage or a new window instead.
 * - The session a launch gives is the site's own session cookie (the same token next-auth
 *   issues, so every page and Server Action knows the user). In an LMS frame it is partitioned
 *   (CHIPS: `Partitioned; Secure; SameSite=None`), kept by the browser for this LMS site only;
 *   in a window of its own it is the ordinary first-party cookie.
 */

export type CookieJar = ReadonlyMap<string, string>;

export function cookieJar(header: string | null | undefined): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    if (!jar.has(name)) jar.set(name, part.slice(index + 1).trim());
  }
  return jar;
}

const STATE_COOKIE_PREFIX = "lti-state-";

export function stateCookieName(state: string): string {
  return `${STATE_COOKIE_PREFIX}${state}`;
}

export function stateCookie(state: string): string {
  return `${stateCookieName(state)}=1; Path=/api/lti; Max-Age=${Math.floor(LOGIN_STATE_TTL_MS / 1000)}; HttpOnly; Secure; SameSite=None`;
}

export function clearStateCookie(state: string): string {
  return `${stateCookieName(state)}=; Path=/api/lti; Max-Age=0; HttpOnly; Secure; SameSite=None`;
}

const secureSite = () => process.env.NEXTAUTH_URL?.startsWith("https://") ?? false;

/**
 * The Set-Cookie value that signs `userId` in for this launch: the claims a session starts with
 * (lib/auth/sessions.server.ts, with the account's session version, so signing out everywhere
 * ends it too), with the attributes of a frame or a window of its own. Null when the account is gone.
 */
export async function launchSessionCookie(userId: string, framed: boolean): Promise<string | null> {
  const claims = await newSessionClaims(userId);
  if (!claims) return null;
  const token = await encodeSessionToken({ token: claims, secret: authSecret(), maxAge: LAUNCH_SESSION_MAX_AGE_S });
  const name = sessionCookieName();
  const common = `${name}=${token}; Path=/; Max-Age=${LAUNCH_SESSION_MAX_AGE_S}; HttpOnly`;
  return framed ? `${common}; Secure; SameSite=None; Partitioned` : `${common}; SameSite=Lax${secureSite() ? "; Secure" : ""}`;
}

/** Whether a request arrived as (or from) a framed document. Sec-Fetch-Dest is sent by every current browser. */
export function isFramedRequest(headers: { get(name: string): string | null }): boolean {
  const dest = headers.get("sec-fetch-dest");
  return dest === "iframe" || dest === "frame";
}
