import { mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { TEST_CAPTURE_VALUES } from "../../domain/capture-challenges/test-values";
import { E2E_DATABASE, expectNoSeriousA11yViolations, queryDatabase, uniqueEmail, waitForHydration } from "./support";

/**
 * Capture challenges in the browser: the goal with the learner's values, the commands per system,
 * an upload of a real capture explained segment by segment in English and Chinese, the evidence
 * kept and deleted, a visitor's check, and the pages at phone width; axe in light and dark.
 */
const FIXTURES = path.join(process.cwd(), "tests", "fixtures", "capture-challenges");
const SHOTS = path.join(tmpdir(), "capture-shots");
mkdirSync(SHOTS, { recursive: true });

async function signUp(page: Page, email: string, callbackUrl: string) {
  await page.goto(`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("Name").fill("Capture Learner");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a-good-long-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL((url) => url.pathname === callbackUrl);
}

/** Issues the learner the values the committed captures were recorded with, before they open the page. */
function issueTestValues(email: string, challengeId: string) {
  const connection = new Database(E2E_DATABASE, { fileMustExist: true, timeout: 10_000 });
  try {
    const user = connection.prepare('SELECT id FROM "User" WHERE email = ?').get(email) as { id: string };
    connection
      .prepare('INSERT INTO "CaptureChallengeValues" (id, userId, challengeId, serverPort, clientPort, token, issuedAt) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(`e2e-${Date.now()}-${Math.random()}`, user.id, challengeId, TEST_CAPTURE_VALUES.serverPort, TEST_CAPTURE_VALUES.clientPort, TEST_CAPTURE_VALUES.token, Date.now());
  } finally {
    connection.close();
  }
}

async function uploadCapture(page: Page, file: string, buttonName: string) {
  await page.getByLabel(/Capture file|抓包文件/).setInputFiles(path.join(FIXTURES, file));
  await page.getByRole("button", { name: buttonName }).click();
}

test("a learner uploads a capture of their own values and reads why it meets the goal", async ({ page }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("capture");
  await signUp(page, email, "/dashboard");
  issueTestValues(email, "capture-half-close");

  await page.goto("/capture-challenges");
  await expect(page.getByRole("heading", { name: "Capture challenges", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Show a half-close with data after the FIN" }).click();
  await waitForHydration(page);
  await expect(page.getByTestId("capture-goal")).toContainText("port 23456");
  await expect(page.getByTestId("capture-goal")).toContainText(TEST_CAPTURE_VALUES.token);
  await expect(page.getByText("sudo tcpdump -i lo -w half-close.pcap 'tcp port 23456'")).toBeVisible();
  await page.getByLabel("macOS").check();
  await expect(page.getByText("sudo tcpdump -i lo0 -w half-close.pcap 'tcp port 23456'")).toBeVisible();

  // A run that misses: the client called close(), so the data after its FIN drew a RST.
  await uploadCapture(page, "capture-half-close.close-instead-of-shutdown.pcap", "Check my capture");
  const verdict = page.getByTestId("capture-verdict");
  await expect(verdict).toHaveAttribute("data-outcome", "reset-after-fin");
  await expect(verdict.getByRole("heading", { name: "Not yet" })).toBeFocused();
  await expect(verdict).toContainText("shutdown(SHUT_WR)");
  await expect(verdict.locator('[data-mark="misses"]')).toContainText("RST");

  // The real run of the page's commands, keeping the connection's packets.
  await page.getByLabel(/Keep the packets/).check();
  await uploadCapture(page, "capture-half-close.pcap", "Check my capture");
  await expect(verdict).toHaveAttribute("data-outcome", "reached");
  await expect(verdict.getByRole("heading", { name: "Goal reached" })).toBeVisible();
  await expect(verdict).toContainText("Recorded as a completion.");
  const segments = page.getByTestId("capture-segments").locator("li[data-frame]");
  await expect(segments).toHaveCount(10);
  await expect(page.getByTestId("capture-segments").locator('[data-mark="meets"]').first()).toContainText("FIN-WAIT-1");
  await expect(page.getByTestId("capture-segments")).toContainText("still receives");
  await expect(page.getByText("Completed", { exact: true })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/upload-reached-en.png`, fullPage: true });

  const [row] = queryDatabase<{ challengeId: string }>(
    'SELECT c.challengeId FROM "ChallengeCompletion" c JOIN "User" u ON u.id = c.userId WHERE u.email = ?',
    email,
  );
  expect(row?.challengeId).toBe("capture-half-close");

  // The kept packets: downloadable, then deleted; the evidence stays.
  const evidence = page.getByTestId("capture-evidence");
  await expect(evidence).toContainText("Frames meeting the goal");
  const download = page.waitForEvent("download");
  await evidence.getByRole("link", { name: /Download the kept packets/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("capture-half-close.pcap");
  expect(readFileSync((await file.path())!).subarray(0, 4)).toEqual(Buffer.from([0x4d, 0x3c, 0xb2, 0xa1]));
  await evidence.getByRole("button", { name: "Delete the kept packets" }).click();
  await expect(page.getByText("The kept packets were deleted")).toBeVisible();
  await expect(evidence).toContainText("No packets kept.");

  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoSeriousA11yViolations(page);
  }

  // The dashboard names the success among the learner's recent work.
  await page.goto("/dashboard");
  await expect(page.locator("#recent-activity-heading").locator("..")).toContainText("Show a half-close with data after the FIN");
});

