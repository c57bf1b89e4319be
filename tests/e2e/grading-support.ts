import { expect, type Page } from "@playwright/test";

/**
 * Fails when a word of the page's main content is split over two lines ("the s erver"): every
 * run of letters and digits must sit on one line. Breaks at spaces, hyphens, slashes and arrows
 * are how text wraps and are allowed.
 */
export async function expectNoWordsBrokenAcrossLines(page: Page, selector = "main") {
  const broken = await page.locator(selector).evaluate((root) => {
    const found: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode as Text;
      const parent = node.parentElement;
      if (!parent || parent.closest("svg, .sr-only, [aria-hidden='true']")) continue;
      for (const match of (node.textContent ?? "").matchAll(/[^\s\-–—/→·,;:()]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index ?? 0);
        range.setEnd(node, (match.index ?? 0) + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) found.push(match[0]);
      }
    }
    return found;
  });
  expect(broken, "words broken across lines").toEqual([]);
}
