import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { parse } from "csv-parse/sync";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { finishQuiz, quiz, quizSection } from "./quiz-support";
import { DEMO, E2E_DATABASE, expectNoSeriousA11yViolations, queryDatabase, signIn, uniqueEmail } from "./support";

/** The one write these tests make behind the app's back: moving a due date into the past. */
function writeDatabase(sql: string, ...params: unknown[]) {
  const connection = new Database(E2E_DATABASE, { fileMustExist: true, timeout: 10_000 });
  try {
    connection.prepare(sql).run(...params);
  } finally {
    connection.close();
  }
}
const sqliteDate = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

async function newPage(browser: Browser, timezoneId: string) {
  const context = await browser.newContext({ timezoneId });
  return context.newPage();
}

async function signUp(page: Page, name: string, email: string, callbackUrl?: string) {
  await page.goto(callbackUrl ? `/signup?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/signup");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a-good-long-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL((url) => url.pathname === (callbackUrl ?? "/dashboard"));
}


const QUIZ_OPTION = `QUIZ:${quiz.id}`;
const FIRST = quiz.questions[0];
const FIRST_WRONG = FIRST?.type === "single" ? FIRST.options.find((o) => !o.correct) : undefined;

test("an instructor runs a class: assignment, joins, gradebook, extension and CSV export", async ({ browser }) => {
  test.setTimeout(240_000);
  const run = Math.random().toString(36).slice(2, 7);
  const className = `Networks ${run}`;
  const done = { name: `Zoë Done ${run}`, email: uniqueEmail("done") };
  const missed = { name: `王 Missed ${run}`, email: uniqueEmail("missed") };

  // The instructor creates a class (its zone defaults to the browser's) and an assignment.
  const teacher = await newPage(browser, "Europe/Berlin");
  await signIn(teacher, DEMO.instructor, "/instructor");
  await teacher.getByLabel("Class name").fill(className);
  await expect(teacher.getByLabel("Time zone")).toHaveValue("Europe/Berlin");
  await teacher.getByRole("button", { name: "Create class" }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: className })).toBeVisible();
  const classUrl = new URL(teacher.url()).pathname;
  const classId = classUrl.split("/").pop() as string;
  const joinCode = (await teacher.getByTestId("join-code").textContent())?.trim() ?? "";
  expect(joinCode).toMatch(/^[A-Z0-9]{8}$/);
  const inviteLink = await teacher.getByRole("textbox", { name: "Invite link" }).inputValue();
  await expectNoSeriousA11yViolations(teacher);

  await teacher.getByRole("link", { name: "New assignment" }).click();
  await teacher.getByLabel("What to assign").selectOption(QUIZ_OPTION);
  await teacher.getByLabel("Title").fill(`Flags quiz ${run}`);
  await teacher.getByLabel("Points").fill(String(quiz.questions.length));
  await teacher.getByLabel("Late penalty (%)").fill("20");
  await expectNoSeriousA11yViolations(teacher);
  await teacher.getByRole("button", { name: "Create assignment" }).click();
  await expect(teacher.getByRole("link", { name: `Flags quiz ${run}` })).toBeVisible();
  const [assignment] = queryDatabase<{ id: string; dueAt: string }>('SELECT id, dueAt FROM "Assignment" WHERE classId = ?', classId);
  expect(assignment).toBeDefined();

  // A student joins with the code and completes the work; their browser's zone is stored.
  const student = await newPage(browser, "America/New_York");
  await signUp(student, done.name, done.email);
  await student.getByRole("link", { name: "Join a class" }).click();
  await student.getByLabel("Class code").fill(joinCode.toLowerCase());
  await student.getByRole("button", { name: "Join class" }).click();
  await expect(student.getByText(`You joined ${className}.`)).toBeVisible();
  await student.getByRole("link", { name: "Go to your dashboard" }).click();
  const card = student.getByTestId("student-assignment").filter({ hasText: `Flags quiz ${run}` });
  await expect(card.getByText("Not started")).toBeVisible();
  await expect.poll(() => queryDatabase<{ timeZone: string }>('SELECT timeZone FROM "User" WHERE email = ?', done.email)[0]?.timeZone).toBe("America/New_York");
  await expect(card.getByText(/EST|GMT-5/)).toBeVisible();
  await card.getByRole("link", { name: `Flags quiz ${run}` }).click();
  await expect(student).toHaveURL(new RegExp(`/course/${quiz.lessonSlug}#quiz-${quiz.id}$`));
  // Everything right but the first question: passed.
  await expect(quizSection(student).getByRole("button", { name: "Check answer" })).toBeVisible();
  await quizSection(student).scrollIntoViewIfNeeded();
  await finishQuiz(student, (index) => index !== 0);
  await student.goto("/dashboard");
  await expect(card.getByText("Submitted")).toBeVisible();

  // A second student joins with the invite link and does nothing.
  const other = await newPage(browser, "Asia/Shanghai");
  await signUp(other, missed.name, missed.email, new URL(inviteLink).pathname);
  await other.getByRole("button", { name: `Join ${className}` }).click();
  await expect(other.getByText(`You joined ${className}.`)).toBeVisible();

  // The due date passes: after the first student's submission, before now.
  const submittedAt = queryDatabase<{ submittedAt: string }>(
    'SELECT a.submittedAt FROM "QuizAttempt" a JOIN "User" u ON u.id = a.userId WHERE u.email = ? AND a.passed = 1',
    done.email,
  )[0]?.submittedAt;
  const due = new Date(submittedAt as string).getTime() + 1000;
  await expect.poll(() => Date.now()).toBeGreaterThan(due + 500);
  writeDatabase('UPDATE "Assignment" SET opensAt = ?, dueAt = ? WHERE id = ?', sqliteDate(due - 86_400_000), sqliteDate(due), assignment?.id);

  await other.goto("/dashboard");
  const late = other.getByTestId("student-assignment").filter({ hasText: `Flags quiz ${run}` });
  await expect(late.getByText("Missing")).toBeVisible();
  await expect(late.getByText(/^Late/)).toBeVisible();

  // The instructor's gradebook: statuses and scores.
  await teacher.goto(`${classUrl}/gradebook`);
  const doneRow = teacher.getByRole("row", { name: new RegExp(done.name) });
  const missedRow = teacher.getByRole("row", { name: new RegExp(missed.name) });
  await expect(doneRow.getByText("Submitted")).toBeVisible();
  const points = quiz.questions.length;
  await expect(doneRow.getByText(`${points - 1} / ${points}`).first()).toBeVisible();
  await expect(missedRow.getByText("Missing")).toBeVisible();
  await expect(missedRow.getByText(`0 / ${points}`).first()).toBeVisible();
  await expect(teacher.locator("#needs-attention").getByText(missed.name)).toBeVisible();
  await expectNoSeriousA11yViolations(teacher);

  await teacher.getByRole("link", { name: "Analytics" }).click();
  await expect(teacher.getByRole("img", { name: /Class progress over time/ })).toBeVisible();
  await teacher.getByText("Show the data as a table").click();
  await expect(teacher.getByRole("region", { name: "Class progress data" }).getByRole("row").last()).toContainText("50%");
  // The question the first student missed: nobody got it right, with their answer and its misconception.
  const missedQuestion = teacher.getByRole("row", { name: new RegExp(FIRST?.prompt.slice(0, 30) ?? "none") });
  await expect(missedQuestion).toContainText("0%");
  await expect(missedQuestion).toContainText(FIRST_WRONG?.text ?? "none");
  await expect(missedQuestion).toContainText(FIRST_WRONG?.misconception ?? "none");
  await expectNoSeriousA11yViolations(teacher);

  await teacher.goto(`${classUrl}/gradebook`);
  await doneRow.getByRole("link", { name: done.name }).click();
  await expect(teacher.getByRole("heading", { level: 2, name: done.name })).toBeVisible();
  await expect(teacher.getByRole("heading", { name: /^Attempt 1 Passed/ })).toBeVisible();
  await expect(teacher.getByRole("table", { name: "Answers in attempt 1" }).getByRole("row")).toHaveCount(quiz.questions.length + 1);
  await expectNoSeriousA11yViolations(teacher);

  // An extension for the student who missed it: no longer missing.
  await teacher.goto(`${classUrl}/gradebook`);
  await teacher.getByRole("link", { name: `Flags quiz ${run}` }).click();
  await teacher.getByLabel("Student").selectOption({ label: `${missed.name} (${missed.email})` });
  const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await teacher.getByLabel("New due date").fill(`${nextWeek}T12:00`);
  await teacher.getByRole("button", { name: "Give extension" }).click();
  await expect(teacher.getByText("Extension saved.")).toBeVisible();
  await expectNoSeriousA11yViolations(teacher);
  await teacher.goto(`${classUrl}/gradebook`);
  await expect(missedRow.getByText("Not started")).toBeVisible();
  await expect(missedRow.getByText(/extended to/)).toBeVisible();

  // The CSV export.
  const [download] = await Promise.all([teacher.waitForEvent("download"), teacher.getByRole("link", { name: "Export CSV" }).click()]);
  const bytes = readFileSync((await download.path()) as string);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const records: string[][] = parse(bytes.toString("utf8"), { bom: true });
  const title = `Flags quiz ${run}`;
  expect(records[0]).toEqual(["Student", "Email", `${title} — status`, `${title} — score (of ${points})`, "Total", "Possible"]);
  expect(records).toContainEqual([done.name, done.email, "Submitted", String(points - 1), String(points - 1), String(points)]);
  expect(records).toContainEqual([missed.name, missed.email, "Not started", "", "0", "0"]);

  // The first student is refused the instructor pages of the class they are in.
  for (const path of [classUrl, `${classUrl}/gradebook`, `${classUrl}/analytics`]) {
    const response = await student.goto(path);
    expect(response?.status()).toBe(403);
  }
  const csv = await student.request.get(`${classUrl}/gradebook/export`);
  expect(csv.status()).toBe(404);
  expect(await csv.text()).not.toContain(done.email);
});

