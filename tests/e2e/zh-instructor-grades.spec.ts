import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, E2E_DATABASE, expectNoSeriousA11yViolations, queryDatabase, uniqueEmail, waitForHydration } from "./support";

/**
 * A class's grade views in Chinese under /zh: the gradebook, a student's work with the
 * explanation of each number, learning gain and analytics, as the demo instructor; the LMS admin
 * page as an administrator. Each is axe clean in both themes at desktop and 360 px, has no
 * English interface words left, and the language switch leads to its twin and back.
 */

const [demoClass] = queryDatabase<{ id: string }>('SELECT id FROM "Classroom" WHERE joinCode = ?', "SYNACK42");
const [ben] = queryDatabase<{ id: string }>('SELECT id FROM "User" WHERE email = ?', "ben@example.com");
const BASE = `/instructor/classes/${demoClass?.id}`;
const ZH = `/zh${BASE}`;

/** Interface words of the English pages that must not be left on the Chinese ones. */
const ENGLISH_WORDS = /\b(Not started|In progress|Submitted|Missing|Excused|Gradebook|Needs attention|Attempt \d|Counts|Score from this|Work counts from|Late work|Class gain|Questions|Handed in|Misconception)\b/;

async function signInHere(page: Page, account: { email: string; password: string }) {
  await expect(page.getByRole("heading", { level: 1, name: "登录" })).toBeVisible();
  await page.getByLabel("邮箱").fill(account.email);
  await page.getByLabel("密码").fill(account.password);
  await page.getByRole("button", { name: "登录" }).click();
}

async function expectFitsThePhone(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

async function expectNoEnglishInterface(page: Page) {
  const text = (await page.getByRole("main").innerText()).replaceAll(/Ben Okafor|Zoë Müller|Ada Lovelace|Chidi Okeke|Sofía García|Priya Raman|Lars Øberg|Read: [^\n]+|Quiz: [^\n]+/g, "");
  expect(text).not.toMatch(ENGLISH_WORDS);
}

test.describe.configure({ timeout: 240_000 });

test("the gradebook, a student's work, learning gain and analytics read in Chinese, with the reason for every number", async ({ page }) => {
  expect(demoClass, "the demo class is seeded").toBeTruthy();
  // A visitor is sent to sign in in Chinese, and comes back to the Chinese gradebook.
  await page.goto(`${ZH}/gradebook`);
  await expect(page).toHaveURL(`/zh/signin?callbackUrl=${encodeURIComponent(`${ZH}/gradebook`)}`);
  await signInHere(page, DEMO.instructor);
  await page.waitForURL((url) => url.pathname === `${ZH}/gradebook`);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");

  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { level: 2, name: "成绩册" })).toBeVisible();
  const table = main.getByRole("table", { name: "每位学生在每份作业上的状态和得分" });
  await expect(table.getByRole("columnheader", { name: "学生" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "总分" })).toBeVisible();
  // Ben started the quiz after its due date: late, with the penalty; Sofía handed nothing in: missing, 0 points.
  const benRow = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Ben Okafor" }) });
  await expect(benRow.getByTestId("gradebook-cell").first()).toContainText("迟交");
  const sofiaRow = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Sofía García" }) });
  await expect(sofiaRow.getByTestId("gradebook-cell").first()).toContainText(/缺交\s*0 \/ 20/);
  await expect(sofiaRow).toContainText("已免做");
  await expect(table.getByRole("columnheader").nth(1)).toContainText(/测验 · 20 分 · 截止 \d{4}年\d{1,2}月\d{1,2}日/);
  await expect(main.getByText(/总分计入已提交的作业和缺交的作业（缺交记 0 分）.*时间按 Europe\/Berlin 时区显示。/)).toBeVisible();
  await expect(main.getByRole("heading", { level: 2, name: "需要关注" })).toBeVisible();
  // The CSV is one file in every language (ADR 1330), and the page says so.
  await expect(main.getByRole("link", { name: "导出 CSV" })).toHaveAttribute("href", `${BASE}/gradebook/export`);
  await expect(main.getByText(/CSV 文件的列名和状态都使用英文/)).toBeVisible();
  await expectNoEnglishInterface(page);

  // A student's page explains the grade: the rules that applied, and why each attempt counts.
  await benRow.getByRole("link", { name: "Ben Okafor" }).click();
  await page.waitForURL((url) => url.pathname === `${ZH}/students/${ben?.id}`);
  await expect(main.getByRole("heading", { level: 2, name: "Ben Okafor" })).toBeVisible();
  await expect(main.getByText("这里只显示该学生加入班级后在本班作业上的学习记录；加入之前的个人记录不对你公开。")).toBeVisible();
  const quiz = main.locator('[aria-labelledby^="assignment-"]').filter({ has: page.getByRole("heading", { level: 3, name: "Quiz: the header and its flags" }) });
  await expect(quiz.getByText("迟交", { exact: true }).first()).toBeVisible();
  await expect(quiz.getByText("接受，扣 20%")).toBeVisible();
  await expect(quiz.getByText("开始计入的时间")).toBeVisible();
  await expect(quiz.getByRole("heading", { level: 4, name: /第 1 次作答/ })).toBeVisible();
  await expect(quiz.getByText("计入，迟交").first()).toBeVisible();
  // The best attempt is named as the source of the score, with the penalty applied.
  await expect(quiz.getByText(/^得分来自这一次：\d+(\.\d+)?$/)).toHaveCount(1);
  await expect(quiz.getByText(/答对 \d+ \/ \d+ · 计 \d+(\.\d+)? \/ 20 分/).first()).toBeVisible();
  await expect(quiz.getByText("答错：").first()).toBeVisible();
  await expect(quiz.getByText("正确答案：").first()).toBeVisible();
  await expectNoEnglishInterface(page);

  await page.goto(`${ZH}/learning`);
  await expect(main.getByRole("heading", { level: 2, name: "全班学到了什么" })).toBeVisible();
  await expect(main.getByRole("table", { name: "各课的全班增益" }).getByRole("columnheader", { name: "课前" })).toBeVisible();
  await expect(main.getByRole("link", { name: "班级页面" })).toHaveAttribute("href", ZH);
  await expectNoEnglishInterface(page);

  await page.goto(`${ZH}/analytics`);
  await expect(main.getByRole("heading", { level: 2, name: "全班进度变化" })).toBeVisible();
  await expect(main.getByRole("img", { name: /全班进度变化/ })).toBeVisible();
  await expect(main.getByRole("heading", { level: 2, name: "题目" })).toBeVisible();
  await expect(main.getByTestId("question-analytics").first()).toContainText(/\d+% 答对（\d+ 次中 \d+ 次）/);
  await expectNoEnglishInterface(page);
});

