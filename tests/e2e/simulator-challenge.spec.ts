import { expect, test, type Page } from "@playwright/test";
import { queryDatabase } from "./support";
import { signUpStudent, tabTo } from "./simulator-support";

const CHALLENGE = "both-closing";
const REGION = "Challenge: Get both ends into CLOSING";

function completions(email: string) {
  return queryDatabase<{ challengeId: string; actionLog: string }>(
    'SELECT c.challengeId, c.actionLog FROM "ChallengeCompletion" c JOIN "User" u ON u.id = c.userId WHERE u.email = ?',
    email,
  );
}

/** Steps the challenge's simulator until both ends are ESTABLISHED, then closes both at once, all with the keyboard. */
async function solveWithKeyboard(page: Page) {
  await tabTo(page, "Step", REGION);
  for (let i = 0; i < 5; i++) await page.keyboard.press("Enter");
  const region = page.getByRole("region", { name: REGION });
  await expect(region.getByText("ESTABLISHED", { exact: true }).first()).toBeVisible();
  await tabTo(page, "Close", REGION);
  await page.keyboard.press("Enter");
  await tabTo(page, "Close", REGION); // the server's Close comes after the client's
  const serverGroup = await page.evaluate(() => document.activeElement?.closest('[role="group"]')?.getAttribute("aria-label"));
  expect(serverGroup).toBe("Server actions");
  await page.keyboard.press("Enter");
}

test("a challenge completed with the keyboard alone is verified by the server and recorded", async ({ page }) => {
  const email = await signUpStudent(page, "challenge");
  await page.goto(`/playground?challenge=${CHALLENGE}`);
  const region = page.getByRole("region", { name: REGION });
  await expect(region).toBeVisible();
  await solveWithKeyboard(page);
  await tabTo(page, "Check my solution", REGION);
  await page.keyboard.press("Enter");
  await expect(region.getByText("Goal reached, verified by the server.")).toBeVisible();
  await expect(region.getByText("Saved to your progress.")).toBeVisible();
  await expect.poll(() => completions(email).length).toBe(1);
  const log = JSON.parse(completions(email)[0]?.actionLog ?? "[]") as { host: string; do: string }[];
  expect(log.map((action) => `${action.host}:${action.do}`)).toEqual(["client:close", "server:close"]);

  // Checking again keeps the one completion.
  await region.getByRole("button", { name: "Check my solution" }).click();
  await expect(region.getByText("You had already completed it")).toBeVisible();
  expect(completions(email)).toHaveLength(1);
  await page.reload();
  await expect(page.getByRole("region", { name: REGION }).getByText(/^Completed /)).toBeVisible();
});

test("a log that does not reach the goal is not recorded", async ({ page }) => {
  const email = await signUpStudent(page, "nearmiss");
  await page.goto(`/playground?challenge=${CHALLENGE}`);
  const region = page.getByRole("region", { name: REGION });
  for (let i = 0; i < 5; i++) await region.getByRole("button", { name: "Step", exact: true }).click();
  await region.getByRole("group", { name: "Client actions" }).getByRole("button", { name: "Close" }).click();
  await region.getByRole("button", { name: "Check my solution" }).click();
  await expect(region.getByText("Not yet.")).toBeVisible();
  await expect(region).toContainText("CLOSE-WAIT");
  expect(completions(email)).toHaveLength(0);
});

