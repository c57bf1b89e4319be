import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations, queryDatabase, uniqueEmail, waitForHydration } from "./support";

const SLUG = "tcp-header-and-flags";
const EN_LESSON = `/course/${SLUG}`;
const ZH_LESSON = `/zh/course/${SLUG}`;

/**
 * Scrolls like a reader: the heading ends up near the top of the window. A reader's scrolling
 * starts with a wheel event, which also tells the page (KeepSectionInView) that the reader has
 * taken over from the section named in the address; a script's scroll alone would be undone.
 */
async function scrollToTop(page: Page, heading: string) {
  await page.mouse.wheel(0, 1);
  await page.getByRole("heading", { name: heading }).evaluate((element) => element.scrollIntoView({ block: "start" }));
}

test("a lesson reads in English and in Chinese, each with its language, chrome and credit @phone", async ({ page }) => {
  await page.goto(EN_LESSON);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "The TCP header and its flags" })).toBeVisible();
  await expect(page.locator("[data-attribution]").getByRole("link", { name: "TCP的三次握手四次挥手" })).toHaveAttribute(
    "href",
    "https://www.cnblogs.com/yuyutianxia/p/4831755.html",
  );

  await page.goto(ZH_LESSON);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1, name: "TCP 首部与标志位" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "学完本课，你将能够" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "面包屑导航" })).toContainText("第 1 课");
  await expect(page.locator('[data-callout="correction"]').first()).toContainText("对原文的更正");
  const credit = page.locator("[data-attribution]");
  await expect(credit).toContainText("本课程译写自");
  await expect(credit.getByRole("link", { name: "TCP的三次握手四次挥手" })).toHaveAttribute("href", "https://www.cnblogs.com/yuyutianxia/p/4831755.html");
  await expect(page.getByRole("navigation", { name: "课程导航" })).toBeAttached();
});

test("switching language keeps the reader on the same lesson and section", async ({ page }) => {
  await page.goto(EN_LESSON);
  await waitForHydration(page);
  await scrollToTop(page, "The other flags");
  // The header stays in view while reading, so its switch knows the section being read.
  await page.getByRole("banner").getByRole("link", { name: /中文/ }).click();
  await expect(page).toHaveURL(new RegExp(`${ZH_LESSON}#${encodeURIComponent("其他标志位")}$`));
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 2, name: "其他标志位" })).toBeInViewport();

  // Back through the header switch, from a section further down.
  await waitForHydration(page);
  await scrollToTop(page, "被拒绝的连接");
  await page.getByRole("banner").getByRole("link", { name: /English/ }).click();
  await expect(page).toHaveURL(new RegExp(`${EN_LESSON}#a-refused-connection$`));
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 3, name: "A refused connection" })).toBeInViewport();

  // The switch at the top of the lesson leads to the top of the same lesson.
  await page.goto(EN_LESSON);
  await page.getByRole("main").getByRole("link", { name: /阅读中文版/ }).click();
  await expect(page).toHaveURL(new RegExp(`${ZH_LESSON}$`));
  await expect(page.getByRole("heading", { level: 1, name: "TCP 首部与标志位" })).toBeVisible();
});

test("every localised page declares its language and its alternates", async ({ page }) => {
  for (const [path, lang] of [
    ["/", "en"],
    ["/zh", "zh-CN"],
    ["/course", "en"],
    ["/zh/course", "zh-CN"],
    ["/glossary", "en"],
    ["/zh/glossary", "zh-CN"],
    ["/about", "en"],
    ["/zh/about", "zh-CN"],
    ["/playground", "en"],
    ["/zh/playground", "zh-CN"],
  ] as const) {
    await page.goto(path);
    await expect(page.locator("html"), path).toHaveAttribute("lang", lang);
  }
  await page.goto(ZH_LESSON);
  await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute("href", EN_LESSON);
  await expect(page.locator('link[rel="alternate"][hreflang="zh-CN"]')).toHaveAttribute("href", ZH_LESSON);
  await expect(page.getByRole("link", { name: "关于本课程" })).toHaveAttribute("href", "/zh/about");
  await page.goto("/zh/about");
  await expect(page.getByRole("main").getByRole("link", { name: "TCP的三次握手四次挥手" })).toHaveAttribute(
    "href",
    "https://www.cnblogs.com/yuyutianxia/p/4831755.html",
  );
  await expect(page.getByRole("heading", { name: "我们如何更正原文" })).toBeVisible();
  await page.goto("/zh/playground");
  await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute("href", "/playground");
  await expect(page.locator('link[rel="alternate"][hreflang="zh-CN"]')).toHaveAttribute("href", "/zh/playground");
});

