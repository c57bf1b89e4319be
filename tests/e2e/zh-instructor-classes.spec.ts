import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectNoSeriousA11yViolations, queryDatabase, waitForHydration } from "./support";

/**
 * An instructor's class in Chinese under /zh: created (after a refused field, explained in
 * Chinese with what was typed kept), edited, archived and restored, with every message in
 * Chinese; the language switch keeps the class page; an ended session is said in Chinese too.
 * Each state of the page is axe clean.
 */

const HAN = /\p{Script=Han}/u;

async function signInHere(page: Page, callbackUrl: string) {
  await page.goto(`/zh/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await expect(page.getByRole("heading", { level: 1, name: "登录" })).toBeVisible();
  await page.getByLabel("邮箱").fill(DEMO.instructor.email);
  await page.getByLabel("密码").fill(DEMO.instructor.password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => url.pathname === callbackUrl);
  await waitForHydration(page);
}

test.describe.configure({ timeout: 240_000 });

test("an instructor creates, edits, archives and restores a class in Chinese, and the language switch keeps the class page", async ({ page }) => {
  const run = Math.random().toString(36).slice(2, 7);
  await signInHere(page, "/zh/instructor");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  const main = page.getByRole("main");

  // A name of spaces only is refused: the field says why in Chinese, and nothing chosen is lost.
  const name = main.getByLabel("班级名称");
  const zone = main.getByLabel("时区");
  await name.fill("   ");
  await zone.selectOption("Asia/Shanghai");
  await main.getByRole("button", { name: "创建班级" }).click();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  const nameError = page.locator(`#${await name.getAttribute("id")}-error`);
  await expect(nameError).toHaveText(HAN);
  await expect(nameError).toHaveText("请输入名称");
  await expect(name).toHaveAccessibleDescription(/请输入名称/);
  await expect(zone).toHaveValue("Asia/Shanghai");
  await expect(name).toHaveValue("   ");
  expect(queryDatabase('SELECT id FROM "Classroom" WHERE name = ?', "   ")).toEqual([]);
  await expectNoSeriousA11yViolations(page);

  // Fixed, the class is created and opens in Chinese.
  const created = `网络课 ${run}`;
  await name.fill(created);
  await main.getByRole("button", { name: "创建班级" }).click();
  await page.waitForURL(/\/zh\/instructor\/classes\/[^/]+$/);
  const classPath = new URL(page.url()).pathname;
  const classId = classPath.split("/").pop() as string;
  await expect(page.getByRole("heading", { level: 1, name: created })).toBeVisible();
  expect(queryDatabase<{ name: string; timeZone: string }>('SELECT name, timeZone FROM "Classroom" WHERE id = ?', classId)).toEqual([
    { name: created, timeZone: "Asia/Shanghai" },
  ]);
  await expectNoSeriousA11yViolations(page);

  // Edited in its settings: the confirmation is Chinese.
  const settings = main.locator("#settings");
  const renamed = `网络课（春季）${run}`;
  await settings.getByLabel("班级名称").fill(renamed);
  await settings.getByRole("button", { name: "保存" }).click();
  await expect(settings.getByText("班级设置已保存。")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: renamed })).toBeVisible();

  // Archived (after the Chinese confirmation) and restored.
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toBe("归档这个班级吗？学生将看不到它。");
    void dialog.accept();
  });
  await settings.getByRole("button", { name: "归档班级" }).click();
  await expect(main.getByText(/这个班级已归档：学生看不到它，也不能做任何修改。/)).toBeVisible();
  await expect(page.getByText("已归档 · 只读")).toBeVisible();
  expect(queryDatabase<{ archivedAt: unknown }>('SELECT archivedAt FROM "Classroom" WHERE id = ?', classId)[0]?.archivedAt).not.toBeNull();
  await expectNoSeriousA11yViolations(page);
  await settings.getByRole("button", { name: "恢复班级" }).click();
  await expect(settings.getByRole("button", { name: "归档班级" })).toBeVisible();
  await expect(main.getByText(/这个班级已归档/)).toHaveCount(0);
  expect(queryDatabase<{ archivedAt: unknown }>('SELECT archivedAt FROM "Classroom" WHERE id = ?', classId)[0]?.archivedAt).toBeNull();

  // The language switch leads to the same class in English and back.
  await waitForHydration(page);
  await page.getByRole("banner").getByRole("link", { name: /English/ }).click();
  await page.waitForURL((url) => url.pathname === `/instructor/classes/${classId}`);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: renamed })).toBeVisible();
  await expect(main.getByRole("button", { name: "Archive class" })).toBeVisible();
  await waitForHydration(page);
  await page.getByRole("banner").getByRole("link", { name: /中文/ }).click();
  await page.waitForURL((url) => url.pathname === classPath);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(main.locator("#settings").getByRole("button", { name: "归档班级" })).toBeVisible();

  // The session ends while the name is being changed: the form says so in Chinese and keeps the name.
  await waitForHydration(page);
  const kept = `网络课（秋季）${run}`;
  await settings.getByLabel("班级名称").fill(kept);
  await page.context().clearCookies({ name: "next-auth.session-token" });
  await settings.getByRole("button", { name: "保存" }).click();
  const ended = page.getByRole("alert").filter({ hasText: "你的登录已失效" });
  await expect(ended).toBeVisible();
  await expect(ended).not.toContainText(/session|sign in/i);
  await expect(ended.getByRole("link", { name: "重新登录" })).toHaveAttribute("href", new RegExp(`^/zh/signin\\?callbackUrl=${encodeURIComponent(classPath)}`));
  await expect(settings.getByLabel("班级名称")).toHaveValue(kept);
  await expectNoSeriousA11yViolations(page);
});
