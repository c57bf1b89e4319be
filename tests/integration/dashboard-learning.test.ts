import { describe, expect, it } from "vitest";
import { getLearnerDashboard, recommendNextStep, type DashboardLesson } from "@/lib/dashboard/learner-dashboard.server";
import { db } from "@/lib/db.server";
import { challengeText } from "@/domain/challenges/text";
import { getChallenge } from "@/domain/challenges/registry";
import { computeMastery } from "@/domain/quiz/mastery";
import { getQuiz } from "@/lib/quiz/registry.server";
import { markLessonRead, startLesson } from "@/lib/progress/lesson-progress.server";
import { startAttempt, submitAnswer } from "@/lib/quiz/attempts.server";
import { createUser } from "../factories/users";
import type { CurrentUser } from "@/lib/auth/session.server";
import { LESSON, QUIZ_ID, lessonQuiz, newClientKey, rightResponse, seedOf, wrongResponse } from "./quiz-helpers";

const quiz = lessonQuiz();

async function attempt(user: CurrentUser, right: number) {
  const key = newClientKey();
  await startAttempt(user, QUIZ_ID, key);
  const seed = await seedOf(user.id, key);
  for (const [index, question] of quiz.questions.entries()) {
    await submitAnswer(user, QUIZ_ID, key, question.id, index < right ? rightResponse(quiz, seed, question.id) : wrongResponse(quiz, seed, question.id));
  }
}

describe("learner dashboard: quizzes, mastery, activity and the next step", () => {
  it("moves from reading to the quiz to the next lesson", async () => {
    const user = await createUser();
    const start = await getLearnerDashboard(user);
    expect(start.nextStep).toMatchObject({ kind: "start-lesson", slug: start.lessons[0]!.slug });
    expect(start.mastery.every((m) => m.level === "not-started")).toBe(true);
    expect(start.courseProgress).toBe(0);

    await startLesson(user, LESSON);
    await db.lessonProgress.updateMany({ where: { userId: user.id }, data: { lastPosition: "the-other-flags" } });
    expect((await getLearnerDashboard(user)).nextStep).toMatchObject({ kind: "resume-lesson", href: `/course/${LESSON}#the-other-flags` });

    await markLessonRead(user, LESSON);
    const read = await getLearnerDashboard(user);
    expect(read.nextStep).toMatchObject({ kind: "take-quiz", href: `/course/${LESSON}#quiz-${QUIZ_ID}` });
    expect(read.lessons.find((l) => l.slug === LESSON)).toMatchObject({ status: "in-progress", read: true, progress: 0.5 });

    await attempt(user, 1);
    const failed = await getLearnerDashboard(user);
    expect(failed.nextStep).toMatchObject({ kind: "retry-quiz", best: 1 / quiz.questions.length });
    expect(failed.lessons.find((l) => l.slug === LESSON)?.quiz).toMatchObject({ finished: 1, passed: false });

    await attempt(user, quiz.questions.length);
    const passed = await getLearnerDashboard(user);
    const lesson = passed.lessons.find((l) => l.slug === LESSON)!;
    expect(lesson).toMatchObject({ status: "complete", progress: 1, quiz: { passed: true, best: 1, latest: 1, finished: 2 } });
    expect(passed.completed).toBe(1);
    expect(passed.courseProgress).toBeCloseTo(1 / passed.total, 10);
    expect(passed.nextStep.kind === "start-lesson" || passed.nextStep.kind === "practise-concept").toBe(true);
    expect(passed.recent.map((item) => item.kind)).toEqual(expect.arrayContaining(["lesson-completed", "quiz-finished", "lesson-started"]));
  });

  it("shows mastery from the learner's own answers only, and it can go down", async () => {
    const [user, other] = await Promise.all([createUser(), createUser()]);
    await attempt(other, quiz.questions.length);
    await attempt(user, quiz.questions.length);
    const good = (await getLearnerDashboard(user)).mastery.find((m) => m.concept === "flags")!;
    expect(good).toMatchObject({ score: 1, level: "mastered" });
    await attempt(user, 0);
    const worse = (await getLearnerDashboard(user)).mastery.find((m) => m.concept === "flags")!;
    expect(worse.score!).toBeLessThan(0.5);
    expect(worse.answered).toBe(2 * quiz.questions.filter((q) => q.concept === "flags").length);
    const untouched = (await getLearnerDashboard(await createUser())).mastery.find((m) => m.concept === "flags");
    expect(untouched?.answered).toBe(0);
  });

  it("lists simulator challenge completions in recent activity, by their title", async () => {
    const user = await createUser();
    await db.challengeCompletion.create({ data: { userId: user.id, challengeId: "both-closing", actionLog: "[]" } });
    const dashboard = await getLearnerDashboard(user);
    const challenge = getChallenge("both-closing")!;
    expect(dashboard.recent[0]).toMatchObject({ kind: "challenge-completed", challengeId: "both-closing", title: challengeText(challenge, "en").title });
    expect((await getLearnerDashboard(user, "zh")).recent[0]).toMatchObject({ title: challengeText(challenge, "zh").title });
  });

  it("speaks Chinese on the Chinese dashboard: titles, concepts, links and the section to resume", async () => {
    const user = await createUser();
    await startLesson(user, LESSON);
    // Reading positions are kept by the English section id.
    await db.lessonProgress.updateMany({ where: { userId: user.id }, data: { lastPosition: "the-other-flags" } });
    const zh = await getLearnerDashboard(user, "zh");
    const lesson = zh.lessons.find((l) => l.slug === LESSON)!;
    expect(lesson).toMatchObject({ href: `/zh/course/${LESSON}`, title: "TCP 首部与标志位" });
    expect(lesson.quiz?.title).toBe(getQuiz(QUIZ_ID, "zh")!.title);
    expect(lesson.quiz?.title).not.toBe(getQuiz(QUIZ_ID, "en")!.title);
    expect(zh.nextStep).toMatchObject({ kind: "resume-lesson", href: `/zh/course/${LESSON}#${"其他标志位"}` });
    expect(zh.mastery.find((m) => m.concept === "flags")?.label).toBe("标志位");
    expect(zh.recent[0]).toMatchObject({ kind: "lesson-started", href: `/zh/course/${LESSON}`, title: "TCP 首部与标志位" });
    // The English dashboard of the same learner is unchanged.
    expect((await getLearnerDashboard(user)).nextStep).toMatchObject({ href: `/course/${LESSON}#the-other-flags` });
  });

  it("recommends practising the weakest concept once the lessons in progress are done", () => {
    const lessons: DashboardLesson[] = [
      { slug: LESSON, href: `/course/${LESSON}`, title: "Lesson 1", order: 1, minutes: 10, status: "complete", lastPosition: null, read: true, progress: 1, quiz: null },
    ];
    const now = Date.now();
    const answers = [
      ...Array.from({ length: 3 }, (_, i) => ({ concept: "sequence-numbers", correct: false, answeredAt: new Date(now - i * 1000) })),
      ...Array.from({ length: 3 }, (_, i) => ({ concept: "flags", correct: i > 0, answeredAt: new Date(now - i * 1000) })),
    ];
    expect(recommendNextStep(lessons, computeMastery(answers))).toMatchObject({ kind: "practise-concept", concept: "sequence-numbers", href: `/course/${LESSON}#quiz-${QUIZ_ID}` });
    expect(recommendNextStep(lessons, computeMastery([]))).toEqual({ kind: "done" });
  });
});
