/**
 * The one action pattern, end to end against the real database: every Server Action answers one
 * `ActionResult` in the language of the form that posted it (its hidden `locale` field; English
 * when absent or unknown), lib validation explains itself in that language, and expected
 * refusals come back as one typed `Refusal` (`{ ok: false, refusal }`).
 */
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/session.server";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/session.server", () => ({ getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`redirected to ${url}`);
  },
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 200)}` }) }));

const { db } = await import("@/lib/db.server");
const { createUser } = await import("../factories/users");
const { createClassroom, createAssignment: storeAssignment } = await import("../factories/classes");
const instructorActions = await import("@/lib/classes/instructor-actions");
const joinActions = await import("@/lib/classes/join-actions");
const { startLessonAction, markLessonDoneAction } = await import("@/lib/progress/lesson-actions");
const { recordLessonStep } = await import("@/lib/progress/lesson-progress.server");
const { joinByCode, acceptInvitation } = await import("@/lib/classes/membership.server");
const { createClass, addCoInstructor } = await import("@/lib/classes/classes.server");
const { createAssignment, grantExtension } = await import("@/lib/assignments/assignments.server");
const { NotAllowedError, ClassArchivedError } = await import("@/lib/classes/errors");
const { signedIn, teachingRefused } = await import("@/lib/http/signed-in-call.server");
const ltiActions = await import("@/lib/lti/actions");
const ltiAdminActions = await import("@/lib/lti/admin-actions");
const lessonActions = await import("@/lib/progress/lesson-actions");
const accountActions = await import("@/lib/auth/account-actions");

function formWith(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

beforeEach(() => {
  session.user = null;
});

describe("messages in the language of the page", () => {
  it("a class form posted from a Chinese page is refused in Chinese; without a locale, in English", async () => {
    session.user = await createUser({ role: "INSTRUCTOR" });
    const zh = await instructorActions.createClassAction(null, formWith({ name: "  ", timeZone: "Mars/Olympus", locale: "zh" }));
    expect(zh).toMatchObject({ ok: false, message: "请检查标出的字段。", fieldErrors: { name: "请输入名称", timeZone: "请选择时区" }, values: { name: "  ", locale: "zh" } });
    const en = await instructorActions.createClassAction(null, formWith({ name: "  ", timeZone: "Mars/Olympus" }));
    expect(en).toMatchObject({ ok: false, message: "Check the highlighted fields.", fieldErrors: { name: "Enter a name", timeZone: "Choose a time zone" } });
    // An unknown language is English, never an error.
    expect(await instructorActions.createClassAction(null, formWith({ name: "", timeZone: "UTC", locale: "fr" }))).toMatchObject({ fieldErrors: { name: "Enter a name" } });
  });

  it("a refusal and an ended session answer in the form's language", async () => {
    const [owner, stranger] = await Promise.all([createUser({ role: "INSTRUCTOR" }), createUser({ role: "INSTRUCTOR" })]);
    const classroom = await createClassroom({ ownerId: owner.id });
    session.user = stranger;
    // A one-button form: React passes its FormData (with the hidden locale field) last.
    expect(await instructorActions.setArchivedAction(classroom.id, true, null, formWith({ locale: "zh" }))).toMatchObject({
      ok: false,
      refusal: "not-allowed",
      message: "你不能修改这个班级。",
    });
    expect(await instructorActions.setArchivedAction(classroom.id, true, null)).toMatchObject({ ok: false, refusal: "not-allowed", message: "You cannot change this class." });
    session.user = owner;
    expect(await instructorActions.setArchivedAction(classroom.id, true, null, formWith({ locale: "zh" }))).toMatchObject({ ok: true, message: "班级已归档。" });
    expect(await instructorActions.regenerateJoinCodeAction(classroom.id, null, formWith({ locale: "zh" }))).toMatchObject({
      ok: false,
      refusal: "archived",
      message: "这个班级已归档：请先恢复它，再进行修改。",
    });
    session.user = null;
    expect(await instructorActions.updateClassAction(classroom.id, null, formWith({ name: "改名", timeZone: "UTC", locale: "zh" }))).toMatchObject({
      ok: false,
      sessionEnded: true,
      message: "你的登录已失效，请重新登录",
      values: { name: "改名" },
    });
    expect(await db.classroom.findUniqueOrThrow({ where: { id: classroom.id } })).toMatchObject({ name: classroom.name });
  });

  it("assignment, extension and co-instructor checks explain themselves in Chinese", async () => {
    const teacher = await createUser({ role: "INSTRUCTOR" });
    const student = await createUser();
    const classroom = await createClassroom({ ownerId: teacher.id, studentIds: [student.id] });
    const assignment = await storeAssignment({ classId: classroom.id, createdById: teacher.id });
    expect(await createAssignment(teacher, classroom.id, { title: "", target: "LESSON:tcp-header-and-flags", points: "0", opensAt: "x", dueAt: "x", latePolicy: "CLOSE" }, "zh")).toMatchObject({
      ok: false,
      fieldErrors: { title: "请输入标题", opensAt: "请输入日期和时间", dueAt: "请输入日期和时间" },
    });
    const early = new Date(assignment.dueAt.getTime() - 3_600_000).toISOString().slice(0, 16);
    expect(await grantExtension(teacher, assignment.id, { studentId: student.id, dueAt: early }, "zh")).toMatchObject({
      ok: false,
      fieldErrors: { dueAt: expect.stringMatching(/^延期后的截止时间必须晚于原截止时间（/) },
    });
    expect(await addCoInstructor(teacher, classroom.id, "nobody-here@example.test", "zh")).toEqual({
      ok: false,
      fieldErrors: { email: "没有使用这个邮箱的教师账号。请先让管理员把对方设为教师。" },
    });
    session.user = teacher;
    const posted = await instructorActions.grantExtensionAction(assignment.id, null, formWith({ studentId: "", dueAt: early, locale: "zh" }));
    expect(posted).toMatchObject({ ok: false, message: "请检查标出的字段。", fieldErrors: { studentId: "请选择一名学生" } });
  });

  it("joining with a wrong code from a Chinese page is refused in Chinese, with its reason", async () => {
    session.user = await createUser();
    const refused = await joinActions.joinByCodeAction(null, formWith({ code: "NOPE1234", locale: "zh" }));
    expect(refused).toMatchObject({
      ok: false,
      refusal: "not-found",
      message: "没有班级使用这个邀请码或链接，请向你的老师核对。",
      fieldErrors: { code: "没有班级使用这个邀请码或链接，请向你的老师核对。" },
      values: { code: "NOPE1234" },
    });
    expect(await joinActions.joinByCodeAction(null, formWith({ code: " ", locale: "zh" }))).toMatchObject({ ok: false, fieldErrors: { code: "请输入班级邀请码" } });
    expect(await joinActions.joinByCodeAction(null, formWith({ code: "NOPE1234" }))).toMatchObject({
      ok: false,
      refusal: "not-found",
      message: "No class has this code or link. Check it with your instructor.",
    });
  });

  it("a roster import reports its counts in Chinese", async () => {
    const teacher = await createUser({ role: "INSTRUCTOR" });
    const classroom = await createClassroom({ ownerId: teacher.id });
    session.user = teacher;
    const tag = randomUUID().slice(0, 8);
    const imported = await instructorActions.importRosterAction(classroom.id, null, formWith({ text: `a-${tag}@example.test\nb-${tag}@example.test\nnot-an-email`, locale: "zh" }));
    expect(imported).toMatchObject({ ok: true, message: "名单已导入：已发出 2 份邀请；1 行不是有效的邮箱地址：not-an-email。对方接受邀请后才会加入班级。" });
    expect(await instructorActions.importRosterAction(classroom.id, null, formWith({ text: "", locale: "zh" }))).toMatchObject({ ok: false, message: "文件中没有邮箱地址。" });
  });
});

describe("the one refusal type", () => {
  it("joining refuses with a typed reason, never a thrown error", async () => {
    const [teacher, learner] = await Promise.all([createUser({ role: "INSTRUCTOR" }), createUser()]);
    const classroom = await createClassroom({ ownerId: teacher.id });
    const archived = await createClassroom({ ownerId: teacher.id, archivedAt: new Date() });
    expect(await joinByCode(learner, "NOPE1234")).toEqual({ ok: false, refusal: "not-found" });
    expect(await joinByCode(learner, archived.joinCode)).toEqual({ ok: false, refusal: "archived" });
    expect(await joinByCode(teacher, classroom.joinCode)).toEqual({ ok: false, refusal: "teaches-class" });
    expect(await acceptInvitation(learner, "no-such-invitation")).toEqual({ ok: false, refusal: "not-found" });
    expect(await joinByCode(learner, classroom.joinCode)).toMatchObject({ ok: true, classId: classroom.id, alreadyEnrolled: false });
  });

  it("lesson progress on a lesson that does not exist is a typed refusal, and nothing is stored", async () => {
    const reader = await createUser();
    expect(await recordLessonStep(reader, "no-such-lesson", { step: "done" })).toEqual({ ok: false, refusal: "unknown-lesson" });
    session.user = reader;
    expect(await markLessonDoneAction({ slug: "no-such-lesson" })).toMatchObject({ ok: false, refusal: "unknown-lesson" });
    expect(await db.lessonProgress.count({ where: { userId: reader.id } })).toBe(0);
    expect(await startLessonAction({ slug: "tcp-header-and-flags" })).toMatchObject({ ok: true, progress: { lessonSlug: "tcp-header-and-flags" } });
    session.user = null;
    expect(await startLessonAction({ slug: "tcp-header-and-flags" })).toMatchObject({ ok: false, sessionEnded: true });
  });

  it("authorization errors become the teaching refusals; anything else is rethrown", async () => {
    const student = await createUser();
    session.user = student;
    const thrown = { thrown: teachingRefused("en") };
    expect(await signedIn("en", async () => Promise.reject(new NotAllowedError()), thrown)).toMatchObject({ ok: false, refusal: "not-allowed" });
    expect(await signedIn("en", async () => Promise.reject(new ClassArchivedError()), thrown)).toMatchObject({ ok: false, refusal: "archived" });
    await expect(signedIn("en", async () => Promise.reject(new Error("disk full")), thrown)).rejects.toThrow("disk full");
    // Work that expects no refusal lets one through as the error it is.
    await expect(signedIn("en", async () => Promise.reject(new NotAllowedError()))).rejects.toBeInstanceOf(NotAllowedError);
    await expect(createClass(student, { name: "Mine", timeZone: "UTC" })).rejects.toBeInstanceOf(NotAllowedError);
  });
});

describe("the learner lab's actions (challenges, capture values, lesson diagnostics)", () => {
  it("answer in the page's language with typed refusals, and refuse arguments of the wrong shape before anything runs", async () => {
    const diagnosticActions = await import("@/lib/learning/diagnostic-actions");
    const { challengeStatusAction } = await import("@/lib/challenges/actions");
    const { reissueCaptureValuesAction, deleteKeptCaptureAction } = await import("@/lib/capture-challenges/actions");
    const [learner, other] = await Promise.all([createUser(), createUser()]);
    session.user = learner;
    // The after-check opens once the lesson is read: a typed refusal, explained in Chinese.
    expect(await diagnosticActions.startDiagnosticAction({ slug: "time-wait", phase: "post" }, "zh")).toMatchObject({
      ok: false,
      refusal: "read-first",
      message: "请先读这一课：读到结尾后才开放课后诊断。",
    });
    expect(await diagnosticActions.startDiagnosticAction({ slug: "time-wait", phase: "post" })).toMatchObject({ refusal: "read-first", message: expect.stringMatching(/^Read the lesson first/) });
    const started = await diagnosticActions.startDiagnosticAction({ slug: "time-wait", phase: "pre" }, "zh");
    expect(started).toMatchObject({ ok: true, diagnostic: { phase: "pre", done: false } });
    expect(await diagnosticActions.diagnosticStatusAction({ slug: "no-such-lesson" }, "zh")).toMatchObject({ ok: false, refusal: "no-diagnostic", message: "这一课没有诊断。" });
    // Arguments of the wrong shape: refused in the page's language, nothing stored.
    const answers = await db.diagnosticAnswer.count();
    expect(await diagnosticActions.submitDiagnosticAction({ slug: "time-wait", phase: "pre", index: 0, response: "a", userId: other.id }, "zh")).toEqual({
      ok: false,
      message: "无法读取这个请求，没有做任何更改。请刷新页面后重试。",
      at: expect.any(Number),
    });
    expect(await diagnosticActions.submitDiagnosticAction({ slug: "time-wait", phase: "pre", index: 0, response: { type: "single", optionId: "a" } }, "fr")).toMatchObject({
      ok: false,
      message: "This request could not be read, so nothing was changed. Reload the page and try again.",
    });
    expect(await db.diagnosticAnswer.count()).toBe(answers);
    expect(await challengeStatusAction("DROP TABLE")).toMatchObject({ ok: false, message: expect.stringMatching(/^This request could not be read/) });
    expect(await challengeStatusAction({ ids: ["both-closing"] }, "zh")).toEqual({ ok: true, status: { signedIn: true, completed: {} } });
    // Someone else's evidence is not found, and stays as it was.
    const evidence = await db.captureEvidence.create({
      data: { userId: other.id, challengeId: "capture-half-close", fileSha256: "f".repeat(64), fileBytes: 1, summary: "{}", keptCapture: Buffer.from([1]) },
    });
    expect(await deleteKeptCaptureAction({ evidenceId: evidence.id }, "zh")).toMatchObject({ ok: false, refusal: "not-found", message: "这些分组已不再保存（也许已在另一个标签页中删除）。请刷新页面。" });
    expect((await db.captureEvidence.findUniqueOrThrow({ where: { id: evidence.id } })).keptCapture).not.toBeNull();
    session.user = other;
    expect(await deleteKeptCaptureAction({ evidenceId: evidence.id }, "zh")).toMatchObject({ ok: true, message: "保存的分组已删除；证据摘要仍然保留。" });
    expect((await db.captureEvidence.findUniqueOrThrow({ where: { id: evidence.id } })).keptCapture).toBeNull();
    // Without a session: nothing issued, and the page offers to sign in again.
    session.user = null;
    expect(await reissueCaptureValuesAction({ challengeId: "capture-half-close" }, "zh")).toMatchObject({ ok: false, sessionEnded: true, message: "你的登录已失效，请重新登录" });
    expect(await diagnosticActions.diagnosticStatusAction({ slug: "time-wait" })).toMatchObject({ ok: false, sessionEnded: true });
  });
});

describe("the LMS, administration, lesson and account actions", () => {
  const unreadable = { ok: false, message: "无法读取这个请求，没有做任何更改。请刷新页面后重试。" };
  const ended = { ok: false, sessionEnded: true, message: "你的登录已失效，请重新登录" };

  it("an instructor's LMS actions on someone else's class are the class pages' refusal, in the page's language", async () => {
    const [owner, stranger] = await Promise.all([createUser({ role: "INSTRUCTOR" }), createUser({ role: "INSTRUCTOR" })]);
    const classroom = await createClassroom({ ownerId: owner.id });
    const jobs = await db.ltiScoreJob.count();
    session.user = stranger;
    expect(await ltiActions.resendClassScoresAction(classroom.id, "zh")).toMatchObject({ ok: false, refusal: "not-allowed", message: "你不能修改这个班级。" });
    expect(await ltiActions.syncRosterAction(classroom.id)).toMatchObject({ ok: false, refusal: "not-allowed", message: "You cannot change this class." });
    expect(await ltiActions.resendScoreAction("no-such-job", "zh")).toMatchObject({ ok: false, refusal: "not-allowed", message: "你不能修改这个班级。" });
    // The owner's class has no LMS course: refused the same way, never a thrown error.
    session.user = owner;
    expect(await ltiActions.syncRosterAction(classroom.id, "zh")).toMatchObject({ ok: false, refusal: "not-allowed" });
    expect(await ltiActions.resendClassScoresAction(42 as unknown as string, "zh")).toMatchObject(unreadable);
    session.user = null;
    expect(await ltiActions.resendClassScoresAction(classroom.id, "zh")).toMatchObject(ended);
    expect(await db.ltiScoreJob.count()).toBe(jobs);
  });

  it("the picker and the account link refuse with their reasons in Chinese; signed out, nothing is linked", async () => {
    const teacher = await createUser({ role: "INSTRUCTOR" });
    const links = await db.ltiUserLink.count();
    session.user = teacher;
    expect(await ltiActions.cancelDeepLinkAction("no-such-request", "zh")).toMatchObject({ ok: false, refusal: "not-allowed", message: "此选择属于其他人。" });
    expect(await ltiActions.answerDeepLinkAction({ requestId: "no-such-request", items: [] }, "zh")).toMatchObject({ ok: false, refusal: "not-allowed", message: "此选择属于其他人。" });
    expect(await ltiActions.answerDeepLinkAction({ requestId: "", items: "all" } as never, "zh")).toMatchObject(unreadable);
    expect(await ltiActions.linkAccountAction("no-such-token", "zh")).toMatchObject({ ok: false, refusal: "expired", message: "此链接已过期。请从你的 LMS 重新打开活动。" });
    session.user = null;
    expect(await ltiActions.linkAccountAction("no-such-token", "zh")).toMatchObject(ended);
    expect(await db.ltiUserLink.count()).toBe(links);
  });

  it("the LMS administration refuses someone not an administrator: Only administrators can …, and nothing is registered", async () => {
    const [instructor, admin] = await Promise.all([createUser({ role: "INSTRUCTOR" }), createUser({ role: "ADMIN" })]);
    const [platforms, invites] = await Promise.all([db.ltiPlatform.count(), db.ltiRegistrationInvite.count()]);
    const evil = { issuer: "https://evil.example", clientId: "x", deploymentIds: "d", authUrl: "https://evil.example/a", tokenUrl: "https://evil.example/t", jwksUrl: "https://evil.example/j" };
    session.user = instructor;
    expect(await ltiAdminActions.addPlatformAction(evil, "zh")).toMatchObject({ ok: false, refusal: "not-allowed", message: "只有管理员可以注册平台。" });
    expect(await ltiAdminActions.removePlatformAction("any-platform")).toMatchObject({ ok: false, refusal: "not-allowed", message: "Only administrators can remove platforms." });
    expect(await ltiAdminActions.issueRegistrationLinkAction("7d", "zh")).toMatchObject({ ok: false, refusal: "not-allowed", message: "只有管理员可以创建注册链接。" });
    expect(await ltiAdminActions.issueRegistrationLinkAction("forever", "zh")).toMatchObject(unreadable);
    session.user = null;
    expect(await ltiAdminActions.issueRegistrationLinkAction("7d", "zh")).toMatchObject(ended);
    // An administrator's mistakes come back field by field, with what was typed.
    session.user = admin;
    const bad = { ...evil, clientId: "", authUrl: "http://evil.example/a" };
    expect(await ltiAdminActions.addPlatformAction(bad, "zh")).toMatchObject({ ok: false, message: "有些字段需要修改。", fieldErrors: { clientId: expect.any(String), authUrl: expect.any(String) }, values: bad });
    expect(await ltiAdminActions.removePlatformAction("no-such-platform", "zh")).toMatchObject({ ok: false, refusal: "not-found", message: "没有移除，请重试。" });
    expect([await db.ltiPlatform.count(), await db.ltiRegistrationInvite.count()]).toEqual([platforms, invites]);
  });

  it("lesson progress answers in the page's language: a lesson that does not exist, an ended session, unreadable arguments", async () => {
    const reader = await createUser();
    session.user = reader;
    expect(await lessonActions.markLessonDoneAction({ slug: "no-such-lesson" }, "zh")).toMatchObject({ ok: false, refusal: "unknown-lesson", message: "没有这一课，所以没有保存任何进度。" });
    expect(await lessonActions.saveLessonPositionAction({ slug: "tcp-header-and-flags", position: "no spaces allowed" }, "zh")).toMatchObject(unreadable);
    expect(await lessonActions.markLessonReadAction({ slug: "tcp-header-and-flags" }, "fr")).toMatchObject({ ok: false, message: "This request could not be read, so nothing was changed. Reload the page and try again." });
    expect(await db.lessonProgress.count({ where: { userId: reader.id } })).toBe(0);
    session.user = null;
    expect(await lessonActions.markLessonDoneAction({ slug: "tcp-header-and-flags" }, "zh")).toMatchObject(ended);
  });

  it("the account page's buttons answer in its language", async () => {
    session.user = null;
    expect(await accountActions.resendVerificationAction("zh")).toMatchObject({ ok: false, sessionEnded: true, message: "你的登录已失效，请重新登录。" });
    expect(await accountActions.signOutEverywhereAction("zh")).toMatchObject({ ok: false, sessionEnded: true, message: "你的登录已失效，请重新登录。" });
    session.user = await createUser();
    expect(await accountActions.signOutEverywhereAction(["zh"])).toMatchObject({ ok: false, message: "This request could not be read, so nothing was changed. Reload the page and try again." });
    expect(await accountActions.signOutEverywhereAction("zh")).toMatchObject({ ok: true, message: "已在所有设备上退出。" });
  });
});

describe("quiz, review and prediction actions", () => {
  const clientKey = () => randomUUID().replace(/-/g, "");

  it("a quiz refusal is typed and explained in the lesson's language; the lib refusal is the one Refusal", async () => {
    const { startQuizAttemptAction, submitQuizAnswerAction } = await import("@/lib/quiz/actions");
    const { startAttempt } = await import("@/lib/quiz/attempts.server");
    const learner = await createUser();
    expect(await startAttempt(learner, "no-such-quiz", clientKey())).toEqual({ ok: false, refusal: "unknown-quiz" });
    session.user = learner;
    expect(await startQuizAttemptAction({ quizId: "no-such-quiz", clientKey: clientKey(), locale: "zh" })).toMatchObject({ ok: false, refusal: "unknown-quiz", message: "这个测验暂时无法使用。" });
    expect(await startQuizAttemptAction({ quizId: "no-such-quiz", clientKey: clientKey() })).toMatchObject({ ok: false, refusal: "unknown-quiz", message: "This quiz is not available." });
    expect(await submitQuizAnswerAction({ quizId: "tcp-header-and-flags", clientKey: clientKey(), questionId: "q", response: { type: "single", optionId: "a" }, locale: "zh" })).toMatchObject({
      ok: false,
      refusal: "unknown-attempt",
      message: expect.stringContaining("这次作答已经失效"),
    });
    // The browser holds a learner's attempt, the session is gone: sign in again, in the page's language.
    session.user = null;
    expect(await submitQuizAnswerAction({ quizId: "tcp-header-and-flags", clientKey: clientKey(), questionId: "q", response: { type: "single", optionId: "a" }, locale: "zh", account: true })).toMatchObject({
      ok: false,
      sessionEnded: true,
      message: "你的登录已失效，请重新登录",
    });
  });

  it("arguments of the wrong shape are refused in the page's language before anything runs, and carry no refusal", async () => {
    const { startQuizAttemptAction } = await import("@/lib/quiz/actions");
    const { reviewStatusAction, submitReviewAction } = await import("@/lib/review/actions");
    const { predictStepAction } = await import("@/lib/practice/actions");
    const { DEFAULT_SETTINGS } = await import("@/domain/simulator/session");
    session.user = await createUser();
    const zh = "无法读取这个请求，没有做任何更改。请刷新页面后重试。";
    const answers = [
      await startQuizAttemptAction({ quizId: "tcp-header-and-flags", clientKey: "short", locale: "zh" }),
      await reviewStatusAction({ locale: "zh", userId: "someone" }),
      await submitReviewAction({ clientKey: clientKey(), index: -1, response: { type: "single", optionId: "a" }, locale: "zh" }),
      // An empty answer: the prediction's schema refuses it.
      await predictStepAction({ settings: DEFAULT_SETTINGS, actions: [], cursor: 2, kind: "state", host: "server", answer: "", locale: "zh" }),
    ];
    for (const answer of answers) expect(answer).toEqual({ ok: false, message: zh, at: expect.any(Number) });
    expect(await predictStepAction("nonsense")).toEqual({ ok: false, message: "This request could not be read, so nothing was changed. Reload the page and try again.", at: expect.any(Number) });
  });

  it("a prediction about a question that does not come up is a typed refusal in the page's language, and nothing is stored", async () => {
    const { predictStepAction } = await import("@/lib/practice/actions");
    const { DEFAULT_SETTINGS } = await import("@/domain/simulator/session");
    const learner = await createUser();
    session.user = learner;
    const answer = await predictStepAction({ settings: { ...DEFAULT_SETTINGS, preset: "three-way-handshake" }, actions: [], cursor: 2, kind: "segment", host: "server", answer: "SYN-ACK", locale: "zh" });
    expect(answer).toEqual({ ok: false, refusal: "no-question", message: "无法检查这个预测。", at: expect.any(Number) });
    expect(await db.quizAnswer.count({ where: { attempt: { userId: learner.id } } })).toBe(0);
  });
});
