import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { approach, expectNoSeriousA11yViolations, waitForHydration } from "./support";

/**
 * The simulator on a phone: once the ladder is on screen, a learner steps with the controls
 * docked at the bottom and sees the new arrow and the narration without scrolling, by touch and by
 * keyboard; the packet list shows Seq, Ack and Len without scrolling sideways. At desktop width
 * nothing docks.
 */
const SHOTS = join(tmpdir(), "capture-shots");
mkdirSync(SHOTS, { recursive: true });

const PAGES = [
  { path: "/playground", step: "Step", back: "Step back", region: "TCP simulator" },
  { path: "/zh/course/three-way-handshake", step: "单步", back: "后退一步", region: "TCP 模拟器" },
];

/** Scrolls so that the ladder sits between the site header and the docked controls. */
async function bringLadderAboveDock(page: Page, simulator: Locator) {
  // Its code loads as it comes into view (ADR 0950): the controls dock once it is live.
  await approach(simulator);
  await simulator.evaluate((element) => element.scrollIntoView({ block: "center" }));
  const dock = simulator.locator("[data-docked]");
  await expect(dock).toBeVisible();
  const ladder = simulator.locator("[data-ladder]");
  await expect(async () => {
    const box = (await ladder.boundingBox())!;
    const dockBox = (await dock.boundingBox())!;
    await page.evaluate((by) => window.scrollBy(0, by), box.y + box.height - dockBox.y + 8);
    const after = (await ladder.boundingBox())!;
    const header = (await page.locator("header").first().boundingBox())!;
    expect(after.y).toBeGreaterThanOrEqual(header.y + header.height - 1);
    expect(after.y + after.height).toBeLessThanOrEqual((await dock.boundingBox())!.y + 1);
  }).toPass({ timeout: 15_000 });
  return { ladder, dock };
}

const arrows = (simulator: Locator) => simulator.locator("svg g[data-segment]");

