import "server-only";
import { windowStart } from "@/domain/gradebook/semantics";
import { db } from "../db.server";
import { gradeMayHaveChanged } from "./grade-changes.server";

export type CompletionTarget = "LESSON" | "CHALLENGE" | "REVIEW" | "DIAGNOSTIC";

/**
 * Records that an account completed a lesson or challenge, as evidence for assignments
 * (docs/gradebook.md, "Evidence"). Work counts toward an assignment from its window on (its
 * opening, and never before the student joined the class), so the first completion alone cannot
 * serve an assignment that opened later. A completion is therefore stored when it is the first, or
 * when no stored completion falls inside the window of one of the student's assignments on this
 * target that is open now. Repeats that can change no grade (a re-read of a lesson with nothing
 * assigned) store nothing, which keeps the table as small as the assignments need.
 *
 * `doneAt` is when the work was done; `handedInAt` when the account proved it (later than
 * `doneAt` only for a success earned signed out and merged from its receipt). Returns whether a
 * row was written.
 */
export async function recordCompletionEvidence(
  userId: string,
  targetType: CompletionTarget,
  targetId: string,
  { doneAt, handedInAt = doneAt, signedOut = false }: { doneAt: Date; handedInAt?: Date; signedOut?: boolean },
): Promise<boolean> {
  const assignments = await db.assignment.findMany({
    where: { targetType, targetId, opensAt: { lte: handedInAt }, classroom: { enrollments: { some: { userId } } } },
    select: { opensAt: true, acceptEarlierWork: true, classroom: { select: { enrollments: { where: { userId }, select: { joinedAt: true } } } } },
  });
  const starts = assignments.flatMap((a) => a.classroom.enrollments.map((e) => windowStart({ opensAt: a.opensAt, acceptsEarlierWork: a.acceptEarlierWork }, e.joinedAt).getTime()));
  const latestStart = starts.length ? new Date(Math.max(...starts)) : new Date(0);
  const covered = await db.completionEvidence.findFirst({
    where: { userId, targetType, targetId, doneAt: { gte: latestStart } },
    select: { id: true },
  });
  if (covered) return false;
  await db.completionEvidence.create({ data: { userId, targetType, targetId, doneAt, handedInAt, signedOut } });
  await gradeMayHaveChanged({ kind: "work", userId, targetType, targetId });
  return true;
}
