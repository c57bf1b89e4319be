import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { parse } from "csv-parse/sync";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { finishQuiz, quiz, quizSection } from "./quiz-support";
import { expectNoWordsBrokenAcrossLines } from "./grading-support";
import { approach, DEMO, E2E_DATABASE, expectNoSeriousA11yViolations, queryDatabase, signIn, uniqueEmail } from "./support";

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

test("an instructor runs a graded week: kept input, an ended session, extension, excuse, gradebook and CSV agreeing on Missing = 0", async ({ browser }) => {
  test.setTimeout(420_000);
  const run = Math.random().toString(36).slice(2, 7);
  const className = `Networks ${run}`;
  const done = { name: `Zoë Done ${run}`, email: uniqueEmail("done") };
  const missed = { name: `王 Missed ${run}`, email: uniqueEmail("missed") };
  const extended = { name: `Ext Ended ${run}`, email: uniqueEmail("extended") };
  const excused = { name: `Eve Excused ${run}`, email: uniqueEmail("excused") };

  // The instructor creates a class (its zone defaults to the browser's).
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

  // A mistake in the new-assignment form: the server says which field, and nothing typed is lost.
  await teacher.getByRole("link", { name: "New assignment" }).click();
  await teacher.getByLabel("What to assign").selectOption(QUIZ_OPTION);
  await teacher.getByLabel("Title").fill(`Flags quiz ${run}`);
  await teacher.getByLabel("Instructions").fill("Pass it\nwith 70%.");
  await teacher.getByLabel("Points").fill("0");
  const opens = await teacher.getByLabel("Opens").inputValue();
  await teacher.getByLabel("Due").fill("9999-12-31T23:59");
  await teacher.getByLabel("Late penalty (%)").fill("20");
  await teacher.getByLabel("Accept work done before it opened").check();
  await teacher.getByRole("button", { name: "Create assignment" }).click();
  await expect(teacher.getByText(/A graded assignment is worth at least 1 point/)).toBeVisible();
  await expect(teacher.getByText(/^Choose a date between \d{4}-\d{2}-\d{2} and \d{4}-\d{2}-\d{2}$/)).toBeVisible();
  await expect(teacher.getByLabel("Points")).toHaveAttribute("aria-invalid", "true");
  await expect(teacher.getByLabel("Points")).toBeFocused();
  await expect(teacher.getByLabel("Due")).toHaveAttribute("aria-invalid", "true");
  await expect(teacher.getByLabel("What to assign")).toHaveValue(QUIZ_OPTION);
  await expect(teacher.getByLabel("Title")).toHaveValue(`Flags quiz ${run}`);
  await expect(teacher.getByLabel("Instructions")).toHaveValue("Pass it\nwith 70%.");
  await expect(teacher.getByLabel("Opens")).toHaveValue(opens);
  await expect(teacher.getByLabel("Late penalty (%)")).toHaveValue("20");
  await expect(teacher.getByLabel("Accept work done before it opened")).toBeChecked();
  await expectNoSeriousA11yViolations(teacher);
  await teacher.getByLabel("Accept work done before it opened").uncheck();
  await teacher.getByLabel("Points").fill(String(quiz.questions.length));
  await teacher.getByLabel("Due").fill(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10) + "T23:59");
  await teacher.getByRole("button", { name: "Create assignment" }).click();
  await expect(teacher.getByRole("link", { name: `Flags quiz ${run}` })).toBeVisible();
  const [assignment] = queryDatabase<{ id: string; instructions: string }>('SELECT id, instructions FROM "Assignment" WHERE classId = ?', classId);
  expect(assignment?.instructions).toBe("Pass it\nwith 70%.");

  // The session ends while a second assignment is being typed: the save says so, and after
  // signing in again the form comes back as it was.
  await teacher.getByRole("link", { name: "New assignment" }).click();
  await teacher.getByLabel("What to assign").selectOption("LESSON:tcp-header-and-flags");
  await teacher.getByLabel("Title").fill(`Read lesson 1 ${run}`);
  await teacher.getByLabel("Instructions").fill("Read to the end, twice if needed.");
  await teacher.getByLabel("Points").fill("5");
  await teacher.context().clearCookies({ name: "next-auth.session-token" });
  await teacher.getByRole("button", { name: "Create assignment" }).click();
  const ended = teacher.getByRole("alert").filter({ hasText: "Your session ended. Sign in again" });
  await expect(ended).toBeVisible();
  await expect(teacher.getByText("You cannot change this class.")).toHaveCount(0);
  // The header stops showing an account the server no longer recognises.
  await expect(teacher.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(teacher.getByRole("banner").getByRole("link", { name: "Teach" })).toHaveCount(0);
  await expect(teacher.getByLabel("Instructions")).toHaveValue("Read to the end, twice if needed.");
  await ended.getByRole("link", { name: "sign in" }).click();
  await teacher.waitForURL(/\/signin\?callbackUrl=/);
  await teacher.getByLabel("Email").fill(DEMO.instructor.email);
  await teacher.getByLabel("Password").fill(DEMO.instructor.password);
  await teacher.getByRole("button", { name: "Sign in" }).click();
  await teacher.waitForURL((url) => url.pathname === `${classUrl}/assignments/new`);
  await expect(teacher.getByText("What you typed before signing in again is back.")).toBeVisible();
  await expect(teacher.getByLabel("What to assign")).toHaveValue("LESSON:tcp-header-and-flags");
  await expect(teacher.getByLabel("Title")).toHaveValue(`Read lesson 1 ${run}`);
  await expect(teacher.getByLabel("Instructions")).toHaveValue("Read to the end, twice if needed.");
  await expect(teacher.getByLabel("Points")).toHaveValue("5");
  await teacher.getByRole("button", { name: "Create assignment" }).click();
  await expect(teacher.getByRole("link", { name: `Read lesson 1 ${run}` })).toBeVisible();
  expect(queryDatabase('SELECT id FROM "Assignment" WHERE classId = ?', classId)).toHaveLength(2);

  // A student joins with the code and does the quiz, one question wrong.
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
  await expect(quizSection(student).getByRole("button", { name: "Check answer" })).toBeVisible();
  await approach(quizSection(student));
  await finishQuiz(student, (index) => index !== 0);
  await student.goto("/dashboard");
  await expect(card.getByText("Submitted")).toBeVisible();

  // Three more join with the invite link and do nothing.
  for (const person of [missed, extended, excused]) {
    const page = await newPage(browser, "Asia/Shanghai");
    await signUp(page, person.name, person.email, new URL(inviteLink).pathname);
    await page.getByRole("button", { name: `Join ${className}` }).click();
    await expect(page.getByText(`You joined ${className}.`)).toBeVisible();
    await page.close();
  }

  // The due date passes: after the first student's work, before now.
  const submittedAt = queryDatabase<{ submittedAt: string }>(
    'SELECT a.submittedAt FROM "QuizAttempt" a JOIN "User" u ON u.id = a.userId WHERE u.email = ? AND a.submittedAt IS NOT NULL',
    done.email,
  )[0]?.submittedAt;
  const due = new Date(submittedAt as string).getTime() + 1000;
  await expect.poll(() => Date.now()).toBeGreaterThan(due + 500);
  writeDatabase('UPDATE "Assignment" SET dueAt = ? WHERE id = ?', sqliteDate(due), assignment?.id);

  // An extension earlier than the due date is refused and the date typed stays; a later one is saved.
  await teacher.goto(`${classUrl}/assignments/${assignment?.id}`);
  await teacher.getByLabel("Student").first().selectOption({ label: `${extended.name} (${extended.email})` });
  const earlier = new Date(due - 86_400_000 + 3_600_000).toISOString().slice(0, 16);
  await teacher.getByLabel("New due date").fill(earlier);
  await teacher.getByRole("button", { name: "Give extension" }).click();
  await expect(teacher.getByText(/^An extension must be later than the due date \(/)).toBeVisible();
  await expect(teacher.getByLabel("New due date")).toHaveValue(earlier);
  await expect(teacher.locator("#extension-student")).toHaveValue(queryDatabase<{ id: string }>('SELECT id FROM "User" WHERE email = ?', extended.email)[0]?.id ?? "");
  expect(queryDatabase('SELECT id FROM "AssignmentExtension" WHERE assignmentId = ?', assignment?.id)).toHaveLength(0);
  const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await teacher.getByLabel("New due date").fill(`${nextWeek}T12:00`);
  await teacher.getByRole("button", { name: "Give extension" }).click();
  await expect(teacher.getByText("Extension saved.")).toBeVisible();

  // Excusing a student.
  await teacher.locator("#excuse-student").selectOption({ label: `${excused.name} (${excused.email})` });
  await teacher.getByLabel("Note (optional)").fill("Away: field trip");
  await teacher.getByRole("button", { name: "Excuse", exact: true }).click();
  await expect(teacher.getByText("Student excused from this assignment.")).toBeVisible();
  await expectNoSeriousA11yViolations(teacher);

  // The gradebook: statuses and scores; Missing is 0 and counts in the total.
  const points = quiz.questions.length;
  await teacher.goto(`${classUrl}/gradebook`);
  const row = (name: string) => teacher.getByRole("row", { name: new RegExp(name) });
  await expect(row(done.name).getByText("Submitted")).toBeVisible();
  await expect(row(done.name).getByText(`${points - 1} / ${points}`).first()).toBeVisible();
  await expect(row(missed.name).getByText("Missing")).toBeVisible();
  await expect(row(missed.name).getByText(`0 / ${points}`).first()).toBeVisible();
  await expect(row(extended.name).getByText("Not started").first()).toBeVisible();
  await expect(row(extended.name).getByText(/extended: due/)).toBeVisible();
  await expect(row(excused.name).getByText("Excused", { exact: true })).toBeVisible();
  await expect(teacher.locator("#needs-attention").getByText(missed.name)).toBeVisible();
  const pageTotals = new Map<string, string>();
  for (const person of [done, missed, extended, excused]) pageTotals.set(person.email, ((await row(person.name).getByRole("cell").last().textContent()) ?? "").trim());
  expect(pageTotals.get(missed.email)).toBe(`0 / ${points}`);
  expect(pageTotals.get(excused.email)).toBe("—");
  await expectNoSeriousA11yViolations(teacher);

  // The CSV says the same.
  const [download] = await Promise.all([teacher.waitForEvent("download"), teacher.getByRole("link", { name: "Export CSV" }).click()]);
  const bytes = readFileSync((await download.path()) as string);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const records: string[][] = parse(bytes.toString("utf8"), { bom: true });
  const title = `Flags quiz ${run}`;
  expect(records[0]?.slice(0, 5)).toEqual(["Student", "Email", `${title} — status`, `${title} — score (of ${points})`, `${title} — due (Europe/Berlin)`]);
  const csvRow = (email: string) => records.find((r) => r[1] === email) ?? [];
  expect(csvRow(done.email).slice(2, 4)).toEqual(["Submitted", String(points - 1)]);
  expect(csvRow(missed.email).slice(2, 4)).toEqual(["Missing", "0"]);
  expect(csvRow(extended.email).slice(2, 5)).toEqual(["Not started", "", `${nextWeek} 12:00`]);
  expect(csvRow(excused.email).slice(2, 4)).toEqual(["Excused", ""]);
  for (const person of [done, missed, extended, excused]) {
    const line = csvRow(person.email);
    const [earned, possible] = line.slice(-2);
    expect(pageTotals.get(person.email)).toBe(possible === "0" ? "—" : `${earned} / ${possible}`);
  }

  // Analytics: the question the first student missed, in the quiz's words, with a human misconception.
  await teacher.getByRole("link", { name: "Analytics" }).click();
  await expect(teacher.getByRole("img", { name: /Class progress over time/ })).toBeVisible();
  const missedQuestion = teacher.getByTestId("question-analytics").filter({ hasText: FIRST?.prompt.slice(0, 30) ?? "none" });
  await expect(missedQuestion).toContainText("0% right");
  await expect(missedQuestion).toContainText(FIRST_WRONG?.text ?? "none");
  await expect(missedQuestion).not.toContainText(FIRST_WRONG?.misconception ?? "none");
  await expect(missedQuestion.getByText(/^Misconception:/)).toBeVisible();
  await expect(teacher.locator("main")).not.toContainText(/\{\w+\}|`/);
  await expectNoSeriousA11yViolations(teacher);

  // The drill-down explains the score from the attempt.
  await teacher.goto(`${classUrl}/gradebook`);
  await row(done.name).getByRole("link", { name: done.name }).click();
  await expect(teacher.getByRole("heading", { level: 2, name: done.name })).toBeVisible();
  await expect(teacher.getByRole("heading", { name: /^Attempt 1 Passed Counts/ })).toBeVisible();
  await expect(teacher.getByTestId("drilldown-score").first()).toHaveText(`${points - 1} / ${points}`);
  await expect(teacher.locator("main")).not.toContainText(/\{\w+\}|`/);
  await expectNoSeriousA11yViolations(teacher);
  for (const path of [`${classUrl}/analytics`, new URL(teacher.url()).pathname]) {
    await teacher.setViewportSize({ width: 360, height: 800 });
    await teacher.goto(path);
    await expectNoWordsBrokenAcrossLines(teacher);
    expect(await teacher.locator("main").evaluate((main) => main.scrollWidth), `${path} fits 360 px`).toBeLessThanOrEqual(360);
  }

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

test("the bare classes folder, a URL trimmed by hand, leads to the class list in either language", async ({ page }) => {
  await signIn(page, DEMO.instructor, "/instructor");
  expect((await page.goto("/instructor/classes"))?.status()).toBe(200);
  await expect(page).toHaveURL(/\/instructor$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your classes" })).toBeVisible();
  expect((await page.goto("/zh/instructor/classes"))?.status()).toBe(200);
  await expect(page).toHaveURL(/\/zh\/instructor$/);
  await expect(page.getByRole("heading", { level: 1, name: "你的班级" })).toBeVisible();
});

/** Every instructor page of the demo class, for axe and the phone checks. */
function instructorPages() {
  const [demoClass] = queryDatabase<{ id: string }>('SELECT id FROM "Classroom" WHERE joinCode = ?', "SYNACK42");
  const [assignment] = queryDatabase<{ id: string }>('SELECT id FROM "Assignment" WHERE classId = ? ORDER BY dueAt LIMIT 1', demoClass?.id);
  const [ben] = queryDatabase<{ id: string }>('SELECT id FROM "User" WHERE email = ?', "ben@example.com");
  const base = `/instructor/classes/${demoClass?.id}`;
  return {
    base,
    student: `${base}/students/${ben?.id}`,
    all: ["/instructor", base, `${base}/assignments/new`, `${base}/assignments/${assignment?.id}`, `${base}/gradebook`, `${base}/analytics`, `${base}/students/${ben?.id}`],
  };
}

for (const scheme of ["light", "dark"] as const) {
  test(`every instructor page passes axe in the ${scheme} theme`, async ({ page }) => {
    test.setTimeout(240_000);
    await signIn(page, DEMO.instructor, "/instructor");
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of instructorPages().all) {
      await page.goto(path);
      await expectNoSeriousA11yViolations(page);
    }
  });
}

test("every instructor page fits 360 px without breaking words, and works by keyboard", async ({ page }) => {
  test.setTimeout(240_000);
  const { base, student, all } = instructorPages();
  await signIn(page, DEMO.instructor, "/instructor");
  await page.setViewportSize({ width: 360, height: 800 });
  for (const path of all) {
    await page.goto(path);
    await expectNoSeriousA11yViolations(page);
    // The page's own content (the site header is measured by its own tests).
    expect(await page.locator("main").evaluate((main) => main.scrollWidth), `${path} fits a phone`).toBeLessThanOrEqual(360);
    // And the whole page, the header with an instructor's links included.
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} with its header fits a phone`).toBeLessThanOrEqual(360);
  }
  for (const path of [`${base}/analytics`, student]) {
    await page.goto(path);
    await expectNoWordsBrokenAcrossLines(page);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${base}/analytics`);
  // Misconceptions by their titles, never their tags.
  await expect(page.getByText("Thinks the SYN+ACK carries no acknowledgment").first()).toBeVisible();
  await expect(page.locator("main")).not.toContainText("thinks-synack-has-no-ack");
  // Question text as the learner saw it: markdown rendered (code, no backticks), the attempt's numbers filled in.
  for (const path of [`${base}/analytics`, student]) {
    await page.goto(path);
    await expect(page.locator("main code").first()).toBeVisible();
    await expect(page.locator("main")).not.toContainText("`");
    await expect(page.locator("main")).not.toContainText(/\{[A-Za-z]+\}/);
  }

  // Keyboard: from the section tabs to a student's drill-down without the mouse.
  await page.goto(`${base}/gradebook`);
  await page.getByRole("link", { name: "Gradebook", exact: true }).focus();
  const target = page.getByRole("link", { name: "Ben Okafor" }).first();
  for (let i = 0; i < 40 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(target).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 2, name: "Ben Okafor" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Attempt 2/ })).toBeVisible();
});