for (const width of [360, 390]) {
  for (const { path, step, back, region } of PAGES) {
    test(`${path} at ${width} px: step by touch and by keyboard with the ladder in view`, async ({ browser }) => {
      test.setTimeout(120_000);
      const context = await browser.newContext({ viewport: { width, height: width === 360 ? 740 : 844 }, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      await page.goto(path);
      await waitForHydration(page);
      const simulator = page.getByRole("region", { name: region }).first();
      const { ladder, dock } = await bringLadderAboveDock(page, simulator);

      // The docked controls sit on the bottom edge of the screen.
      const viewport = page.viewportSize()!;
      const dockBox = (await dock.boundingBox())!;
      expect(Math.round(dockBox.y + dockBox.height)).toBe(viewport.height);
      const stepButton = dock.getByRole("button", { name: step, exact: true });
      const narration = dock.getByRole("status");

      const scrollY = await page.evaluate(() => window.scrollY);
      for (let i = 0; i < 3; i++) {
        const before = await arrows(simulator).count();
        const said = await narration.textContent();
        await stepButton.tap();
        await expect(narration).not.toHaveText(said ?? "");
        await expect.poll(() => arrows(simulator).count()).toBeGreaterThanOrEqual(before);
        expect(await page.evaluate(() => window.scrollY)).toBe(scrollY);
      }
      expect(await arrows(simulator).count()).toBeGreaterThan(0);
      // The newest arrow is on screen, above the docked controls.
      const newest = (await arrows(simulator).last().boundingBox())!;
      expect(newest.y).toBeGreaterThanOrEqual((await ladder.boundingBox())!.y);
      expect(newest.y + newest.height).toBeLessThanOrEqual((await dock.boundingBox())!.y);
      await page.screenshot({ path: `${SHOTS}/simulator-${width}-${path.replaceAll("/", "_")}.png` });

      // Keyboard: Enter on the focused Step, then Step back, with focus never hidden behind anything.
      await stepButton.focus();
      const saidBefore = await narration.textContent();
      await page.keyboard.press("Enter");
      await expect(narration).not.toHaveText(saidBefore ?? "");
      await page.keyboard.press("Shift+Tab");
      await expect(dock.getByRole("button", { name: back, exact: true })).toBeFocused();
      await page.keyboard.press("Enter");
      expect(await page.evaluate(() => window.scrollY)).toBe(scrollY);

      // The condensed packet list: Seq, Ack and Len without sideways scrolling.
      const table = simulator.locator("table").first();
      await table.evaluate((element) => element.scrollIntoView({ block: "center" }));
      const scroller = (await table.locator("xpath=..").boundingBox())!;
      for (const column of ["Seq", "Ack", "Len"]) {
        const header = (await table.getByRole("columnheader", { name: column, exact: true }).boundingBox())!;
        expect(header.x + header.width, `${column} is visible`).toBeLessThanOrEqual(scroller.x + scroller.width + 1);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${SHOTS}/simulator-${width}-${path.replaceAll("/", "_")}-packets.png` });
      if (path === "/playground") {
        for (const scheme of ["light", "dark"] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          await expectNoSeriousA11yViolations(page);
        }
      }
      else {
        // The lesson's own tables and boxes are the lesson's business (docs/content.md); the simulators here are checked.
        const results = await new AxeBuilder({ page }).include(`section[aria-label="${region}"]`).analyze();
        expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
      }
      await context.close();
    });
  }
}

for (const { path, step, region } of PAGES) {
  test(`${path} at 360 px by keyboard alone: Tab to Step, the ladder comes into view above the docked controls`, async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(path);
    await waitForHydration(page);
    const simulator = page.getByRole("region", { name: region }).first();
    const stepButton = simulator.getByRole("button", { name: step, exact: true });
    // Only Tab moves the page: the browser scrolls Step into view, the controls dock.
    let presses = 0;
    while (!(await stepButton.evaluate((button) => button === document.activeElement))) {
      expect(++presses, "Step is reached by Tab").toBeLessThan(200);
      await page.keyboard.press("Tab");
    }
    const dock = simulator.locator("[data-docked]");
    await expect(dock).toBeVisible();
    const narration = dock.getByRole("status");
    for (let i = 0; i < 3; i++) {
      const said = await narration.textContent();
      await page.keyboard.press("Enter");
      await expect(narration).not.toHaveText(said ?? "");
    }
    await expect(stepButton).toBeFocused();
    const header = (await page.locator("header").first().boundingBox())!;
    const ladder = simulator.locator("[data-ladder]");
    // The ladder's top (where the exchange starts) below the header, the newest arrow above the dock.
    await expect(async () => {
      const box = (await ladder.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(header.y + header.height - 1);
      const newest = (await arrows(simulator).last().boundingBox())!;
      expect(newest.y).toBeGreaterThanOrEqual(box.y);
      expect(newest.y + newest.height).toBeLessThanOrEqual((await dock.boundingBox())!.y);
    }).toPass({ timeout: 10_000 });
    await page.screenshot({ path: `${SHOTS}/simulator-keyboard-360-${path.replaceAll("/", "_")}.png` });
    await context.close();
  });
}

test("at desktop width the controls stay above the ladder and nothing docks", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/playground");
  await waitForHydration(page);
  const simulator = page.getByRole("region", { name: "TCP simulator" }).first();
  await simulator.evaluate((element) => element.scrollIntoView({ block: "center" }));
  await simulator.getByRole("button", { name: "Step", exact: true }).click();
  await expect(simulator.locator("[data-docked]")).toHaveCount(0);
  const toolbar = (await simulator.getByRole("toolbar").boundingBox())!;
  const ladder = (await simulator.locator("[data-ladder]").boundingBox())!;
  expect(toolbar.y).toBeLessThan(ladder.y);
});

test("of two simulators on a phone, only the one being read docks its controls", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto("/course/three-way-handshake");
  await waitForHydration(page);
  const simulators = page.getByRole("region", { name: "TCP simulator" });
  expect(await simulators.count()).toBeGreaterThanOrEqual(2);
  for (const index of [0, 1]) {
    await simulators.nth(index).evaluate((element) => element.scrollIntoView({ block: "center" }));
    await expect(simulators.nth(index).locator("[data-docked]")).toHaveCount(1);
    await expect(page.locator("[data-docked]")).toHaveCount(1);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(page.locator("[data-docked]")).toHaveCount(0);
  await context.close();
});
