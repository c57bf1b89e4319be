import { expect, test, type Page } from "@playwright/test";
import { approach, uniqueEmail } from "./support";
import { LESSON_PATH, answerCurrent, quiz, quizSection, signUp } from "./quiz-support";

/**
 * The same quiz in two tabs, or on two devices: the first answer to a question counts, and a tab
 * that did not see it shows that answer instead of contradicting it.
 */
const FIRST = quiz.questions[0]!;
if (FIRST.type !== "single") throw new Error("the first question of the lesson 1 quiz is expected to be a single choice");
const RIGHT = FIRST.options.find((o) => o.correct)!;
const WRONG = FIRST.options.find((o) => !o.correct)!;

async function openQuiz(page: Page) {
  await page.goto(LESSON_PATH);
  const section = quizSection(page);
  // The quiz loads as the reader comes near it (ADR 0950).
  await approach(section);
  await expect(section.getByRole("button", { name: "Check answer" })).toBeVisible();
  return section;
}

async function twoTabs(page: Page) {
  const first = await openQuiz(page);
  const secondPage = await page.context().newPage();
  const second = await openQuiz(secondPage);
  await expect(second.getByRole("heading", { name: "Question 1 of" + ` ${quiz.questions.length}` })).toBeVisible();
  // Tab 1 answers wrongly and is shown the right answer.
  await answerCurrent(page, false);
  await expect(first.getByText(RIGHT.text).first()).toBeVisible();
  // Tab 2, opened before, picks the answer tab 1 revealed.
  await second.getByLabel(RIGHT.text, { exact: true }).check();
  await second.getByRole("button", { name: "Check answer" }).click();
  return { secondPage, second };
}

async function expectFirstAnswerShown(second: ReturnType<Page["locator"]>) {
  await expect(second.getByText(/You had already answered this question/)).toBeVisible();
  // The answer that counts is the first one: it is the one selected, and marked as the choice made.
  const option = (text: string) => second.getByRole("radio", { name: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) });
  await expect(option(WRONG.text)).toBeChecked();
  await expect(option(RIGHT.text)).not.toBeChecked();
  await expect(second.getByRole("heading", { name: "Not quite" })).toBeVisible();
}

test("signed in: a second tab shows the answer already given instead of marking the revealed answer wrong", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, uniqueEmail("two-tabs"), LESSON_PATH);
  const { second } = await twoTabs(page);
  await expectFirstAnswerShown(second);
});

test("signed out: the same, and the first answer is the one kept", async ({ page }) => {
  test.setTimeout(120_000);
  const { second, secondPage } = await twoTabs(page);
  await expectFirstAnswerShown(second);
  // A reload shows the stored first answer too.
  await secondPage.reload();
  const reloaded = quizSection(secondPage);
  await expect(reloaded.getByRole("heading", { name: /^Question 2 of/ })).toBeVisible();
});

test("an unfinished attempt continues on another device after signing in there", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("devices");
  await signUp(page, email, LESSON_PATH);
  const section = await openQuiz(page);
  await answerCurrent(page, true);
  await section.getByRole("button", { name: "Next question" }).click();

  const laptop = await browser.newContext();
  const other = await laptop.newPage();
  await other.goto(`/signin?callbackUrl=${encodeURIComponent(LESSON_PATH)}`);
  await other.getByLabel("Email").fill(email);
  await other.getByLabel("Password").fill("flags-and-states");
  await other.getByRole("button", { name: "Sign in" }).click();
  await other.waitForURL((url) => url.pathname === LESSON_PATH);
  const resumed = quizSection(other);
  await approach(resumed);
  // Question 1 was answered on the first device: this one carries on with question 2.
  await expect(resumed.getByRole("heading", { name: /^Question 2 of/ })).toBeVisible();
  await expect(resumed.getByRole("progressbar", { name: `Quiz progress: 1 of ${quiz.questions.length} answered` })).toBeVisible();
  await laptop.close();
});

test("the session ends mid-question: the quiz says so, links to sign in, and the chosen answer comes back", async ({ page }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("quiz-ended");
  await signUp(page, email, LESSON_PATH);
  const section = await openQuiz(page);
  await section.getByLabel(WRONG.text, { exact: true }).check();
  await page.context().clearCookies({ name: "next-auth.session-token" });
  await section.getByRole("button", { name: "Check answer" }).click();
  const ended = section.getByText("Your session ended.");
  await expect(ended).toBeVisible();
  await expect(section.getByText(/attempt (has )?expired/i)).toHaveCount(0);
  // The header stops showing the account the server no longer recognises.
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await section.getByRole("link", { name: "Sign in again" }).click();
  await page.waitForURL(/\/signin\?callbackUrl=/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("flags-and-states");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === LESSON_PATH);
  const back = quizSection(page);
  await expect(back.getByText("Your answer is back as you left it. Check it and send it.")).toBeVisible();
  await expect(back.getByLabel(WRONG.text, { exact: true })).toBeChecked();
  await back.getByRole("button", { name: "Check answer" }).click();
  await expect(back.getByRole("heading", { name: "Not quite" })).toBeVisible();
});
