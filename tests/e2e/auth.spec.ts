import { expect, test } from "@playwright/test";
import { holdRequests, queryDatabase, signIn, uniqueEmail } from "./support";

test("a new learner signs up, signs out and signs back in", async ({ page }) => {
  const email = uniqueEmail("learner");
  const password = "a-good-long-password";

  await page.goto("/");
  await page.getByRole("link", { name: "Sign up" }).click();
  await page.getByLabel("Name").fill("New Learner");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Hello, New Learner" })).toBeVisible();
  const [row] = queryDatabase<{ role: string; passwordHash: string }>('SELECT role, passwordHash FROM "User" WHERE email = ?', email);
  expect(row?.role).toBe("STUDENT");
  expect(row?.passwordHash).toMatch(/^\$argon2id\$/);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fdashboard/);

  await signIn(page, { email, password });
  await expect(page.getByRole("heading", { name: "Hello, New Learner" })).toBeVisible();
});

test("sign-in failures say the same thing whether or not the account exists", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("ada@example.com");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
  const wrongPassword = await page.getByRole("main").getByRole("alert").textContent();

  await page.getByLabel("Email").fill("nobody-here@example.com");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(wrongPassword ?? "");
  expect(wrongPassword).toBe("Email or password is incorrect.");
});

test("sign-up shows field errors and keeps what was typed", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Short Password");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Use at least 8 characters")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Short Password");
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
});

test("a sign-in error code in the address is explained, and an unknown one gets a general message", async ({ page }) => {
  await page.goto("/signin?error=CredentialsSignin");
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  for (const code of ["constructor", "__proto__", "Nonsense"]) {
    await page.goto(`/signin?error=${code}`);
    await expect(page.getByText("Sign-in failed. Try again.")).toBeVisible();
  }
  await page.goto("/zh/signin?error=Verification");
  await expect(page.getByText("这个登录链接已过期或已被使用。")).toBeVisible();
});

/**
 * After signing up or in, the destination shows as soon as the server has rendered it once. (The
 * forms used to queue a refresh behind the navigation; the router then kept the form on screen
 * until a second render of the destination had finished as well, which under load took longer
 * than anyone waits.) Every full render of the dashboard after the first is held here: the page
 * must arrive without one.
 */
for (const flow of ["sign-up", "sign-in"] as const) {
  test(`after ${flow} the dashboard shows after one render of it`, async ({ page }) => {
    const email = uniqueEmail(flow);
    const password = "a-good-long-password";
    if (flow === "sign-in") {
      await page.goto("/signup");
      await page.getByLabel("Name").fill("Returning Learner");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page).toHaveURL(/\/dashboard$/);
      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    }
    let renders = 0;
    const later = await holdRequests(page, (route) => {
      const request = route.request();
      const isRender = new URL(request.url()).pathname === "/dashboard" && request.headers()["rsc"] === "1" && !request.headers()["next-router-prefetch"];
      return isRender && ++renders > 1;
    });
    await page.goto(flow === "sign-up" ? "/signup" : "/signin");
    if (flow === "sign-up") await page.getByLabel("Name").fill("One Render");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: flow === "sign-up" ? "Create account" : "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("heading", { name: /^Hello, / })).toBeVisible();
    // (The dashboard may refresh itself once it is there, e.g. after saving the browser's time zone.)
    await later.release();
  });
}
