import "server-only";
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { db } from "../db.server";
import { CLIENT_ASSERTION_TYPE } from "./constants";
import { fetchLms, jsonOf, LmsUnreachableError } from "./http.server";
import { toolKeySet } from "./keys.server";

/**
 * OAuth 2.0 client credentials for the LTI Advantage services (LTI Security Framework 1.0
 * §4.1): a JWT signed with the tool's key asserts the client id; the LMS answers with a bearer
 * token for the scopes it grants. Tokens are kept in the database until shortly before they
 * expire, so every server process shares them and a restart does not ask again.
 */

export type ServicePlatform = { id: string; clientId: string; tokenUrl: string; tokenAudience: string | null };

/** An LMS call that failed: `retryable` ones are tried again later (down, rate limited, timed out). */
export class ServiceError extends Error {
  readonly retryable: boolean;
  readonly status: number | null;
  readonly retryAfterMs: number | null;
  constructor(message: string, { retryable, status = null, retryAfterMs = null }: { retryable: boolean; status?: number | null; retryAfterMs?: number | null }) {
    super(message);
    this.name = "ServiceError";
    this.retryable = retryable;
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }
}

/** Retry-After in seconds or as an HTTP date, capped at an hour. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, 60 * 60 * 1000) : null;
}

/** Turns an LMS's HTTP answer into a ServiceError (or nothing for 2xx). */
export function serviceErrorFor(what: string, status: number, headers: Headers, body: string): ServiceError | null {
  if (status >= 200 && status < 300) return null;
  const excerpt = body.replace(/\s+/g, " ").slice(0, 200);
  const message = `${what}: HTTP ${status}${excerpt ? ` ${excerpt}` : ""}`;
  // 401 survives a fresh token only when the LMS's own token service is off: try again later.
  if (status === 429 || status === 408 || status === 401 || status >= 500) return new ServiceError(message, { retryable: true, status, retryAfterMs: retryAfterMs(headers.get("retry-after")) });
  return new ServiceError(message, { retryable: false, status });
}

export function unreachable(error: unknown): ServiceError {
  if (error instanceof LmsUnreachableError) return new ServiceError(error.message, { retryable: error.reason !== "too-large" });
  return new ServiceError((error as Error).message, { retryable: true });
}

const EXPIRY_MARGIN_MS = 60_000;

/** The signed client assertion: dated by the real clock, since the LMS checks it against its own. */
export async function clientAssertion(platform: ServicePlatform): Promise<string> {
  const now = new Date();
  const { current } = await toolKeySet(now);
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: "RS256", kid: current.kid, typ: "JWT" })
    .setIssuer(platform.clientId)
    .setSubject(platform.clientId)
    .setAudience(platform.tokenAudience ?? platform.tokenUrl)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 300)
    .setJti(randomUUID())
    .sign(current.privateKey);
}

export type AccessToken = { token: string; scopes: string[] };

/** A bearer token for `scopes` (cached until a minute before it expires). */
export async function accessToken(platform: ServicePlatform, scopes: readonly string[], now = new Date()): Promise<AccessToken> {
  const key = [...new Set(scopes)].sort().join(" ");
  const cached = await db.ltiAccessToken.findUnique({ where: { platformId_scopes: { platformId: platform.id, scopes: key } }, select: { token: true, expiresAt: true } });
  if (cached && cached.expiresAt.getTime() - EXPIRY_MARGIN_MS > now.getTime()) {
    const stored = JSON.parse(cached.token) as AccessToken;
    return stored;
  }
  const body = new URLSearchParams({
    grant_type: "client_credentials",
    client_assertion_type: CLIENT_ASSERTION_TYPE,
    client_assertion: await clientAssertion(platform),
    scope: key,
  });
  let response;
  try {
    response = await fetchLms(platform.tokenUrl, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" }, body }, { maxBytes: 64 * 1024 });
  } catch (error) {
    throw unreachable(error);
  }
  const failure = serviceErrorFor(`token request to ${platform.tokenUrl}`, response.status, response.headers, response.text);
  if (failure) throw failure;
  const json = jsonOf(response) as { access_token?: unknown; expires_in?: unknown; scope?: unknown; token_type?: unknown } | null;
  if (!json || typeof json.access_token !== "string" || json.access_token.length === 0 || json.access_token.length > 8192) {
    throw new ServiceError(`token request to ${platform.tokenUrl}: the answer has no access_token`, { retryable: true });
  }
  if (typeof json.token_type === "string" && json.token_type.toLowerCase() !== "bearer") {
    throw new ServiceError(`token request to ${platform.tokenUrl}: token_type ${json.token_type} is not Bearer`, { retryable: false });
  }
  const expiresIn = typeof json.expires_in === "number" && json.expires_in > 0 ? json.expires_in : 3600;
  const granted = typeof json.scope === "string" ? json.scope.split(/\s+/).filter(Boolean) : [...scopes];
  const result: AccessToken = { token: json.access_token, scopes: granted };
  const expiresAt = new Date(now.getTime() + Math.min(expiresIn, 24 * 3600) * 1000);
  await db.ltiAccessToken.upsert({
    where: { platformId_scopes: { platformId: platform.id, scopes: key } },
    create: { platformId: platform.id, scopes: key, token: JSON.stringify(result), expiresAt },
    update: { token: JSON.stringify(result), expiresAt },
  });
  return result;
}

/** Forgets a token the LMS refused (401), so the next call asks for a new one. */
export async function forgetAccessToken(platformId: string, scopes: readonly string[]): Promise<void> {
  await db.ltiAccessToken.deleteMany({ where: { platformId, scopes: [...new Set(scopes)].sort().join(" ") } });
}

/** A service call with a bearer token; a 401 forgets the token and tries once more with a fresh one. */
export async function callService(
  platform: ServicePlatform,
  scopes: readonly string[],
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string },
  what: string,
  now = new Date(),
): Promise<{ status: number; headers: Headers; text: string }> {
  for (let attempt = 0; ; attempt++) {
    const { token } = await accessToken(platform, scopes, now);
    let response;
    try {
      response = await fetchLms(url, { method: init.method ?? "GET", headers: { ...init.headers, authorization: `Bearer ${token}` }, body: init.body });
    } catch (error) {
      throw unreachable(error);
    }
    if (response.status === 401 && attempt === 0) {
      await forgetAccessToken(platform.id, scopes);
      continue;
    }
    const failure = serviceErrorFor(what, response.status, response.headers, response.text);
    if (failure) throw failure;
    return response;
  }
}
