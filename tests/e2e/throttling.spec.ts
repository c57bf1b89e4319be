/**
 * Per-address sign-in throttling against the production server, over real HTTP: the address is
 * the TCP peer's, so changing X-Forwarded-For on every attempt does not reset it (ADR 0012).
 * Runs its own server with a low per-address allowance, so the shared e2e server's limits stay
 * out of the way of the other tests.
 */
import { expect, test } from "@playwright/test";
import { startProductionServer, type RunningServer } from "../../bench/support/server";

let server: RunningServer;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startProductionServer({ env: { RATE_LIMIT_SIGNIN_PER_IP: "3", RATE_LIMIT_SIGNIN_PER_EMAIL: "1000", WEB_CONCURRENCY: "1" } });
});

test.afterAll(async () => {
  await server?.stop();
});

test("changing X-Forwarded-For does not escape the per-address delay", async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: server.baseUrl });
  const attempt = async (i: number) => {
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await request.post("/api/auth/callback/credentials", {
      headers: { "x-forwarded-for": `203.0.113.${i}`, "x-real-ip": `203.0.113.${i}` },
      form: { csrfToken, email: `nobody-${i}@example.test`, password: "guess", json: "true" },
    });
    return new URL(((await response.json()) as { url: string }).url).searchParams.get("error");
  };
  // Three failures are free. Then each failure doubles the wait (1 s, 2 s, 4 s ...), so within a
  // few attempts one arrives inside its wait and is refused, although every attempt claimed a
  // different address. (Were the header believed, every attempt would be a first one.)
  const errors: Array<string | null> = [];
  for (let i = 1; i <= 12 && !errors.some((error) => error?.startsWith("RateLimited")); i++) errors.push(await attempt(i));
  expect(errors.slice(0, 3)).toEqual(["CredentialsSignin", "CredentialsSignin", "CredentialsSignin"]);
  expect(errors.at(-1)).toMatch(/^RateLimited:\d+$/);
  await request.dispose();
});
