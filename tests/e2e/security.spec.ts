import { expect, test } from "@playwright/test";
import { DEMO, queryDatabase, signIn } from "./support";

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

test("the app runs under its Content Security Policy without violations", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.goto("/");
  await page.goto("/course/tcp-header-and-flags");
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
  expect((await replay("https://evil.example", forgedEmail)).status()).toBeGreaterThanOrEqual(400);
  expect(queryDatabase('SELECT id FROM "User" WHERE email = ?', forgedEmail)).toEqual([]);

  // Control: the same request from the site's own origin is accepted, so the refusal above is the origin check.
  const sameOriginEmail = `csrf-control-${Date.now()}@example.test`;
  expect((await replay(new URL(baseURL!).origin, sameOriginEmail)).status()).toBe(200);
  expect(queryDatabase('SELECT id FROM "User" WHERE email = ?', sameOriginEmail)).toHaveLength(1);
});
