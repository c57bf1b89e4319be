import { expect, test } from "@playwright/test";
import { approach, expectNoSeriousA11yViolations } from "./support";
import { expectNoHorizontalOverflow, simulator, stepOf, tabTo } from "./simulator-support";

const HANDSHAKE_LESSON = "/course/three-way-handshake";

test("the lesson's simulator steps through the handshake, narrating each event", async ({ page }) => {
  await page.goto(HANDSHAKE_LESSON);
  const sim = simulator(page);
  // A lesson loads an interactive part when the reader comes near it (ADR 0950).
  await approach(sim);
  await expect(sim.getByRole("img", { name: "Sequence diagram" })).toBeVisible();
  const narration = sim.getByRole("status").first();
  await expect(narration).toHaveText(/Ready\. Press Step/);
  for (let i = 0; i < 2; i++) await sim.getByRole("button", { name: "Step", exact: true }).click();
  await expect(narration).toContainText("client calls connect(); client enters SYN-SENT (connect); client sends SYN seq 0");
  await expect(sim.getByText("SYN-SENT").first()).toBeVisible();
  await sim.getByRole("button", { name: "Step", exact: true }).click();
  await expect(narration).toContainText("server receives SYN seq 0; server enters SYN-RECEIVED (recv SYN); server sends SYN-ACK seq 0 ack 1");
  await expect(sim.getByRole("table")).toContainText("[SYN, ACK]");
  await expect(sim.getByRole("table")).toContainText("0x012");

  await sim.getByRole("button", { name: "Step back" }).click();
  expect((await stepOf(sim)).step).toBe(2);
  await expect(sim.getByRole("table")).not.toContainText("[SYN, ACK]");

  // Play runs to the end on its own.
  await sim.getByRole("button", { name: "Play" }).click();
  await expect(sim.getByRole("button", { name: "Play" })).toBeDisabled({ timeout: 15_000 });
  await expect(narration).toContainText("server enters ESTABLISHED");
  await sim.getByRole("button", { name: "Reset" }).click();
  expect((await stepOf(sim)).step).toBe(0);

  // The text alternative lists the segments.
  await sim.getByRole("button", { name: "Step", exact: true }).click();
  await sim.getByRole("button", { name: "Step", exact: true }).click();
  await sim.getByText("Sequence diagram as text").click();
  await expect(sim.getByRole("listitem").filter({ hasText: "client → server SYN seq=0" })).toBeVisible();
});

test("packet-list rows and diagram arrows select each other", async ({ page }) => {
  await page.goto("/playground?p=four-way-close&s=40");
  const sim = simulator(page);
  await sim.getByRole("button", { name: "Segment 2", exact: true }).click();
  await expect(sim.locator('[data-segment="2"]')).toHaveAttribute("data-selected", "true");
  // Arrow keys move the selection through the list.
  await page.keyboard.press("ArrowDown");
  await expect(sim.getByRole("button", { name: "Segment 3", exact: true })).toBeFocused();
  await expect(sim.getByRole("button", { name: "Segment 3", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(sim.locator('[data-segment="3"]')).toHaveAttribute("data-selected", "true");
  // Clicking an arrow selects its row.
  await sim.locator('[data-segment="5"] line').first().dispatchEvent("click");
  await expect(sim.getByRole("button", { name: "Segment 5", exact: true })).toHaveAttribute("aria-pressed", "true");
});

test("with the keyboard alone: connect, drop the SYN-ACK in flight, watch it being retransmitted", async ({ page }) => {
  // Dozens of key presses, each followed by a look at the focus: slow on a busy machine.
  test.setTimeout(120_000);
  await page.goto("/playground?p=blank");
  const sim = simulator(page);
  await tabTo(page, "Listen", "Server actions");
  await page.keyboard.press("Enter");
  // Back to the client's card and the playback bar with Shift+Tab, as a keyboard user would.
  await tabTo(page, "Connect", "Client actions", 400, true);
  await page.keyboard.press("Enter");
  await expect(sim.getByRole("status").first()).toContainText("client sends SYN seq 0");
  await tabTo(page, "Step", "Playback", 400, true);
  await page.keyboard.press("Enter");
  await expect(sim.getByRole("status").first()).toContainText("server sends SYN-ACK");
  await tabTo(page, /^Drop segment 2 /, "Segments in flight");
  await page.keyboard.press("Enter");
  await expect(sim.getByRole("status").first()).toContainText("segment 2 (SYN-ACK seq 0 ack 1) is dropped");
  await expect(sim.locator('[data-segment="2"]')).toHaveAttribute("data-status", "lost");
  // Step until the retransmitted SYN-ACK shows up in the packet list.
  await tabTo(page, "Step", "Playback", 400, true);
  for (let i = 0; i < 12; i++) await page.keyboard.press("Enter");
  await expect(sim.getByRole("table")).toContainText("retransmission");
  await expect(sim.getByRole("table").getByRole("row").filter({ hasText: "lost" })).toHaveCount(1);
});

test("a closed segment cannot be dropped and the profile, latency and loss replay the run", async ({ page }) => {
  await page.goto("/playground?p=four-way-close&s=3");
  const sim = simulator(page);
  await expect(sim.getByRole("group", { name: "Segments in flight" })).toContainText("Drop segment");
  await sim.getByLabel("RFC 9293").check();
  await expect(sim.getByText(/^step \d+ of \d+/)).toBeVisible();
  await sim.getByLabel(/One-way latency/).focus();
  await page.keyboard.press("ArrowRight");
  await expect(sim.getByLabel(/One-way latency: 11 ms/)).toBeVisible();
  await sim.getByLabel("Absolute sequence numbers (instead of relative, as Wireshark shows by default)").check();
  await expect(sim.getByRole("table")).not.toContainText(/\bseq=0\b/);
});

test("reduced motion: new arrows are not animated", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto("/playground?p=three-way-handshake&s=2");
  const inFlight = simulator(page).locator('[data-status="in-flight"] line').nth(1);
  expect(await inFlight.evaluate((line) => getComputedStyle(line).animationName)).toBe("none");
  await page.emulateMedia({ reducedMotion: "no-preference" });
  await page.reload();
  expect(await simulator(page).locator('[data-status="in-flight"] line').nth(1).evaluate((line) => getComputedStyle(line).animationName)).toBe("ladder-draw");
});

test("a lesson with simulators has no serious accessibility violations, light and dark", async ({ page }) => {
  // axe reads a whole lesson (text, simulators, capture viewer, quiz) twice, slow on a busy machine.
  test.setTimeout(120_000);
  await page.goto("/course/four-way-teardown");
  await expect(simulator(page)).toBeVisible();
  await approach(simulator(page));
  await simulator(page).getByRole("button", { name: "Step", exact: true }).click();
  await expectNoSeriousA11yViolations(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await expect(simulator(page)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("the simulator works at phone width @phone", async ({ page }) => {
  await page.goto(HANDSHAKE_LESSON);
  const sim = simulator(page);
  await approach(sim);
  await sim.getByRole("button", { name: "Step", exact: true }).click();
  await sim.getByRole("button", { name: "Step", exact: true }).click();
  await expect(sim.getByRole("status").first()).toContainText("client sends SYN seq 0");
  await expect(sim.getByRole("img", { name: "Sequence diagram" })).toBeVisible();
  await expectNoHorizontalOverflow(page);
});
