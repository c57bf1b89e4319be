/**
 * Sessions end when they should, everywhere at once (ADR 0010): signing out, changing the
 * password, "sign out everywhere", a role change and an operator's sign-out all end every
 * session of the account at its next request, a stolen copy of the cookie included; and the
 * header never keeps showing someone the server no longer recognises.
 */
import { execFileSync } from "node:child_process";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { E2E_DATABASE, uniqueEmail } from "./support";

const PASSWORD = "a-long-first-password";

async function signUp(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const email = uniqueEmail("session");
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Session Holder");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL((url) => url.pathname === "/dashboard");
  return { context, page, email };
}

async function signInElsewhere(browser: Browser, email: string, password = PASSWORD) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/dashboard");
  return { context, page };
}

/** Who the server says the context's cookies belong to (next-auth's session endpoint). */
async function sessionEmail(context: BrowserContext): Promise<string | null> {
  const body = (await (await context.request.get("/api/auth/session")).json()) as { user?: { email?: string } };
  return body.user?.email ?? null;
}

async function expectSignedOutOnServer(page: Page) {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fdashboard$/);
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
}

/** The operator's scripts, on the database the e2e server uses. */
function operator(script: "user-role.ts" | "user-sign-out.ts", ...args: string[]) {
  execFileSync("npx", ["tsx", "--conditions=react-server", `scripts/${script}`, ...args], { env: { ...process.env, DATABASE_URL: `file:${E2E_DATABASE}` }, stdio: "pipe" });
}

test("signing out ends the session, including a copy of its cookie taken before", async ({ browser }) => {
  const owner = await signUp(browser);
  const thief = await browser.newContext();
  await thief.addCookies(await owner.context.cookies());
  expect(await sessionEmail(thief)).toBe(owner.email);

  await owner.page.getByRole("button", { name: "Sign out" }).click();
  await expect(owner.page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();

  expect(await sessionEmail(thief)).toBeNull();
  await expectSignedOutOnServer(await thief.newPage());
  await Promise.all([owner.context.close(), thief.close()]);
});

test("changing the password ends every other session and keeps this one", async ({ browser }) => {
  const owner = await signUp(browser);
  const laptop = await signInElsewhere(browser, owner.email);

  await owner.page.goto("/account");
  await owner.page.getByLabel("Current password").fill(PASSWORD);
  await owner.page.getByLabel("New password").fill("a-long-second-password");
  await owner.page.getByRole("button", { name: "Change password" }).click();
  await expect(owner.page.getByText("Your password is changed.")).toBeVisible();

  await expectSignedOutOnServer(laptop.page);
  // This browser carries on with a new session.
  expect(await sessionEmail(owner.context)).toBe(owner.email);
  await owner.page.goto("/dashboard");
  await expect(owner.page.getByRole("heading", { name: "Hello, Session Holder" })).toBeVisible();
  // Only the new password opens the account now.
  const csrf = ((await (await laptop.context.request.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
  const old = await laptop.context.request.post("/api/auth/callback/credentials", { form: { csrfToken: csrf, email: owner.email, password: PASSWORD, json: "true" } });
  expect(((await old.json()) as { url: string }).url).toContain("error=CredentialsSignin");
  await Promise.all([owner.context.close(), laptop.context.close()]);
});

test("a wrong current password changes nothing and keeps what was typed", async ({ browser }) => {
  const owner = await signUp(browser);
  await owner.page.goto("/account");
  await owner.page.getByLabel("Current password").fill("not-my-password");
  await owner.page.getByLabel("New password").fill("a-long-second-password");
  await owner.page.getByRole("button", { name: "Change password" }).click();
  await expect(owner.page.getByText("That is not your current password")).toBeVisible();
  await expect(owner.page.getByLabel("New password")).toHaveValue("a-long-second-password");
  expect(await sessionEmail(owner.context)).toBe(owner.email);
  await owner.context.close();
});

test("sign out everywhere ends the sessions on every device", async ({ browser }) => {
  const owner = await signUp(browser);
  const laptop = await signInElsewhere(browser, owner.email);
  await owner.page.goto("/account");
  await owner.page.getByRole("button", { name: "Sign out everywhere" }).click();
  await owner.page.waitForURL((url) => url.pathname === "/");
  await expect(owner.page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  expect(await sessionEmail(laptop.context)).toBeNull();
  await expectSignedOutOnServer(laptop.page);
  await Promise.all([owner.context.close(), laptop.context.close()]);
});

test("a role change ends the sessions, and the header follows without a reload", async ({ browser }) => {
  const owner = await signUp(browser);
  await owner.page.goto("/course/tcp-header-and-flags");
  const header = owner.page.getByRole("banner");
  await expect(header.getByRole("link", { name: "Session Holder" })).toBeVisible();

  operator("user-role.ts", owner.email, "INSTRUCTOR");
  // A client-side navigation: the page never reloads, yet the header must not keep the old session.
  await header.getByRole("link", { name: "Dashboard" }).click();
  await owner.page.waitForURL(/\/signin\?callbackUrl=%2Fdashboard$/);
  await expect(header.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(header.getByRole("link", { name: "Session Holder" })).toHaveCount(0);
  await expect(owner.page.getByText("Your session ended. Sign in again to carry on.")).toBeVisible();

  // Signing in again gives the new role's view.
  await owner.page.getByLabel("Email").fill(owner.email);
  await owner.page.getByLabel("Password").fill(PASSWORD);
  await owner.page.getByRole("button", { name: "Sign in" }).click();
  await owner.page.waitForURL((url) => url.pathname === "/dashboard");
  await expect(header.getByRole("link", { name: "Teach" })).toBeVisible();

  // The operator signs the account out everywhere: the next page load shows a visitor.
  operator("user-sign-out.ts", owner.email);
  await owner.page.goto("/course/tcp-header-and-flags");
  await expect(header.getByRole("link", { name: "Sign in" })).toBeVisible();
  expect(await sessionEmail(owner.context)).toBeNull();
  await owner.context.close();
});
