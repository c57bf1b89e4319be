import { expect, test, type Page } from "@playwright/test";
import { approach, queryDatabase, uniqueEmail } from "./support";
import { LESSON_PATH, answerCurrent, answerSecrets, expectQuizWithoutSeriousA11yViolations, finishQuiz, quiz, quizSection, signUp } from "./quiz-support";

const total = quiz.questions.length;

async function openQuiz(page: Page) {
  await page.goto(LESSON_PATH);
  const section = quizSection(page);
  // The quiz loads when the reader comes near it (ADR 0950).
  await approach(section);
  await expect(section.getByRole("button", { name: "Check answer" })).toBeVisible();
  return section;
}

test("answer keys and explanations are not in the lesson page, its scripts or the quiz data before submitting", async ({ page, request }) => {
  const secrets = answerSecrets();
  expect(secrets.length).toBeGreaterThan(40);
  const bodies: Array<{ url: string; text: string }> = [];
  const reading: Array<Promise<void>> = [];
  page.on("response", (response) => {
    const url = response.url();
    if (response.request().method() === "GET" && (/javascript|text\/html/.test(response.headers()["content-type"] ?? "") || url.endsWith(".js"))) {
      reading.push(response.text().then((text) => void bodies.push({ url, text }), () => undefined));
    }
  });
  // The quiz's replies (its hot calls, ADR 1490, and the page's Server Actions) are read by passing them through a route.
  await page.route(
    (url) => url.pathname === LESSON_PATH || url.pathname.startsWith("/api/calls/"),
    async (route) => {
      if (route.request().method() !== "POST") return route.fallback();
      const response = await route.fetch();
      const text = await response.text();
      bodies.push({ url: `POST ${route.request().url()}`, text });
      await route.fulfill({ response, body: text });
    },
  );
  await openQuiz(page);

  // The static HTML and every script it names, fetched directly as well.
  const html = await (await request.get(LESSON_PATH)).text();
  bodies.push({ url: LESSON_PATH, text: html });
  for (const src of new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!))) {
    bodies.push({ url: src, text: await (await request.get(src)).text() });
  }
  expect(bodies.filter((b) => b.url.endsWith(".js")).length).toBeGreaterThan(3);
  // The quiz arrived (its first prompt is on the page) but nothing of the answer side did.
  await expect(quizSection(page).getByText(quiz.questions[0]!.prompt)).toBeVisible();
  await Promise.all(reading);
  expect(bodies.some((b) => b.text.includes(quiz.questions[0]!.prompt)), "the start reply was checked").toBe(true);
  for (const { url, text } of bodies) {
    for (const secret of secrets) expect(text.includes(secret), `${url} contains “${secret}”`).toBe(false);
  }

  // After answering the first question its explanation arrives, and only its.
  const before = bodies.length;
  await answerCurrent(page, false);
  const after = bodies
    .slice(before)
    .map((b) => b.text)
    .join("\n");
  expect(after).toContain(quiz.questions[0]!.explanation);
  expect(after).not.toContain(quiz.questions[1]!.explanation);
  // A background action still passing through the route when the page closes (a reading
  // position saved on scroll) would fail on its disposed response: stop routing first.
  await page.unrouteAll({ behavior: "ignoreErrors" });
});

