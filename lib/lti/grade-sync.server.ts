import { queueScoresForUser } from "./score-jobs.server";

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
