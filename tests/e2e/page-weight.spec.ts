import { expect, test } from "@playwright/test";
import { waitForHydration } from "./support";

/** What a page downloads before the reader does anything: the search page's code is fetched when the reader heads for the header's search link, not with every page. */

test("the header's search link fetches the search page when the reader points at it, not with the page", async ({ page }) => {
  const searchFetches: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/search") searchFetches.push(request.url());
  });
  await page.goto("/about");
  await waitForHydration(page);
  await page.waitForTimeout(1500);
  expect(searchFetches).toEqual([]);

  const link = page.getByRole("banner").getByRole("link", { name: "Search" });
  await link.hover();
  await expect.poll(() => searchFetches.length).toBeGreaterThan(0);
  await link.click();
  await expect(page).toHaveURL(/\/search$/);
  await expect(page.getByLabel("Search the lessons")).toBeFocused();
});
