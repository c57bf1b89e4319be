/**
 * Every route of the app (found by walking app/, so a new route is covered the day it is added)
 * is requested with malformed path segments, query strings, headers and bodies, signed out and
 * signed in. Whatever the input, the server must answer with something other than a 5xx: bad
 * input is the client's mistake (400/404/405/413/415, or a redirect or page that ignores it).
 */
import { expect, test, type APIResponse } from "@playwright/test";
import { fill, params, ROUTES, signedInContext, validValues } from "./app-routes";
import { DEMO } from "./support";

// Path segments: broken UTF-8, truncated escapes, NUL, CR/LF, traversal, very long, markup, non-ASCII.
const BAD_SEGMENTS = ["%ff", "%E4%B8", "%", "%zz", "%00", "%0d%0a", "..%2f..%2fpackage.json", "%2e%2e", "x".repeat(1500), "%3Cscript%3E", "%E4%B8%AD%E6%96%87", "'%22"];
const BAD_QUERIES = [
  "callbackUrl=%ff",
  "callbackUrl=/%0d%0aSet-Cookie:%20x=1",
  "callbackUrl=/%E4%B8%AD",
  "callbackUrl=/%09/evil.example",
  "callbackUrl=//evil.example",
  "error=%0d%0aX:%201",
  "error=%ff",
  "code=%ff",
  "code=" + "A".repeat(5000),
  "q=%",
  "a[]=1&a[]=2&__proto__=x&constructor=y",
  "tab=%00",
];
const BAD_HEADERS: Array<Record<string, string>> = [
  { cookie: "next-auth.session-token=%ff; next-auth.csrf-token=%E4" },
  { cookie: "next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..AAAA.BBBB.CCCC" },
  { cookie: "next-auth.session-token.0=a; next-auth.session-token.x=b" },
  { rsc: "1", "next-router-state-tree": "%ff[[[" },
  { rsc: "1", "next-router-prefetch": "1", "next-router-segment-prefetch": "/%ff" },
  { "accept-language": "zz-ZZ;q=nope,%ff", accept: "text/x-component" },
  { "x-forwarded-host": "evil.example", "x-forwarded-proto": "gopher", "x-forwarded-for": "not an address" },
  { "content-type": "application/json", "next-action": "0".repeat(42) },
];
const BAD_BODIES: Array<{ headers: Record<string, string>; data: string }> = [
  { headers: { "content-type": "application/json" }, data: "{not json" },
  { headers: { "content-type": "application/json" }, data: JSON.stringify({ email: { $gt: "" }, password: ["x"] }) },
  { headers: { "content-type": "application/x-www-form-urlencoded" }, data: "%ff=%ff&email=%00&csrfToken=" },
  { headers: { "content-type": "multipart/form-data; boundary=x" }, data: "--x\r\ngarbage" },
  { headers: { "content-type": "text/plain", "next-action": "abc" }, data: "[1,2" },
  { headers: { "content-type": "text/plain", "next-action": "7f".repeat(21) }, data: "[]" },
];

async function expectNo5xx(requests: Array<{ label: string; send: () => Promise<APIResponse> }>) {
  const failures: string[] = [];
  // A few at a time: enough to be quick, not enough to make this a load test.
  for (let i = 0; i < requests.length; i += 6) {
    await Promise.all(
      requests.slice(i, i + 6).map(async ({ label, send }) => {
        const response = await send();
        if (response.status() >= 500) failures.push(`${response.status()} ${label}`);
        await response.dispose();
      }),
    );
  }
  expect(failures).toEqual([]);
}

test.describe("malformed requests never get a 5xx", () => {
  test.describe.configure({ timeout: 240_000 });

  test("the route list covers the app", () => {
    const patterns = ROUTES.map((route) => route.pattern);
    for (const expected of ["/course/[slug]", "/signin", "/zh/signin", "/api/auth/[...nextauth]", "/join/[token]", "/invite/[token]"]) {
      expect(patterns).toContain(expected);
    }
  });

  for (const identity of ["visitor", "student", "instructor"] as const) {
    test(`every route, malformed path segments and queries, as a ${identity}`, async ({ playwright, baseURL }) => {
      const request = await playwright.request.newContext({ baseURL, maxRedirects: 0 });
      // Read-only fuzzing: no request here can sign anyone out (no CSRF token is sent with a body).
      if (identity !== "visitor") await signedInContext(request, identity === "student" ? DEMO.student : DEMO.instructor);
      const values = validValues();
      const sends: Array<{ label: string; send: () => Promise<APIResponse> }> = [];
      for (const route of ROUTES) {
        for (const param of params(route.pattern)) {
          for (const value of BAD_SEGMENTS) {
            const url = fill(route.pattern, values, { param, value });
            sends.push({ label: `GET ${url.slice(0, 120)}`, send: () => request.get(url) });
          }
        }
        const url = fill(route.pattern, values);
        for (const query of BAD_QUERIES) sends.push({ label: `GET ${url}?${query.slice(0, 80)}`, send: () => request.get(`${url}?${query}`) });
      }
      await expectNo5xx(sends);
      await request.dispose();
    });
  }

  test("every route, malformed headers and bodies, signed in", async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({ baseURL, maxRedirects: 0 });
    await signedInContext(request, DEMO.student);
    const values = validValues();
    const sends: Array<{ label: string; send: () => Promise<APIResponse> }> = [];
    for (const route of ROUTES) {
      const url = route.pattern === "/api/auth/[...nextauth]" ? "/api/auth/session" : fill(route.pattern, values);
      for (const headers of BAD_HEADERS) {
        sends.push({ label: `GET ${url} ${JSON.stringify(headers).slice(0, 100)}`, send: () => request.get(url, { headers }) });
      }
      for (const body of BAD_BODIES) {
        sends.push({ label: `POST ${url} ${JSON.stringify(body).slice(0, 100)}`, send: () => request.post(url, { headers: body.headers, data: body.data }) });
      }
      for (const method of ["PUT", "DELETE", "PATCH", "OPTIONS"] as const) {
        sends.push({ label: `${method} ${url}`, send: () => request.fetch(url, { method }) });
      }
    }
    for (const action of ["callback/credentials", "signin/credentials", "signin/%ff", "callback/%ff", "signout", "session", "csrf", "providers", "error", "_log", "verify-request", "nonsense/x/y"]) {
      for (const body of BAD_BODIES) {
        sends.push({ label: `POST /api/auth/${action} ${body.data.slice(0, 30)}`, send: () => request.post(`/api/auth/${action}`, { headers: body.headers, data: body.data }) });
      }
      for (const query of BAD_QUERIES) sends.push({ label: `GET /api/auth/${action}?${query.slice(0, 60)}`, send: () => request.get(`/api/auth/${action}?${query}`) });
    }
    const signedIn = await request.storageState();
    await expectNo5xx(sends);
    // Nothing above ended the session on the server (the malformed cookies sent above may have
    // made the server clear this context's own cookie, so ask with the cookies saved before).
    const again = await playwright.request.newContext({ baseURL, storageState: signedIn });
    expect(((await (await again.get("/api/auth/session")).json()) as { user?: unknown }).user).toBeTruthy();
    await Promise.all([request.dispose(), again.dispose()]);
  });
});