test("a Chinese page explains a missed goal in Chinese and refuses a file that is not a capture", async ({ page }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("capture-zh");
  await signUp(page, email, "/dashboard");
  issueTestValues(email, "capture-unread-rst");
  await page.goto("/zh/capture-challenges/capture-unread-rst");
  await waitForHydration(page);
  await expect(page.getByRole("heading", { name: "带着未读数据关闭，看到 RST", level: 1 })).toBeVisible();

  await uploadCapture(page, "capture-unread-rst.read-before-close.pcap", "检查我的抓包");
  const verdict = page.getByTestId("capture-verdict");
  await expect(verdict).toHaveAttribute("data-outcome", "fin-not-rst");
  await expect(verdict.getByRole("heading", { name: "尚未达成" })).toBeVisible();
  await expect(verdict).toContainText("服务端用 FIN 正常关闭");

  await page.getByLabel("抓包文件").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("这不是抓包文件\n") });
  await page.getByRole("button", { name: "检查我的抓包" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("这不是可读的 pcap 或 pcapng 抓包文件");
  // The reader's problem inside it is worded in Chinese too, with its byte offset.
  await expect(page.getByRole("main").getByRole("alert")).toContainText("第 0 字节处：不是 pcap 或 pcapng 文件（文件开头是 e8 bf 99 e4）");

  await uploadCapture(page, "capture-unread-rst.pcap", "检查我的抓包");
  await expect(verdict).toHaveAttribute("data-outcome", "reached");
  await expect(verdict).toContainText("已记录为完成。");
  await expect(page.getByTestId("capture-segments")).toContainText("data_was_unread");
  await page.screenshot({ path: `${SHOTS}/upload-reached-zh.png`, fullPage: true });
  await expectNoSeriousA11yViolations(page);
});

test("a visitor gets values of their own, and a downloaded capture does not pass", async ({ page }) => {
  await page.goto("/capture-challenges/capture-connection-refused");
  await waitForHydration(page);
  await expect(page.getByTestId("capture-goal")).toContainText(/from local port \d{5} to port \d{5}/);
  await expect(page.getByText("You are not signed in")).toBeVisible();
  await page.getByLabel("Capture file").setInputFiles(path.join(process.cwd(), "public", "captures", "refused.pcap"));
  await page.getByRole("button", { name: "Check my capture" }).click();
  const verdict = page.getByTestId("capture-verdict");
  await expect(verdict).toHaveAttribute("data-outcome", "no-connection");
  await expect(verdict).toContainText("does not use your port");
  await expectNoSeriousA11yViolations(page);
});

for (const width of [360, 390]) {
  test(`the challenge page fits a ${width} px phone without sideways scrolling`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width, height: 844 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.goto("/capture-challenges/capture-syn-retransmission");
    await waitForHydration(page);
    await expect(page.getByTestId("capture-goal")).toBeVisible();
    await page.getByLabel("Capture file").setInputFiles(path.join(process.cwd(), "public", "captures", "syn-retries.pcap"));
    await page.getByRole("button", { name: "Check my capture" }).tap();
    await expect(page.getByTestId("capture-verdict")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/capture-page-${width}.png`, fullPage: true });
    await expectNoSeriousA11yViolations(page);
    await context.close();
  });
}
