import "server-only";
import { db } from "../db.server";
import { retryOnUniqueViolation } from "../db/unique-retry";
import { recordCompletionEvidence } from "../gradebook/evidence.server";
import { refreshLessonCompletion } from "./completion.server";

export type LessonProgressView = {
  lessonSlug: string;
  startedAt: Date;
  readToEndAt: Date | null;
  markedDoneAt: Date | null;
  completedAt: Date | null;
  lastPosition: string | null;
};

const VIEW = {
  lessonSlug: true,
  startedAt: true,
  readToEndAt: true,
  markedDoneAt: true,
  completedAt: true,
  lastPosition: true,
} as const;

/**
 * Records that a student opened a lesson; idempotent (a single INSERT … ON CONFLICT), so two
 * tabs or a retried request never create a second row.
 */
export async function startLesson(userId: string, lessonSlug: string): Promise<LessonProgressView> {
  return retryOnUniqueViolation(() =>
    db.lessonProgress.upsert({
      where: { userId_lessonSlug: { userId, lessonSlug } },
      create: { userId, lessonSlug },
      update: {},
      select: VIEW,
    }),
  );
}

export async function saveLessonPosition(userId: string, lessonSlug: string, position: string) {
  return retryOnUniqueViolation(() =>
    db.lessonProgress.upsert({
      where: { userId_lessonSlug: { userId, lessonSlug } },
      create: { userId, lessonSlug, lastPosition: position },
      update: { lastPosition: position },
      select: VIEW,
    }),
  );
}

type Milestone = "readToEndAt" | "markedDoneAt";

/**
 * Sets a milestone once (its first time is kept, or the earlier `at` of a merged receipt) and
 * completes the lesson when its requirement is met. Conditional updates make concurrent calls
 * safe without read-modify-write races. Reading a completed lesson to the end again (or marking
 * it again) is offered as new evidence: an assignment that opened after the first completion
 * needs work done since it opened (docs/gradebook.md). `signedOut`: the milestone comes from a
 * merged receipt; the completion is then the account's from `completedAt` (the merge), and the
 * milestone's time is when the work was done.
 */
export async function reachMilestone(userId: string, lessonSlug: string, milestone: Milestone, at = new Date(), completedAt = at, signedOut = false) {
  const before = await startLesson(userId, lessonSlug);
  await db.lessonProgress.updateMany({ where: { userId, lessonSlug, [milestone]: null }, data: { [milestone]: at } });
  await db.lessonProgress.updateMany({ where: { userId, lessonSlug, [milestone]: { gt: at } }, data: { [milestone]: at } });
  const completedNow = await refreshLessonCompletion(userId, lessonSlug, completedAt, signedOut ? { doneAt: at } : undefined);
  if (!completedNow && before.completedAt) {
    await recordCompletionEvidence(userId, "LESSON", lessonSlug, { doneAt: at, handedInAt: completedAt, signedOut });
  }
  return db.lessonProgress.findUniqueOrThrow({ where: { userId_lessonSlug: { userId, lessonSlug } }, select: VIEW });
}

/**
 * Reading milestones. The lesson is complete once it was read to the end or explicitly marked
 * complete and, when it carries a quiz, the quiz was passed (see completion.server.ts).
 */
export function markLessonRead(userId: string, lessonSlug: string) {
  return reachMilestone(userId, lessonSlug, "readToEndAt");
}

export function markLessonDone(userId: string, lessonSlug: string) {
  return reachMilestone(userId, lessonSlug, "markedDoneAt");
}

export async function getLessonProgress(userId: string, lessonSlug: string): Promise<LessonProgressView | null> {
  return db.lessonProgress.findUnique({ where: { userId_lessonSlug: { userId, lessonSlug } }, select: VIEW });
}

export async function listLessonProgress(userId: string): Promise<LessonProgressView[]> {
  return db.lessonProgress.findMany({ where: { userId }, select: VIEW, orderBy: { startedAt: "asc" } });
}
