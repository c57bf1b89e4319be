/**
 * Who the client is, and which origin the app speaks for, against the production server over real
 * HTTP (scripts/request-guard.mjs, lib/http/site-origin.server.ts; ADR 0011, 0012):
 * - without TRUST_PROXY the address per-address limits count is the TCP peer's, whatever
 *   X-Forwarded-For says;
 * - with TRUST_PROXY=1, behind a reverse proxy that appends the address it saw (as nginx does),
 *   it is that address, whatever the client wrote before it;
 * - neither Host nor X-Forwarded-Host reaches a redirect or a URL next-auth hands out;
 * - every cookie is HTTP-only and same-site, and Secure when the public URL is https (the proxy
 *   standing in for one that terminates TLS).
 * Clients are told apart by their source address (127.0.0.x all reach the loopback interface).
 * Runs its own servers with a low per-address allowance, so the shared e2e server's limits stay
 * out of the way of the other tests.
 */
import { expect, test } from "@playwright/test";
import { startProductionServer, type RunningServer } from "../../bench/support/server";
import { requestFrom, startReverseProxy, type PlainResponse, type ReverseProxy } from "../support/reverse-proxy";
import { DEMO } from "./support";

const LIMITS = { RATE_LIMIT_SIGNIN_PER_IP: "3", RATE_LIMIT_SIGNIN_PER_EMAIL: "1000", WEB_CONCURRENCY: "1" };

let direct: RunningServer;
let proxied: RunningServer;
let proxy: ReverseProxy;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  direct = await startProductionServer({ env: LIMITS });
  // The proxy's address is the app's public URL, so the proxy listens first.
  proxy = await startReverseProxy("https");
  proxied = await startProductionServer({ env: { ...LIMITS, TRUST_PROXY: "1", NEXTAUTH_URL: `https://localhost:${proxy.port}` } });
  proxy.forwardTo(proxied.baseUrl);
});

test.afterAll(async () => {
  await Promise.all([direct?.stop(), proxied?.stop(), proxy?.close()]);
});

function cookiesOf(response: PlainResponse): string {
  return (response.headers["set-cookie"] ?? []).map((cookie) => cookie.split(";")[0]).join("; ");
}

/** Every Set-Cookie header the server answered with, for checking their flags. */
const setCookies: string[] = [];

