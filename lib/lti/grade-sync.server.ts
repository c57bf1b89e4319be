import "server-only";
import type { GradeChange } from "@/domain/gradebook/grade-change";
import { db } from "../db.server";
import { queueScoresForLink, queueScoresForUser } from "./score-jobs.server";

/**
 * The one hook other features call after writing evidence a grade is computed from (a quiz
 * answer, a verified challenge, a completed lesson): queues the learner's changed LMS scores.
 * It never fails the write it follows; a score it could not queue is queued again on the
 * learner's next launch or evidence write, or by the instructor's "send again".
 */
export async function afterEvidenceWrite(userId: string): Promise<void> {
  try {
    await queueScoresForUser(userId);
  } catch (error) {
    console.error("LTI scores could not be queued after a change of work", error);
  }
}

/**
 * Grade changes that are not new work (lib/gradebook/grade-changes.server.ts): an excuse or an
 * extension changes one learner's score, edited rules change everyone's on that assignment. New
 * work is queued by `afterEvidenceWrite` from the request that stored it (once per request, not
 * once per merged answer).
 */
export async function afterGradeChange(change: GradeChange): Promise<void> {
  if (change.kind === "work") return;
  if (change.kind === "standing") return afterEvidenceWrite(change.userId);
  try {
    const links = await db.ltiResourceLink.findMany({ where: { assignmentId: change.assignmentId }, select: { id: true } });
    for (const link of links) await queueScoresForLink(link.id);
  } catch (error) {
    console.error("LTI scores could not be queued after an assignment changed", error);
  }
}
