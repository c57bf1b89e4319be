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

  it("concurrent position saves keep one row holding one of them, and the next save replaces it", async () => {
    const user = await createUser();
    const positions = ["the-header-at-a-glance", "the-flags-that-open-and-close-connections", "the-other-flags", "summary"];
    const saved = await Promise.all(Array.from({ length: 12 }, (_, i) => saveLessonPosition(user, LESSON, positions[i % positions.length]!)));
    for (const [i, view] of saved.entries()) expect(view.lastPosition).toBe(positions[i % positions.length]);
    const rows = await db.lessonProgress.findMany({ where: { userId: user.id, lessonSlug: LESSON } });
    expect(rows).toHaveLength(1);
    expect(positions).toContain(rows[0]!.lastPosition);
    // Every save answered the row's one start time.
    expect(new Set(saved.map((view) => view.startedAt.toISOString()))).toEqual(new Set([rows[0]!.startedAt.toISOString()]));
    await saveLessonPosition(user, LESSON, "the-header-at-a-glance");
    expect((await db.lessonProgress.findUniqueOrThrow({ where: { id: rows[0]!.id } })).lastPosition).toBe("the-header-at-a-glance");
  });

  it("a position saved into a started and read lesson keeps its times and answers them as stored", async () => {
    const user = await createUser();
    const fresh = await saveLessonPosition(user, LESSON, "summary");
    const created = await db.lessonProgress.findUniqueOrThrow({ where: { userId_lessonSlug: { userId: user.id, lessonSlug: LESSON } } });
    expect(created.id).toMatch(/^c[0-9a-z]{24}$/);
    expect(fresh).toEqual({ lessonSlug: LESSON, startedAt: created.startedAt, readToEndAt: null, markedDoneAt: null, completedAt: null, lastPosition: "summary" });
    expect(created.updatedAt).toEqual(created.startedAt);

    await passLessonQuiz(user.id);
    const read = await markLessonRead(user, LESSON);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const saved = await saveLessonPosition(user, LESSON, "the-other-flags");
    const stored = await db.lessonProgress.findUniqueOrThrow({ where: { userId_lessonSlug: { userId: user.id, lessonSlug: LESSON } } });
    expect(saved).toEqual({ ...read, lastPosition: "the-other-flags" });
    expect(saved.completedAt).toBeInstanceOf(Date);
    expect(stored).toMatchObject({ id: created.id, startedAt: created.startedAt, readToEndAt: read.readToEndAt, completedAt: read.completedAt, lastPosition: "the-other-flags" });
    expect(stored.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());
    // Prisma's filters on the stored times see the same instants.
    expect(await db.lessonProgress.count({ where: { id: created.id, startedAt: created.startedAt, updatedAt: { gt: created.updatedAt } } })).toBe(1);
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
