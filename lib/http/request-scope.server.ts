import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { cookies } from "next/headers";
import { RequestCookies, ResponseCookies } from "next/dist/server/web/spec-extension/cookies";
import { cache } from "react";

/**
 * The request's cookies and per-request memory, wherever the request is answered (ADR 1550).
 * Next.js keeps both for the requests it answers (`cookies()` from next/headers, React's
 * `cache`). The production server answers the hot calls itself, before Next.js
 * (scripts/serve.mjs): it runs them in `inRequestScope`, and everything here then reads and
 * writes that scope instead.
 */

type Scope = { received: RequestCookies; sent: ResponseCookies; sentHeaders: Headers; memory: Map<unknown, Promise<unknown>> };

const scopes = new AsyncLocalStorage<Scope>();

/** What a cookie is set with (the subset of next/headers' options the app uses). */
export type CookieOptions = { httpOnly?: boolean; sameSite?: "lax" | "strict" | "none"; path?: string; secure?: boolean; expires?: Date; maxAge?: number };

export type RequestCookieJar = {
  get(name: string): { name: string; value: string } | undefined;
  getAll(): { name: string; value: string }[];
  set(name: string, value: string, options?: CookieOptions): void;
};

/**
 * Runs `work` as one request whose `Cookie` header is `cookieHeader`, and answers what it
 * returned with the `Set-Cookie` values it produced (serialized as Next.js serializes them).
 */
export async function inRequestScope<T>(cookieHeader: string | undefined, work: () => Promise<T>): Promise<{ result: T; setCookies: string[] }> {
  const sentHeaders = new Headers();
  const scope: Scope = {
    received: new RequestCookies(new Headers(cookieHeader ? { cookie: cookieHeader } : {})),
    sent: new ResponseCookies(sentHeaders),
    sentHeaders,
    memory: new Map(),
  };
  const result = await scopes.run(scope, work);
  return { result, setCookies: sentHeaders.getSetCookie() };
}

/** The request's cookies: the scope's when the request runs in one, next/headers' otherwise. */
export async function requestCookies(): Promise<RequestCookieJar> {
  const scope = scopes.getStore();
  if (!scope) return cookies();
  return {
    get: (name) => scope.received.get(name),
    getAll: () => scope.received.getAll(),
    set: (name, value, options) => {
      scope.sent.set(name, value, options);
      // Later reads in the same request see the new value, as with next/headers.
      scope.received.set(name, value);
    },
  };
}

/** `load` run once per request (React's `cache` under Next.js, the scope's memory otherwise). */
export function perRequest<T>(load: () => Promise<T>): () => Promise<T> {
  const cached = cache(load);
  return () => {
    const scope = scopes.getStore();
    if (!scope) return cached();
    let value = scope.memory.get(load) as Promise<T> | undefined;
    if (!value) {
      value = load();
      scope.memory.set(load, value);
    }
    return value;
  };
}
