import "server-only";
import { headers } from "next/headers";
import { requestCookies } from "../http/request-scope.server";
import { clientAddress } from "../security/client-address";
import { TRUSTED_DEVICE_COOKIE } from "../security/login-throttle.server";
import { RateLimitedError } from "./limits.server";
import { authorizeWithPassword, rememberTrustedDevice } from "./options.server";
import { startSession } from "./sessions.server";

export type PasswordSignInResult = { ok: true } | { ok: false; waitSeconds?: number };

/**
 * Signs in with an email and a password from a Server Action: for the sign-in form posted before
 * the page's script ran (with it, the form goes through next-auth's credentials provider). The
 * same throttled check as that provider (ADR 0012), then the same cookies: the trusted device
 * and a session (ADR 0010).
 */
export async function signInWithPassword(input: unknown): Promise<PasswordSignInResult> {
  let result: Awaited<ReturnType<typeof authorizeWithPassword>>;
  try {
    result = await authorizeWithPassword(input, clientAddress(await headers()), (await requestCookies()).get(TRUSTED_DEVICE_COOKIE)?.value);
  } catch (error) {
    if (error instanceof RateLimitedError) return { ok: false, waitSeconds: Math.max(1, Math.ceil(error.retryAfterMs / 1000)) };
    throw error;
  }
  if (!result) return { ok: false };
  await rememberTrustedDevice(result.trustedDevice);
  return (await startSession(result.id)) ? { ok: true } : { ok: false };
}
