import { execFileSync } from "node:child_process";
import { expect, test, type Frame, type Page } from "@playwright/test";
import { startTestPlatform, type TestPlatform } from "../support/lti-platform/platform";
import { E2E_DATABASE, expectNoSeriousA11yViolations, queryDatabase, signIn, uniqueEmail } from "./support";

/**
 * LTI Dynamic Registration with one-time links: the e2e server runs with
 * LTI_DYNAMIC_REGISTRATION=invite (scripts/e2e-server.mjs). An administrator creates a link on
 * the admin page; the test LMS (on 127.0.0.1, framing the tool on localhost as an LMS's
 * registration window does) registers with it; the same link again, and the plain URL, are
 * refused with a page saying why.
 */

const TOOL = `http://localhost:${process.env.E2E_PORT ?? "3210"}`;
// lti.spec.ts uses 4321 and 4322.
const PLATFORM_PORT = Number(process.env.LTI_REGISTRATION_PLATFORM_PORT ?? 4323);

test.describe.configure({ mode: "serial", timeout: 180_000 });

let platform: TestPlatform;
const admin = { email: uniqueEmail("lti-admin"), password: "register-the-lms" };

test.beforeAll(async ({ browser }) => {
  platform = await startTestPlatform(PLATFORM_PORT);
  const page = await browser.newPage();
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Site Administrator");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.close();
  // Whoever runs the server decides who administers it (docs/lti.md).
  execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/user-role.ts", admin.email, "ADMIN"], { env: { ...process.env, DATABASE_URL: `file:${E2E_DATABASE}` }, encoding: "utf8" });
});

test.afterAll(async () => {
  await platform?.stop();
});

/** The test LMS's "register a tool" page, which opens the given registration URL in its frame. */
async function registrationFrame(page: Page, registrationUrl: string): Promise<Frame> {
  await page.goto(`${platform.origin}/courses/any/register-tool?tool=${encodeURIComponent(registrationUrl)}`);
  await expect(page.locator("iframe[name=registration]")).toBeVisible();
  return page.frame({ name: "registration" }) as Frame;
}

const platformsOfTheLms = () => queryDatabase<{ id: string; registeredVia: string; clientId: string }>(`SELECT id, registeredVia, clientId FROM LtiPlatform WHERE issuer = ?`, platform.issuer);

test("an administrator creates a one-time link on the admin page; the LMS registers with it once, and its reuse is refused", async ({ browser }) => {
  const adminContext = await browser.newContext({ viewport: { width: 1280, height: 1000 }, permissions: ["clipboard-read", "clipboard-write"] });
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, admin, "/admin/lti");
  await expect(adminPage.getByText(/registers an LMS only with a one-time link \(LTI_DYNAMIC_REGISTRATION=invite\)/)).toBeVisible();
  await adminPage.getByLabel("Valid for").selectOption("1h");
  await adminPage.getByRole("button", { name: "Create a registration link" }).click();
  const linkField = adminPage.getByRole("textbox", { name: "One-time registration link" });
  await expect(linkField).toHaveValue(new RegExp(`^${TOOL}/api/lti/register\\?invite=[A-Za-z0-9_-]{43}$`));
  const link = await linkField.inputValue();
  await adminPage.getByRole("button", { name: "Copy one-time registration link" }).click();
  await expect(adminPage.getByText("Copied.")).toBeVisible();
  expect(await adminPage.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await expectNoSeriousA11yViolations(adminPage);
  // Shown once: the page keeps no copy, the database only its hash.
  await adminPage.reload();
  await expect(adminPage.getByRole("textbox", { name: "One-time registration link" })).toHaveCount(0);
  expect(await adminPage.content()).not.toContain(new URL(link).searchParams.get("invite")!);
  const invites = queryDatabase<{ tokenHash: string; issuedVia: string; usedAt: unknown; expiresAt: unknown; createdAt: unknown }>(`SELECT tokenHash, issuedVia, usedAt, expiresAt, createdAt FROM LtiRegistrationInvite ORDER BY createdAt DESC LIMIT 1`);
  expect(invites[0]).toMatchObject({ issuedVia: "admin", usedAt: null });
  expect(invites[0]!.tokenHash).not.toContain(new URL(link).searchParams.get("invite")!);
  const time = (value: unknown) => (typeof value === "number" ? value : Date.parse(String(value)));
  expect(time(invites[0]!.expiresAt) - time(invites[0]!.createdAt)).toBe(60 * 60 * 1000);

  // The LMS's administrator pastes the link; the LMS opens it in its registration window.
  const lmsContext = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const lmsPage = await lmsContext.newPage();
  const frame = await registrationFrame(lmsPage, link);
  await expect(frame.getByRole("heading", { name: "SYN to FIN is registered" })).toBeVisible({ timeout: 30_000 });
  const registered = platformsOfTheLms();
  expect(registered).toHaveLength(1);
  expect(registered[0]).toMatchObject({ registeredVia: "dynamic", clientId: platform.tool!.clientId });
  expect(platform.registrations).toHaveLength(1);
  await frame.getByRole("button", { name: "Close" }).click();
  await expect(lmsPage.getByText("Registration window closed by the tool.")).toBeVisible();

  // The same link a second time, from a Chinese LMS: refused in Chinese, nothing asked of the LMS, nothing stored.
  const zhContext = await browser.newContext({ locale: "zh-CN", viewport: { width: 360, height: 800 } });
  const zhPage = await zhContext.newPage();
  const again = await registrationFrame(zhPage, link);
  await expect(again.getByRole("heading", { name: "本站没有接受这次注册" })).toBeVisible({ timeout: 30_000 });
  await expect(again.getByRole("alert")).toContainText("这个注册链接已经用于注册过一个 LMS");
  expect(platform.registrations).toHaveLength(1);
  expect(platformsOfTheLms()).toHaveLength(1);

  // The admin page lists the new platform.
  await adminPage.reload();
  await expect(adminPage.getByRole("heading", { name: "test-lms" })).toBeVisible();
  await Promise.all([adminContext.close(), lmsContext.close(), zhContext.close()]);
});

test("without a link, or with one that was never issued, the LMS's registration window says why and nothing is registered", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const before = platformsOfTheLms().length;
  const requests = platform.registrations.length;

  const plain = await registrationFrame(page, `${TOOL}/api/lti/register`);
  await expect(plain.getByRole("heading", { name: "This site did not accept the registration" })).toBeVisible({ timeout: 30_000 });
  await expect(plain.getByRole("alert")).toContainText("only with a one-time registration link");
  await expectNoSeriousA11yViolations(page);

  const forged = await registrationFrame(page, `${TOOL}/api/lti/register?invite=${"A".repeat(43)}`);
  await expect(forged.getByRole("alert")).toContainText("This registration link is not valid");
  expect(platformsOfTheLms()).toHaveLength(before);
  expect(platform.registrations).toHaveLength(requests);

  // The admin page is for administrators: a visitor is sent to sign in.
  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  await visitorPage.goto("/admin/lti");
  await expect(visitorPage).toHaveURL(/\/signin\?callbackUrl=/);
  await Promise.all([context.close(), visitor.close()]);
});
