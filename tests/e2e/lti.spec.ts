import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type BrowserContext, type Frame, type FrameLocator, type Page } from "@playwright/test";
import { decodeJwt } from "jose";
import { ROLE, SCOPES, startTestPlatform, type TestPlatform } from "../support/lti-platform/platform";
import { finishQuiz, quiz, quizSection } from "./quiz-support";
import { E2E_DATABASE, queryDatabase } from "./support";
import { LTI_LAUNCH_OPTIONS } from "../support/lti-browser";

/**
 * The tool inside an LMS, in Chromium with third-party cookies blocked: the test LMS (on
 * 127.0.0.1, another site than the tool on localhost) frames the tool; an instructor deep-links
 * the lesson-1 quiz with points, a learner launches it, answers, and the score arrives at the
 * LMS; without the LMS's postMessage storage the tool opens in a window of its own.
 */

const TOOL = `http://localhost:${process.env.E2E_PORT ?? "3210"}`;
const PLATFORM_PORT = Number(process.env.LTI_PLATFORM_PORT ?? 4321);
const OTHER_SITE_PORT = PLATFORM_PORT + 1;

// Whole LMS round trips (login, launch, quiz, grade passback) on a shared 2-core machine.
test.describe.configure({ mode: "serial", timeout: 300_000 });
test.use({ launchOptions: LTI_LAUNCH_OPTIONS });

let platform: TestPlatform;
let otherSite: TestPlatform;
const courseId = "net101";
const teacher = { id: "teacher-1", name: "Grace Hopper", email: "grace.e2e@lms.test" };
const learners = [
  { id: "learner-1", name: "Alan Turing", email: "alan.e2e@lms.test" },
  { id: "learner-2", name: "Katherine Johnson", email: "katherine.e2e@lms.test" },
];
let quizLinkId = "";

test.beforeAll(async () => {
  platform = await startTestPlatform(PLATFORM_PORT);
  otherSite = await startTestPlatform(OTHER_SITE_PORT);
  platform.addUser(teacher);
  for (const learner of learners) platform.addUser(learner);
  platform.addCourse({
    id: courseId,
    title: "Networks 101",
    label: "NET101",
    members: [{ userId: teacher.id, roles: [ROLE.instructor] }, ...learners.map((l) => ({ userId: l.id, roles: [ROLE.learner] }))],
  });
  platform.registerTool({
    clientId: "syn-to-fin-e2e",
    deploymentId: "deployment-e2e",
    loginUrl: `${TOOL}/api/lti/login`,
    redirectUris: [`${TOOL}/api/lti/launch`],
    jwks: `${TOOL}/api/lti/jwks`,
    grantedScopes: Object.values(SCOPES),
    offeredAgsScopes: [SCOPES.lineItem, SCOPES.lineItemReadOnly, SCOPES.score, SCOPES.resultReadOnly],
    deepLinkingUrl: `${TOOL}/lti/deep-link`,
  });
  // The administrator registers the LMS with the command line, as docs/lti.md says.
  const urls = execFileSync(
    "npx",
    [
      "tsx",
      "--conditions=react-server",
      "scripts/lti.ts",
      "platform",
      "add",
      "--issuer",
      platform.issuer,
      "--client-id",
      "syn-to-fin-e2e",
      "--deployment-id",
      "deployment-e2e",
      "--auth-url",
      platform.urls.auth,
      "--token-url",
      platform.urls.token,
      "--jwks-url",
      platform.urls.jwks,
      "--name",
      "Test LMS",
      "--tool-url",
      TOOL,
    ],
    { env: { ...process.env, DATABASE_URL: `file:${E2E_DATABASE}` }, encoding: "utf8" },
  );
  expect(JSON.parse(urls)).toEqual({ login: `${TOOL}/api/lti/login`, launch: `${TOOL}/api/lti/launch`, jwks: `${TOOL}/api/lti/jwks`, deepLinking: `${TOOL}/lti/deep-link` });
});

