/**
 * The forms that take a password work before (or without) the page's script: they post to a
 * Server Action, never put what was typed in the address (a form without a method sends its
 * fields in the URL: into history, server logs and Referer headers), and a mistake brings the
 * page back with the error and what was typed, passwords excepted.
 */
import { expect, test, type Page } from "@playwright/test";
import { DEMO, holdRequests, uniqueEmail } from "./support";

/** Every address the page asks for, to check none of them carries a password. */
function recordAddresses(page: Page): string[] {
  const addresses: string[] = [];
  page.on("request", (request) => addresses.push(request.url()));
  return addresses;
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("signing in: a wrong password brings the form back with the error and the email, the right one signs in", async ({ page }) => {
    const addresses = recordAddresses(page);
    await page.goto("/signin?callbackUrl=%2Fcourse");
    await page.getByLabel("Email").fill(DEMO.student.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Email or password is incorrect.");
    await expect(page.getByLabel("Email")).toHaveValue(DEMO.student.email);
    await expect(page.getByLabel("Password")).toHaveValue("");

    await page.getByLabel("Password").fill(DEMO.student.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/course$/);
    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { name: /^Hello, / })).toBeVisible();
    for (const secret of ["not-the-password", DEMO.student.password]) expect(addresses.filter((address) => address.includes(secret))).toEqual([]);
  });

  test("signing up: field errors keep the name and email, then the account is created and signed in", async ({ page }) => {
    const addresses = recordAddresses(page);
    const email = uniqueEmail("no-script");
    await page.goto("/zh/signup");
    await page.getByLabel("姓名").fill("无脚本学员");
    await page.getByLabel("邮箱").fill(email);
    await page.getByLabel("密码").fill("short");
    await page.getByRole("button", { name: "创建账号" }).click();
    await expect(page.getByText("至少需要 8 个字符", { exact: true })).toBeVisible();
    await expect(page.getByLabel("姓名")).toHaveValue("无脚本学员");
    await expect(page.getByLabel("邮箱")).toHaveValue(email);

    await page.getByLabel("密码").fill("a-good-long-password");
    await page.getByRole("button", { name: "创建账号" }).click();
    await expect(page).toHaveURL(/\/zh\/dashboard$/);
    expect(addresses.filter((address) => address.includes("a-good-long-password") || address.includes("short"))).toEqual([]);
  });

  test("changing the password: a wrong current password is explained, the right one changes it", async ({ page, browser }) => {
    // An account of its own, so the demo accounts keep their passwords.
    const email = uniqueEmail("no-script-password");
    await page.goto("/signup");
    await page.getByLabel("Name").fill("Password Changer");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("first-long-password");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);

    const addresses = recordAddresses(page);
    await page.goto("/account");
    await page.getByLabel("Current password").fill("not-my-password");
    await page.getByLabel("New password").fill("second-long-password");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("That is not your current password")).toBeVisible();

    await page.getByLabel("Current password").fill("first-long-password");
    await page.getByLabel("New password").fill("second-long-password");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Your password is changed.")).toBeVisible();
    expect(addresses.filter((address) => /not-my-password|first-long-password|second-long-password/.test(address))).toEqual([]);

    // The new password is the one that works.
    const other = await browser.newContext({ javaScriptEnabled: false });
    const check = await other.newPage();
    await check.goto("/signin");
    await check.getByLabel("Email").fill(email);
    await check.getByLabel("Password").fill("second-long-password");
    await check.getByRole("button", { name: "Sign in" }).click();
    await expect(check).toHaveURL(/\/dashboard$/);
    await other.close();
  });
});

test("signing in before the page's script has run posts the form to the server, not into the address", async ({ page }) => {
  const scripts = await holdRequests(page, (route) => /^\/_next\/static\/chunks\/.+\.js$/.test(new URL(route.request().url()).pathname));
  const addresses = recordAddresses(page);
  await page.goto("/signin", { waitUntil: "commit" });
  await expect.poll(scripts.count).toBeGreaterThan(0);
  await page.getByLabel("Email").fill(DEMO.student.email);
  await page.getByLabel("Password").fill(DEMO.student.password);
  await page.getByLabel("Password").press("Enter");
  await expect(page).toHaveURL(/\/dashboard$/);
  expect(addresses.filter((address) => address.includes(DEMO.student.password))).toEqual([]);
  await scripts.release();
});
