import { expect, test } from "@playwright/test";
import { approach, expectNoSeriousA11yViolations, queryDatabase, waitForHydration } from "./support";
import { expectNoHorizontalOverflow, signUpStudent, simulator, tabTo } from "./simulator-support";

const narrationOf = (page: import("@playwright/test").Page) => simulator(page).getByRole("status").first();

test("the slow reader preset: the window closes, the client probes it, each read reopens it", async ({ page }) => {
  await page.goto("/playground?p=slow-reader&s=1000");
  const sim = simulator(page);
  await expect(sim.getByText("Slow reader", { exact: true }).first()).toBeVisible();
  const table = sim.getByRole("table");
  await expect(table).toContainText("zero window");
  await expect(table).toContainText("zero-window probe");
  await expect(table).toContainText("window update");
  await expect(table.getByRole("columnheader", { name: "Win" })).toBeVisible();
  await sim.getByText("Sequence diagram as text").click();
  await expect(sim.getByRole("listitem").filter({ hasText: "win=0" }).first()).toBeVisible();
});

test("with the keyboard alone: stop reading, read, set a socket option and cut the link", async ({ page }) => {
  // Dozens of key presses, each followed by a look at the focus: slow on a busy machine.
  test.setTimeout(120_000);
  await page.goto("/playground?p=three-way-handshake&s=20");
  const sim = simulator(page);
  await expect(sim.getByText(/^step \d+ of \d+/)).toBeVisible();
  await waitForHydration(page);
  // The server's application stops reading: the run is replayed with it.
  const reads = sim.getByRole("checkbox", { name: "Reads data as it arrives" }).nth(1);
  // One action that finds the box, focuses it and presses: the run replayed from the address can
  // render the controls anew just after hydration, and a focus taken before that is gone.
  await reads.press("Space");
  await expect(reads).not.toBeChecked();
  // Back up to the client's Send and on to Step, as a keyboard user would (Shift+Tab).
  await tabTo(page, "Send", "Client actions", 400, true);
  await page.keyboard.press("Enter");
  await expect(narrationOf(page)).toContainText("client calls send(100 bytes)");
  await tabTo(page, "Step", "Playback", 400, true);
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await expect(sim.getByText("Unread", { exact: true })).toBeVisible();
  await expect(sim.getByText("100 bytes", { exact: true })).toBeVisible();
  await tabTo(page, "Read", "Server actions");
  await page.keyboard.press("Enter");
  await expect(narrationOf(page)).toContainText("server calls read() and gets 100 bytes");

  // setsockopt: the client turns keep-alive on.
  const options = sim.getByText("Socket options (setsockopt)").first();
  await options.focus();
  await page.keyboard.press("Enter");
  const keepalive = sim.getByRole("checkbox", { name: "SO_KEEPALIVE: keep-alive on" }).first();
  await keepalive.focus();
  await page.keyboard.press("Space");
  await expect(narrationOf(page)).toContainText("client calls setsockopt(SO_KEEPALIVE, 1)");
  await expect(sim.getByText(/keep-alive on \(idle 7200 s, every 75 s, 9 probes\)/)).toBeVisible();

  await tabTo(page, "Cut the link", "Link");
  await page.keyboard.press("Enter");
  await expect(narrationOf(page)).toContainText("the link goes down");
  await expect(sim.getByText("The link is down: nothing gets through.")).toBeVisible();
  await expect(page).toHaveURL(/ar=s0/, { timeout: 5000 });
});

test("predict, then run: a visitor's prediction is graded by the server and the step runs", async ({ page }) => {
  await page.goto("/playground?p=three-way-handshake&s=2");
  const sim = simulator(page);
  await sim.getByRole("button", { name: "Predict, then run" }).click();
  await expect(sim.getByRole("button", { name: "Predict, then run" })).toHaveAttribute("aria-pressed", "true");
  const prediction = sim.getByRole("group").filter({ hasText: "Next: server receives SYN seq 0." });
  await expect(prediction).toContainText("What state will the server be in after this step?");
  await sim.getByRole("radio", { name: "SYN-RECEIVED" }).check();
  await sim.getByRole("button", { name: "Check and step" }).click();
  await expect(sim.getByText("Right: SYN-RECEIVED. Sign in to count your predictions toward mastery.")).toBeVisible();
  await expect(narrationOf(page)).toContainText("server enters SYN-RECEIVED");
});

