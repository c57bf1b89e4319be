import { afterAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.LTI_KEYS_FILE = `${process.env.TMPDIR ?? "/tmp"}/lti-hanging-keys-${process.pid}-${Date.now()}.json`;
});

import { GET as health } from "@/app/api/health/route";
import { GET as jwks } from "@/app/api/lti/jwks/route";
import type { CurrentUser } from "@/lib/auth/session.server";
import { db } from "@/lib/db.server";
import { getGradebook } from "@/lib/gradebook/gradebook.server";
import { answerDeepLink } from "@/lib/lti/deep-linking.server";
import { afterEvidenceWrite } from "@/lib/lti/grade-sync.server";
import { deliverDueJobs } from "@/lib/lti/score-jobs.server";
import { startLtiWorker } from "@/lib/lti/worker.server";
import { startAttempt, submitAnswer } from "@/lib/quiz/attempts.server";
import type { TestPlatform } from "../support/lti-platform/platform";
import { expectLaunched, launch, platformWithTool, seedCourse, TOOL_ORIGIN, unique } from "./lti-helpers";
import { lessonQuiz, QUIZ_ID, rightResponse } from "./quiz-helpers";
import { currentUserOf } from "../factories/users";

/**
 * The LMS's grade service accepts the connection and never answers, while the server's own
 * delivery loop (lib/lti/worker.server.ts, started here as instrumentation.ts starts it) is
 * sending to it: learners' graded answers still return with their results, other requests still
 * answer, all while the LMS is still hanging; once it answers again, every score arrives once.
 */

let platform: TestPlatform | undefined;
afterAll(async () => {
  await platform?.stop();
});

/** What the quiz's Server Action does for one answer (app/quiz/actions.ts): grade and store it, then queue the LMS score. */
async function answer(userId: string, clientKey: string, questionId: string, response: unknown) {
  const result = await submitAnswer(await currentUserOf(userId), QUIZ_ID, clientKey, questionId, response as Parameters<typeof submitAnswer>[4]);
  if (result.ok) await afterEvidenceWrite(userId);
  return result;
}

async function until(condition: () => Promise<boolean> | boolean, what: string, limitMs = 60_000) {
  const deadline = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("an LMS whose grade service hangs", () => {
  it("slows nothing down: answers are graded and other requests answer while it hangs; the scores arrive once it answers again", { timeout: 120_000 }, async () => {
    const setup = await platformWithTool();
    platform = setup.platform;
    const course = seedCourse(platform);
    const deepLink = expectLaunched((await launch(platform, { userId: course.instructor.id, deepLinkCourseId: course.courseId })).outcome);
    const teacher = (await db.user.findUniqueOrThrow({ where: { id: deepLink.provisioned.user.id }, select: { id: true, email: true, name: true, role: true } })) as CurrentUser;
    const picked = await answerDeepLink(teacher, { requestId: deepLink.provisioned.deepLinkRequestId as string, items: [{ target: `QUIZ:${QUIZ_ID}`, title: "Flags quiz", points: 10 }] }, TOOL_ORIGIN);
    if (!picked.ok) throw new Error(JSON.stringify(picked));
    const link = (await platform.acceptDeepLinkingResponse(picked.jwt)).createdLinks[0]!;
    const [first, second] = await Promise.all(course.learners.map(async (learner) => expectLaunched((await launch(platform!, { userId: learner.id, resourceLinkId: link.id })).outcome).provisioned.user.id));
    const quiz = lessonQuiz();

    // The score endpoint takes the next request and never answers; the delivery loop runs in this process.
    platform.faults.scores.push({ hang: true });
    startLtiWorker();

    // The first learner's first answer queues a score; the loop sends it and the LMS hangs.
    const firstKey = unique("first").replace(/[^A-Za-z0-9_-]/g, "");
    const firstAttempt = await startAttempt(await currentUserOf(first!), QUIZ_ID, firstKey);
    if (!firstAttempt.ok) throw new Error(firstAttempt.refusal);
    const firstSeed = (await db.quizAttempt.findUniqueOrThrow({ where: { userId_clientKey: { userId: first!, clientKey: firstKey } } })).variantSeed;
    const firstQuestion = quiz.questions[0]!;
    expect(await answer(first!, firstKey, firstQuestion.id, rightResponse(quiz, firstSeed, firstQuestion.id))).toMatchObject({ ok: true });
    await until(() => platform!.hangingRequests === 1, "the score delivery to reach the hanging LMS");

    // While it hangs: the first learner finishes, the second takes the whole quiz, each answer with its result...
    for (const question of quiz.questions.slice(1)) {
      const result = await answer(first!, firstKey, question.id, rightResponse(quiz, firstSeed, question.id));
      expect(result).toMatchObject({ ok: true });
    }
    const secondKey = unique("second").replace(/[^A-Za-z0-9_-]/g, "");
    const secondAttempt = await startAttempt(await currentUserOf(second!), QUIZ_ID, secondKey);
    if (!secondAttempt.ok) throw new Error(secondAttempt.refusal);
    const secondSeed = (await db.quizAttempt.findUniqueOrThrow({ where: { userId_clientKey: { userId: second!, clientKey: secondKey } } })).variantSeed;
    for (const question of quiz.questions) {
      const result = await answer(second!, secondKey, question.id, rightResponse(quiz, secondSeed, question.id));
      expect(result).toMatchObject({ ok: true, answer: { grading: { correct: true } } });
    }
    // ...and other requests answer: the health check, the key set LMSs fetch, the instructor's gradebook.
    expect((await health()).status).toBe(200);
    expect(((await (await jwks()).json()) as { keys: unknown[] }).keys.length).toBeGreaterThan(0);
    const gradebook = await getGradebook(teacher, deepLink.provisioned.classId as string);
    expect(JSON.stringify(gradebook)).toContain(first!);
    // All of that happened while the LMS still held the score request without answering.
    expect(platform.hangingRequests).toBe(1);
    expect(platform.scores.filter((s) => s.accepted)).toHaveLength(0);

    // The tool gives up on the hanging request (its 10 s limit) and retries with backoff (docs/lti.md).
    await until(async () => (await db.ltiScoreJob.findFirst({ where: { userId: first!, lastError: { not: null } } })) !== null, "the hanging delivery to time out");
    const waiting = await db.ltiScoreJob.findFirstOrThrow({ where: { userId: first! } });
    expect(waiting).toMatchObject({ status: "PENDING", attempts: 1, lastError: expect.stringContaining("did not answer within 10 s") });
    await until(() => platform!.hangingRequests === 0, "the tool to close the request it gave up on");

    // The LMS answers again: the next due round delivers the first learner's final score; the loop delivers the second's.
    await deliverDueJobs({ now: new Date(waiting.nextAttemptAt.getTime() + 1) });
    await until(async () => (await db.ltiScoreJob.count({ where: { resourceLink: { resourceLinkId: link.id }, status: "DELIVERED" } })) === 2, "both scores to be delivered");
    const accepted = platform.scores.filter((s) => s.accepted);
    const lmsUser = (userId: string) => course.learners[[first, second].indexOf(userId)]!.id;
    for (const userId of [first!, second!]) {
      const received = accepted.filter((s) => s.body.userId === lmsUser(userId));
      // One score each, the final one: full marks, never the in-progress score that was hanging, never twice.
      expect(received, userId).toHaveLength(1);
      expect(received[0]!.body).toMatchObject({ scoreGiven: 10, scoreMaximum: 10, gradingProgress: "FullyGraded" });
    }
    expect(platform.violations).toEqual([]);
  });
});
