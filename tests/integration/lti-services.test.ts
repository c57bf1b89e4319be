import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.LTI_KEYS_FILE = `${process.env.TMPDIR ?? "/tmp"}/lti-services-keys-${process.pid}-${Date.now()}.json`;
});

import { db } from "@/lib/db.server";
import { answerDeepLink, cancelDeepLink, deepLinkPickerView } from "@/lib/lti/deep-linking.server";
import { syncRoster } from "@/lib/lti/nrps.server";
import { rotateToolKey } from "@/lib/lti/keys.server";
import { deliverDueJobs, deliverJob, LEASE_MS, queueScoresAfterDeadlines, queueScoresForUser, resendScore } from "@/lib/lti/score-jobs.server";
import { classSyncView, ltiLinkView } from "@/lib/lti/views.server";
import { startAttempt, submitAnswer } from "@/lib/quiz/attempts.server";
import { excuseStudent, getAssignmentForEdit, grantExtension, updateAssignment, withdrawExcuse } from "@/lib/assignments/assignments.server";
import { getGradebook } from "@/lib/gradebook/gradebook.server";
import type { CurrentUser } from "@/lib/auth/session.server";
import { createUser, currentUserOf } from "../factories/users";
import type { TestPlatform } from "../support/lti-platform/platform";
import { lessonQuiz, rightResponse, wrongResponse, QUIZ_ID } from "./quiz-helpers";
import { expectLaunched, launch, platformWithTool, ROLE, SCOPES, seedCourse, TOOL_ORIGIN, unique } from "./lti-helpers";

/** A due date next year: in the future and inside the five-year window every assignment date keeps to. */
const DUE_YEAR = new Date().getUTCFullYear() + 1;

type Setup = Awaited<ReturnType<typeof platformWithTool>>;
const platforms: TestPlatform[] = [];

async function newPlatform(options?: Parameters<typeof platformWithTool>[0]): Promise<Setup> {
  const setup = await platformWithTool(options);
  platforms.push(setup.platform);
  return setup;
}

afterAll(async () => {
  for (const platform of platforms) await platform.stop();
  // Nothing the tool sent broke the specifications (media types, repeated score timestamps, …).
  expect(platforms.flatMap((platform) => platform.violations)).toEqual([]);
});

async function asCurrentUser(id: string): Promise<CurrentUser> {
  const user = await db.user.findUniqueOrThrow({ where: { id }, select: { id: true, email: true, name: true, role: true } });
  return user;
}

/** The instructor deep-links the lesson-1 quiz with `points`; returns the platform's new resource link. */
async function deepLinkQuiz(setup: Setup, course: ReturnType<typeof seedCourse>, points = 10) {
  const { outcome } = await launch(setup.platform, { userId: course.instructor.id, deepLinkCourseId: course.courseId });
  const launched = expectLaunched(outcome);
  const requestId = launched.provisioned.deepLinkRequestId as string;
  const teacher = await asCurrentUser(launched.provisioned.user.id);
  const answer = await answerDeepLink(teacher, { requestId, items: [{ target: `QUIZ:${QUIZ_ID}`, title: "Flags quiz", points }] }, TOOL_ORIGIN);
  if (!answer.ok) throw new Error(JSON.stringify(answer));
  const result = await setup.platform.acceptDeepLinkingResponse(answer.jwt);
  return { link: result.createdLinks[0]!, teacher, classId: launched.provisioned.classId as string, result, answer };
}

/** The learner answers every question of the quiz: `correct` of them right. */
async function takeQuiz(userId: string, correct: number) {
  const clientKey = unique("attempt-key").replace(/[^A-Za-z0-9_-]/g, "");
  const user = await currentUserOf(userId);
  const started = await startAttempt(user, QUIZ_ID, clientKey);
  if (!started.ok) throw new Error(started.refusal);
  const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { userId_clientKey: { userId, clientKey } } });
  const quiz = lessonQuiz();
  for (const [index, question] of quiz.questions.entries()) {
    const response = index < correct ? rightResponse(quiz, attempt.variantSeed, question.id) : wrongResponse(quiz, attempt.variantSeed, question.id);
    const answered = await submitAnswer(user, QUIZ_ID, clientKey, question.id, response);
    if (!answered.ok) throw new Error(answered.refusal);
  }
  return quiz.questions.length;
}

async function learnerLaunch(setup: Setup, userId: string, resourceLinkId: string) {
  return expectLaunched((await launch(setup.platform, { userId, resourceLinkId })).outcome);
}