/** One sign-in through next-auth's endpoint from `from`; next-auth's error code (CredentialsSignin, RateLimited:<s>) or null when it worked. */
async function signInAttempt(base: string, from: string, credentials: { email: string; password: string }, headers: Record<string, string> = {}) {
  const csrf = await requestFrom(from, `${base}/api/auth/csrf`, { headers });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const response = await requestFrom(from, `${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { ...headers, cookie: cookiesOf(csrf), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, ...credentials, json: "true" }).toString(),
  });
  for (const answer of [csrf, response]) setCookies.push(...(answer.headers["set-cookie"] ?? []).map((cookie) => `${base} ${cookie}`));
  const { url } = JSON.parse(response.body) as { url: string };
  return { error: new URL(url).searchParams.get("error"), url, cookies: [cookiesOf(csrf), cookiesOf(response)].filter(Boolean).join("; ") };
}

/**
 * Fails to sign in from `from` until the per-address delay refuses an attempt. Three failures are
 * free; then each doubles the wait (1 s, 2 s, 4 s ...), so within a few attempts one arrives inside
 * its wait. Every attempt names another account and claims another address in X-Forwarded-For.
 */
async function failUntilDelayed(base: string, from: string) {
  const errors: Array<string | null> = [];
  for (let i = 1; i <= 12 && !errors.some((error) => error?.startsWith("RateLimited")); i++) {
    const lie = `203.0.113.${i}`;
    const { error } = await signInAttempt(base, from, { email: `nobody-${from}-${i}@example.test`, password: "guess" }, { "x-forwarded-for": lie, "x-real-ip": lie });
    errors.push(error);
  }
  return errors;
}

test("without TRUST_PROXY the address is the TCP peer's: X-Forwarded-For neither escapes the delay nor borrows it", async () => {
  const errors = await failUntilDelayed(direct.baseUrl, "127.0.0.2");
  // Were the header believed, every attempt would be a first one.
  expect(errors.slice(0, 3)).toEqual(["CredentialsSignin", "CredentialsSignin", "CredentialsSignin"]);
  expect(errors.at(-1)).toMatch(/^RateLimited:\d+$/);
  // Another client naming the delayed address in the header is still judged by its own.
  const other = await signInAttempt(direct.baseUrl, "127.0.0.3", { email: "nobody-else@example.test", password: "guess" }, { "x-forwarded-for": "127.0.0.2" });
  expect(other.error).toBe("CredentialsSignin");
});

test("with TRUST_PROXY=1 the address is the one the proxy saw, not one the client wrote, nor the proxy's own", async () => {
  const errors = await failUntilDelayed(proxy.url, "127.0.0.4");
  expect(errors.slice(0, 3)).toEqual(["CredentialsSignin", "CredentialsSignin", "CredentialsSignin"]);
  expect(errors.at(-1)).toMatch(/^RateLimited:\d+$/);
  // A second client behind the same proxy has its own allowance (were the proxy's address used,
  // it would share the first one's delay), even when it claims the first one's address.
  const other = await signInAttempt(proxy.url, "127.0.0.5", { email: "nobody-else@example.test", password: "guess" }, { "x-forwarded-for": "127.0.0.4" });
  expect(other.error).toBe("CredentialsSignin");
});

test("Host and X-Forwarded-Host reach no redirect and no URL next-auth hands out, with or without TRUST_PROXY", async () => {
  const servers = [
    { name: "direct", base: () => direct.baseUrl, origin: () => `http://localhost:${new URL(direct.baseUrl).port}`, from: "127.0.0.6" },
    { name: "behind the proxy", base: () => proxy.url, origin: () => `https://localhost:${proxy.port}`, from: "127.0.0.7" },
  ];
  const evil = { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
  for (const server of servers) {
    const base = server.base();
    const origin = server.origin();
    const sameSite = (url: string | undefined, what: string) => {
      expect(url, `${server.name}: ${what}`).toBeDefined();
      expect(url!.startsWith("/") ? `${origin}${url}` : url, `${server.name}: ${what}`).toMatch(new RegExp(`^${origin}/`));
    };

    // A page that wants a signed-in user sends a visitor to sign in.
    const visitor = await requestFrom(server.from, `${base}/dashboard`, { headers: evil });
    expect(visitor.status).toBe(307);
    sameSite(visitor.headers.location, "the redirect to sign in");

    // The URLs next-auth gives the browser to sign in with.
    const providers = JSON.parse((await requestFrom(server.from, `${base}/api/auth/providers`, { headers: evil })).body) as Record<string, { signinUrl: string; callbackUrl: string }>;
    sameSite(providers.credentials?.signinUrl, "the sign-in URL");
    sameSite(providers.credentials?.callbackUrl, "the callback URL");
    const signInPage = await requestFrom(server.from, `${base}/api/auth/signin`, { headers: evil });
    sameSite(signInPage.headers.location, "next-auth's sign-in page redirect");

    // After signing in (a failure, then the real thing) and after signing out.
    const failed = await signInAttempt(base, server.from, { email: DEMO.student.email, password: "wrong" }, evil);
    sameSite(failed.url, "where a failed sign-in goes");
    const signedIn = await signInAttempt(base, server.from, DEMO.student, evil);
    expect(signedIn.error, server.name).toBeNull();
    sameSite(signedIn.url, "where a sign-in goes");
    const back = await requestFrom(server.from, `${base}/signin?callbackUrl=%2Fcourse`, { headers: { ...evil, cookie: signedIn.cookies } });
    expect(back.status).toBe(307);
    sameSite(back.headers.location, "the signed-in sign-in page's redirect");
    const csrf = await requestFrom(server.from, `${base}/api/auth/csrf`, { headers: { ...evil, cookie: signedIn.cookies } });
    const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
    const signOut = await requestFrom(server.from, `${base}/api/auth/signout`, {
      method: "POST",
      headers: { ...evil, cookie: [signedIn.cookies, cookiesOf(csrf)].filter(Boolean).join("; "), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, json: "true", callbackUrl: "/" }).toString(),
    });
    sameSite((JSON.parse(signOut.body) as { url: string }).url, "where signing out goes");
  }
});

test("every cookie is HTTP-only and same-site, and Secure with its __Secure-/__Host- name when the public URL is https", async () => {
  // Cookies from a sign-in on each server: next-auth's CSRF, callback and session cookies and the trusted-device cookie.
  await signInAttempt(direct.baseUrl, "127.0.0.8", DEMO.student);
  await signInAttempt(proxy.url, "127.0.0.9", DEMO.student);
  const named = (base: string) => setCookies.filter((cookie) => cookie.startsWith(`${base} `)).map((cookie) => cookie.slice(base.length + 1));
  for (const [base, https] of [
    [direct.baseUrl, false],
    [proxy.url, true],
  ] as const) {
    const cookies = named(base);
    expect(cookies.map((cookie) => cookie.split("=")[0]).sort(), base).toEqual(
      expect.arrayContaining(https ? ["__Host-next-auth.csrf-token", "__Secure-next-auth.session-token", "syn-trusted-device"] : ["next-auth.csrf-token", "next-auth.session-token", "syn-trusted-device"]),
    );
    for (const cookie of cookies) {
      const flags = cookie.split(";").slice(1).map((flag) => flag.trim().toLowerCase());
      expect(flags, cookie).toContain("httponly");
      expect(flags, cookie).toContain("samesite=lax");
      expect(flags, cookie).toContain("path=/");
      expect(flags.includes("secure"), cookie).toBe(https);
    }
  }
});