test.afterAll(async () => {
  await platform?.stop();
  await otherSite?.stop();
});

/** The tool's frame in the LMS page, with `evaluate` run on its document. */
type ToolFrame = FrameLocator & { evaluate<R>(pageFunction: () => R): Promise<R> };

/**
 * A frame locator finds the frame again for every action, so it never holds the frame of the page
 * before a reload (a cross-site frame is detached asynchronously) or of a document since replaced.
 */
async function toolFrame(page: Page): Promise<ToolFrame> {
  await expect(page.locator("iframe[name=tool-frame]")).toBeVisible();
  const frame = page.frameLocator("iframe[name=tool-frame]");
  return Object.assign(frame, { evaluate: <R,>(pageFunction: () => R) => frame.locator(":root").evaluate(pageFunction) });
}

async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 1000 } });
}

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

test("an instructor deep-links the quiz with points from inside the LMS frame, through the LMS's postMessage storage", async ({ browser }) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${platform.origin}/courses/${courseId}/deep-link?user=${teacher.id}&storage=1`);
  const frame = await toolFrame(page);
  await expect(frame.getByRole("heading", { name: "Add an activity" })).toBeVisible({ timeout: 20_000 });

  // State and nonce went through the LMS's storage frame, from the tool's origin; the frame kept no state cookie.
  const messages = await page.evaluate(() => (window as unknown as { __ltiMessages?: Array<{ subject: string; origin: string }> }).__ltiMessages ?? []);
  expect(messages.map((m) => m.subject).sort()).toEqual(["lti.get_data", "lti.get_data", "lti.put_data", "lti.put_data"]);
  expect(new Set(messages.map((m) => m.origin))).toEqual(new Set([TOOL]));
  const cookies = await context.cookies(TOOL);
  expect(cookies.filter((c) => c.name.startsWith("lti-state-"))).toEqual([]);
  const session = cookies.find((c) => c.name === "next-auth.session-token");
  expect(session).toMatchObject({ sameSite: "None", secure: true, httpOnly: true });
  // Partitioned by the LMS's site (scheme and host): kept only inside this LMS's pages.
  expect((session as { partitionKey?: string } | undefined)?.partitionKey).toBe(`http://${new URL(platform.origin).hostname}`);

  await frame.getByRole("checkbox", { name: new RegExp(quiz.title) }).check();
  await frame.getByLabel("Points").fill("0");
  await frame.getByRole("button", { name: "Add 1 activity to the LMS" }).click();
  // A mistake keeps what was typed.
  await expect(frame.getByText("At least 1 point")).toBeVisible();
  await expect(frame.getByRole("checkbox", { name: new RegExp(quiz.title) })).toBeChecked();
  await frame.getByLabel("Points").fill("10");
  await frame.getByLabel("Title in the LMS").fill("Flags and segments quiz");
  await frame.getByRole("button", { name: "Add 1 activity to the LMS" }).click();
  await expect(frame.getByRole("heading", { name: "Added 1 item(s)" })).toBeVisible();

  expect(platform.deepLinkResults).toHaveLength(1);
  const [link] = platform.deepLinkResults[0]!.createdLinks;
  expect(link).toMatchObject({ title: "Flags and segments quiz", targetLinkUri: `${TOOL}/lti/quiz/${quiz.id}` });
  const lineItem = platform.lineItems.get(link!.lineItemId!);
  expect(lineItem).toMatchObject({ scoreMaximum: 10, label: "Flags and segments quiz" });
  quizLinkId = link!.id;
  const assignments = queryDatabase<{ title: string; points: number; targetId: string }>(`SELECT "title", "points", "targetId" FROM "Assignment" WHERE "title" = ?`, "Flags and segments quiz");
  expect(assignments).toEqual([{ title: "Flags and segments quiz", points: 10, targetId: quiz.id }]);
  // The instructor's launch filled the class from the LMS's roster (NRPS): both learners are in it before either launches.
  await expect
    .poll(() => queryDatabase<{ subject: string }>(`SELECT l."subject" FROM "LtiUserLink" l JOIN "Enrollment" e ON e."userId" = l."userId" WHERE l."issuer" = ? ORDER BY l."subject"`, platform.issuer).map((r) => r.subject), { timeout: 20_000 })
    .toEqual(learners.map((l) => l.id));
  await context.close();
});

