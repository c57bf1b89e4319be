import { expect, type Locator, type Page } from "@playwright/test";
import { uniqueEmail } from "./support";

/** A fresh student account, signed in, so tests never share completions. */
export async function signUpStudent(page: Page, prefix = "sim"): Promise<string> {
  const email = uniqueEmail(prefix);
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Simulator Tester");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("learn-tcp-by-doing");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  return email;
}

/**
 * Presses Tab (only the keyboard; Shift+Tab with `backward`, as a keyboard user goes back) until
 * the focused element has the given accessible name (aria-label or text) and lies inside an
 * element labelled `within`, if given.
 */
export async function tabTo(page: Page, name: string | RegExp, within?: string, limit = 400, backward = false): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press(backward ? "Shift+Tab" : "Tab");
    const focused = await page.evaluate((scope) => {
      const element = document.activeElement as HTMLElement | null;
      if (!element) return null;
      const label = element.getAttribute("aria-label") ?? element.textContent?.trim() ?? "";
      const inside = scope === null ? true : element.closest(`[aria-label="${scope}"]`) !== null;
      return { label, inside };
    }, within ?? null);
    if (focused && focused.inside && (typeof name === "string" ? focused.label === name : name.test(focused.label))) return;
  }
  throw new Error(`Tab never reached "${String(name)}"${within ? ` in "${within}"` : ""}`);
}

export function simulator(page: Page, index = 0): Locator {
  return page.getByRole("region", { name: "TCP simulator" }).nth(index);
}

/** The "step N of M" indicator's numbers. */
export async function stepOf(region: Locator): Promise<{ step: number; total: number }> {
  const text = (await region.getByText(/^step \d+ of \d+/).textContent()) ?? "";
  const match = /step (\d+) of (\d+)/.exec(text);
  return { step: Number(match?.[1]), total: Number(match?.[2]) };
}

/** Fails if the page itself scrolls sideways (inner scrolling areas are fine). */
export async function expectNoHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
}
