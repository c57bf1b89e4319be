import "server-only";
import { db } from "../db.server";
import { recordCompletionEvidence } from "../gradebook/evidence.server";
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
 * and the conditional update keeps the first completion time. A new completion is evidence for
 * assignments (recordCompletionEvidence); `signedOut` gives, for a merge, when the reading that
 * completed it was done signed out. Returns whether the lesson completed now.
 */
export async function refreshLessonCompletion(userId: string, lessonSlug: string, now = new Date(), signedOut?: { doneAt: Date }): Promise<boolean> {
  if (!(await lessonQuizzesPassed(userId, lessonSlug))) return false;
  const { count } = await db.lessonProgress.updateMany({
    where: { userId, lessonSlug, completedAt: null, OR: [{ readToEndAt: { not: null } }, { markedDoneAt: { not: null } }] },
    data: { completedAt: now },
  });
  if (count === 0) return false;
  let doneAt = now;
  if (signedOut) {
    // Both parts were done signed out: the work was done when the later of them was.
    const row = await db.lessonProgress.findUniqueOrThrow({ where: { userId_lessonSlug: { userId, lessonSlug } }, select: { readToEndAt: true, markedDoneAt: true } });
    const read = Math.min(...[row.readToEndAt, row.markedDoneAt].flatMap((d) => (d ? [d.getTime()] : [])));
    doneAt = new Date(Math.min(now.getTime(), Math.max(read, signedOut.doneAt.getTime())));
  }
  await recordCompletionEvidence(userId, "LESSON", lessonSlug, { doneAt, handedInAt: now, signedOut: Boolean(signedOut) });
  return true;
}
