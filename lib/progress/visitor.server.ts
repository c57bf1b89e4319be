import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { authSecret } from "../auth/secret.server";
import { requestCookies } from "../http/request-scope.server";

/**
 * The identity of a browser used without an account: a random value in an httpOnly cookie, so
 * scripts (and whoever copies the browser's localStorage) never see it. Receipts carry only a
 * keyed hash of it (`visitorBinding`), and a merge accepts a receipt only from the browser whose
 * cookie hashes to it (ADR 0402).
 */

/** `__Host-` on HTTPS (Secure, whole site, this host only), like the session cookie's prefix. */
export function visitorCookieName(): string {
  return process.env.NEXTAUTH_URL?.startsWith("https://") ? "__Host-syn-to-fin.visitor" : "syn-to-fin.visitor";
}

const VISITOR_ID = /^[A-Za-z0-9_-]{32}$/;
/** A year: receipts wait in the browser until its owner signs up or in. */
const MAX_AGE_S = 365 * 24 * 60 * 60;

/** The visitor id in this request's cookie, or null. */
export async function currentVisitor(): Promise<string | null> {
  const value = (await requestCookies()).get(visitorCookieName())?.value;
  return value && VISITOR_ID.test(value) ? value : null;
}

/** The visitor id in this request's cookie, creating it (and setting the cookie) when there is none. */
export async function ensureVisitor(): Promise<string> {
  const existing = await currentVisitor();
  if (existing) return existing;
  const id = randomBytes(24).toString("base64url");
  (await requestCookies()).set(visitorCookieName(), id, {
    httpOnly: true,
    sameSite: "lax",
    secure: process.env.NEXTAUTH_URL?.startsWith("https://") ?? false,
    path: "/",
    maxAge: MAX_AGE_S,
  });
  return id;
}

/** What receipts carry instead of the visitor id: a keyed hash, 22 base64url characters. */
export function visitorBinding(visitorId: string): string {
  const key = createHmac("sha256", authSecret()).update("syn-to-fin visitor binding v1").digest();
  return createHmac("sha256", key).update(visitorId).digest("base64url").slice(0, 22);
}
