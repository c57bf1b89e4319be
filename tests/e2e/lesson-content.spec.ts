import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import type { ReferenceLesson } from "../support/lesson-reference";
import { DEMO, readThrough, signIn, waitForHydration } from "./support";

/**
 * What a lesson says, to a reader and to a screen reader, must not change with the way pages are
 * made lighter (interactive parts loaded on demand, ADR 0950). For every lesson in both languages:
 *
 * - Its HTML as served, before any of the page's scripts run, reads exactly as the lesson's
 *   content rendered the plain way (tests/support/lesson-reference.tsx: every interactive part
 *   rendered as itself, generated when this file starts, so whatever the lessons say today is the
 *   reference): the same text, the same accessibility tree (Chromium's, as an ARIA snapshot) and
 *   the same layout (where each heading is). Both are read in the same page, with the same styles:
 *   the reference replaces the lesson body.
 * - Its interactive parts come alive where they are as the reader reaches them: the ones far
 *   below the first screen wait until then, every one ends up live, hydrated on the server's own
 *   elements (not drawn again in the browser), its controls enabled, with no error.
 */

test.describe.configure({ mode: "default" });

let reference: ReferenceLesson[] = [];

test.beforeAll(() => {
  const directory = mkdtempSync(path.join(tmpdir(), "lesson-reference-"));
  try {
    const file = path.join(directory, "lessons.json");
    execFileSync("npx", ["tsx", "--import", "./tests/support/server-only-register.mjs", "tests/support/lesson-reference.tsx", file], { stdio: "inherit" });
    reference = JSON.parse(readFileSync(file, "utf8")) as ReferenceLesson[];
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

const CONTENT = path.join(process.cwd(), "content");
const LESSONS = readdirSync(CONTENT)
  .filter((entry) => statSync(path.join(CONTENT, entry)).isDirectory())
  .sort();

const body = (page: Page) => page.locator("article .prose");

/** The text of the lesson body (scripts and templates aside), each run of white space as one space. */
function bodyText(page: Page): Promise<string> {
  return body(page).evaluate((prose) => {
    const copy = prose.cloneNode(true) as HTMLElement;
    for (const element of copy.querySelectorAll("script, style, template")) element.remove();
    return (copy.textContent ?? "").replace(/\s+/g, " ").trim();
  });
}

/** Where each heading of the lesson body is, from the top of the body: the layout the reader sees. */
function headingPositions(page: Page): Promise<number[]> {
  return body(page).evaluate((prose) => {
    const top = prose.getBoundingClientRect().top;
    return [...prose.querySelectorAll("h2, h3")].map((heading) => Math.round(heading.getBoundingClientRect().top - top));
  });
}

type Tagged = { fromServer: boolean };

/** Reads the lesson and checks every interactive part comes alive on the server's elements. */
async function expectPartsComeAlive(page: Page, address: string) {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(address);
  await waitForHydration(page);
  const parts = page.locator("[data-on-demand]");
  const count = await parts.count();
  expect(count, "interactive parts on the page").toBeGreaterThan(0);

  // What is far below the first screen waits for the reader (its code has not been loaded).
  await page.waitForTimeout(1000);
  const far = await parts.evaluateAll((boxes) => boxes.map((box) => (box.firstElementChild?.getBoundingClientRect().top ?? 0) > 3 * innerHeight));
  const states = await parts.evaluateAll((boxes) => boxes.map((box) => (box as HTMLElement).dataset.onDemand));
  expect(states.filter((_, index) => far[index])).toEqual(far.filter(Boolean).map(() => "waiting"));

  await parts.evaluateAll((boxes) => {
    for (const box of boxes) if (box.firstElementChild) (box.firstElementChild as unknown as Tagged).fromServer = true;
  });
  // The parts watch for the reader once they have hydrated, which may come after the header's.
  await expect(page.locator('[data-on-demand]:not([data-on-demand-armed])')).toHaveCount(0);
  await readThrough(page);
  await expect(page.locator('[data-on-demand]:not([data-on-demand="live"])')).toHaveCount(0, { timeout: 30_000 });
  const hydratedInPlace = await parts.evaluateAll((boxes) => boxes.map((box) => (box.firstElementChild as unknown as Tagged | null)?.fromServer === true));
  expect(hydratedInPlace, "each part hydrated on the server's elements").toEqual(Array.from({ length: count }, () => true));
  await expect(page.locator("main fieldset[disabled]")).toHaveCount(0);
  expect(errors).toEqual([]);
}

for (const slug of LESSONS) {
  for (const locale of ["en", "zh"] as const) {
    const address = `${locale === "zh" ? "/zh" : ""}/course/${slug}`;

    test(`${address}: the HTML reads as the lesson's content: text, accessibility tree and layout`, async ({ page }) => {
      const lesson = reference.find((entry) => entry.slug === slug && entry.locale === locale);
      expect(lesson, `a reference for ${address}`).toBeDefined();
      // The HTML as the browser builds it from the server's answer: no script of the page runs
      // (React's inline scripts that put streamed parts in place do).
      await page.route("**/_next/static/**/*.js", (route) => route.abort());
      await page.goto(address);
      await expect(page.locator('div[hidden][id^="S:"]')).toHaveCount(0);
      const served = { text: await bodyText(page), tree: await body(page).ariaSnapshot(), headings: await headingPositions(page) };

      await body(page).evaluate((prose, html) => (prose.innerHTML = html), lesson!.html);
      const expected = { text: await bodyText(page), tree: await body(page).ariaSnapshot(), headings: await headingPositions(page) };
      expect(served.text).toBe(expected.text);
      expect(served.tree).toBe(expected.tree);
      // And it is laid out alike: every heading where it would be.
      expect(served.headings).toEqual(expected.headings);
    });

    test(`${address}: the interactive parts come alive in place as the reader reaches them`, async ({ page }) => {
      test.setTimeout(120_000);
      await expectPartsComeAlive(page, address);
    });
  }
}

test("a part whose streamed HTML is revealed after the page hydrated still comes alive as the reader reaches it", async ({ page }) => {
  test.setTimeout(120_000);
  // React sends a large part after the rest of the page, its placeholder first, and reveals it
  // later (batched, up to a few hundred milliseconds on its own; longer on a busy machine). Here
  // the reveals are held until the page has hydrated, so every part starts out watching its
  // placeholder, which the reveal then replaces.
  await page.addInitScript(() => {
    const held: unknown[][] = [];
    let reveal: ((...args: unknown[]) => void) | undefined;
    let holding = true;
    Object.defineProperty(window, "$RC", {
      configurable: true,
      set: (implementation: (...args: unknown[]) => void) => (reveal = implementation),
      get: () => (...args: unknown[]) => (holding ? held.push(args) : reveal!(...args)),
    });
    Object.assign(window, {
      releaseReveals: () => {
        holding = false;
        for (const args of held.splice(0)) reveal!(...args);
      },
    });
  });
  await page.goto("/course/closing-states");
  await waitForHydration(page);
  await expect(page.locator('[data-on-demand]:not([data-on-demand-armed])')).toHaveCount(0);
  const held = await page.locator('div[hidden][id^="S:"]').count();
  expect(held, "parts whose reveal is held").toBeGreaterThan(0);

  await page.evaluate(() => (window as unknown as { releaseReveals: () => void }).releaseReveals());
  await expect(page.locator('div[hidden][id^="S:"]')).toHaveCount(0);
  await readThrough(page);
  await expect(page.locator('[data-on-demand]:not([data-on-demand="live"])')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.locator("main fieldset[disabled]")).toHaveCount(0);
});

for (const slug of LESSONS) {
  for (const locale of ["en", "zh"] as const) {
    const address = `${locale === "zh" ? "/zh" : ""}/course/${slug}`;
    test(`${address}: fits a phone's width while its interactive parts wait @phone`, async ({ page }) => {
      await page.goto(address);
      await waitForHydration(page);
      await expect(page.locator('[data-on-demand="waiting"]').first()).toBeAttached();
      await expect(page.locator('div[hidden][id^="S:"]')).toHaveCount(0);
      // The server's HTML of the parts still waiting may not make the page scroll sideways.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(1);
    });
  }
}

test("a signed-in reader's lesson keeps its interactive parts in place while progress is saved", async ({ page }) => {
  test.setTimeout(120_000);
  // The session and the reading progress arrive after the page: they must not make React draw the
  // parts that are still waiting again (ADR 0950).
  await signIn(page, DEMO.student, "/course/three-way-handshake");
  await expectPartsComeAlive(page, "/course/three-way-handshake");
});
