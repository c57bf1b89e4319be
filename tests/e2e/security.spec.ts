import { expect, test } from "@playwright/test";
import { DEMO, queryDatabase, signIn, waitForHydration } from "./support";

test("pages carry the security headers", async ({ request }) => {
  for (const path of ["/", "/course/tcp-header-and-flags", "/signin", "/api/health"]) {
    const response = await request.get(path);
    const headers = response.headers();
    expect(headers["content-security-policy"], path).toContain("default-src 'self'");
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["x-powered-by"], path).toBeUndefined();
  }
});

test("no page allows inline scripts it did not write: hashes on prerendered pages, a fresh nonce on the others", async ({ request }) => {
  const scriptSources = async (path: string) => {
    const policy = (await request.get(path)).headers()["content-security-policy"] ?? "";
    return policy.split("; ").find((directive) => directive.startsWith("script-src ")) ?? "";
  };
  for (const path of ["/", "/course/three-way-handshake", "/zh/course/time-wait", "/signin", "/course/no-such-lesson"]) {
    const sources = await scriptSources(path);
    expect(sources, path).toMatch(/^script-src 'self' /);
    expect(sources, path).not.toContain("unsafe-inline");
    expect(sources, path).not.toContain("unsafe-eval");
  }
  expect(await scriptSources("/course/three-way-handshake")).toMatch(/'sha256-/);
  expect(await scriptSources("/course/three-way-handshake")).not.toContain("nonce-");
  const first = await scriptSources("/signin");
  expect(first).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(await scriptSources("/signin")).not.toBe(first);
});

test("the app runs under its Content Security Policy without violations", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  // Each page's scripts run: the theme toggle only works once the page is hydrated.
  for (const path of ["/", "/course/tcp-header-and-flags", "/zh/course/three-way-handshake", "/glossary", "/course/no-such-lesson", "/signin"]) {
    await page.goto(path);
    await waitForHydration(page);
    const toggle = page.getByRole("button", { name: /Switch to (dark|light) theme|切换到/ }).first();
    const before = await page.evaluate(() => document.documentElement.classList.contains("dark"));
    await toggle.click();
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains("dark")), { message: path }).toBe(!before);
  }
  await signIn(page, DEMO.student);
  await expect(page.getByRole("heading", { name: /Hello/ })).toBeVisible();
  expect(violations).toEqual([]);
});

test("the session cookie is HTTP-only and same-site", async ({ page, context }) => {
  await signIn(page, DEMO.student);
  const session = (await context.cookies()).find((cookie) => cookie.name.endsWith("next-auth.session-token"));
  expect(session).toBeDefined();
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
});

test("a Server Action posted from another origin is refused", async ({ page, request, baseURL }) => {
  // Capture a real Server Action request the sign-up form makes, then replay it cross-origin.
  await page.goto("/signup");
  const actionRequest = page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined);
  await page.getByLabel("Name").fill("Cross Origin");
  await page.getByLabel("Email").fill(`csrf-${Date.now()}@example.test`);
  await page.getByLabel("Password").fill("a-long-password");
  await page.getByRole("button", { name: "Create account" }).click();
  const original = await actionRequest;
  const replay = (origin: string, email: string) =>
    request.post(new URL("/signup", baseURL).href, {
      headers: {
        "next-action": original.headers()["next-action"]!,
        "content-type": original.headers()["content-type"] ?? "text/plain;charset=UTF-8",
        origin,
        accept: "text/x-component",
      },
      data: (original.postData() ?? "").replace(/csrf-\d+@example\.test/, email),
    });

  const forgedEmail = `csrf-forged-${Date.now()}@example.test`;
  // Refused before Next.js, whose own refusal is a 500 (ADR 0050).
  expect((await replay("https://evil.example", forgedEmail)).status()).toBe(403);
  expect(queryDatabase('SELECT id FROM "User" WHERE email = ?', forgedEmail)).toEqual([]);

  // Control: the same request from the site's own origin is accepted, so the refusal above is the origin check.
  const sameOriginEmail = `csrf-control-${Date.now()}@example.test`;
  expect((await replay(new URL(baseURL!).origin, sameOriginEmail)).status()).toBe(200);
  expect(queryDatabase('SELECT id FROM "User" WHERE email = ?', sameOriginEmail)).toHaveLength(1);
});
