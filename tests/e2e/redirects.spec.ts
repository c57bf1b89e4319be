/**
 * Where people land after signing in or up: only ever a page of this site, whatever the link's
 * callbackUrl says. Real Chromium follows the redirects, so what is asserted is where the
 * browser ends up (a tab in `/\t/evil.example` is dropped by the browser, leaving
 * `//evil.example`, which the old prefix check let through).
 */
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, uniqueEmail } from "./support";

const HOSTILE_TARGETS = [
  "/\t/evil.example",
  "/%09/evil.example",
  "//evil.example/",
  "/\\evil.example",
  "/%5C%5Cevil.example",
  "/.//evil.example",
  "https://evil.example/",
  "http:evil.example",
  "javascript:alert(document.domain)",
  "/%0d%0aSet-Cookie:%20planted=1",
];

/** The attacker's site, served by the test so that a browser that goes there visibly arrives. */
async function serveEvil(page: Page) {
  await page.context().route((url) => url.hostname === "evil.example", (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<h1>evil</h1>" }));
}

function signInUrl(target: string, page = "/signin") {
  return `${page}?callbackUrl=${encodeURIComponent(target)}`;
}

test.describe("redirects after signing in stay on this site", () => {
  test("a signed-in visitor following a crafted sign-in link lands on their dashboard", async ({ page, baseURL }) => {
    await serveEvil(page);
    await signIn(page, DEMO.student);
    const origin = new URL(baseURL!).origin;
    for (const target of HOSTILE_TARGETS) {
      await page.goto(signInUrl(target)).catch(() => undefined);
      await page.waitForLoadState();
      expect(new URL(page.url()).origin, target).toBe(origin);
      expect(new URL(page.url()).pathname, target).toBe("/dashboard");
    }
    expect((await page.context().cookies()).some((cookie) => cookie.name === "planted")).toBe(false);
  });

  test("the sign-in form sends a visitor to a same-site target after signing in, and nowhere else", async ({ page, baseURL }) => {
    await serveEvil(page);
    const origin = new URL(baseURL!).origin;
    for (const target of ["/%09/evil.example", "/.//evil.example", "https://evil.example/"]) {
      await page.context().clearCookies();
      await page.goto(signInUrl(target));
      await page.getByLabel("Email").fill(DEMO.student.email);
      await page.getByLabel("Password").fill(DEMO.student.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => url.pathname === "/dashboard" || url.hostname === "evil.example");
      expect(new URL(page.url()).origin, target).toBe(origin);
    }
    // A genuine same-site target is kept, query and all.
    await page.context().clearCookies();
    await page.goto(signInUrl("/course/tcp-header-and-flags?from=link"));
    await page.getByLabel("Email").fill(DEMO.student.email);
    await page.getByLabel("Password").fill(DEMO.student.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/course/tcp-header-and-flags");
    expect(new URL(page.url()).search).toBe("?from=link");
  });

  test("signing up through a crafted link lands on this site too", async ({ page, baseURL }) => {
    await serveEvil(page);
    await page.goto(signInUrl("/%09/evil.example", "/signup"));
    await page.getByLabel("Name").fill("Redirect Check");
    await page.getByLabel("Email").fill(uniqueEmail("redirect"));
    await page.getByLabel("Password").fill("a-long-password");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL((url) => url.pathname === "/dashboard" || url.hostname === "evil.example");
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  });

  test("a non-ASCII or encoded-newline target answers a redirect, not a server error", async ({ page, request }) => {
    await signIn(page, DEMO.student);
    const cookies = await page.context().cookies();
    const cookieHeader = cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
    for (const target of ["/%E4%B8%AD", "/%0d%0a", "/中文"]) {
      const response = await request.get(signInUrl(target), { headers: { cookie: cookieHeader }, maxRedirects: 0 });
      expect(response.status(), target).toBe(307);
      expect(response.headers().location, target).toMatch(/^(\/|http:\/\/localhost:\d+\/)/);
    }
    await page.goto(signInUrl("/%E4%B8%AD"));
    expect(new URL(page.url()).pathname).toBe("/%E4%B8%AD");
  });
});
