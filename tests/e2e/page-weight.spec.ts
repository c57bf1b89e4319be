import { expect, test, type Page } from "@playwright/test";
import { approach, waitForHydration } from "./support";

/**
 * What a page downloads before the reader does anything (ADR 0960): the playground's parts below
 * the first screen load as the reader comes near them, and the search page's code is fetched when
 * the reader heads for the header's search link, not with every page.
 */

const wrapperOf = (page: Page, region: string) => page.getByRole("region", { name: region }).locator("xpath=ancestor::*[@data-on-demand][1]");

test("the playground loads its simulator with the page and its capture viewer only when the reader comes near it", async ({ page }) => {
  await page.goto("/playground");
  await waitForHydration(page);
  await expect(wrapperOf(page, "TCP simulator")).toHaveAttribute("data-on-demand", "live");
  const viewer = wrapperOf(page, "Capture viewer");
  await expect(viewer).toHaveAttribute("data-on-demand-armed", "");
  // Far below the first screen: it stays the server's HTML, its controls disabled, its code not loaded.
  await page.waitForTimeout(1000);
  await expect(viewer).toHaveAttribute("data-on-demand", "waiting");
  await expect(page.getByRole("region", { name: "Capture viewer" }).getByLabel("Sample capture")).toBeDisabled();

  await approach(page.getByRole("region", { name: "Capture viewer" }));
  await expect(page.getByRole("region", { name: "Capture viewer" }).getByLabel("Sample capture")).toBeEnabled();
});

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
