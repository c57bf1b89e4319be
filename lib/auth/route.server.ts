import "server-only";
import NextAuth from "next-auth";
import { requestCookies } from "../http/request-scope.server";
import { NextRequest } from "next/server";
import { z } from "zod";
import { authOptions } from "./options.server";

/**
 * The /api/auth/* endpoints: next-auth's handler behind a check of what it is given. next-auth
 * answers a malformed body with an exception (a 500) and copies the `error` parameter into a
 * Location header unencoded, so requests it does not expect are refused here with 400 or 404.
 */

// The endpoints the app uses; `_log` (client errors written to the server's log) is left out.
const ACTIONS = new Set(["providers", "session", "csrf", "signin", "signout", "callback", "verify-request", "error"]);
const WITH_PROVIDER = new Set(["signin", "callback"]);
const PROVIDER_ID = /^[a-z0-9-]{1,32}$/;
// next-auth's error codes are words ("CredentialsSignin", "OAuthCallback", "RateLimited:30" from ours).
const ERROR_CODE = /^[A-Za-z]{1,40}(:\d{1,6})?$/;
const MAX_BODY_BYTES = 16 * 1024;

const formValue = z.string().max(4096);
const bodySchema = z.record(z.string().max(64), z.union([formValue, z.number(), z.boolean()])).refine((body) => Object.keys(body).length <= 32);

type Context = { params: Promise<{ nextauth?: string[] }> };

function refuse(status: 400 | 404 | 405 | 413 | 415, headers: Record<string, string> = {}) {
  const text = { 400: "Bad request", 404: "Not found", 405: "Method not allowed", 413: "Request too large", 415: "Unsupported media type" }[status];
  return new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers } });
}

/**
 * next-auth answers 500 when a callback URL (in the query, the body or its cookie) is neither a
 * path nor an http(s) URL. Where it goes is decided later by the redirect callback
 * (safeRedirectPath); this only keeps next-auth from failing on it.
 */
function isAcceptableCallbackUrl(value: unknown): boolean {
  if (value === undefined) return true;
  if (typeof value !== "string") return false;
  if (value.startsWith("/")) return true;
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

const CALLBACK_URL_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

/** The request body as next-auth would read it, or null when it is not a well-formed form or JSON object. */
async function readBody(request: Request): Promise<{ text: string; fields: Record<string, unknown> } | { status: 400 | 413 | 415 }> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  const text = await request.text().catch(() => null);
  if (text === null) return { status: 400 };
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return { status: 413 };
  let parsed: unknown;
  if (type.startsWith("application/x-www-form-urlencoded")) {
    // URLSearchParams never throws: malformed escapes become U+FFFD, which the schema accepts as text.
    parsed = Object.fromEntries(new URLSearchParams(text));
  } else if (type.startsWith("application/json")) {
    try {
      parsed = JSON.parse(text);
    } catch {
      return { status: 400 };
    }
  } else if (text.length === 0) {
    return { text, fields: {} };
  } else {
    return { status: 415 };
  }
  const fields = bodySchema.safeParse(parsed);
  return fields.success ? { text, fields: fields.data } : { status: 400 };
}

export async function handleAuthRequest(request: NextRequest, context: Context): Promise<Response> {
  const segments = (await context.params).nextauth ?? [];
  const [action, providerId, ...rest] = segments;
  if (!action || !ACTIONS.has(action) || rest.length > 0) return refuse(404);
  if (providerId !== undefined && (!WITH_PROVIDER.has(action) || !PROVIDER_ID.test(providerId))) return refuse(404);
  if (request.method !== "GET" && request.method !== "POST") return refuse(405);

  // The credentials provider only signs in with a POST; next-auth throws on a GET.
  if (action === "callback" && providerId === "credentials" && request.method !== "POST") return refuse(405, { allow: "POST" });

  const error = request.nextUrl.searchParams.get("error");
  if (error !== null && !ERROR_CODE.test(error)) return refuse(400);
  if (!isAcceptableCallbackUrl(request.nextUrl.searchParams.get("callbackUrl") ?? undefined)) return refuse(400);
  const jar = await requestCookies();
  for (const name of CALLBACK_URL_COOKIES) {
    // A cookie only a tampered-with browser could hold: clear it rather than fail every request.
    if (!isAcceptableCallbackUrl(jar.get(name)?.value)) return refuse(400, { "set-cookie": `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax` });
  }

  let forwarded: NextRequest = request;
  if (request.method === "POST") {
    const body = await readBody(request);
    if ("status" in body) return refuse(body.status);
    if ("callbackUrl" in body.fields && !isAcceptableCallbackUrl(body.fields.callbackUrl)) return refuse(400);
    // The body was consumed by the check: hand next-auth an identical request.
    forwarded = new NextRequest(request.url, { method: "POST", headers: request.headers, body: body.text });
  }
  return NextAuth(forwarded as never, context as never, authOptions()) as Promise<Response>;
}
