import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { finishQuiz, LESSON_PATH, quiz, quizSection, signUp } from "./quiz-support";
import { answerItem, expectMainFitsWidth, expectNoSidewaysScroll, learnerTravelsBack, SHOTS, visitorTravelsBack } from "./review-support";
import { approach, DEMO, expectNoSeriousA11yViolations, queryDatabase, signIn, uniqueEmail, waitForHydration } from "./support";

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function axeInBothThemes(page: Page) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expectNoSeriousA11yViolations(page);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

test.describe("spaced review", () => {
  test("a learner's missed questions come back days later on the dashboard and in a review session", async ({ page }) => {
    test.setTimeout(240_000);
    const email = uniqueEmail("review");
    await signUp(page, email, LESSON_PATH);
    await waitForHydration(page);
    // Miss two questions of the lesson quiz.
    await approach(quizSection(page));
    await finishQuiz(page, (index) => index !== 0 && index !== 4);

    await page.goto("/review");
    await waitForHydration(page);
    await expect(page.getByText(/Nothing is due for review right now\. Next review: tomorrow\./)).toBeVisible();
    await shot(page, "review-nothing-due-en");

    // Two days pass.
    learnerTravelsBack(email, 2);
    await page.goto("/dashboard");
    const card = page.locator("section, div").filter({ has: page.getByRole("heading", { name: "Due for review" }) }).last();
    await expect(card.getByText(/\d+ items are due for review\./)).toBeVisible();
    const due = Number(/(\d+) items/.exec((await card.getByText(/items are due/).textContent()) ?? "")![1]);
    expect(due).toBeGreaterThanOrEqual(2);
    await shot(page, "dashboard-due-en");
    await card.getByRole("link", { name: `Start review (${due})` }).click();
    await page.waitForURL("**/review");
    await waitForHydration(page);
    await expect(page.getByRole("status").filter({ hasText: `${due} items are due for review.` })).toBeVisible();
    await axeInBothThemes(page);
    await page.getByRole("button", { name: `Start review (${due})` }).click();

    // Each item: a fresh variant, answered, graded, with when it comes back.
    for (let index = 1; index <= due; index++) {
      await expect(page.getByRole("heading", { name: `Item ${index} of ${due}` })).toBeFocused();
      const form = page.locator("form").filter({ has: page.getByRole("heading", { name: `Item ${index} of ${due}` }) });
      await expect(form.getByText(/A question you missed|A concept to strengthen/)).toBeVisible();
      if (index === 1) {
        await shot(page, "review-item-en");
        await axeInBothThemes(page);
      }
      await answerItem(page, form, index !== 2);
      if (index === 2) await form.getByLabel("I was not sure of my answer (it comes back sooner)").check();
      await form.getByRole("button", { name: "Check answer" }).click();
      await expect(page.getByRole("heading", { name: /^(Correct|Not quite)$/ })).toBeFocused();
      await expect(page.getByText(/This comes back for review (tomorrow|in \d+ days)/)).toBeVisible();
      if (index === 1) {
        await shot(page, "review-feedback-en");
        await axeInBothThemes(page);
      }
      await page.getByRole("button", { name: index < due ? "Next item" : "See your summary" }).click();
    }
    await expect(page.getByRole("heading", { name: "Session complete" })).toBeFocused();
    await expect(page.getByText(new RegExp(`^\\d+ of ${due} right$`)).last()).toBeVisible();
    await shot(page, "review-summary-en");
    await axeInBothThemes(page);

    // Stored as answers of a review attempt, counted toward mastery; nothing due any more.
    const stored = queryDatabase<{ n: number }>(
      `SELECT COUNT(*) AS n FROM "QuizAnswer" a JOIN "QuizAttempt" t ON t."id" = a."attemptId" JOIN "User" u ON u."id" = t."userId" WHERE u."email" = ? AND t."quizId" = 'review:session'`,
      email,
    );
    expect(stored[0]!.n).toBe(due);
    await page.goto("/dashboard");
    await expect(card.getByText("Nothing is due for review right now.")).toBeVisible();
    await expect(card.getByText("Next review:")).toBeVisible();
  });

  test("a visitor reviews in Chinese on a 360 px phone, then signs up and the review follows into the account", async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`/zh${LESSON_PATH}`);
    await waitForHydration(page);
    const section = quizSection(page);
    await approach(section);
    await expect(section.getByRole("heading", { name: /^第 1 题，共 \d+ 题$/ })).toBeVisible();
    // Answer the first three questions with the first choice offered: some are missed.
    for (let i = 0; i < 3; i++) {
      const form = section.locator("form");
      await answerItem(page, form, false);
      await form.getByRole("button", { name: "提交答案" }).click();
      await section.getByRole("button", { name: "下一题" }).click();
    }
    const clientKey = await page.evaluate((id) => JSON.parse(localStorage.getItem(`syn-to-fin:quiz:${id}:v1`) ?? "{}").clientKey as string, quiz.id);
    visitorTravelsBack([clientKey], 3);

    await page.goto("/zh/review");
    await waitForHydration(page);
    await expect(page.getByRole("heading", { level: 1, name: "复习" })).toBeVisible();
    const status = page.getByRole("status").filter({ hasText: /有 \d+ 项到期待复习。/ });
    await expect(status).toBeVisible();
    const due = Number(/有 (\d+) 项/.exec((await status.textContent()) ?? "")![1]);
    await expectNoSidewaysScroll(page);
    await shot(page, "review-zh-360-idle");
    await axeInBothThemes(page);
    await page.getByRole("button", { name: `开始复习（${due} 项）` }).click();
    for (let index = 1; index <= due; index++) {
      const form = page.locator("form").filter({ has: page.getByRole("heading", { name: `第 ${index} 项，共 ${due} 项` }) });
      await expect(form).toBeVisible();
      await answerItem(page, form, false);
      await form.getByRole("button", { name: "提交答案" }).click();
      await expect(page.getByRole("heading", { name: /^(回答正确|不太对)$/ })).toBeVisible();
      await expect(page.getByText(/这一项将在(明天|\d+ 天后（.+）)再次复习。/)).toBeVisible();
      if (index === 1) {
        await expectNoSidewaysScroll(page);
        await shot(page, "review-zh-360-feedback");
        await axeInBothThemes(page);
      }
      await page.getByRole("button", { name: index < due ? "下一项" : "查看本次小结" }).click();
    }
    await expect(page.getByRole("heading", { name: "本次复习完成" })).toBeVisible();
    await expect(page.getByText("你的复习记录保存在这个浏览器里。")).toBeVisible();
    await shot(page, "review-zh-360-summary");

    // Signing up from here merges the review (bound to this browser) into the new account.
    const email = uniqueEmail("review-zh");
    await page.getByRole("link", { name: "注册账号" }).click();
    await page.getByLabel("姓名").fill("复习者");
    await page.getByLabel("邮箱").fill(email);
    await page.getByLabel("密码").fill("flags-and-states");
    await page.getByRole("button", { name: "创建账号" }).click();
    await page.waitForURL("**/zh/review");
    await expect
      .poll(
        () =>
          queryDatabase<{ n: number }>(
            `SELECT COUNT(*) AS n FROM "QuizAnswer" a JOIN "QuizAttempt" t ON t."id" = a."attemptId" JOIN "User" u ON u."id" = t."userId" WHERE u."email" = ? AND t."quizId" = 'review:session'`,
            email,
          )[0]!.n,
        { timeout: 20_000 },
      )
      .toBe(due);
    await page.goto("/zh/dashboard");
    await expect(page.getByRole("heading", { name: "待复习" })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await shot(page, "dashboard-zh-360");
  });
});

