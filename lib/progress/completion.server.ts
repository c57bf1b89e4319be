import "server-only";
import { db } from "../db.server";
import { quizzesForLesson } from "../quiz/registry.server";

/**
 * The completion rule (ADR 0003): a lesson is complete once it was read to the end or marked
 * complete, and every quiz it carries has a passed attempt. Lessons without a quiz need only
 * the first part.
 */
export async function lessonQuizzesPassed(userId: string, lessonSlug: string): Promise<boolean> {
  const quizIds = quizzesForLesson(lessonSlug).map((quiz) => quiz.id);
  if (quizIds.length === 0) return true;
  const passed = await db.quizAttempt.findMany({
    where: { userId, quizId: { in: quizIds }, passed: true },
    select: { quizId: true },
    distinct: ["quizId"],
  });
  return passed.length === quizIds.length;
}

/**
 * Sets `completedAt` when the rule is met and it is not set yet. Called after every write that
 * can satisfy a part of the rule (a milestone, a passed attempt, a merge). Each writer commits
 * its part before calling this, so whichever runs last sees both parts: no lost completion,
 * and the conditional update keeps the first completion time.
 */
export async function refreshLessonCompletion(userId: string, lessonSlug: string, now = new Date()): Promise<void> {
  if (!(await lessonQuizzesPassed(userId, lessonSlug))) return;
  await db.lessonProgress.updateMany({
    where: { userId, lessonSlug, completedAt: null, OR: [{ readToEndAt: { not: null } }, { markedDoneAt: { not: null } }] },
    data: { completedAt: now },
  });
}
