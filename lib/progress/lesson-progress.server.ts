import "server-only";
import { dateOf, dateOrNullOf, db, directSql, newRowId } from "../db.server";
import { retryOnUniqueViolation } from "../db/unique-retry";
import type { CurrentUser } from "../auth/session.server";
import { lessonExists } from "../content/lessons.server";
import { refusal, type Refusal } from "../http/refusal";
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
export async function startLesson(user: CurrentUser, lessonSlug: string): Promise<LessonProgressView> {
  return startLessonOf(user.id, lessonSlug);
}

function startLessonOf(userId: string, lessonSlug: string): Promise<LessonProgressView> {
  return retryOnUniqueViolation(() =>
    db.lessonProgress.upsert({
      where: { userId_lessonSlug: { userId, lessonSlug } },
      create: { userId, lessonSlug },
      update: {},
      select: VIEW,
    }),
  );
}

/**
 * Remembers the heading the reader reached. One direct statement (ADR 1500), as every reader of a
 * lecture hall saves as they scroll: an insert that updates the row when (user, lesson) already
 * has one, atomically on both databases, so concurrent saves leave one row holding the position
 * written last, and the row as written comes back with it.
 */
export async function saveLessonPosition(user: CurrentUser, lessonSlug: string, position: string): Promise<LessonProgressView> {
  const now = new Date();
  const [row] = await directSql(db).rows<Record<keyof LessonProgressView, unknown>>(
    `INSERT INTO "LessonProgress" ("id", "userId", "lessonSlug", "startedAt", "lastPosition", "updatedAt") VALUES (?, ?, ?, ?, ?, ?) ` +
      `ON CONFLICT ("userId", "lessonSlug") DO UPDATE SET "lastPosition" = excluded."lastPosition", "updatedAt" = excluded."updatedAt" ` +
      `RETURNING "lessonSlug", "startedAt", "readToEndAt", "markedDoneAt", "completedAt", "lastPosition"`,
    [newRowId(), user.id, lessonSlug, now, position, now],
  );
  if (!row) throw new Error(`saving the position in ${lessonSlug} returned no row`);
  return {
    lessonSlug: String(row.lessonSlug),
    startedAt: dateOf(row.startedAt),
    readToEndAt: dateOrNullOf(row.readToEndAt),
    markedDoneAt: dateOrNullOf(row.markedDoneAt),
    completedAt: dateOrNullOf(row.completedAt),
    lastPosition: row.lastPosition === null ? null : String(row.lastPosition),
  };
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
  const before = await startLessonOf(userId, lessonSlug);
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
export function markLessonRead(user: CurrentUser, lessonSlug: string) {
  return reachMilestone(user.id, lessonSlug, "readToEndAt");
}

export function markLessonDone(user: CurrentUser, lessonSlug: string) {
  return reachMilestone(user.id, lessonSlug, "markedDoneAt");
}

/** What a reader's page records: opening the lesson, the heading reached, reading to the end, marking it done. */
export type LessonStep = { step: "start" } | { step: "position"; position: string } | { step: "read" } | { step: "done" };

/** Records one step of reading a lesson; a lesson that does not exist is refused (a stale page or a crafted request). */
export async function recordLessonStep(user: CurrentUser, lessonSlug: string, step: LessonStep): Promise<{ ok: true; progress: LessonProgressView } | Refusal<"unknown-lesson">> {
  if (!lessonExists(lessonSlug)) return refusal("unknown-lesson");
  const progress =
    step.step === "start"
      ? await startLesson(user, lessonSlug)
      : step.step === "position"
        ? await saveLessonPosition(user, lessonSlug, step.position)
        : step.step === "read"
          ? await markLessonRead(user, lessonSlug)
          : await markLessonDone(user, lessonSlug);
  return { ok: true, progress };
}

export async function getLessonProgress(user: CurrentUser, lessonSlug: string): Promise<LessonProgressView | null> {
  return db.lessonProgress.findUnique({ where: { userId_lessonSlug: { userId: user.id, lessonSlug } }, select: VIEW });
}

export async function listLessonProgress(user: CurrentUser): Promise<LessonProgressView[]> {
  return db.lessonProgress.findMany({ where: { userId: user.id }, select: VIEW, orderBy: { startedAt: "asc" } });
}