test("students are refused a class's instructor pages; visitors are sent to sign in @phone", async ({ page, browser }) => {
  const [demoClass] = queryDatabase<{ id: string }>('SELECT id FROM "Classroom" WHERE joinCode = ?', "SYNACK42");
  const path = `/instructor/classes/${demoClass?.id}/gradebook`;
  await page.goto(path);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);

  await signIn(page, DEMO.student);
  expect((await page.goto(path))?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "This area is for instructors" })).toBeVisible();
  await expect(page.getByText("Ben Okafor")).toHaveCount(0);

  const other = await browser.newPage();
  await signUp(other, "Not a teacher", uniqueEmail("no-teacher"));
  expect((await other.goto(`/instructor/classes/${demoClass?.id}`))?.status()).toBe(403);
});

test("the demo gradebook, analytics and drill-down work in both themes and by keyboard", async ({ page }) => {
  test.setTimeout(150_000);
  const [demoClass] = queryDatabase<{ id: string }>('SELECT id FROM "Classroom" WHERE joinCode = ?', "SYNACK42");
  const base = `/instructor/classes/${demoClass?.id}`;
  await signIn(page, DEMO.instructor, "/instructor");
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of [base, `${base}/gradebook`, `${base}/analytics`]) {
      await page.goto(path);
      await expectNoSeriousA11yViolations(page);
    }
  }
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of [base, `${base}/gradebook`, `${base}/analytics`]) {
    await page.goto(path);
    await expectNoSeriousA11yViolations(page);
    // The page's own content (the site header is measured by its own tests).
    expect(await page.locator("main").evaluate((main) => main.scrollWidth), `${path} fits a phone`).toBeLessThanOrEqual(390);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${base}/analytics`);
  await expect(page.getByRole("table", { name: /Per-question results/ }).getByText("thinks-synack-has-no-ack").first()).toBeVisible();

  // Keyboard: from the section tabs to a student's drill-down without the mouse.
  await page.goto(`${base}/gradebook`);
  await page.getByRole("link", { name: "Gradebook", exact: true }).focus();
  const target = page.getByRole("link", { name: "Ben Okafor" }).first();
  for (let i = 0; i < 40 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(target).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 2, name: "Ben Okafor" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Attempt 3/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("a roster import invites someone without an account, who is enrolled when they sign up; joining works by keyboard", async ({ browser }) => {
  test.setTimeout(120_000);
  const [demoClass] = queryDatabase<{ id: string }>('SELECT id FROM "Classroom" WHERE joinCode = ?', "SYNACK42");
  const invitee = uniqueEmail("invitee");
  const teacher = await newPage(browser, "Europe/Berlin");
  await signIn(teacher, DEMO.instructor, `/instructor/classes/${demoClass?.id}`);
  await teacher.getByLabel("…or paste emails").fill(`Email\n${invitee.toUpperCase()}\nnot-an-email`);
  await teacher.getByRole("button", { name: "Import roster" }).click();
  await expect(teacher.getByText(/Roster imported: 0 enrolled; 1 invited; 1 not valid: not-an-email/)).toBeVisible();
  await expect(teacher.getByText(invitee)).toBeVisible();

  const student = await newPage(browser, "Europe/Lisbon");
  await signUp(student, "Invited Student", invitee);
  await expect(student.getByTestId("student-assignment").filter({ hasText: "Read: The TCP header and its flags" })).toBeVisible();
  expect(queryDatabase<{ acceptedAt: string | null }>('SELECT acceptedAt FROM "Invitation" WHERE email = ?', invitee)[0]?.acceptedAt).not.toBeNull();

  // Joining by keyboard alone: Tab to the code field, type, Enter.
  const keyboard = await newPage(browser, "UTC");
  await signUp(keyboard, "Keyboard Student", uniqueEmail("keyboard"), "/join");
  await keyboard.getByRole("heading", { name: "Join a class" }).click();
  for (let i = 0; i < 30 && !(await keyboard.getByLabel("Class code").evaluate((el) => el === document.activeElement)); i++) await keyboard.keyboard.press("Tab");
  await expect(keyboard.getByLabel("Class code")).toBeFocused();
  await keyboard.keyboard.type("synack42");
  await keyboard.keyboard.press("Enter");
  await expect(keyboard.getByText("You joined Computer Networks — Demo Class.")).toBeVisible();
  await expectNoSeriousA11yViolations(keyboard);
});