test("a co-instructor teaches but has none of the owner's powers", async ({ browser }) => {
  test.setTimeout(120_000);
  const [demoClass] = queryDatabase<{ id: string }>('SELECT id FROM "Classroom" WHERE joinCode = ?', "SYNACK42");
  const base = `/instructor/classes/${demoClass?.id}`;
  // A second real instructor account (roles are granted by whoever runs the server).
  const colleague = { email: uniqueEmail("colleague"), password: "a-good-long-password" };
  const page = await newPage(browser, "Europe/Berlin");
  await signUp(page, "Carla Colleague", colleague.email);
  writeDatabase('UPDATE "User" SET role = ? WHERE email = ?', "INSTRUCTOR", colleague.email);
  const owner = await newPage(browser, "Europe/Berlin");
  await signIn(owner, DEMO.instructor, base);
  await owner.getByLabel("Instructor's email").fill(colleague.email);
  await owner.getByRole("button", { name: "Add co-instructor" }).click();
  await expect(owner.getByText("Co-instructor added.")).toBeVisible();

  await page.goto(base);
  await expect(page.getByRole("heading", { level: 1, name: "Computer Networks — Demo Class" })).toBeVisible();
  // Teaching: the roster, assignments and gradebook are theirs too.
  await expect(page.getByRole("link", { name: "New assignment" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Invite the roster" })).toBeVisible();
  // Not the owner's: co-instructors and archiving.
  await expect(page.getByLabel("Instructor's email")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Archive class" })).toHaveCount(0);
  await expect(page.getByText("Only the class owner adds or removes co-instructors.")).toBeVisible();
  expect((await page.goto(`${base}/gradebook`))?.status()).toBe(200);
  await owner.getByRole("button", { name: `Remove co-instructor Carla Colleague` }).click();
  await expect(owner.getByRole("button", { name: `Remove co-instructor Carla Colleague` })).toHaveCount(0);
  expect((await page.goto(base))?.status()).toBe(404);
});

test("a roster import invites everyone, tells no one who has an account, and enrolls only those who accept; joining works by keyboard", async ({ browser }) => {
  test.setTimeout(150_000);
  const [demoClass] = queryDatabase<{ id: string }>('SELECT id FROM "Classroom" WHERE joinCode = ?', "SYNACK42");
  const invitee = uniqueEmail("invitee");
  const existing = await newPage(browser, "Europe/Lisbon");
  const existingEmail = uniqueEmail("existing");
  await signUp(existing, "Has Account", existingEmail);
  const teacher = await newPage(browser, "Europe/Berlin");
  await signIn(teacher, DEMO.instructor, `/instructor/classes/${demoClass?.id}`);
  await teacher.getByLabel("…or paste emails").fill(`Email\n${invitee.toUpperCase()}\n${existingEmail}\nnot-an-email`);
  await teacher.getByRole("button", { name: "Invite the roster" }).click();
  // Counts only: the account that exists and the one that does not look the same.
  await expect(teacher.getByText("Roster imported: 2 invitations sent; 1 row is not a valid email: not-an-email. People join once they accept.")).toBeVisible();
  await expect(teacher.getByText(invitee)).toBeVisible();
  await expect(teacher.getByText(existingEmail)).toBeVisible();

  // The person with an account is not enrolled until they accept, on their dashboard.
  await existing.goto("/dashboard");
  expect(queryDatabase('SELECT e.id FROM "Enrollment" e JOIN "User" u ON u.id = e.userId WHERE u.email = ?', existingEmail)).toHaveLength(0);
  const invitation = existing.getByTestId("class-invitation");
  await expect(invitation).toContainText("Computer Networks — Demo Class");
  await expectNoSeriousA11yViolations(existing);
  await invitation.getByRole("button", { name: "Accept the invitation to Computer Networks — Demo Class" }).click();
  await expect(existing.getByText("You joined Computer Networks — Demo Class.")).toBeVisible();
  expect(queryDatabase('SELECT e.id FROM "Enrollment" e JOIN "User" u ON u.id = e.userId WHERE u.email = ?', existingEmail)).toHaveLength(1);

  // Someone who signs up with the invited email is not enrolled either until they accept.
  const student = await newPage(browser, "Europe/Lisbon");
  await signUp(student, "Invited Student", invitee);
  await expect(student.getByTestId("class-invitation")).toBeVisible();
  expect(queryDatabase('SELECT e.id FROM "Enrollment" e JOIN "User" u ON u.id = e.userId WHERE u.email = ?', invitee)).toHaveLength(0);
  await student.getByRole("button", { name: "Decline the invitation to Computer Networks — Demo Class" }).click();
  await expect(student.getByText("Invitation declined.")).toBeVisible();
  expect(queryDatabase<{ declinedAt: string | null }>('SELECT declinedAt FROM "Invitation" WHERE email = ?', invitee)[0]?.declinedAt).not.toBeNull();

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

test("a title with a right-to-left override is stripped when typed, and an older one cannot reorder the line on /instructor", async ({ page }) => {
  test.setTimeout(120_000);
  const run = Math.random().toString(36).slice(2, 7);
  await signIn(page, DEMO.instructor, "/instructor");
  await page.getByLabel("Class name").fill(`Bidi ${run}`);
  await page.getByRole("button", { name: "Create class" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Bidi ${run}` })).toBeVisible();
  const classId = new URL(page.url()).pathname.split("/").pop() as string;
  await page.getByRole("link", { name: "New assignment" }).click();
  await page.getByLabel("What to assign").selectOption("LESSON:tcp-header-and-flags");
  // Every free-text field shows its bound.
  await expect(page.getByLabel("Title")).toHaveAccessibleDescription(/At most [\d,]+ characters\./);
  await expect(page.getByLabel("Instructions")).toHaveAccessibleDescription(/At most [\d,]+ characters\./);
  await page.getByLabel("Title").fill(`Read \u202E${run}\u0000`);
  await page.getByLabel("Points").fill("5");
  await page.getByRole("button", { name: "Create assignment" }).click();
  await expect(page.getByRole("link", { name: `Read ${run}` })).toBeVisible();
  const [stored] = queryDatabase<{ id: string; title: string }>('SELECT id, title FROM "Assignment" WHERE classId = ?', classId);
  expect(stored?.title).toBe(`Read ${run}`);

  // A row stored before titles were cleaned: the override stays inside the title.
  writeDatabase('UPDATE "Assignment" SET title = ? WHERE id = ?', `Old \u202E${run}`, stored?.id);
  await page.goto("/instructor");
  const line = page.getByRole("listitem").filter({ hasText: run }).filter({ hasNot: page.getByRole("listitem") });
  await expect(line).toContainText("5 points");
  const order = await line.evaluate((li) => {
    const title = li.querySelector("bdi") as HTMLElement;
    const last = li.lastChild as Text;
    const at = (node: Text, offset: number) => {
      const range = document.createRange();
      range.setStart(node, offset);
      range.setEnd(node, offset + 1);
      return range.getBoundingClientRect().left;
    };
    const text = last.textContent ?? "";
    return { titleRight: title.getBoundingClientRect().right, five: at(last, text.indexOf("5")), points: at(last, text.indexOf("points")), isolate: getComputedStyle(title).unicodeBidi };
  });
  expect(order.isolate).toMatch(/isolate/);
  // Left to right as written: the title, then "5", then "points".
  expect(order.five).toBeGreaterThan(order.titleRight);
  expect(order.points).toBeGreaterThan(order.five);
});