test("the language switch leads from each grade view to its twin and back", async ({ page }) => {
  await page.goto(`/zh/signin?callbackUrl=${encodeURIComponent(`${ZH}/gradebook`)}`);
  await signInHere(page, DEMO.instructor);
  await page.waitForURL((url) => url.pathname === `${ZH}/gradebook`);
  for (const [zh, en, zhHeading, enHeading] of [
    [`${ZH}/gradebook`, `${BASE}/gradebook`, "成绩册", "Gradebook"],
    [`${ZH}/students/${ben?.id}`, `${BASE}/students/${ben?.id}`, "Ben Okafor", "Ben Okafor"],
    [`${ZH}/learning`, `${BASE}/learning`, "全班学到了什么", "What the class learned"],
    [`${ZH}/analytics`, `${BASE}/analytics`, "全班进度变化", "Class progress over time"],
  ] as const) {
    await page.goto(zh);
    await waitForHydration(page);
    await page.getByRole("banner").getByRole("link", { name: /English/ }).click();
    await page.waitForURL((url) => url.pathname === en);
    await expect(page.getByRole("main").getByRole("heading", { level: 2, name: enHeading })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await waitForHydration(page);
    await page.getByRole("banner").getByRole("link", { name: /中文/ }).click();
    await page.waitForURL((url) => url.pathname === zh);
    await expect(page.getByRole("main").getByRole("heading", { level: 2, name: zhHeading })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  }
});

for (const [width, height, label] of [
  [1280, 900, "desktop"],
  [360, 800, "360 px"],
] as const) {
  test(`the Chinese grade views have no serious accessibility violations in light and dark at ${label}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto(`/zh/signin?callbackUrl=${encodeURIComponent(`${ZH}/gradebook`)}`);
    await signInHere(page, DEMO.instructor);
    await page.waitForURL((url) => url.pathname === `${ZH}/gradebook`);
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const path of [`${ZH}/gradebook`, `${ZH}/students/${ben?.id}`, `${ZH}/learning`, `${ZH}/analytics`]) {
        await page.goto(path);
        await expect(page.getByRole("main").getByRole("heading", { level: 2 }).first()).toBeVisible();
        if (path.endsWith("/analytics")) await page.getByText("以表格显示数据").click();
        await expectNoSeriousA11yViolations(page);
        if (width === 360) await expectFitsThePhone(page);
      }
    }
  });
}

test("an administrator manages LMS platforms in Chinese at /zh/admin/lti, and the switch leads to the English page and back", async ({ browser }) => {
  const admin = { email: uniqueEmail("zh-admin"), password: "administer-the-lms" };
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  await page.goto("/zh/signup");
  await page.getByLabel("姓名").fill("站点管理员");
  await page.getByLabel("邮箱").fill(admin.email);
  await page.getByLabel("密码").fill(admin.password);
  await page.getByRole("button", { name: "创建账号" }).click();
  await page.waitForURL((url) => url.pathname === "/zh/dashboard");
  // Whoever runs the server decides who administers it (docs/lti.md).
  execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/user-role.ts", admin.email, "ADMIN"], { env: { ...process.env, DATABASE_URL: `file:${E2E_DATABASE}` }, encoding: "utf8" });
  await context.clearCookies();

  await page.goto("/zh/admin/lti");
  await expect(page).toHaveURL(`/zh/signin?callbackUrl=${encodeURIComponent("/zh/admin/lti")}`);
  await signInHere(page, admin);
  await page.waitForURL((url) => url.pathname === "/zh/admin/lti");
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { level: 1, name: "LMS 平台（LTI 1.3）" })).toBeVisible();
  await expect(main.getByRole("heading", { level: 2, name: "本工具的地址" })).toBeVisible();
  await expect(main.getByText("动态注册 URL")).toBeVisible();
  // The e2e server registers LMSs only with one-time links (scripts/e2e-server.mjs).
  await expect(main.getByText(/本站只接受使用一次性链接的 LMS 注册（LTI_DYNAMIC_REGISTRATION=invite）/)).toBeVisible();
  await expect(main.getByRole("heading", { level: 2, name: "手动注册平台" })).toBeVisible();
  await expect(main.getByLabel("签发者（Issuer）")).toBeVisible();
  await expect(main.getByRole("button", { name: "注册平台" })).toBeVisible();

  await page.getByLabel("有效期").selectOption("1h");
  await expect(page.getByLabel("有效期").locator("option:checked")).toHaveText("1 小时");
  await main.getByRole("button", { name: "创建注册链接" }).click();
  await expect(main.getByRole("textbox", { name: "一次性注册链接" })).toHaveValue(/\/api\/lti\/register\?invite=[A-Za-z0-9_-]{43}$/);
  await expect(main.getByText(/它可以注册一个 LMS，有效期至 \d{4}年\d{1,2}月\d{1,2}日.*离开本页前请先复制。/)).toBeVisible();

  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoSeriousA11yViolations(page);
    await page.setViewportSize({ width: 360, height: 800 });
    await expectNoSeriousA11yViolations(page);
    await expectFitsThePhone(page);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  await waitForHydration(page);
  await page.getByRole("banner").getByRole("link", { name: /English/ }).click();
  await page.waitForURL((url) => url.pathname === "/admin/lti");
  await expect(page.getByRole("heading", { level: 1, name: "LMS platforms (LTI 1.3)" })).toBeVisible();
  await waitForHydration(page);
  await page.getByRole("banner").getByRole("link", { name: /中文/ }).click();
  await page.waitForURL((url) => url.pathname === "/zh/admin/lti");
  await expect(page.getByRole("heading", { level: 1, name: "LMS 平台（LTI 1.3）" })).toBeVisible();
  await context.close();
});