test("a learner launches the quiz in the frame, answers, and the score arrives at the LMS", async ({ browser }) => {
  expect(quizLinkId).not.toBe("");
  const context = await newContext(browser);
  const page = await context.newPage();
  const learner = learners[0]!;
  await page.goto(`${platform.origin}/courses/${courseId}/launch?user=${learner.id}&link=${quizLinkId}&storage=1`);
  const frame = await toolFrame(page);
  await expect(frame.getByRole("heading", { level: 1, name: quiz.title })).toBeVisible({ timeout: 20_000 });
  await expect(frame.getByText("Your score goes to Test LMS each time it changes.")).toBeVisible();
  await expect(frame.getByText(`Signed in as ${learner.name}`)).toBeVisible();
  await expect(quizSection(frame).getByRole("heading", { name: /^Question 1 of \d+$/ })).toBeVisible();
  await finishQuiz(frame, () => true);

  await expect
    .poll(() => platform.scores.filter((s) => s.body.userId === learner.id && s.accepted).at(-1)?.body, { timeout: 30_000 })
    .toMatchObject({ scoreGiven: 10, scoreMaximum: 10, activityProgress: "Completed", gradingProgress: "FullyGraded" });

  // Opening it again from the LMS shows the score reached it.
  await page.reload();
  const again = await toolFrame(page);
  await expect(again.locator("[data-score-status=DELIVERED]")).toContainText("reached the LMS", { timeout: 20_000 });
  await context.close();
});

test("without the LMS's storage the frame offers a new window, where the activity works and its score arrives too", async ({ browser }) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const learner = learners[1]!;
  await page.goto(`${platform.origin}/courses/${courseId}/launch?user=${learner.id}&link=${quizLinkId}`);
  const frame = await toolFrame(page);
  // Third-party cookies are blocked: the state cookie set inside the frame did not come back.
  await expect(frame.getByRole("heading", { name: "Open this activity in a new window" })).toBeVisible({ timeout: 20_000 });
  const [popup] = await Promise.all([context.waitForEvent("page"), frame.getByRole("link", { name: "Open SYN to FIN in a new window" }).click()]);
  await popup.waitForURL((url) => url.pathname === `/lti/quiz/${quiz.id}`, { timeout: 20_000 });
  await expect(popup.getByRole("heading", { level: 1, name: quiz.title })).toBeVisible();
  await expect(frame.getByText("Opened in a new window.")).toBeVisible();

  await expectNoSeriousViolations(popup);
  await popup.emulateMedia({ colorScheme: "dark" });
  await popup.evaluate(() => document.documentElement.classList.add("dark"));
  await expectNoSeriousViolations(popup);

  await finishQuiz(popup, (index) => index === 0);
  // A finished attempt below full marks is handed in with its score, as the gradebook says Submitted;
  // AGS calls it Submitted (not Completed) since the quiz can be taken again to improve it.
  await expect
    .poll(() => platform.scores.filter((s) => s.body.userId === learner.id && s.accepted).at(-1)?.body, { timeout: 30_000 })
    .toMatchObject({ scoreMaximum: 10, activityProgress: "Submitted", gradingProgress: "FullyGraded", scoreGiven: expect.any(Number) });
  await context.close();
});