test("a learner answers wrong, then right, sees feedback each time and the dashboard follows", async ({ page }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("quiz");
  await signUp(page, email);
  await expect(page.getByText(/^0 of \d+ lessons complete/)).toBeVisible();
  await expect(page.getByText("No answers yet").first()).toBeVisible();

  const section = await openQuiz(page);
  const first = await answerCurrent(page, false);
  const firstFeedback = first.type === "single" ? first.options.find((o) => !o.correct)!.feedback : "";
  const panel = section.getByRole("region", { name: "Not quite" });
  await expect(panel.getByText(firstFeedback)).toBeVisible();
  await expect(panel.getByText(first.explanation)).toBeVisible();
  await expect(section.getByRole("status").filter({ hasText: "Not quite." })).toHaveCount(1);
  await section.getByRole("button", { name: "Next question" }).click();
  await finishQuiz(page, () => false);
  await expect(section.getByText(`0 of ${total} correct`)).toBeVisible();
  await expect(section.getByText(/Not passed yet/)).toBeVisible();

  const attempts = () =>
    queryDatabase<{ score: number; passed: number; answers: number }>(
      'SELECT a.score, a.passed, (SELECT COUNT(*) FROM "QuizAnswer" q WHERE q.attemptId = a.id) AS answers FROM "QuizAttempt" a JOIN "User" u ON u.id = a.userId WHERE u.email = ? ORDER BY a.startedAt',
      email,
    );
  expect(attempts()).toEqual([{ score: 0, passed: 0, answers: total }]);

  // Read to the end, but the quiz is not passed: the lesson is not complete yet.
  await page.locator("#lesson-end").scrollIntoViewIfNeeded();
  await expect(page.getByText("Pass the quiz above to complete this lesson.")).toBeVisible();

  await page.goto("/dashboard");
  await expect(page.getByRole("link", { name: "Retry the quiz" })).toBeVisible();
  await expect(page.getByText(/Quiz not passed yet: best 0%/)).toBeVisible();

  await page.getByRole("link", { name: "Retry the quiz" }).click();
  await expect(quizSection(page).getByRole("heading", { name: "Your result" })).toBeVisible();
  await quizSection(page).getByRole("button", { name: "Try a new variant" }).click();
  await expect(quizSection(page).getByRole("heading", { name: `Question 1 of ${total}` })).toBeFocused();
  await answerCurrent(page, true);
  const opening = quiz.questions[0]!;
  if (opening.type === "single") {
    await expect(quizSection(page).getByRole("region", { name: "Correct" }).getByText(opening.options.find((o) => o.correct)!.feedback)).toBeVisible();
  }
  await quizSection(page).getByRole("button", { name: "Next question" }).click();
  await finishQuiz(page, () => true);
  await expect(quizSection(page).getByText(`${total} of ${total} correct`)).toBeVisible();
  await expect(quizSection(page).getByText("Passed", { exact: true })).toBeVisible();
  expect(attempts()).toEqual([
    { score: 0, passed: 0, answers: total },
    { score: total, passed: 1, answers: total },
  ]);

  // It was read earlier, so passing the quiz completed the lesson.
  await page.reload();
  await page.locator("#lesson-end").scrollIntoViewIfNeeded();
  await expect(page.getByText("Lesson complete")).toBeVisible();

  await page.goto("/dashboard");
  await expect(page.getByText(/^1 of \d+ lessons complete/)).toBeVisible();
  await expect(page.getByText(/Quiz passed: best 100%, latest 100%/)).toBeVisible();
  await expect(page.getByRole("progressbar", { name: /^Flags mastery/ })).not.toHaveAttribute("aria-valuenow", "0");
  await expect(page.getByText(/^Passed Check your understanding/)).toBeVisible();
});

test("a visitor's answers and reading are merged into the account they create @phone", async ({ page }) => {
  const section = await openQuiz(page);
  for (let i = 0; i < 3; i++) {
    await answerCurrent(page, i !== 1);
    await section.getByRole("button", { name: "Next question" }).click();
  }
  await page.locator("#lesson-end").scrollIntoViewIfNeeded();
  const stored = () =>
    page.evaluate(() => ({
      answers: JSON.parse(localStorage.getItem("syn-to-fin:receipts:v1") ?? "[]").length as number,
      reading: Object.keys(JSON.parse(localStorage.getItem("syn-to-fin:lesson-receipts:v1") ?? "{}")["tcp-header-and-flags"] ?? {}),
    }));
  await expect.poll(async () => (await stored()).reading).toContain("read");
  expect((await stored()).answers).toBe(3);

  // Reload: the anonymous attempt resumes where it was.
  await page.reload();
  await approach(quizSection(page));
  await expect(quizSection(page).getByRole("heading", { name: `Question 4 of ${total}` })).toBeVisible();

  const email = uniqueEmail("visitor");
  await signUp(page, email, LESSON_PATH);
  const answers = () =>
    queryDatabase<{ questionId: string; correct: number }>(
      'SELECT q.questionId, q.correct FROM "QuizAnswer" q JOIN "QuizAttempt" a ON a.id = q.attemptId JOIN "User" u ON u.id = a.userId WHERE u.email = ? ORDER BY q.answeredAt',
      email,
    );
  await expect.poll(() => answers().length).toBe(3);
  expect(answers().map((a) => a.correct)).toEqual([1, 0, 1]);
  const progress = queryDatabase<{ readToEndAt: string | null }>(
    'SELECT p.readToEndAt FROM "LessonProgress" p JOIN "User" u ON u.id = p.userId WHERE u.email = ?',
    email,
  );
  expect(progress[0]?.readToEndAt).not.toBeNull();
  expect(await stored()).toEqual({ answers: 0, reading: [] });

  // The same attempt carries on in the account, and merging again adds nothing.
  await approach(quizSection(page));
  await expect(quizSection(page).getByRole("heading", { name: `Question 4 of ${total}` })).toBeVisible();
  await page.goto("/dashboard");
  await page.reload();
  expect(answers()).toHaveLength(3);
});

test("the quiz has no serious accessibility violations before and after answering, light and dark", async ({ page }) => {
  test.setTimeout(180_000);
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const section = await openQuiz(page);
    await expectQuizWithoutSeriousA11yViolations(page);
    await answerCurrent(page, false);
    await expectQuizWithoutSeriousA11yViolations(page);
    await section.getByRole("button", { name: "Next question" }).click();
    await answerCurrent(page, true);
    await expectQuizWithoutSeriousA11yViolations(page);
    // A number question draws its ladder; the summary lists every question.
    await section.getByRole("button", { name: "Next question" }).click();
    await finishQuiz(page, () => true);
    await expectQuizWithoutSeriousA11yViolations(page);
    await page.evaluate(() => localStorage.clear());
  }
});
