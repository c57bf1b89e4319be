import "server-only";
import { configuredOrigin } from "../http/site-origin.server";
import type { Locale } from "@/domain/locale";
import type { RenderedPage } from "./pages";
import { problemPage } from "./pages";
import { problemStatus, type Problem } from "./problems";

/** Responses of the LTI route handlers (app/api/lti): pages with their own CSP, redirects, cookies. */

type HeaderSource = { get(name: string): string | null };

/**
 * This tool's public origin: the site's configured origin (NEXTAUTH_URL, or in production the
 * address it serves on; never a request header there, ADR 0011); in development the request's host.
 */
export function toolOriginOf(headers: HeaderSource, requestUrl: string): string {
  const configured = configuredOrigin();
  if (configured) return configured;
  const host = headers.get("host");
  return host ? `http://${host}` : new URL(requestUrl).origin;
}

function withCookies(headers: Headers, cookies: readonly string[]) {
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  return headers;
}

export function pageResponse(page: RenderedPage, { status = 200, cookies = [] }: { status?: number; cookies?: readonly string[] } = {}): Response {
  const headers = withCookies(
    new Headers({
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": page.csp,
      "cache-control": "no-store",
    }),
    cookies,
  );
  return new Response(page.html, { status, headers });
}

export function problemResponse(problem: Problem, locale: Locale, frameAncestors: readonly string[], cookies: readonly string[] = []): Response {
  if (problem.code !== "internal") console.warn(`LTI ${problem.code}: ${problem.detail}`);
  return pageResponse(problemPage(problem, locale, frameAncestors), { status: problemStatus(problem.code), cookies });
}

export function redirectResponse(location: string, { status = 303, cookies = [] }: { status?: 302 | 303; cookies?: readonly string[] } = {}): Response {
  return new Response(null, { status, headers: withCookies(new Headers({ location, "cache-control": "no-store" }), cookies) });
}

/** Form fields or query parameters of a request, first value of each (for GET or POST login initiations). */
export async function requestParams(request: Request): Promise<Record<string, string> | null> {
  const out: Record<string, string> = {};
  const add = (name: string, value: unknown) => {
    if (typeof value === "string" && !(name in out)) out[name] = value;
  };
  if (request.method === "GET") {
    for (const [name, value] of new URL(request.url).searchParams) add(name, value);
    return out;
  }
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) return null;
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > 256 * 1024) return null;
  try {
    const form = await request.formData();
    for (const [name, value] of form) add(name, value);
  } catch {
    return null;
  }
  return out;
}
