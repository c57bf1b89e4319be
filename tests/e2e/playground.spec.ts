import { expect, test } from "@playwright/test";
import { approach, bringPartsToLife, expectNoSeriousA11yViolations } from "./support";
import { expectNoHorizontalOverflow, simulator, stepOf } from "./simulator-support";

test("the header links to the playground, which has everything", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Playground" }).click();
  await expect(page).toHaveURL(/\/playground$/);
  await expect(page.getByRole("heading", { level: 1, name: "Playground" })).toBeVisible();
  await expect(simulator(page)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Challenges" })).toBeVisible();
  // Reached through the client router, each part loads as the reader comes near it (ADR 0950).
  await bringPartsToLife(page);
  await expect(page.getByRole("region", { name: "TIME-WAIT lab" })).toBeVisible();
  await expect(page.getByRole("region", { name: "SYN backlog lab" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Capture viewer" })).toBeVisible();
});

test("a shared link restores the scenario, the learner's actions, the step and the labs", async ({ page, context }) => {
  const query = "p=four-way-close&a=315d7&s=12&abs=1&tw=800.60.c.1.32768.60999.0.0.131072&cap=refused";
  await page.goto(`/playground?${query}`);
  const sim = simulator(page);
  await expect(sim.getByLabel("Scenario")).toHaveValue("four-way-close");
  expect((await stepOf(sim)).step).toBe(12);
  await expect(sim.getByLabel(/^Absolute sequence numbers/)).toBeChecked();
  // The drop in the link (segment 7, the last ACK) made the server retransmit its FIN.
  await sim.getByRole("button", { name: "Step", exact: true }).click();
  const timeWait = page.getByRole("region", { name: "TIME-WAIT lab" });
  await approach(timeWait);
  await expect(timeWait.getByLabel("Requests per second", { exact: true })).toHaveValue("800");
  await expect(timeWait.getByRole("status")).toContainText("800 new connections per second");
  await approach(page.getByRole("region", { name: "Capture viewer" }));
  await expect(page.getByRole("region", { name: "Capture viewer" }).getByLabel("Sample capture")).toHaveValue("refused");

  // The address bar follows the state; a copied link opens the same place.
  await page.getByRole("button", { name: "Copy a link to this state" }).click();
  await expect(page.getByText("Link copied:")).toBeVisible();
  const shared = page.url();
  expect(shared).toContain("s=13");
  expect(shared).toContain("a=315d7");
  const other = await context.newPage();
  await other.goto(shared);
  const restored = simulator(other);
  expect(await stepOf(restored)).toEqual(await stepOf(sim));
  await expect(restored.getByRole("table")).toContainText("retransmission");
});

test("a tampered link is refused with a clear message and the playground starts fresh", async ({ page }) => {
  await page.goto("/playground?p=four-way-close&a=100cQ&tw=1.2");
  const alert = page.getByRole("alert").filter({ hasText: "This shared link could not be restored" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('a: action 1 ("100cQ") is not of the form');
  await expect(alert).toContainText("tw: expected 9 values");
  await expect(simulator(page).getByLabel("Scenario")).toHaveValue("three-way-handshake");
});

test("the labs answer the keyboard, explain their result and offer the data as tables", async ({ page }) => {
  await page.goto("/playground");
  const lab = page.getByRole("region", { name: "TIME-WAIT lab" });
  await approach(lab);
  await expect(lab.getByRole("status")).toContainText("connects start failing with EADDRNOTAVAIL at 47.1 s");
  await lab.getByRole("radio", { name: "Server" }).check();
  await expect(lab.getByRole("status")).toContainText("With the server closing first");
  await lab.getByRole("radio", { name: "Client" }).check();
  const rate = lab.getByLabel("Requests per second", { exact: true });
  await rate.fill("400");
  await rate.press("Tab");
  await expect(lab.getByRole("status")).toContainText("stays within the 470 per second");
  await lab.getByLabel("Requests per connection (keep-alive) (slider)").focus();
  await page.keyboard.press("ArrowRight");
  await expect(lab.getByLabel("Requests per connection (keep-alive)", { exact: true })).not.toHaveValue("1");
  await expect(lab.getByRole("img", { name: /^Sockets in TIME-WAIT\./ })).toBeVisible();
  await lab.getByText("Data table: Free ephemeral ports").click();
  await expect(lab.getByRole("table").first().getByRole("row")).toHaveCount(121);

  const syn = page.getByRole("region", { name: "SYN backlog lab" });
  await approach(syn);
  await expect(syn.getByRole("status")).toContainText("SYN cookies instead");
  await syn.getByRole("radio", { name: "0 (off)" }).check();
  await expect(syn.getByRole("status")).toContainText("SYNs were dropped.");
  await expect(syn.getByRole("img", { name: /^Completed handshakes per second\./ })).toBeVisible();
});

test("the playground has no serious accessibility violations, light and dark", async ({ page }) => {
  // axe reads the whole playground (a simulator, two labs, the capture viewer) twice, slow on a busy machine.
  test.setTimeout(120_000);
  await page.goto("/playground?challenge=refused-connect");
  await bringPartsToLife(page);
  await expect(page.getByRole("region", { name: "TIME-WAIT lab" }).getByRole("status")).toContainText("ephemeral ports");
  await expect(page.getByRole("region", { name: "Capture viewer" }).getByRole("img", { name: "Sequence diagram" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await bringPartsToLife(page);
  await expect(page.getByRole("region", { name: "SYN backlog lab" }).getByRole("status")).toContainText("listener");
  await expectNoSeriousA11yViolations(page);
});

test("the playground works at phone width @phone", async ({ page }) => {
  await page.goto("/playground?p=simultaneous-close&s=8");
  await expect(simulator(page).getByRole("img", { name: "Sequence diagram" })).toBeVisible();
  await approach(page.getByRole("region", { name: "TIME-WAIT lab" }));
  await expect(page.getByRole("region", { name: "TIME-WAIT lab" }).getByRole("status")).toContainText("ephemeral ports");
  await expectNoHorizontalOverflow(page);
});