describe("deep linking", () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await newPlatform();
  });

  it("returns a signed LtiDeepLinkingResponse with ltiResourceLink items and line items the LMS accepts", async () => {
    const course = seedCourse(setup.platform);
    const { outcome } = await launch(setup.platform, { userId: course.instructor.id, deepLinkCourseId: course.courseId });
    const launched = expectLaunched(outcome);
    expect(launched.provisioned.target).toBe(`/lti/deep-link/${launched.provisioned.deepLinkRequestId}`);
    const teacher = await asCurrentUser(launched.provisioned.user.id);
    const view = await deepLinkPickerView(teacher, launched.provisioned.deepLinkRequestId as string);
    if (!view.ok) throw new Error(view.refusal);
    expect(view.view).toMatchObject({ acceptMultiple: true, acceptLineItem: true, acceptsResourceLinks: true, className: "Networks 101" });
    expect(view.view.items.map((i) => i.type)).toEqual(expect.arrayContaining(["LESSON", "QUIZ", "CHALLENGE"]));

    const answer = await answerDeepLink(
      teacher,
      {
        requestId: view.view.requestId,
        items: [
          { target: `QUIZ:${QUIZ_ID}`, title: "Flags quiz", points: "10" },
          { target: "LESSON:three-way-handshake", title: "Read the handshake", points: 5 },
          { target: "CHALLENGE:both-closing", title: "Both closing", points: 3 },
        ],
        dueAt: `${DUE_YEAR}-05-01T17:00`,
      },
      TOOL_ORIGIN,
    );
    if (!answer.ok) throw new Error(JSON.stringify(answer));
    const payload = decodeJwt(answer.jwt);
    expect(payload).toMatchObject({
      iss: setup.clientId,
      aud: setup.platform.issuer,
      "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiDeepLinkingResponse",
      "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
      "https://purl.imsglobal.org/spec/lti/claim/deployment_id": setup.deploymentId,
      "https://purl.imsglobal.org/spec/lti-dl/claim/data": `course:${course.courseId}`,
    });
    const result = await setup.platform.acceptDeepLinkingResponse(answer.jwt);
    expect(result.items).toHaveLength(3);
    const quizItem = result.items[0]!;
    expect(quizItem).toMatchObject({
      type: "ltiResourceLink",
      title: "Flags quiz",
      text: "Quiz",
      url: `${TOOL_ORIGIN}/lti/quiz/${QUIZ_ID}`,
      lineItem: { scoreMaximum: 10, label: "Flags quiz", tag: "syntofin" },
      submission: { endDateTime: `${DUE_YEAR}-05-01T17:00:00.000Z` },
    });
    const assignments = await db.assignment.findMany({ where: { classId: launched.provisioned.classId as string }, orderBy: { points: "desc" } });
    expect(assignments.map((a) => [a.title, a.targetType, a.targetId, a.points])).toEqual([
      ["Flags quiz", "QUIZ", QUIZ_ID, 10],
      ["Read the handshake", "LESSON", "three-way-handshake", 5],
      ["Both closing", "CHALLENGE", "both-closing", 3],
    ]);
    expect((quizItem.lineItem as { resourceId: string }).resourceId).toBe(assignments[0]!.id);

    // Answered once.
    expect(await answerDeepLink(teacher, { requestId: view.view.requestId, items: [{ target: `QUIZ:${QUIZ_ID}`, title: "Again", points: 1 }] }, TOOL_ORIGIN)).toEqual({ ok: false, refusal: "expired" });

    // The learner's first launch of the created link finds the assignment it came with.
    const launchedLink = await learnerLaunch(setup, course.learners[0]!.id, result.createdLinks[0]!.id);
    const row = await db.ltiResourceLink.findUniqueOrThrow({ where: { id: launchedLink.provisioned.resourceLinkRowId as string } });
    expect(row).toMatchObject({ assignmentId: assignments[0]!.id, targetType: "QUIZ", lineItemUrl: setup.platform.urls.lineItem(course.courseId, result.createdLinks[0]!.lineItemId!) });
  });

  it("keeps bad picks out: points out of range, unknown items, a past or year-9999 due date, another instructor's request", async () => {
    const course = seedCourse(setup.platform);
    const { outcome } = await launch(setup.platform, { userId: course.instructor.id, deepLinkCourseId: course.courseId });
    const launched = expectLaunched(outcome);
    const requestId = launched.provisioned.deepLinkRequestId as string;
    const teacher = await asCurrentUser(launched.provisioned.user.id);
    const before = await db.assignment.count();
    const bad = await answerDeepLink(teacher, { requestId, items: [{ target: `QUIZ:${QUIZ_ID}`, title: "", points: 0 }, { target: "QUIZ:nope", title: "x", points: 5 }] }, TOOL_ORIGIN);
    expect(bad).toMatchObject({ ok: false, refusal: "invalid" });
    if (bad.ok || bad.refusal !== "invalid") return;
    expect(bad.itemErrors[0]).toMatchObject({ title: expect.any(String), points: "At least 1 point" });
    // Told in the picker page's language.
    const badInChinese = await answerDeepLink(teacher, { requestId, items: [{ target: `QUIZ:${QUIZ_ID}`, title: "", points: 0 }] }, TOOL_ORIGIN, "zh");
    expect(badInChinese).toMatchObject({ ok: false, refusal: "invalid", itemErrors: [{ title: "请输入标题", points: "至少 1 分" }] });
    const unknown = await answerDeepLink(teacher, { requestId, items: [{ target: "QUIZ:nope", title: "x", points: 5 }] }, TOOL_ORIGIN);
    expect(unknown).toMatchObject({ ok: false, refusal: "invalid", itemErrors: [{ target: "Choose an item from the list" }] });
    const past = await answerDeepLink(teacher, { requestId, items: [{ target: `QUIZ:${QUIZ_ID}`, title: "x", points: 5 }], dueAt: "2001-01-01T00:00" }, TOOL_ORIGIN);
    expect(past).toMatchObject({ ok: false, refusal: "invalid", dueAtError: "The due date must be in the future" });
    const far = await answerDeepLink(teacher, { requestId, items: [{ target: `QUIZ:${QUIZ_ID}`, title: "x", points: 5 }], dueAt: "9999-12-31T23:59" }, TOOL_ORIGIN);
    expect(far).toMatchObject({ ok: false, refusal: "invalid", dueAtError: "Choose a date within 5 years" });
    const stranger = await createUser({ role: "INSTRUCTOR" });
    expect(await answerDeepLink(stranger, { requestId, items: [{ target: `QUIZ:${QUIZ_ID}`, title: "x", points: 5 }] }, TOOL_ORIGIN)).toEqual({ ok: false, refusal: "not-allowed" });
    expect(await db.assignment.count()).toBe(before);

    // Cancelled from a picker read in Chinese: the LMS shows its message in Chinese too.
    const cancelled = await cancelDeepLink(teacher, requestId, "zh");
    if (!cancelled.ok) throw new Error(cancelled.refusal);
    expect(decodeJwt(cancelled.jwt)["https://purl.imsglobal.org/spec/lti-dl/claim/msg"]).toBe("未添加任何内容");
    const result = await setup.platform.acceptDeepLinkingResponse(cancelled.jwt);
    expect(result.items).toEqual([]);
  });

  it("keeps working through a key rotation at an LMS that caches the tool's key set and never refetches it early", async () => {
    const course = seedCourse(setup.platform);
    await deepLinkQuiz(setup, course);
    const fetches = setup.platform.toolKeyFetches;
    // The administrator rotates the key: the LMS's cached copy does not hold the new key.
    const rotation = await rotateToolKey();
    expect(rotation.activatesAt.getTime()).toBeGreaterThan(Date.now());
    const { result } = await deepLinkQuiz(setup, course, 7);
    expect(result.createdLinks).toHaveLength(1);
    const launched = await learnerLaunch(setup, course.learners[0]!.id, result.createdLinks[0]!.id);
    await takeQuiz(launched.provisioned.user.id, 2);
    await queueScoresForUser(launched.provisioned.user.id);
    expect((await deliverDueJobs()).delivered).toBe(1);
    expect(setup.platform.toolKeyFetches).toBe(fetches);

    // Why it waits: a key that signed at once would be refused until the LMS's copy expires.
    await rotateToolKey({ immediately: true });
    await expect(deepLinkQuiz(setup, course, 3)).rejects.toThrow();
    setup.platform.expireToolKeys();
    expect((await deepLinkQuiz(setup, course, 3)).result.createdLinks).toHaveLength(1);
  });

  it("refuses a deep-linking request from a learner", async () => {
    const course = seedCourse(setup.platform);
    const { outcome } = await launch(setup.platform, { userId: course.learners[0]!.id, deepLinkCourseId: course.courseId });
    expect(outcome).toMatchObject({ kind: "problem", problem: { code: "not-an-instructor" } });
  });
});

