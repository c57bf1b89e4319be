import "server-only";
import { windowStart } from "@/domain/gradebook/semantics";
import { computeMastery, type ConceptMastery } from "@/domain/quiz/mastery";
import type { Concept } from "@/domain/quiz/schema";
import { parseConceptSet } from "@/domain/review/concept-set";
import { CONCEPT_WINDOW } from "@/domain/review/rules";
import type { CurrentUser } from "../auth/session.server";
import { dateOf, db, directSql } from "../db.server";
import { recordCompletionEvidence } from "../gradebook/evidence.server";

/**
 * "Review until mastered" (ADR 1002): an assignment on a set of concepts is complete once every
 * concept is mastered (ADR 0303: a recency-weighted 80 % over three answers or more) counting
 * only the student's answers given inside the assignment's window (from its opening, or from
 * when they joined with "accept earlier work"; never before they joined). Every answer counts:
 * quizzes, reviews, predictions, and signed-out answers merged under the receipt rules. The
 * moment it is reached is stored as CompletionEvidence: done when the last of those answers was
 * given, handed in when the account proved it (a merge: then, never earlier).
 */

export type ConceptProgress = Pick<ConceptMastery, "concept" | "score" | "answered" | "level">;

export type MasteryProgress = {
  concepts: ConceptProgress[];
  /** Every concept mastered. */
  mastered: boolean;
  /** The latest answer counted (when mastery was reached, once it is). */
  latestAnswerAt: Date | null;
};

/** Mastery of each concept from the learner's answers given at or after `from`. */
export async function masterySince(userId: string, concepts: readonly Concept[], from: Date): Promise<MasteryProgress> {
  const answers = (
    await Promise.all(
      concepts.map((concept) =>
        db.quizAnswer.findMany({
          where: { attempt: { userId }, concept, answeredAt: { gte: from } },
          select: { concept: true, correct: true, answeredAt: true },
          orderBy: { answeredAt: "desc" },
          take: CONCEPT_WINDOW,
        }),
      ),
    )
  ).flat();
  const mastery = computeMastery(answers).filter((m) => concepts.includes(m.concept));
  const latestAnswerAt = answers.reduce<Date | null>((latest, a) => (!latest || a.answeredAt > latest ? a.answeredAt : latest), null);
  return {
    concepts: mastery.map(({ concept, score, answered, level }) => ({ concept, score, answered, level })),
    mastered: mastery.length === concepts.length && mastery.every((m) => m.level === "mastered"),
    latestAnswerAt,
  };
}

type ReviewAssignmentRow = { id: string; targetId: string; opensAt: Date; acceptEarlierWork: boolean; joinedAt: Date };

/**
 * The learner's "review until mastered" assignments open at `now`, with when they joined the
 * class. Runs after every stored answer, mostly finding none: one direct statement (ADR 1350);
 * the opening time is compared here, the same way on both databases.
 */
async function reviewAssignments(userId: string, now: Date, assignmentId?: string): Promise<ReviewAssignmentRow[]> {
  const rows = await directSql(db).rows<{ id: string; targetId: string; opensAt: unknown; acceptEarlierWork: unknown; joinedAt: unknown }>(
    `SELECT a."id", a."targetId", a."opensAt", a."acceptEarlierWork", e."joinedAt" FROM "Assignment" a JOIN "Enrollment" e ON e."classId" = a."classId" AND e."userId" = ? WHERE a."targetType" = 'REVIEW'${assignmentId ? ` AND a."id" = ?` : ""}`,
    assignmentId ? [userId, assignmentId] : [userId],
  );
  return rows
    .map((row) => ({ id: row.id, targetId: row.targetId, opensAt: dateOf(row.opensAt), acceptEarlierWork: Boolean(row.acceptEarlierWork), joinedAt: dateOf(row.joinedAt) }))
    .filter((row) => row.opensAt.getTime() <= now.getTime());
}

/** Where an assignment's work starts to count for this student. */
export function reviewWindowStart(row: Pick<ReviewAssignmentRow, "opensAt" | "acceptEarlierWork" | "joinedAt">): Date {
  return windowStart({ opensAt: row.opensAt, acceptsEarlierWork: row.acceptEarlierWork }, row.joinedAt);
}

/**
 * Records completion evidence for every open "review until mastered" assignment of the learner
 * (or just `assignmentId`) whose concepts are all mastered inside its window and that has none
 * yet. Called after every stored answer; `signedOut` when the answers came from a merge.
 */
export async function refreshMasteryEvidence(
  userId: string,
  { now = new Date(), signedOut = false, assignmentId }: { now?: Date; signedOut?: boolean; assignmentId?: string } = {},
): Promise<number> {
  let recorded = 0;
  for (const row of await reviewAssignments(userId, now, assignmentId)) {
    const concepts = parseConceptSet(row.targetId);
    if (!concepts) continue;
    const from = reviewWindowStart(row);
    const covered = await db.completionEvidence.findFirst({ where: { userId, targetType: "REVIEW", targetId: row.targetId, doneAt: { gte: from } }, select: { id: true } });
    if (covered) continue;
    const progress = await masterySince(userId, concepts, from);
    if (!progress.mastered || !progress.latestAnswerAt) continue;
    const doneAt = progress.latestAnswerAt.getTime() > now.getTime() ? now : progress.latestAnswerAt;
    if (await recordCompletionEvidence(userId, "REVIEW", row.targetId, { doneAt, handedInAt: now, signedOut })) recorded += 1;
  }
  return recorded;
}

/** After an assignment is created or edited: every enrolled student who already qualifies completes it. */
export async function refreshAssignmentMastery(assignmentId: string, now = new Date()): Promise<void> {
  const assignment = await db.assignment.findUnique({ where: { id: assignmentId }, select: { classroom: { select: { enrollments: { select: { userId: true } } } } } });
  for (const { userId } of assignment?.classroom.enrollments ?? []) await refreshMasteryEvidence(userId, { now, assignmentId });
}

export type ReviewAssignmentView = {
  id: string;
  title: string;
  concepts: Concept[];
  countsFrom: Date;
  progress: MasteryProgress;
};

/**
 * A student's own "review until mastered" assignment with their mastery inside its window, or
 * null when it is not theirs (not in their class, not a review assignment, not open yet).
 */
export async function reviewAssignmentFor(user: CurrentUser, assignmentId: string, now = new Date()): Promise<ReviewAssignmentView | null> {
  const userId = user.id;
  const [row] = await reviewAssignments(userId, now, assignmentId);
  if (!row) return null;
  const concepts = parseConceptSet(row.targetId);
  if (!concepts) return null;
  const title = await db.assignment.findUnique({ where: { id: assignmentId }, select: { title: true } });
  const countsFrom = reviewWindowStart(row);
  return { id: row.id, title: title?.title ?? "", concepts, countsFrom, progress: await masterySince(userId, concepts, countsFrom) };
}

/** Concepts mastered of how many, for each of the student's "review until mastered" assignments given. */
export async function reviewAssignmentProgress(user: CurrentUser, assignmentIds: readonly string[], now = new Date()): Promise<Record<string, { mastered: number; total: number }>> {
  const entries = await Promise.all(
    assignmentIds.map(async (id) => {
      const view = await reviewAssignmentFor(user, id, now);
      return view ? ([id, { mastered: view.progress.concepts.filter((c) => c.level === "mastered").length, total: view.concepts.length }] as const) : null;
    }),
  );
  return Object.fromEntries(entries.filter((entry) => entry !== null));
}
