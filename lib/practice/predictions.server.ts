import "server-only";
import type { PredictionGrade } from "@/domain/simulator/predict";
import type { CurrentUser } from "../auth/session.server";
import { db } from "../db.server";
import { isUniqueViolation } from "../db/unique-retry";
import { afterPrediction } from "../review/hooks.server";

/**
 * "Predict, then run" answers are practice: they are stored as answers of one practice attempt
 * per learner, so the dashboard's mastery (computed from every answer, ADR 0303) counts them,
 * while quiz scores, completion and gradebooks, which all name their quizzes, never see them
 * (ADR 0113). The attempt is never submitted and has no maximum score.
 */
export const PRACTICE_QUIZ_ID = "practice:predictions";

async function practiceAttemptId(userId: string): Promise<string> {
  try {
    const created = await db.quizAttempt.create({
      data: { userId, quizId: PRACTICE_QUIZ_ID, clientKey: PRACTICE_QUIZ_ID, variantSeed: 0, maxScore: 0 },
      select: { id: true },
    });
    return created.id;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const found = await db.quizAttempt.findUniqueOrThrow({ where: { userId_clientKey: { userId, clientKey: PRACTICE_QUIZ_ID } }, select: { id: true } });
    return found.id;
  }
}

export type RecordedPrediction = { stored: "new" | "existing"; correct: boolean };

/**
 * Stores a graded prediction once per question (its key names the run and the step, or the lab
 * and its settings): answering the same question again returns the first answer's verdict, so
 * repeating a question one has just seen the answer to does not raise mastery.
 */
export async function recordPrediction(user: CurrentUser, grade: Extract<PredictionGrade, { ok: true }>): Promise<RecordedPrediction> {
  const userId = user.id;
  const attemptId = await practiceAttemptId(userId);
  let answer: { id: string; answeredAt: Date };
  try {
    answer = await db.quizAnswer.create({
      data: {
        attemptId,
        questionId: grade.key,
        concept: grade.concept,
        response: JSON.stringify({ answer: grade.answer }),
        correct: grade.correct,
        points: grade.correct ? 1 : 0,
      },
      select: { id: true, answeredAt: true },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const first = await db.quizAnswer.findUniqueOrThrow({
      where: { attemptId_questionId: { attemptId, questionId: grade.key } },
      select: { correct: true },
    });
    return { stored: "existing", correct: first.correct };
  }
  // A missed prediction comes back in the learner's review as a question of the same kind.
  await afterPrediction(userId, { answerId: answer.id, concept: grade.concept, correct: grade.correct, at: answer.answeredAt });
  return { stored: "new", correct: grade.correct };
}