test("a glossary term in a lesson explains itself on keyboard focus and leads to its entry", async ({ page }) => {
  await page.goto(ZH_LESSON);
  const term = page.locator('main a[data-term="fin"]').first();
  await term.scrollIntoViewIfNeeded();
  // Reach the term from the link before it, as a keyboard user would.
  await term.evaluate((element) => {
    const links = [...document.querySelectorAll<HTMLElement>("main a")];
    links[links.indexOf(element as HTMLElement) - 1]?.focus();
  });
  await page.keyboard.press("Tab");
  await expect(term).toBeFocused();
  const tooltip = page.getByRole("tooltip").filter({ hasText: "发送方已没有数据要发送" });
  await expect(tooltip).toBeVisible();
  await expect(term).toHaveAccessibleDescription(/发送方已没有数据要发送/);
  await page.keyboard.press("Escape");
  await expect(tooltip).toBeHidden();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/zh\/glossary#fin$/);
  await expect(page.locator("#fin")).toBeInViewport();
  await expect(page.locator("#fin")).toContainText("FIN（结束）");
});

test("search finds lesson sections in English and in Chinese", async ({ page }) => {
  await page.goto(EN_LESSON);
  await page.getByRole("banner").getByRole("link", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/search$/);
  await page.getByLabel("Search the lessons").fill("half-closed");
  await expect(page.getByRole("status")).toContainText(/results? for “half-closed”/);
  const english = page.getByRole("main").locator(`a[href^="/course/${SLUG}#"]`).first();
  await expect(english).toBeVisible();
  await english.click();
  await expect(page).toHaveURL(new RegExp(`/course/${SLUG}#`));

  await page.goto("/zh/search?q=%E5%8D%8A%E5%85%B3%E9%97%AD");
  await expect(page.getByLabel("搜索课程内容")).toHaveValue("半关闭");
  await expect(page.getByRole("status")).toContainText("条结果");
  const chinese = page.getByRole("main").locator(`a[href^="/zh/course/${SLUG}#"]`).first();
  await expect(chinese).toBeVisible();
  await chinese.click();
  await expect(page).toHaveURL(new RegExp(`/zh/course/${SLUG}#`));
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});

test("a Chinese reader signs up in Chinese and comes back to the lesson they were reading", async ({ page }) => {
  await page.goto(ZH_LESSON);
  await page.getByRole("banner").getByRole("link", { name: "注册" }).click();
  await expect(page).toHaveURL(/\/zh\/signup\?callbackUrl=/);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1, name: "创建你的账号" })).toBeVisible();

  // The server explains each mistake in the form's language, and keeps what was typed.
  await page.getByLabel("姓名").fill("  ");
  await page.getByLabel("邮箱").fill("不是邮箱");
  await page.getByLabel("密码").fill("短");
  await page.getByRole("button", { name: "创建账号" }).click();
  await expect(page.getByText("请输入你的姓名")).toBeVisible();
  await expect(page.getByText("请输入有效的邮箱地址")).toBeVisible();
  await expect(page.getByText("至少需要 8 个字符")).toBeVisible();
  await expect(page.getByLabel("邮箱")).toHaveValue("不是邮箱");

  const email = uniqueEmail("zh-learner");
  await page.getByLabel("姓名").fill("李雷");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill("a-good-long-password");
  await page.getByRole("button", { name: "创建账号" }).click();
  await expect(page).toHaveURL(new RegExp(`${ZH_LESSON}$`));
  await expect(page.getByRole("banner").getByRole("link", { name: "学习面板" })).toBeVisible();
  expect(queryDatabase<{ n: number }>('SELECT COUNT(*) AS n FROM "User" WHERE email = ?', email)[0]?.n).toBe(1);

  // Their dashboard is in Chinese too, and leads back into the Chinese lessons.
  await page.getByRole("banner").getByRole("link", { name: "学习面板" }).click();
  await expect(page).toHaveURL(/\/zh\/dashboard$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1, name: "你好，李雷" })).toBeVisible();
  for (const heading of ["下一步", "你的课程进度", "最近的学习", "掌握程度", "作业"]) {
    await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
  }
  await expect(page.getByRole("main").getByRole("link", { name: /TCP 首部与标志位/ }).first()).toHaveAttribute("href", ZH_LESSON);
  await expectNoSeriousA11yViolations(page);

  // Signing in, in Chinese: a wrong password is refused in Chinese; the switch keeps where to return to.
  await page.context().clearCookies();
  await page.goto(`/zh/signin?callbackUrl=${encodeURIComponent(ZH_LESSON)}`);
  await expect(page.getByRole("heading", { level: 1, name: "登录" })).toBeVisible();
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill("not-the-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByText("邮箱或密码不正确。")).toBeVisible();
  await waitForHydration(page);
  await page.getByRole("banner").getByRole("link", { name: /English/ }).click();
  await expect(page).toHaveURL(`/signin?callbackUrl=${encodeURIComponent(ZH_LESSON)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
});

for (const scheme of ["light", "dark"] as const) {
  test(`Chinese pages, the glossary and search have no serious accessibility violations (${scheme})`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of [ZH_LESSON, "/zh/glossary", "/glossary", "/zh/search?q=TIME_WAIT", "/search?q=tcp_tw_reuse", "/zh/signin", "/zh/signup"]) {
      await page.goto(path);
      if (path.includes("search")) await expect(page.getByRole("status")).toContainText(/results? for|条结果/);
      await expectNoSeriousA11yViolations(page);
    }
  });
}
