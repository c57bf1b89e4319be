import { expect, test, type Locator, type Page, type Route } from "@playwright/test";
import { holdRequests, waitForHydration } from "./support";

/**
 * Components that finish loading after the page (the capture viewer reading its sample, the
 * quiz fetching its questions, the labs computing in a worker) must not move the section a
 * reader has scrolled to. A lesson loads them as the reader comes near (ADR 0950); each test
 * holds that loading back until the reader is in place, as a slow network or a slow phone would.
 */

const isQuizLoad = (route: Route) => route.request().method() === "POST" && route.request().headers()["next-action"] !== undefined;
const isCaptureSample = (route: Route) => new URL(route.request().url()).pathname.startsWith("/captures/");
/** The labs' worker script (its chunk is named "lab.worker" in components/simulator/worker-client.ts). */
const isLabWorker = (route: Route) => /lab\.worker/.test(route.request().url());

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
  { path: "/course/tcp-header-and-flags", heading: "A refused connection", viewer: "Capture viewer" },
  { path: "/zh/course/tcp-header-and-flags", heading: "被拒绝的连接", viewer: "抓包查看器" },
]) {
  // The quiz further down loads only when the reader comes near it, below what they read: the
  // test below holds it back where it is above the reader.
  test(`the capture viewer does not move the section being read when it finishes loading (${lesson.path}) @phone`, async ({ page }) => {
    const held = await holdRequests(page, isCaptureSample);
    await page.goto(lesson.path);
    await waitForHydration(page);

    // Right below the capture viewer, which starts loading as the reader arrives.
    const reading = heading(page, lesson.heading);
    const before = await readFrom(page, reading);
    await expect.poll(held.count).toBeGreaterThanOrEqual(1);
    expect(Math.abs((await topOf(reading)) - before)).toBeLessThanOrEqual(2);
    await held.release();
    // The sample has been read once the viewer offers its connections (a second list).
    await expect(page.getByRole("region", { name: lesson.viewer }).getByRole("combobox").nth(1)).toBeVisible();
    // It has grown now; what the reader sees has not moved.
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

  // The paragraph right after the TIME-WAIT lab, which starts loading as the reader arrives.
  const reading = page.getByText("This is easy to reproduce.");
  const before = await readFrom(page, reading);
  await expect.poll(held.count).toBeGreaterThan(0);
  expect(Math.abs((await topOf(reading)) - before)).toBeLessThanOrEqual(2);
  await held.release();
  await expect(page.getByRole("region", { name: "TIME-WAIT lab" }).getByText(/Computed in \d+ ms/)).toBeVisible();
  expect(Math.abs((await topOf(reading)) - before)).toBeLessThanOrEqual(2);
});
