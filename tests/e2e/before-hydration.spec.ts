import { expect, test, type Route } from "@playwright/test";
import { approach, holdRequests } from "./support";

/**
 * The server's HTML shows the simulators' controls before their script runs. A click then would do
 * nothing and a value chosen then would stay in the page while the component went on with the
 * old one, so the controls wait, disabled, until the page is live; and whichever of the first sample and the reader's first
 * choice finishes reading last, the reader's choice is what shows.
 */

/** The page's JavaScript (its stylesheets load: a held stylesheet would hold the HTML back too). */
const isPageScript = (route: Route) => /^\/_next\/static\/chunks\/.+\.js$/.test(new URL(route.request().url()).pathname);
const isSample = (file: string) => (route: Route) => new URL(route.request().url()).pathname === `/captures/${file}`;

test("the simulators' controls wait for the page's script, then take the reader's choice", async ({ page }) => {
  const scripts = await holdRequests(page, isPageScript);
  await page.goto("/playground", { waitUntil: "commit" });
  await expect.poll(scripts.count).toBeGreaterThan(0);

  const viewer = page.getByRole("region", { name: "Capture viewer" });
  const simulator = page.getByRole("region", { name: "TCP simulator" });
  const lab = page.getByRole("region", { name: "TIME-WAIT lab" });
  const dormant = [
    viewer.getByLabel("Sample capture"),
    viewer.getByLabel("Open a capture file (.pcap, .pcapng)"),
    simulator.getByLabel("Scenario"),
    simulator.getByRole("radio", { name: "RFC 9293" }),
    simulator.getByRole("button", { name: "Step", exact: true }),
    page.getByRole("button", { name: "Copy a link to this state" }),
    lab.getByRole("radio").first(),
  ];
  for (const control of dormant) await expect(control).toBeDisabled();

  await scripts.release();
  // Every part loads as the reader comes near it (ADR 0950): the simulator at the top too, which
  // a quick scroll to the parts below could otherwise pass before the page has seen it in view.
  await approach(simulator);
  await approach(lab);
  await approach(viewer);
  for (const control of dormant) await expect(control).toBeEnabled();
  await viewer.getByLabel("Sample capture").selectOption("simultaneous-close");
  await expect(viewer.getByLabel("Connection", { exact: true })).toContainText("client TIME-WAIT, server TIME-WAIT");
});

test("a sample chosen while the first one is still being read replaces it, even when the first finishes last", async ({ page }) => {
  const first = await holdRequests(page, isSample("passive-close-delayed.pcap"));
  await page.goto("/playground");
  const viewer = page.getByRole("region", { name: "Capture viewer" });
  await approach(viewer);
  await expect.poll(first.count).toBe(1);
  await viewer.getByLabel("Sample capture").selectOption("simultaneous-close");
  await expect(viewer.getByLabel("Connection", { exact: true })).toContainText("client TIME-WAIT, server TIME-WAIT");

  const firstArrives = page.waitForResponse((response) => response.url().endsWith("/captures/passive-close-delayed.pcap"));
  await first.release();
  await firstArrives;
  // Reading a small capture in the worker takes milliseconds: give it time to land, then check it did not take over.
  await page.waitForTimeout(300);
  await expect(viewer.getByLabel("Sample capture")).toHaveValue("simultaneous-close");
  await expect(viewer.getByLabel("Connection", { exact: true })).toContainText("client TIME-WAIT, server TIME-WAIT");
});