test("forged completions are refused: a rewritten request and a crafted Server Action call", async ({ page }) => {
  const email = await signUpStudent(page, "forger");
  await page.goto(`/playground?challenge=${CHALLENGE}`);
  const region = page.getByRole("region", { name: REGION });

  // 1. The browser's request is rewritten to claim success with an empty log.
  let actionId: string | null = null;
  await page.route("**/playground**", async (route) => {
    const request = route.request();
    const header = request.headers()["next-action"];
    if (request.method() !== "POST" || !header || !(request.postData() ?? "").includes(CHALLENGE)) return route.continue();
    actionId = header;
    await route.continue({ postData: JSON.stringify([{ challengeId: CHALLENGE, log: [], success: true, completed: true }]) });
  });
  await region.getByRole("button", { name: "Check my solution" }).click();
  await expect(region.getByText("Not accepted.")).toBeVisible();
  await expect(region).toContainText("Only the server decides whether a challenge is complete");
  await page.unroute("**/playground**");
  expect(actionId).not.toBeNull();

  // 2. A hand-made call of the same Server Action with a log that does not reach the goal.
  const response = await page.evaluate(
    async ({ id, challengeId }) => {
      const reply = await fetch("/playground", {
        method: "POST",
        headers: { "Next-Action": id, Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8" },
        body: JSON.stringify([{ challengeId, log: [{ at: 50, host: "client", do: "close" }] }]),
      });
      return { status: reply.status, text: await reply.text() };
    },
    { id: actionId ?? "", challengeId: CHALLENGE },
  );
  expect(response.text).toContain('"reached":false');
  expect(completions(email)).toHaveLength(0);
});

test("a visitor whose first check falls short can check again at once", async ({ page }) => {
  await page.goto(`/playground?challenge=${CHALLENGE}`);
  const region = page.getByRole("region", { name: REGION });
  for (let i = 0; i < 5; i++) await region.getByRole("button", { name: "Step", exact: true }).click();
  await region.getByRole("group", { name: "Client actions" }).getByRole("button", { name: "Close" }).click();
  const check = region.getByRole("button", { name: "Check my solution" });
  // The first check of a visitor also sets the visitor cookie, which makes Next.js refresh the route.
  await check.click();
  await expect(region.getByText("Not yet.")).toBeVisible();
  await expect(check).toBeEnabled();
  await region.getByRole("group", { name: "Server actions" }).getByRole("button", { name: "Close" }).click();
  await check.click();
  await expect(region.getByText("Goal reached, verified by the server.")).toBeVisible();
  await expect(check).toBeEnabled();
});

test("a visitor's verified success is kept in the browser and recorded at sign-up, completed when the account proves it", async ({ page }) => {
  await page.goto(`/playground?challenge=${CHALLENGE}`);
  const region = page.getByRole("region", { name: REGION });
  for (let i = 0; i < 5; i++) await region.getByRole("button", { name: "Step", exact: true }).click();
  await region.getByRole("group", { name: "Client actions" }).getByRole("button", { name: "Close" }).click();
  await region.getByRole("group", { name: "Server actions" }).getByRole("button", { name: "Close" }).click();
  await region.getByRole("button", { name: "Check my solution" }).click();
  await expect(region.getByText("Goal reached, verified by the server.")).toBeVisible();
  await expect(region).toContainText("Sign in to keep it in your progress");
  const saved = await page.evaluate(() => localStorage.getItem("syn-to-fin:challenges:v1"));
  expect(saved).toContain(CHALLENGE);

  const email = await signUpStudent(page, "visitor");
  // Merged by the sign-up itself, before the learner sees the challenge again. The completion is the
  // account's from the merge (never earlier); the visitor's time is kept as when the work was done.
  await expect.poll(() => completions(email).length).toBe(1);
  const [dated] = queryDatabase<{ completedAfter: number; doneBefore: number; signedOut: number }>(
    `SELECT c.completedAt >= u.createdAt AS "completedAfter", e.doneAt < u.createdAt AS "doneBefore", e.signedOut AS "signedOut"
     FROM "ChallengeCompletion" c JOIN "User" u ON u.id = c.userId JOIN "CompletionEvidence" e ON e.userId = u.id AND e.targetId = c.challengeId WHERE u.email = ?`,
    email,
  );
  expect(dated).toEqual({ completedAfter: 1, doneBefore: 1, signedOut: 1 });
  expect(await page.evaluate(() => localStorage.getItem("syn-to-fin:challenges:v1"))).toBe("[]");
  await page.goto(`/playground?challenge=${CHALLENGE}`);
  await expect(page.getByRole("region", { name: REGION }).getByText(/^Completed /)).toBeVisible();
  await expect.poll(() => completions(email).length).toBe(1);
});

test("a success still kept in the browser of a signed-in learner (signed in without the form) is merged when the challenge loads", async ({ page }) => {
  const email = await signUpStudent(page, "pending");
  const log = [
    { at: 50, host: "client", do: "close" },
    { at: 50, host: "server", do: "close" },
  ];
  await page.evaluate((entry) => localStorage.setItem("syn-to-fin:challenges:v1", JSON.stringify([entry])), {
    challengeId: CHALLENGE,
    log,
    verifiedAt: new Date().toISOString(),
  });
  await page.goto(`/playground?challenge=${CHALLENGE}`);
  await expect(page.getByRole("region", { name: REGION }).getByText(/^Completed /)).toBeVisible();
  expect(completions(email).map((row) => JSON.parse(row.actionLog))).toEqual([log]);
  expect(await page.evaluate(() => localStorage.getItem("syn-to-fin:challenges:v1"))).toBe("[]");
});