test.describe("lesson diagnostics", () => {
  test("the before-check saves answers without revealing them, then the lesson opens the after-check", async ({ page }) => {
    test.setTimeout(180_000);
    const email = uniqueEmail("diagnostic");
    await signUp(page, email, "/diagnostic/time-wait");
    await waitForHydration(page);
    await expect(page.getByRole("heading", { level: 1, name: /^Diagnostic: / })).toBeVisible();
    await expect(page.getByText("Opens once you have read the lesson to the end or marked it complete.")).toBeVisible();
    await axeInBothThemes(page);
    await page.getByRole("button", { name: "Take the before-check" }).click();
    for (let index = 1; index <= 5; index++) {
      const form = page.locator("form").filter({ has: page.getByRole("heading", { name: `Question ${index} of 5` }) });
      await answerItem(page, form, index % 2 === 1);
      await form.getByRole("button", { name: "Check answer" }).click();
      await expect(form.getByRole("status")).toHaveText("Answer saved. The answers are revealed after the lesson.");
      await expect(page.getByRole("heading", { name: /^(Correct|Not quite)$/ })).toHaveCount(0);
      await page.getByRole("button", { name: index < 5 ? "Next question" : "Finish" }).click();
    }
    await expect(page.getByText("Before-check done. Now read the lesson; afterwards, take the check again.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Before and after" })).toBeVisible();
    await shot(page, "diagnostic-pre-done-en");
    await axeInBothThemes(page);

    await page.goto("/course/time-wait");
    await waitForHydration(page);
    // Reaching the end reads the lesson (the "Mark lesson as complete" button beside it then gives way), as in lesson.spec.ts.
    await page.locator("#lesson-end").scrollIntoViewIfNeeded();
    await expect(page.getByText("Pass the quiz above to complete this lesson.")).toBeVisible();
    await page.goto("/diagnostic/time-wait");
    await page.getByRole("button", { name: "Take the after-check" }).click();
    for (let index = 1; index <= 5; index++) {
      const form = page.locator("form").filter({ has: page.getByRole("heading", { name: `Question ${index} of 5` }) });
      await answerItem(page, form, true);
      await form.getByRole("button", { name: "Check answer" }).click();
      await expect(page.getByRole("heading", { name: /^(Correct|Not quite)$/ })).toBeVisible();
      await page.getByRole("button", { name: index < 5 ? "Next question" : "Finish" }).click();
    }
    await expect(page.getByText(/Normalized gain: /)).toBeVisible();
    await shot(page, "diagnostic-both-done-en");
    await axeInBothThemes(page);

    // The lesson's end fills in the learner's before and after once the reader reaches it (its code loads then).
    await page.goto("/course/time-wait");
    await approach(page.getByRole("complementary", { name: "Check what you know" }).last());
    await expect(page.getByText(/^Your check: \d+% before, \d+% after\.$/)).toBeVisible();
  });

  test("a refused results call at the lesson's end is said in the page's language, and the prompt stays", async ({ page }) => {
    // The browser still believes it is signed in while the server has no session (it ended in another tab): the status call is refused.
    await page.route("**/api/auth/session", (route) => route.fulfill({ json: { user: { name: "Learner", email: "learner@example.com" }, expires: "2999-01-01T00:00:00.000Z" } }));
    await page.goto("/zh/course/time-wait");
    await waitForHydration(page);
    const end = page.getByRole("complementary").filter({ has: page.locator("#diagnostic-end-heading") });
    // The box at the end is a part that loads as the reader approaches it (ADR 1470).
    await approach(end);
    await expect(end.getByRole("status")).toHaveText("你的登录已失效，请重新登录");
    await expect(end).toContainText("你已经读完这一课：再做一次诊断，看看学到了什么。");
    await expect(end.getByRole("link", { name: "打开诊断" })).toHaveAttribute("href", "/zh/diagnostic/time-wait");
  });

  test("the Chinese diagnostic and review pages link to Chinese pages only", async ({ page }) => {
    for (const path of ["/zh/diagnostic/time-wait", "/zh/review"]) {
      await page.goto(path);
      await waitForHydration(page);
      const hrefs = await page.locator("main a[href^='/']").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
      for (const href of hrefs) expect(href, `${path} links to ${href}`).toMatch(/^\/zh(\/|$|\?|#)/);
    }
    await page.goto("/zh/diagnostic/time-wait");
    await expect(page.getByRole("navigation", { name: "面包屑导航" }).getByRole("link")).toHaveAttribute("href", "/zh/course/time-wait");
    await expect(page.locator("main a[href*='signin']")).toHaveAttribute("href", "/zh/signin?callbackUrl=%2Fzh%2Fdiagnostic%2Ftime-wait");
  });
});

test.describe("for instructors", () => {
  test("the learning-gain tab shows the demo class's gains, and review until mastered is assigned by its concepts", async ({ page }) => {
    test.setTimeout(180_000);
    await signIn(page, DEMO.instructor, "/instructor");
    const classId = queryDatabase<{ id: string }>(`SELECT "id" FROM "Classroom" WHERE "joinCode" = 'SYNACK42'`)[0]!.id;
    await page.goto(`/instructor/classes/${classId}/learning`);
    await expect(page.getByRole("link", { name: "Learning gain", exact: true })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("heading", { name: "Concepts learned least" })).toBeVisible();
    // Hake's g of the demo class on the handshake lesson, with its spread and a student at ceiling.
    const lessons = page.getByRole("region", { name: "Class gain by lesson, scrolls sideways" });
    const handshake = lessons.getByRole("row").filter({ hasText: "The three-way handshake" });
    await expect(handshake).toContainText("5 matched");
    await expect(handshake).toContainText("1 at 100% before (no g)");
    await expect(handshake).toContainText(/SD \d\.\d\d/);
    await page.setViewportSize({ width: 1280, height: 900 });
    await shot(page, "instructor-learning-gain");
    await axeInBothThemes(page);
    await page.setViewportSize({ width: 360, height: 740 });
    // The header at 360 px for an instructor is held by tests/e2e/instructor.spec.ts.
    await expectMainFitsWidth(page);
    await shot(page, "instructor-learning-gain-360");
    await page.setViewportSize({ width: 1280, height: 900 });

    // Review until mastered: the concepts are chosen with checkboxes; none is refused, with the field marked.
    await page.goto(`/instructor/classes/${classId}/assignments/new`);
    await page.getByLabel("What to assign").selectOption("REVIEW:concepts");
    await expect(page.getByLabel("Title")).toHaveValue("Review until mastered");
    const concepts = page.getByRole("group", { name: "Concepts to master" });
    await expect(concepts).toBeVisible();
    await page.getByRole("button", { name: "Create assignment" }).click();
    await expect(concepts.getByText("Choose at least one concept to master")).toBeVisible();
    await expect(concepts.getByRole("checkbox").first()).toBeFocused();
    await concepts.getByLabel("TIME-WAIT").check();
    await concepts.getByLabel("Linux sysctls").check();
    await shot(page, "instructor-review-assignment-form");
    await axeInBothThemes(page);
    await page.getByRole("button", { name: "Create assignment" }).click();
    await expect(page.getByText("Review until mastered: TIME-WAIT, Linux sysctls").first()).toBeVisible();
    const stored = queryDatabase<{ targetType: string; targetId: string }>(`SELECT "targetType", "targetId" FROM "Assignment" WHERE "classId" = ? AND "targetType" = 'REVIEW'`, classId);
    expect(stored).toEqual([{ targetType: "REVIEW", targetId: "time-wait+sysctls" }]);

    // The demo student sees it with her progress and practises for it.
    await page.context().clearCookies();
    await signIn(page, DEMO.student);
    const assignment = page.getByTestId("student-assignment").filter({ hasText: "Review until mastered" });
    await expect(assignment.getByText(/0 of 2 concepts mastered since it opened/)).toBeVisible();
    await assignment.getByRole("link", { name: "Review until mastered" }).click();
    await page.waitForURL(/\/review\?assignment=/);
    await expect(page.getByRole("heading", { name: "For the assignment “Review until mastered”" })).toBeVisible();
    await expect(page.getByText("No answers since the assignment opened").first()).toBeVisible();
    await shot(page, "review-assignment-idle");
    await axeInBothThemes(page);
    await page.getByRole("button", { name: "Practise for the assignment" }).click();
    await expect(page.getByRole("heading", { name: /^Item 1 of \d+$/ })).toBeFocused();
    await expect(page.getByText(/^(Practice|A question you missed|A concept to strengthen): /).first()).toBeVisible();
  });
});

test("the session ends mid-review: the item says so, the header forgets the account, and signing in again comes back", async ({ page }) => {
  test.setTimeout(180_000);
  const email = uniqueEmail("review-ended");
  await signUp(page, email, LESSON_PATH);
  await waitForHydration(page);
  await approach(quizSection(page));
  await finishQuiz(page, (index) => index !== 0);
  learnerTravelsBack(email, 2);
  await page.goto("/review");
  await waitForHydration(page);
  await page.getByRole("button", { name: /^Start review \(\d+\)$/ }).click();
  const heading = page.getByRole("heading", { name: /^Item 1 of \d+$/ });
  await expect(heading).toBeFocused();
  const form = page.locator("form").filter({ has: heading });
  await answerItem(page, form, true);
  await page.context().clearCookies({ name: "next-auth.session-token" });
  await form.getByRole("button", { name: "Check answer" }).click();
  await expect(page.getByText("Your session has ended.")).toBeVisible();
  // The server no longer knows the session: the header stops showing the account at once.
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.getByRole("link", { name: "Sign in again" }).click();
  await page.waitForURL(/\/signin\?callbackUrl=%2Freview/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("flags-and-states");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/review");
  // The session this browser started is picked up again where it was left.
  await expect(page.getByRole("heading", { name: /^Item 1 of \d+$/ })).toBeVisible();
});