describe("grade passback", () => {
  it("sends the gradebook's score for a quiz to the line item, with a cached access token", async () => {
    const setup = await newPlatform();
    const course = seedCourse(setup.platform);
    const { link } = await deepLinkQuiz(setup, course, 10);
    const learner = course.learners[0]!;
    const launched = await learnerLaunch(setup, learner.id, link.id);
    const userId = launched.provisioned.user.id;
    const total = await takeQuiz(userId, 3);
    expect(await queueScoresForUser(userId)).toBe(1);
    const rounds = await deliverDueJobs();
    expect(rounds.delivered).toBe(1);
    const received = setup.platform.scores.filter((s) => s.body.userId === learner.id);
    expect(received).toHaveLength(1);
    const expectedScore = Math.round((3 / total) * 10 * 100) / 100;
    expect(received[0]!.body).toMatchObject({
      userId: learner.id,
      scoreGiven: expectedScore,
      scoreMaximum: 10,
      activityProgress: "Submitted",
      gradingProgress: "FullyGraded",
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(received[0]!.lineItemId).toBe(link.lineItemId);

    // A better attempt replaces the score; nothing changes, nothing is sent.
    await takeQuiz(userId, total);
    expect(await queueScoresForUser(userId)).toBe(1);
    expect(await queueScoresForUser(userId)).toBe(0);
    await deliverDueJobs();
    const all = setup.platform.scores.filter((s) => s.body.userId === learner.id);
    expect(all.map((s) => s.body.scoreGiven)).toEqual([expectedScore, 10]);
    expect(setup.platform.tokenRequests.filter((t) => t.scopes.includes(SCOPES.score))).toHaveLength(1);

    // What the learner and the instructor see.
    const learnerView = await ltiLinkView(await asCurrentUser(userId), launched.provisioned.resourceLinkRowId);
    expect(learnerView?.mine).toMatchObject({ status: "DELIVERED", scoreGiven: 10, scoreMaximum: 10 });
    const classView = await classSyncView(await asCurrentUser((await db.classInstructor.findFirstOrThrow({ where: { classId: launched.provisioned.classId as string, isOwner: true } })).userId), launched.provisioned.classId as string);
    expect(classView?.totals).toMatchObject({ DELIVERED: 1 });
  });

  it("follows the gradebook when the instructor excuses a learner: the score is cleared, and comes back when the excuse is withdrawn", async () => {
    const setup = await newPlatform();
    const course = seedCourse(setup.platform);
    const { link, teacher } = await deepLinkQuiz(setup, course, 10);
    const learner = course.learners[0]!;
    const launched = await learnerLaunch(setup, learner.id, link.id);
    const userId = launched.provisioned.user.id;
    await takeQuiz(userId, lessonQuiz().questions.length);
    expect(await queueScoresForUser(userId)).toBe(1);
    await deliverDueJobs();
    const { assignmentId } = await db.ltiResourceLink.findUniqueOrThrow({ where: { id: launched.provisioned.resourceLinkRowId as string }, select: { assignmentId: true } });

    // The excuse itself queues the change: nobody has to call the LMS sync.
    expect(await excuseStudent(teacher, assignmentId as string, { studentId: userId, note: "Ill" })).toMatchObject({ ok: true });
    await deliverDueJobs();
    await withdrawExcuse(teacher, assignmentId as string, userId);
    await deliverDueJobs();
    const bodies = setup.platform.scores.filter((s) => s.body.userId === learner.id).map((s) => s.body);
    expect(bodies).toHaveLength(3);
    expect(bodies[0]).toMatchObject({ scoreGiven: 10, gradingProgress: "FullyGraded" });
    // Excused: no score, as a final word (FullyGraded), so the LMS clears the 10 it had.
    expect(bodies[1]).not.toHaveProperty("scoreGiven");
    expect(bodies[1]).toMatchObject({ gradingProgress: "FullyGraded", activityProgress: "Started" });
    expect(bodies[2]).toMatchObject({ scoreGiven: 10, gradingProgress: "FullyGraded", activityProgress: "Completed" });
  });

  it("sends every learner exactly the gradebook's cell: partial and full marks, late with its penalty, Missing = 0 when the due date passes, excused, an extension and its end, ungraded practice", async () => {
    const setup = await newPlatform();
    const course = seedCourse(setup.platform, { learners: 6 });
    const { link, teacher, classId } = await deepLinkQuiz(setup, course, 10);
    type Person = { lms: string; id: string };
    const people: Person[] = [];
    for (const learner of course.learners) people.push({ lms: learner.id, id: (await learnerLaunch(setup, learner.id, link.id)).provisioned.user.id });
    const [partial, full, late, missing, excused, extended] = people as [Person, Person, Person, Person, Person, Person];
    const row = await db.ltiResourceLink.findFirstOrThrow({ where: { resourceLinkId: link.id }, select: { assignmentId: true } });
    const assignmentId = row.assignmentId as string;
    const questions = lessonQuiz().questions.length;

    await takeQuiz(partial.id, 2);
    await takeQuiz(full.id, questions);
    await takeQuiz(excused.id, questions);
    for (const person of [partial, full, excused]) await queueScoresForUser(person.id);
    await deliverDueJobs();

    // The due date passes: time moves on, nothing is written through the app. Late work loses 20 %.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await db.assignment.update({ where: { id: assignmentId }, data: { dueAt: new Date(), latePolicy: "ACCEPT_WITH_PENALTY", latePenaltyPercent: 20 } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 16);
    expect(await grantExtension(teacher, assignmentId, { studentId: extended.id, dueAt: tomorrow })).toEqual({ ok: true });
    expect(await excuseStudent(teacher, assignmentId, { studentId: excused.id, note: "Ill" })).toEqual({ ok: true });
    await takeQuiz(late.id, questions);
    await queueScoresForUser(late.id);
    await queueScoresAfterDeadlines();
    await deliverDueJobs();

    /** The LMS's current result for a learner next to the tool's gradebook cell. */
    const lineItemId = link.lineItemId as string;
    async function compare(person: Person) {
      const gradebook = await getGradebook(teacher, classId);
      const cell = gradebook.rows.find((r) => r.student.id === person.id)!.cells.find((c) => c.assignmentId === assignmentId)!.result;
      const lms = setup.platform.results.get(lineItemId)?.get(person.lms);
      return { status: cell.status, cell: cell.score, lms: lms?.scoreGiven ?? null, heard: Boolean(lms), submittedAt: cell.submittedAt?.toISOString() ?? null, lmsSubmittedAt: (lms?.submission as { submittedAt?: string } | undefined)?.submittedAt ?? null, grading: lms?.gradingProgress ?? null };
    }
    const partialRow = await compare(partial);
    expect(partialRow).toMatchObject({ status: "submitted", lms: partialRow.cell, grading: "FullyGraded", lmsSubmittedAt: partialRow.submittedAt });
    expect(partialRow.cell).toBeGreaterThan(0);
    expect(partialRow.cell).toBeLessThan(10);
    expect(await compare(full)).toMatchObject({ status: "submitted", cell: 10, lms: 10, grading: "FullyGraded" });
    const lateRow = await compare(late);
    expect(lateRow).toMatchObject({ status: "late", cell: 8, lms: 8, grading: "FullyGraded", lmsSubmittedAt: lateRow.submittedAt });
    expect(await compare(missing)).toMatchObject({ status: "missing", cell: 0, lms: 0, grading: "FullyGraded", lmsSubmittedAt: null });
    expect(await compare(excused)).toMatchObject({ status: "excused", cell: null, lms: null, heard: true, grading: "FullyGraded" });
    // Extended and not started: nothing to say yet, so the LMS heard nothing.
    expect(await compare(extended)).toMatchObject({ status: "not-started", cell: null, heard: false });

    // The extension ends too: Missing = 0 for that learner as well, again without a write.
    await db.assignmentExtension.update({ where: { assignmentId_userId: { assignmentId, userId: extended.id } }, data: { dueAt: new Date() } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await queueScoresAfterDeadlines();
    await deliverDueJobs();
    expect(await compare(extended)).toMatchObject({ status: "missing", cell: 0, lms: 0, grading: "FullyGraded" });
    // Checked once per passing: nothing more is queued until another due date passes.
    expect(await queueScoresAfterDeadlines()).toBe(0);

    // The instructor makes it ungraded practice: every score is cleared in the LMS, as the gradebook shows none.
    const edit = await getAssignmentForEdit(teacher, assignmentId);
    // (The form's times are whole minutes: the opening goes an hour back so the due date stays after it.)
    const anHourBefore = new Date(edit.assignment.opensAt.getTime() - 3600 * 1000).toISOString().slice(0, 16);
    expect(await updateAssignment(teacher, assignmentId, { ...edit.form, opensAt: anHourBefore, ungraded: "on" })).toMatchObject({ ok: true });
    await deliverDueJobs();
    for (const person of people) {
      const now = await compare(person);
      expect(now.cell, person.lms).toBeNull();
      expect(now.lms, person.lms).toBeNull();
    }
    // Every score went out in order: strictly later timestamps per learner.
    for (const person of people) {
      const stamps = setup.platform.scores.filter((s) => s.body.userId === person.lms).map((s) => Date.parse(s.body.timestamp as string));
      expect(stamps, person.lms).toEqual([...stamps].sort((a, b) => a - b));
      expect(new Set(stamps).size, person.lms).toBe(stamps.length);
    }
  }, 60_000);

  it("survives an LMS outage: 500, 429 with Retry-After, a hang and a refused token are retried with backoff; one score arrives, never two", async () => {
    const setup = await newPlatform();
    const course = seedCourse(setup.platform);
    const { link } = await deepLinkQuiz(setup, course);
    const learner = course.learners[0]!;
    const launched = await learnerLaunch(setup, learner.id, link.id);
    const userId = launched.provisioned.user.id;
    await takeQuiz(userId, 2);
    await queueScoresForUser(userId);
    const job = await db.ltiScoreJob.findFirstOrThrow({ where: { userId } });

    setup.platform.faults.scores.push({ status: 500 }, { status: 429, retryAfter: "120" }, { hang: true });
    setup.platform.faults.token.push({ status: 503 });
    let now = new Date();
    const steps: string[] = [];
    for (let round = 0; round < 6; round++) {
      const counts = await deliverDueJobs({ now });
      const row = await db.ltiScoreJob.findUniqueOrThrow({ where: { id: job.id } });
      steps.push(`${row.status}:${row.attempts}`);
      if (row.status === "DELIVERED") break;
      // Nothing is due before the backoff has passed.
      expect((await deliverDueJobs({ now: new Date(row.nextAttemptAt.getTime() - 1000) })).delivered + counts.delivered).toBe(0);
      now = new Date(row.nextAttemptAt.getTime() + 1);
    }
    expect(steps).toEqual(["PENDING:1", "PENDING:2", "PENDING:3", "PENDING:4", "DELIVERED:5"]);
    const row = await db.ltiScoreJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(row.lastError).toBeNull();
    const received = setup.platform.scores.filter((s) => s.body.userId === learner.id);
    expect(received).toHaveLength(1);
  }, 40_000);

  it("never sends one revision twice: concurrent delivery rounds, a lease left by a crashed process, a newer score written meanwhile", async () => {
    const setup = await newPlatform();
    const course = seedCourse(setup.platform);
    const { link } = await deepLinkQuiz(setup, course);
    const [first, second] = course.learners as [typeof course.learners[0], typeof course.learners[0]];
    const a = await learnerLaunch(setup, first.id, link.id);
    const b = await learnerLaunch(setup, second.id, link.id);
    await takeQuiz(a.provisioned.user.id, 2);
    await takeQuiz(b.provisioned.user.id, 1);
    await queueScoresForUser(a.provisioned.user.id);
    await queueScoresForUser(b.provisioned.user.id);
    // Two server processes run their rounds at the same moment.
    await Promise.all([deliverDueJobs(), deliverDueJobs(), deliverDueJobs()]);
    expect(setup.platform.scores.filter((s) => s.body.userId === first.id)).toHaveLength(1);
    expect(setup.platform.scores.filter((s) => s.body.userId === second.id)).toHaveLength(1);

    // A process claims a job and dies before sending: nobody else sends it until the lease ends.
    await takeQuiz(a.provisioned.user.id, 4);
    await queueScoresForUser(a.provisioned.user.id);
    const job = await db.ltiScoreJob.findFirstOrThrow({ where: { userId: a.provisioned.user.id } });
    const now = new Date();
    await db.ltiScoreJob.update({ where: { id: job.id }, data: { leaseUntil: new Date(now.getTime() + LEASE_MS) } });
    expect((await deliverDueJobs({ now })).delivered).toBe(0);
    expect(setup.platform.scores.filter((s) => s.body.userId === first.id)).toHaveLength(1);
    expect((await deliverDueJobs({ now: new Date(now.getTime() + LEASE_MS + 1000) })).delivered).toBe(1);
    expect(setup.platform.scores.filter((s) => s.body.userId === first.id)).toHaveLength(2);

    // A newer score written while a delivery is in flight: the older revision is not recorded as delivered.
    await takeQuiz(b.provisioned.user.id, 5);
    await queueScoresForUser(b.provisioned.user.id);
    const jobB = await db.ltiScoreJob.findFirstOrThrow({ where: { userId: b.provisioned.user.id } });
    setup.platform.faults.scores.push({ hang: true });
    const inFlight = deliverJob(jobB.id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await takeQuiz(b.provisioned.user.id, 6);
    await queueScoresForUser(b.provisioned.user.id);
    expect((await inFlight).result).toBe("retry");
    await deliverDueJobs({ now: new Date(Date.now() + 60 * 60 * 1000) });
    const finalB = await db.ltiScoreJob.findUniqueOrThrow({ where: { id: jobB.id } });
    expect(finalB.status).toBe("DELIVERED");
    const bScores = setup.platform.scores.filter((s) => s.body.userId === second.id && s.accepted);
    expect(bScores.at(-1)!.body.scoreGiven).toBe(finalB.scoreGiven);
  }, 40_000);

  it("works with a platform that grants only the score scope, and says why a link without a line item cannot be graded", async () => {
    const setup = await newPlatform({ grantedScopes: [SCOPES.score, SCOPES.memberships], offeredAgsScopes: [SCOPES.score] });
    const course = seedCourse(setup.platform);
    const { link } = await deepLinkQuiz(setup, course);
    const learner = course.learners[0]!;
    const launched = await learnerLaunch(setup, learner.id, link.id);
    await takeQuiz(launched.provisioned.user.id, 3);
    await queueScoresForUser(launched.provisioned.user.id);
    expect((await deliverDueJobs()).delivered).toBe(1);
    expect(setup.platform.tokenRequests.every((t) => t.granted.every((s) => s === SCOPES.score || s === SCOPES.memberships))).toBe(true);

    // A link the LMS created without a line item: nothing to send to, said plainly.
    const bare = setup.platform.addResourceLink({ id: unique("bare"), courseId: course.courseId, title: "Ungraded challenge", targetLinkUri: `${TOOL_ORIGIN}/lti/quiz/${QUIZ_ID}` });
    await expectLaunched((await launch(setup.platform, { userId: course.instructor.id, resourceLinkId: bare.id })).outcome);
    const bareLaunch = await learnerLaunch(setup, learner.id, bare.id);
    // Work done before this link's assignment opened does not count for it: the learner takes the quiz again.
    await takeQuiz(bareLaunch.provisioned.user.id, 3);
    await queueScoresForUser(bareLaunch.provisioned.user.id);
    await deliverDueJobs();
    const failed = await db.ltiScoreJob.findFirstOrThrow({ where: { resourceLinkId: bareLaunch.provisioned.resourceLinkRowId as string } });
    expect(failed.status).toBe("FAILED");
    expect(failed.lastError).toMatch(/no line item scope/);
  });

  it("creates the line item of a link the LMS gave none, when it grants line item management", async () => {
    const setup = await newPlatform();
    const course = seedCourse(setup.platform);
    const bare = setup.platform.addResourceLink({ id: unique("bare"), courseId: course.courseId, title: "Handshake lesson", targetLinkUri: `${TOOL_ORIGIN}/lti/quiz/${QUIZ_ID}` });
    await expectLaunched((await launch(setup.platform, { userId: course.instructor.id, resourceLinkId: bare.id })).outcome);
    const launched = await learnerLaunch(setup, course.learners[0]!.id, bare.id);
    await takeQuiz(launched.provisioned.user.id, 5);
    await queueScoresForUser(launched.provisioned.user.id);
    expect((await deliverDueJobs()).delivered).toBe(1);
    const items = [...setup.platform.lineItems.values()].filter((i) => i.resourceLinkId === bare.id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ label: "Handshake lesson", scoreMaximum: 100, tag: "syntofin" });
    expect(setup.platform.scores.at(-1)!.lineItemId).toBe(items[0]!.id);
  });

  it("finds the assignment's line item on a later page of the LMS's container (Link rel=next) instead of creating another", async () => {
    const setup = await newPlatform();
    setup.platform.lineItemPageSize = 2;
    const course = seedCourse(setup.platform);
    const bare = setup.platform.addResourceLink({ id: unique("bare"), courseId: course.courseId, title: "Handshake quiz", targetLinkUri: `${TOOL_ORIGIN}/lti/quiz/${QUIZ_ID}` });
    await expectLaunched((await launch(setup.platform, { userId: course.instructor.id, resourceLinkId: bare.id })).outcome);
    const launched = await learnerLaunch(setup, course.learners[0]!.id, bare.id);
    const { assignmentId } = await db.ltiResourceLink.findUniqueOrThrow({ where: { id: launched.provisioned.resourceLinkRowId as string } });
    // The link carries several line items (AGS 2.0 §3.2); the assignment's own comes on the third page.
    for (const tag of ["originality", "participation", "attendance", "bonus"]) setup.platform.addLineItem({ courseId: course.courseId, label: tag, scoreMaximum: 10, tag, resourceLinkId: bare.id });
    const own = setup.platform.addLineItem({ courseId: course.courseId, label: "Handshake quiz", scoreMaximum: 20, resourceLinkId: bare.id, resourceId: assignmentId as string });
    await takeQuiz(launched.provisioned.user.id, 5);
    await queueScoresForUser(launched.provisioned.user.id);
    expect((await deliverDueJobs()).delivered).toBe(1);
    expect(setup.platform.lineItems.size).toBe(5);
    expect(setup.platform.scores.at(-1)!.lineItemId).toBe(own.id);
  });

  it("lets the instructor resend a score: graded again and sent with a new timestamp", async () => {
    const setup = await newPlatform();
    const course = seedCourse(setup.platform);
    const { link, teacher } = await deepLinkQuiz(setup, course);
    const launched = await learnerLaunch(setup, course.learners[0]!.id, link.id);
    await takeQuiz(launched.provisioned.user.id, 3);
    await queueScoresForUser(launched.provisioned.user.id);
    setup.platform.faults.scores.push({ status: 400, body: JSON.stringify({ error: "rejected by the LMS" }) });
    await deliverDueJobs();
    const failed = await db.ltiScoreJob.findFirstOrThrow({ where: { userId: launched.provisioned.user.id } });
    expect(failed.status).toBe("FAILED");
    expect(failed.lastError).toContain("HTTP 400");
    const stranger = await createUser({ role: "INSTRUCTOR" });
    await expect(resendScore(stranger, failed.id)).rejects.toThrow();
    await resendScore(teacher, failed.id);
    expect((await deliverDueJobs()).delivered).toBe(1);
    const scores = setup.platform.scores.filter((s) => s.body.userId === course.learners[0]!.id);
    expect(scores).toHaveLength(1);
  });
});

describe("roster sync (NRPS)", () => {
  it("fills the class from the LMS's memberships, page by page, without linking existing accounts by email", async () => {
    const setup = await newPlatform();
    setup.platform.membershipPageSize = 2;
    const course = seedCourse(setup.platform, { learners: 4 });
    const ta = setup.platform.addUser({ id: unique("ta"), name: "Tess Assist", email: `${unique("tess")}@lms.test` });
    setup.platform.enroll(course.courseId, { userId: ta.id, roles: [ROLE.teachingAssistant] });
    const existing = await createUser({ email: `${unique("taken")}@example.test` });
    const twin = setup.platform.addUser({ id: unique("twin"), name: "Twin", email: existing.email });
    setup.platform.enroll(course.courseId, { userId: twin.id, roles: [ROLE.learner] });
    const mentor = setup.platform.addUser({ id: unique("mentor"), name: "Mentor" });
    setup.platform.enroll(course.courseId, { userId: mentor.id, roles: [ROLE.mentor] });

    const launched = expectLaunched((await launch(setup.platform, { userId: course.instructor.id, deepLinkCourseId: course.courseId })).outcome);
    const context = await db.ltiContext.findUniqueOrThrow({ where: { id: launched.provisioned.contextId as string } });
    const summary = await syncRoster(context.id);
    expect(summary).toMatchObject({ members: 8, added: 5, waitingToLink: 1, removed: 0 });
    const classroom = await db.classroom.findUniqueOrThrow({ where: { id: context.classId }, include: { enrollments: { include: { user: true } }, instructors: { include: { user: true } } } });
    expect(classroom.enrollments.map((e) => e.user.name).sort()).toEqual(["Learner 1", "Learner 2", "Learner 3", "Learner 4"]);
    expect(classroom.instructors.map((i) => [i.user.name, i.isOwner]).sort()).toEqual([["Grace Hopper", true], ["Tess Assist", false]]);
    expect(await db.ltiUserLink.findFirst({ where: { userId: existing.id } })).toBeNull();
    expect((await db.ltiContext.findUniqueOrThrow({ where: { id: context.id } })).rosterSyncedAt).not.toBeNull();

    // Synced again: nobody doubled. A learner who left the course leaves the class.
    setup.platform.enroll(course.courseId, { userId: course.learners[0]!.id, roles: [ROLE.learner], status: "Inactive" });
    const again = await syncRoster(context.id);
    expect(again).toMatchObject({ added: 0, removed: 1 });
    expect(await db.enrollment.count({ where: { classId: context.classId } })).toBe(3);

    // The roster's account is the one the learner's launch uses.
    const fromLaunch = await learnerLaunch(setup, course.learners[1]!.id, setup.platform.addResourceLink({ id: unique("rl"), courseId: course.courseId, title: "x", targetLinkUri: `${TOOL_ORIGIN}/lti/quiz/${QUIZ_ID}` }).id);
    const byRoster = await db.ltiUserLink.findUniqueOrThrow({ where: { issuer_subject: { issuer: setup.platform.issuer, subject: course.learners[1]!.id } } });
    expect(fromLaunch.provisioned.user.id).toBe(byRoster.userId);
  });

  it("records an LMS that refuses the roster, and keeps the class as it was", async () => {
    const setup = await newPlatform();
    const course = seedCourse(setup.platform);
    const launched = expectLaunched((await launch(setup.platform, { userId: course.instructor.id, deepLinkCourseId: course.courseId })).outcome);
    const before = await db.enrollment.count({ where: { classId: launched.provisioned.classId as string } });
    setup.platform.faults.memberships.push({ status: 500 });
    await expect(syncRoster(launched.provisioned.contextId as string)).rejects.toThrow(/HTTP 500/);
    const context = await db.ltiContext.findUniqueOrThrow({ where: { id: launched.provisioned.contextId as string } });
    expect(context.rosterSyncError).toMatch(/HTTP 500/);
    expect(await db.enrollment.count({ where: { classId: launched.provisioned.classId as string } })).toBe(before);
  });
});