test("predict, then run: a signed-in learner's predictions are stored as practice", async ({ page }) => {
  const email = await signUpStudent(page, "predict");
  await page.goto("/playground?p=three-way-handshake&s=2");
  const sim = simulator(page);
  await sim.getByRole("button", { name: "Predict, then run" }).click();
  await sim.getByRole("radio", { name: "LISTEN" }).check();
  await sim.getByRole("button", { name: "Check and step" }).click();
  await expect(sim.getByText("Not this time: SYN-RECEIVED. Counted as practice for “Handshake states”.")).toBeVisible();
  // The next question is about the client receiving the SYN-ACK.
  await expect(sim.getByText("What state will the client be in after this step?")).toBeVisible();
  const rows = queryDatabase<{ concept: string; correct: number; quizId: string }>(
    `SELECT a.concept, a.correct, t.quizId FROM QuizAnswer a JOIN QuizAttempt t ON t.id = a.attemptId JOIN User u ON u.id = t.userId WHERE u.email = ?`,
    email,
  );
  expect(rows).toEqual([{ concept: "handshake-states", correct: 0, quizId: "practice:predictions" }]);
});

test("a lab hides its result until the learner has predicted it", async ({ page }) => {
  await page.goto("/playground");
  const lab = page.getByRole("region", { name: /TIME-WAIT/ }).first();
  // Below the first screen, its code loads as the reader comes near it (ADR 0960).
  await approach(lab);
  await lab.getByRole("button", { name: "Predict, then run" }).click();
  await expect(lab.getByText("The result appears once you have predicted it.")).toBeVisible();
  await lab.getByRole("radio", { name: "Yes" }).check();
  await lab.getByRole("button", { name: "Check and show the result" }).click();
  await expect(lab.getByText(/^Right\./)).toBeVisible();
  await expect(lab.getByText(/EADDRNOTAVAIL at 47\.1 s/)).toBeVisible();
});

test("each sample capture says how to record it yourself", async ({ page }) => {
  await page.goto("/playground?cap=refused");
  const viewer = page.getByRole("region", { name: /capture/i }).first();
  await viewer.getByText("Run it yourself").click();
  await expect(viewer.getByText(/timeout 3 tcpdump -i lo --immediate-mode -U -w refused\.pcap tcp port 7001/)).toBeVisible();
  await expect(viewer.getByText(/c\.connect\(\("127\.0\.0\.1", 7001\)\)/)).toBeVisible();
});

test("in Chinese: the new presets, controls and questions", async ({ page }) => {
  await page.goto("/zh/playground?p=close-unread-data&s=100");
  const sim = page.getByRole("region", { name: "TCP 模拟器" }).first();
  await expect(sim.getByText("关闭时还有未读的数据", { exact: true }).first()).toBeVisible();
  await expect(sim.getByText("ECONNRESET").first()).toBeVisible();
  await expect(sim.getByRole("button", { name: "先预测，再运行" })).toBeVisible();
  await expect(sim.getByRole("checkbox", { name: "数据一到就读取" }).nth(1)).not.toBeChecked();
  await expect(sim.getByRole("button", { name: "切断链路" })).toBeVisible();
});

test("360 px wide: the new controls fit, and there are no serious accessibility violations, light and dark", async ({ page }) => {
  // axe reads the whole playground (a simulator, two labs, the capture viewer) twice, slow on a busy machine.
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto("/playground?p=slow-reader&s=30");
  const sim = simulator(page);
  // Opening a <details> works before the part is live: wait for it, as axe counts what a waiting part disables (ADR 0009).
  await approach(sim);
  await sim.getByText("Socket options (setsockopt)").first().click();
  await sim.getByRole("button", { name: "Predict, then run" }).click();
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await approach(simulator(page));
  await simulator(page).getByText("Socket options (setsockopt)").first().click();
  await expectNoSeriousA11yViolations(page);
});
