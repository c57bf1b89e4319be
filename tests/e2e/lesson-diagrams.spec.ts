import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

/**
 * Lesson diagrams on a 360 px phone: the drawings are wider than the screen, so each sits in a
 * box that scrolls sideways. Keyboard users must be able to reach and scroll that box (axe
 * "scrollable-region-focusable"), and a screen reader must hear what it is, in the page's language.
 * Lesson tables scroll the same way and take focus too.
 */

const PAGES = [
  { slug: "tcp-header-and-flags", regions: { en: ["TCP header diagram, scrolls sideways"], zh: ["TCP 首部示意图，可左右滚动"] } },
  { slug: "closing-states", regions: { en: ["TCP state diagram, scrolls sideways", /: diagram, scrolls sideways$/], zh: ["TCP 状态图，可左右滚动", /：示意图，可左右滚动$/] } },
] as const;

test.use({ viewport: { width: 360, height: 800 } });

for (const { slug, regions } of PAGES) {
  for (const locale of ["en", "zh"] as const) {
    for (const colorScheme of ["light", "dark"] as const) {
      test(`${locale === "zh" ? "/zh" : ""}/course/${slug} at 360 px, ${colorScheme}: its diagrams scroll from the keyboard and pass axe`, async ({ page }) => {
        test.setTimeout(120_000);
        await page.emulateMedia({ colorScheme });
        await page.goto(`${locale === "zh" ? "/zh" : ""}/course/${slug}`);
        if (colorScheme === "dark") await expect(page.locator("html")).toHaveClass(/dark/);

        for (const name of regions[locale]) {
          const region = page.getByRole("region", { name }).first();
          await expect(region).toBeVisible();
          await expect(region).toHaveAttribute("tabindex", "0");
          await region.scrollIntoViewIfNeeded();
          // Reached with Tab from the element before it, with the site's visible focus ring.
          await region.evaluate((element) => {
            const before = document.createElement("button");
            before.textContent = "before";
            element.before(before);
            before.focus();
          });
          await page.keyboard.press("Tab");
          await expect(region).toBeFocused();
          const ring = await region.evaluate((element) => getComputedStyle(element));
          expect(ring.outlineStyle).toBe("solid");
          expect(Number.parseFloat(ring.outlineWidth)).toBeGreaterThanOrEqual(2);
          await page.evaluate(() => document.querySelectorAll("button").forEach((b) => b.textContent === "before" && b.remove()));

          const { scrollWidth, clientWidth } = await region.evaluate((element) => ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth }));
          if (scrollWidth > clientWidth) {
            // The arrow keys scroll it.
            await page.keyboard.press("ArrowRight");
            await page.keyboard.press("ArrowRight");
            await expect.poll(() => region.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
          }
        }

        for (const table of await page.locator("main .prose > table").all()) await expect(table).toHaveAttribute("tabindex", "0");

        const results = await new AxeBuilder({ page }).include("main").analyze();
        const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
        expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
      });
    }
  }
}
