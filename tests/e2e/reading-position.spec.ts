import { expect, test, type Locator, type Page, type Route } from "@playwright/test";
import { holdRequests, waitForHydration } from "./support";

/**
 * Components that finish loading after the page (the capture viewer reading its sample, the
 * quiz fetching its questions, the labs computing in a worker) must not move the section a
 * reader has scrolled to. Each test holds that loading back until the reader is in place, as a
 * slow network or a slow phone would.
 */

const isQuizLoad = (route: Route) => route.request().method() === "POST" && route.request().headers()["next-action"] !== undefined;
const isCaptureSample = (route: Route) => new URL(route.request().url()).pathname.startsWith("/captures/");
/** The labs' worker script (the bundler names its bootstrap "turbopack-worker"). */
const isLabWorker = (route: Route) => /turbopack-worker|lab\.worker/.test(route.request().url());

/** Scrolls as a reader does (a wheel event first) until `target` is at the top; returns where it is. */
async function readFrom(page: Page, target: Locator): Promise<number> {
  await page.mouse.wheel(0, 1);
  await target.evaluate((node) => node.scrollIntoView({ block: "start" }));
  return topOf(target);
}

function topOf(target: Locator): Promise<number> {
  return target.evaluate((node) => node.getBoundingClientRect().top);
}

const heading = (page: Page, name: string) => page.getByRole("heading", { name, exact: true });

for (const lesson of [
  { path: "/course/tcp-header-and-flags", heading: "A refused connection", viewer: "Capture viewer", question: /Question 1 of/ },
  { path: "/zh/course/tcp-header-and-flags", heading: "被拒绝的连接", viewer: "抓包查看器", question: /第 1 题/ },
]) {
  test(`the capture viewer and the quiz do not move the section being read when they finish loading (${lesson.path}) @phone`, async ({ page }) => {
    const held = await holdRequests(page, (route) => isCaptureSample(route) || isQuizLoad(route));
    await page.goto(lesson.path);
    await waitForHydration(page);
    await expect.poll(held.count).toBeGreaterThanOrEqual(2);

    // Right below the capture viewer, above the quiz.
    const reading = heading(page, lesson.heading);
    const before = await readFrom(page, reading);
    await held.release();
    // The sample has been read once the viewer offers its connections (a second list).
    await expect(page.getByRole("region", { name: lesson.viewer }).getByRole("combobox").nth(1)).toBeVisible();
    await expect(page.getByText(lesson.question)).toBeAttached();
    // Both have grown now; what the reader sees has not moved.
    expect(Math.abs((await topOf(reading)) - before)).toBeLessThanOrEqual(2);
  });
}

test("the quiz does not move the summary below it when its questions arrive", async ({ page }) => {
  const held = await holdRequests(page, isQuizLoad);
  await page.goto("/course/three-way-handshake");
  await waitForHydration(page);
  await expect.poll(held.count).toBeGreaterThanOrEqual(1);

  const reading = heading(page, "Summary");
  const before = await readFrom(page, reading);
  await held.release();
  await expect(page.getByText(/Question 1 of/)).toBeAttached();
  expect(Math.abs((await topOf(reading)) - before)).toBeLessThanOrEqual(2);
});

test("a lab computing its first result does not move the text below it @phone", async ({ page }) => {
  const held = await holdRequests(page, isLabWorker);
  await page.goto("/course/many-time-wait-sockets");
  await waitForHydration(page);
  await expect.poll(held.count).toBeGreaterThan(0);

  // The paragraph right after the TIME-WAIT lab.
  const reading = page.getByText("This is easy to reproduce.");
  const before = await readFrom(page, reading);
  await held.release();
  await expect(page.getByRole("region", { name: "TIME-WAIT lab" }).getByText(/Computed in \d+ ms/)).toBeVisible();
  expect(Math.abs((await topOf(reading)) - before)).toBeLessThanOrEqual(2);
});
