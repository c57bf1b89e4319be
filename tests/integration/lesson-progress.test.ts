import { describe, expect, it } from "vitest";
import { db } from "@/lib/db.server";
import { markLessonDone, markLessonRead, saveLessonPosition, startLesson } from "@/lib/progress/lesson-progress.server";
import { createUser } from "../factories/users";

const LESSON = "tcp-header-and-flags";

/** Lesson 1 carries a quiz: completing it also needs a passed attempt (see tests/integration/quiz-attempts.test.ts). */
async function passLessonQuiz(userId: string) {
  await db.quizAttempt.create({
    data: { userId, quizId: LESSON, clientKey: `passed-${userId}`, variantSeed: 1, score: 1, maxScore: 1, passed: true, submittedAt: new Date() },
  });
}

describe("lesson progress", () => {
  it("starts a lesson once however many times it is opened, even concurrently", async () => {
    const user = await createUser();
    await Promise.all(Array.from({ length: 10 }, () => startLesson(user, LESSON)));
    expect(await db.lessonProgress.count({ where: { userId: user.id } })).toBe(1);
  });

  it("remembers the last position and keeps it separate per student", async () => {
    const [ada, ben] = await Promise.all([createUser(), createUser()]);
    await saveLessonPosition(ada, LESSON, "the-other-flags");
    await saveLessonPosition(ben, LESSON, "summary");
    await saveLessonPosition(ada, LESSON, "reading-a-real-capture");
    const rows = await db.lessonProgress.findMany({ where: { lessonSlug: LESSON, userId: { in: [ada.id, ben.id] } } });
    const byUser = Object.fromEntries(rows.map((row) => [row.userId, row.lastPosition]));
    expect(byUser).toEqual({ [ada.id]: "reading-a-real-capture", [ben.id]: "summary" });
  });

  it("completes a lesson when it is read to the end, and keeps the first completion time", async () => {
    const user = await createUser();
    await passLessonQuiz(user.id);
    const started = await startLesson(user, LESSON);
    expect(started.completedAt).toBeNull();
    const first = await markLessonRead(user, LESSON);
    expect(first.readToEndAt).toBeInstanceOf(Date);
    expect(first.completedAt).toEqual(first.readToEndAt);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await markLessonRead(user, LESSON);
    expect(second.completedAt).toEqual(first.completedAt);
    expect(second.readToEndAt).toEqual(first.readToEndAt);
  });

  it("records an explicit 'mark complete' separately from reading, exactly once under double clicks", async () => {
    const user = await createUser();
    await passLessonQuiz(user.id);
    const results = await Promise.all(Array.from({ length: 8 }, () => markLessonDone(user, LESSON)));
    const completions = new Set(results.map((row) => row.completedAt?.toISOString()));
    expect(completions.size).toBe(1);
    expect(results[0]?.completedAt).toBeInstanceOf(Date);
    expect(results[0]?.readToEndAt).toBeNull();
    expect(await db.lessonProgress.count({ where: { userId: user.id } })).toBe(1);
  });

  it("does not complete a lesson with a quiz until the quiz is passed", async () => {
    const user = await createUser();
    const read = await markLessonRead(user, LESSON);
    expect(read.readToEndAt).toBeInstanceOf(Date);
    expect(read.completedAt).toBeNull();
    await passLessonQuiz(user.id);
    expect((await markLessonDone(user, LESSON)).completedAt).toBeInstanceOf(Date);
  });

  it("deletes a student's progress with their account", async () => {
    const user = await createUser();
    await startLesson(user, LESSON);
    await db.user.delete({ where: { id: user.id } });
    expect(await db.lessonProgress.count({ where: { userId: user.id } })).toBe(0);
  });
});