/** Presses Tab (from the LMS page into the frame) until the tool's focused element matches. */
async function tabTo(page: Page, frame: ToolFrame, matches: (element: { tag: string; type: string | null; value: string | null }) => boolean, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const focused = await frame.evaluate(() => {
      const element = document.activeElement;
      return element && element !== document.body ? { tag: element.tagName.toLowerCase(), type: element.getAttribute("type"), value: (element as HTMLInputElement).value ?? null } : null;
    });
    if (focused && matches(focused)) return;
  }
  throw new Error("Tab never reached the element");
}

/** Nothing in the frame wider than the frame (a 360 px phone has no horizontal scrolling). */
async function expectNoSidewaysScroll(frame: ToolFrame) {
  expect(await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
}

test("in a Chinese LMS on a 360 px phone, keyboard only: the instructor picks a quiz titled in Chinese, a learner answers in the frame", async ({ browser }) => {
  const phone = { viewport: { width: 360, height: 780 }, locale: "zh-CN" };
  const teacherContext = await browser.newContext(phone);
  const page = await teacherContext.newPage();
  await page.goto(`${platform.origin}/courses/${courseId}/deep-link?user=${teacher.id}&storage=1&locale=zh-CN`);
  const picker = await toolFrame(page);
  const chineseTitle = "检验一下：首部和标志位";
  await expect(picker.getByRole("checkbox", { name: chineseTitle })).toBeVisible({ timeout: 20_000 });
  await expect(picker.getByRole("group", { name: "测验" })).toBeVisible();
  await expectNoSidewaysScroll(picker);
  await expectNoSeriousViolations(page);

  await tabTo(page, picker, (e) => e.type === "checkbox" && e.value === `QUIZ:${quiz.id}`);
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await expect(picker.getByLabel("在 LMS 中的标题")).toBeFocused();
  await expect(picker.getByLabel("在 LMS 中的标题")).toHaveValue(chineseTitle);
  await page.keyboard.press("Tab");
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("0");
  await tabTo(page, picker, (e) => e.tag === "button", 60);
  await expect(picker.getByRole("button", { name: "向 LMS 添加 1 个活动" })).toBeFocused();
  await page.keyboard.press("Enter");
  // The server's refusal is in the page's language, and focus lands on the refused field with what was typed kept.
  await expect(picker.getByText("至少 1 分")).toBeVisible();
  await expect(picker.getByLabel("分值")).toBeFocused();
  await expect(picker.getByRole("checkbox", { name: chineseTitle })).toBeChecked();
  await expectNoSidewaysScroll(picker);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("5");
  await page.keyboard.press("Enter");
  await expect(picker.getByRole("heading", { name: "Added 1 item(s)" })).toBeVisible({ timeout: 20_000 });
  const answered = platform.deepLinkResults.at(-1)!;
  expect(answered.payload["https://purl.imsglobal.org/spec/lti-dl/claim/msg"]).toBe("从 SYN to FIN 添加了 1 个活动");
  expect(platform.lineItems.get(answered.createdLinks[0]!.lineItemId!)).toMatchObject({ scoreMaximum: 5, label: chineseTitle });
  await teacherContext.close();

  const learner = platform.addUser({ id: "learner-phone", name: "Wang Xiaoming", email: "wang.e2e@lms.test" });
  platform.enroll(courseId, { userId: learner.id, roles: [ROLE.learner] });
  const learnerContext = await browser.newContext(phone);
  const learnerPage = await learnerContext.newPage();
  await learnerPage.goto(`${platform.origin}/courses/${courseId}/launch?user=${learner.id}&link=${answered.createdLinks[0]!.id}&storage=1&locale=zh-CN`);
  const frame = await toolFrame(learnerPage);
  await expect(frame.getByRole("heading", { level: 1, name: chineseTitle })).toBeVisible({ timeout: 20_000 });
  await expect(frame.getByText("你的成绩每次变化都会发送到 Test LMS。")).toBeVisible();
  await expect(frame.getByText("已登录：Wang Xiaoming")).toBeVisible();
  await expectNoSidewaysScroll(frame);
  await expectNoSeriousViolations(learnerPage);
  await learnerPage.emulateMedia({ colorScheme: "dark" });
  await frame.evaluate(() => document.documentElement.classList.add("dark"));
  await expectNoSeriousViolations(learnerPage);

  // The first question, answered with the keyboard alone: its first option, then the check button.
  await tabTo(learnerPage, frame, (e) => e.type === "radio" || e.type === "checkbox" || (e.tag === "input" && e.type !== "hidden"));
  await learnerPage.keyboard.press("Space");
  await tabTo(learnerPage, frame, (e) => e.tag === "button", 5);
  await expect(frame.getByRole("button", { name: "提交答案" })).toBeFocused();
  await learnerPage.keyboard.press("Enter");
  await expect(frame.getByRole("button", { name: /下一题/ })).toBeVisible({ timeout: 20_000 });
  await expectNoSidewaysScroll(frame);
  // The work begun reaches the LMS without a score, said as such in the panel once delivered.
  await expect
    .poll(() => platform.scores.filter((s) => s.body.userId === learner.id && s.accepted).at(-1)?.body, { timeout: 30_000 })
    .toMatchObject({ activityProgress: "Started", gradingProgress: "NotReady" });
  await learnerPage.reload();
  const again = await toolFrame(learnerPage);
  await expect(again.locator("[data-score-status=DELIVERED]")).toContainText("你的进度（还没有成绩）已于", { timeout: 20_000 });
  await learnerContext.close();
});

test("only LTI pages may be framed, and only by registered LMS origins", async ({ browser, request }) => {
  const lti = await request.get(`/lti/quiz/${quiz.id}`);
  // Other specs register LMSs of their own in the same database: this one's origin is among the sources, in any place.
  const frameAncestors = /(?:^|;)\s*frame-ancestors ([^;]*)/.exec(lti.headers()["content-security-policy"] ?? "")?.[1]?.trim().split(/\s+/);
  expect(frameAncestors).toContain(platform.origin);
  expect(frameAncestors).not.toContain("*");
  expect(lti.headers()["x-frame-options"]).toBeUndefined();
  const home = await request.get("/");
  expect(home.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(home.headers()["x-frame-options"]).toBe("DENY");

  const context = await newContext(browser);
  const page = await context.newPage();
  const framed = async (origin: string, src: string) => {
    await page.goto(`${origin}/frame?src=${encodeURIComponent(src)}`);
    await expect(page.locator("iframe[name=framed]")).toBeVisible();
    await page.waitForTimeout(1500);
    const frame = page.frame({ name: "framed" }) as Frame;
    return { url: frame.url(), text: await frame.locator("body").innerText().catch(() => "") };
  };
  const allowed = await framed(platform.origin, `${TOOL}/lti/quiz/${quiz.id}`);
  expect(allowed.text).toContain("Open this activity from your LMS");
  // Refused frames end on Chromium's error page instead of the tool's document.
  const siteFramed = await framed(platform.origin, `${TOOL}/course`);
  expect(siteFramed.url).not.toContain(TOOL);
  const stranger = await framed(otherSite.origin, `${TOOL}/lti/quiz/${quiz.id}`);
  expect(stranger.url).not.toContain(TOOL);
  expect(stranger.text).not.toContain("Open this activity from your LMS");
  await context.close();
});

test("a failed launch names the problem for an administrator, in the LMS's language", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  const response = await page.goto(`${TOOL}/api/lti/login?iss=https%3A%2F%2Flms.unknown.test&login_hint=x&target_link_uri=${encodeURIComponent(`${TOOL}/lti`)}`);
  expect(response?.status()).toBe(400);
  await expect(page.getByRole("heading", { level: 1, name: "此 LMS 尚未注册" })).toBeVisible();
  await expect(page.locator("[data-problem-code]")).toHaveText("unknown-platform");
  await expectNoSeriousViolations(page);
  await context.close();

  const english = await browser.newContext();
  const launch = await english.request.post(`${TOOL}/api/lti/launch`, { form: { id_token: "not.a.jwt", state: "nope" } });
  expect(launch.status()).toBe(400);
  expect(await launch.text()).toContain("This launch was already used or has expired");
  await english.close();
});

/**
 * Every way a launch can be refused, through the real routes over HTTP, carried as a browser
 * carries them: the login's redirects and its state cookie, the LMS's authorization answer, and
 * the LMS's form_post from its own origin (its id_token altered on the way where the case needs
 * it). Each ends on a page naming the problem, with no session cookie and no account, identity,
 * course or link written for the learner.
 */
test("every refused launch shows the problem's page, starts no session and writes nothing", async ({ playwright }) => {
  test.setTimeout(240_000);
  const learner = platform.addUser({ id: "learner-refused", name: "Rita Refused", email: "rita.e2e@lms.test" });
  platform.enroll(courseId, { userId: learner.id, roles: [ROLE.learner] });
  const link = platform.addResourceLink({ id: "rl-refusals", courseId, title: "Refusals", targetLinkUri: `${TOOL}/lti/quiz/${quiz.id}` });
  const count = (sql: string, ...params: unknown[]) => queryDatabase<{ n: number }>(sql, ...params)[0]!.n;
  const written = () => ({
    users: count(`SELECT COUNT(*) AS n FROM "User" WHERE "email" = ?`, learner.email),
    identities: count(`SELECT COUNT(*) AS n FROM "LtiUserLink" WHERE "issuer" = ? AND "subject" = ?`, platform.issuer, learner.id),
    links: count(`SELECT COUNT(*) AS n FROM "LtiResourceLink" WHERE "resourceLinkId" = ?`, link.id),
    contexts: count(`SELECT COUNT(*) AS n FROM "LtiContext" WHERE "issuer" = ?`, platform.issuer),
  });
  const before = written();
  const strangerKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  type Claims = Record<string, unknown>;
  const now = () => Math.floor(Date.now() / 1000);
  // A fresh HTTP client (its own cookie jar) for each browser in the story: only the cookies given are sent.
  const client = () => playwright.request.newContext({ maxRedirects: 0 });

  /** Login → its redirect with the state cookie → the LMS's authorization: the form the LMS would post, and the browser's cookie. */
  async function loginForm(): Promise<{ form: Record<string, string>; cookie: string }> {
    const params = new URLSearchParams(platform.loginParameters({ userId: learner.id, resourceLinkId: link.id }));
    const http = await client();
    const login = await http.get(`${TOOL}/api/lti/login?${params}`);
    expect(login.status()).toBe(303);
    const cookie = login.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value.split(";")[0]).join("; ");
    expect(cookie).toMatch(/^lti-state-/);
    const continued = await http.get(new URL(login.headers().location!, TOOL).toString(), { headers: { cookie } });
    expect([302, 303]).toContain(continued.status());
    await http.dispose();
    const authorized = await platform.authorize(continued.headers().location!, learner.id);
    if (!authorized.ok) throw new Error(authorized.error);
    expect(authorized.action).toBe(`${TOOL}/api/lti/launch`);
    return { form: { id_token: authorized.idToken, state: authorized.state }, cookie };
  }

  /** The LMS page's form_post, as Chromium sends it from the LMS's origin. */
  async function post(form: Record<string, string>, cookie: string | null) {
    const http = await client();
    const response = await http.post(`${TOOL}/api/lti/launch`, { form, headers: { origin: platform.origin, "sec-fetch-site": "cross-site", "sec-fetch-dest": "document", ...(cookie ? { cookie } : {}) } });
    const answer = { status: () => response.status(), text: await response.text(), setCookies: response.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value) };
    await http.dispose();
    return answer;
  }

  async function expectRefused(response: Awaited<ReturnType<typeof post>>, code: string, status = 400) {
    expect(response.status(), code).toBe(status);
    expect(response.text, code).toContain(`<code data-problem-code>${code}</code>`);
    expect(response.text, code).toMatch(/<h1[^>]*>[^<]+<\/h1>/);
    expect(response.setCookies.filter((c) => c.includes("session-token")), code).toEqual([]);
    expect(written(), code).toEqual(before);
  }

  const cases: Array<{ code: string; status?: number; tamper: (claims: Claims) => Promise<string> }> = [
    { code: "bad-signature", tamper: (c) => platform.signIdToken(c, { key: strangerKey }) },
    { code: "unknown-kid", tamper: (c) => platform.signIdToken(c, { key: strangerKey, kid: "kid-nobody-published" }) },
    { code: "wrong-issuer", tamper: (c) => platform.signIdToken({ ...c, iss: "https://lms.elsewhere.test" }) },
    { code: "wrong-audience", tamper: (c) => platform.signIdToken({ ...c, aud: "another-tool", azp: undefined }) },
    { code: "wrong-azp", tamper: (c) => platform.signIdToken({ ...c, aud: [c.aud as string, "another-tool"], azp: "another-tool" }) },
    { code: "expired", tamper: (c) => platform.signIdToken({ ...c, iat: now() - 400, exp: now() - 120 }) },
    { code: "issued-in-future", tamper: (c) => platform.signIdToken({ ...c, iat: now() + 300, exp: now() + 600 }) },
    { code: "nonce-mismatch", tamper: (c) => platform.signIdToken({ ...c, nonce: "a-nonce-of-another-login" }) },
    { code: "unknown-deployment", tamper: (c) => platform.signIdToken({ ...c, "https://purl.imsglobal.org/spec/lti/claim/deployment_id": "deployment-nobody-registered" }) },
    { code: "wrong-version", tamper: (c) => platform.signIdToken({ ...c, "https://purl.imsglobal.org/spec/lti/claim/version": "1.1" }) },
    { code: "unsupported-message-type", tamper: (c) => platform.signIdToken({ ...c, "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiSubmissionReviewRequest" }) },
    { code: "invalid-claim", tamper: (c) => platform.signIdToken({ ...c, "https://purl.imsglobal.org/spec/lti/claim/roles": "Learner" }) },
  ];
  for (const refusal of cases) {
    const { form, cookie } = await loginForm();
    await expectRefused(await post({ ...form, id_token: await refusal.tamper(decodeJwt(form.id_token!) as Claims) }, cookie), refusal.code, refusal.status);
  }

  // The LMS's key set is down while a token names a kid the tool has not seen: 502, nothing written.
  await new Promise((resolve) => setTimeout(resolve, 2_100)); // past the tool's refetch cooldown
  platform.jwksMode = "down";
  try {
    const { form, cookie } = await loginForm();
    const token = await platform.signIdToken(decodeJwt(form.id_token!) as Claims, { key: strangerKey, kid: "kid-while-down" });
    await expectRefused(await post({ ...form, id_token: token }, cookie), "jwks-unavailable", 502);
  } finally {
    platform.jwksMode = "ok";
  }

  // The state is bound to the browser that started the login: the same form from a browser without its cookie is refused.
  const elsewhere = await loginForm();
  await expectRefused(await post(elsewhere.form, null), "state-not-bound");
  await expectRefused(await post(elsewhere.form, "lti-state-someone-else=1"), "state-not-bound");

  // A launch works once: the same form posted again finds its state used.
  const { form, cookie } = await loginForm();
  const first = await post(form, cookie);
  expect(first.status()).toBeLessThan(400);
  expect(first.setCookies.some((c) => c.includes("session-token"))).toBe(true);
  const afterFirst = written();
  expect(afterFirst).toMatchObject({ users: 1, identities: 1, links: 1 });
  const replayed = await post(form, cookie);
  expect(replayed.status()).toBe(400);
  expect(replayed.text).toContain("<code data-problem-code>state-unknown</code>");
  expect(written()).toEqual(afterFirst);
});
