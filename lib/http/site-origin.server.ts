import "server-only";
import { headers } from "next/headers";

/**
 * The site's public origin, the one every absolute link and auth redirect is built on.
 *
 * Production never takes it from the request: a `Host` or `X-Forwarded-Host` header is chosen
 * by whoever sends the request, and an origin taken from it would put the attacker's host into
 * sign-in redirects and links (ADR 0011). It is `NEXTAUTH_URL` when set, otherwise the address
 * `npm start` serves on (`http://localhost:PORT`). Only in development, with `NEXTAUTH_URL`
 * unset, is the request's `Host` trusted, so `npm run dev` works from any address.
 */
export function configuredOrigin(): string | null {
  const url = process.env.NEXTAUTH_URL;
  if (url) return new URL(url).origin;
  if (isProduction()) return `http://localhost:${process.env.PORT || "3000"}`;
  return null;
}

function isProduction() {
  return process.env.NODE_ENV === "production";
}

/** The origin for a request: the configured one, or in development the request's own host. */
export async function siteOrigin(): Promise<string> {
  const configured = configuredOrigin();
  if (configured) return configured;
  const host = (await headers()).get("host") ?? "localhost:3000";
  return `http://${host}`;
}

let configured = false;

/**
 * Sets up next-auth's view of the origin before it handles a request: in production
 * `NEXTAUTH_URL` is always defined (defaulting as above) and `AUTH_TRUST_HOST` is switched off,
 * so next-auth never follows `X-Forwarded-Host`; in development without `NEXTAUTH_URL` the host
 * is trusted.
 */
export function configureAuthOrigin() {
  if (configured) return;
  configured = true;
  if (isProduction()) {
    delete process.env.AUTH_TRUST_HOST;
    if (!process.env.NEXTAUTH_URL) {
      process.env.NEXTAUTH_URL = configuredOrigin()!;
      if (process.env.NEXT_PHASE !== "phase-production-build") console.warn(`NEXTAUTH_URL is not set: sign-in redirects and links use ${process.env.NEXTAUTH_URL}. Set it to the site's public URL.`);
    }
  } else if (!process.env.NEXTAUTH_URL) {
    process.env.AUTH_TRUST_HOST = "true";
  }
}
