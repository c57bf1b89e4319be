import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import Database from "better-sqlite3";
import { expect, type Locator, type Page, type Route } from "@playwright/test";

/** The database the e2e server runs on (scripts/e2e-server.mjs), read directly to check writes. */
export const E2E_DATABASE = path.join(process.cwd(), "data", `e2e-${process.env.E2E_PORT ?? "3210"}`, "e2e.db");

export function queryDatabase<T>(sql: string, ...params: unknown[]): T[] {
  const connection = new Database(E2E_DATABASE, { readonly: true, fileMustExist: true });
  try {
    return connection.prepare(sql).all(...params) as T[];
  } finally {
    connection.close();
  }
}

export const DEMO = {
  instructor: { email: "instructor@example.com", password: "teach-tcp-demo" },
  student: { email: "ada@example.com", password: "learn-tcp-demo" },
};

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
}

export async function signIn(page: Page, account: { email: string; password: string }, callbackUrl = "/dashboard") {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === callbackUrl.split(/[?#]/)[0]);
}

/** Fails on any serious or critical accessibility violation, listing what axe found. */
export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
  ).toEqual([]);
}

/** Holds matching requests until `release` is called. */
export async function holdRequests(page: Page, matches: (route: Route) => boolean) {
  const held: Route[] = [];
  let released = false;
  await page.route("**/*", async (route) => {
    if (released || !matches(route)) return route.fallback();
    held.push(route);
  });
  return {
    count: () => held.length,
    release: async () => {
      released = true;
      await Promise.all(held.splice(0).map((route) => route.fallback()));
    },
  };
}

/** Waits until React has hydrated the page (the header's language switch marks itself then). */
export async function waitForHydration(page: Page) {
  await expect(page.locator('[data-language-switch="header"][data-hydrated]')).toBeAttached();
}

/** Scrolls through the page a screen at a time, as a reader does, so a lesson's interactive parts load as they come near (ADR 0950). */
export async function readThrough(page: Page) {
  for (let y = 0; ; ) {
    const { height, viewport } = await page.evaluate(() => ({ height: document.documentElement.scrollHeight, viewport: innerHeight }));
    if (y >= height) break;
    y += Math.round(viewport * 0.8);
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(150);
  }
}

/** Brings every interactive part of a lesson to life (read through, then each one still waiting scrolled into view), for checks of the whole page. */
export async function bringPartsToLife(page: Page) {
  await waitForHydration(page);
  await expect(page.locator('[data-on-demand]:not([data-on-demand-armed])')).toHaveCount(0);
  await readThrough(page);
  const waiting = page.locator('[data-on-demand="waiting"]');
  for (let left = await waiting.count(); left > 0; left = await waiting.count()) {
    await waiting.first().evaluate((box) => box.firstElementChild?.scrollIntoView({ block: "center" }));
    await expect.poll(() => waiting.count(), { timeout: 30_000 }).toBeLessThan(left);
  }
}

/** Scrolls an interactive part into view, as a reader does, and waits until its code has loaded and it is live (ADR 0950). */
export async function approach(part: Locator) {
  // The element the locator found can be swapped while the page settles (a hydrating boundary
  // replaces it): scroll again to the element found now until one holds still long enough.
  await expect(async () => {
    await part.scrollIntoViewIfNeeded({ timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
  await expect(part.locator("xpath=ancestor::*[@data-on-demand][1]")).toHaveAttribute("data-on-demand", "live", { timeout: 30_000 });
}
