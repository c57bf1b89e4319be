import "server-only";
import type { Concept } from "@/domain/quiz/schema";
import { questionKey } from "@/domain/review/items";
import { refreshMasteryEvidence } from "./mastery-evidence.server";
import { recordAnswerForReview } from "./queue.server";

/**
 * What other parts of the course call when a learner's answer is stored, so the review queue
 * follows every answer (ADR 1000): quiz answers (lib/quiz/attempts.server.ts, merges included)
 * and simulator predictions (lib/practice/predictions.server.ts).
 */

/**
 * A quiz answer was stored (`at`: when it was given; `signedOut`: it came from a merged receipt).
 * The queue moves, and "review until mastered" assignments may be complete now.
 */
export async function afterQuizAnswer(
  userId: string,
  answer: { answerId: string; quizId: string; questionId: string; concept: Concept; correct: boolean; at: Date; signedOut?: boolean },
): Promise<void> {
  await recordAnswerForReview(userId, {
    id: answer.answerId,
    source: "quiz",
    key: questionKey(answer.quizId, answer.questionId),
    concept: answer.concept,
    correct: answer.correct,
    at: answer.at,
  });
  await refreshMasteryEvidence(userId, { signedOut: Boolean(answer.signedOut) });
}

/** A simulator prediction was stored: a missed one queues its kind of question on its concept. */
export async function afterPrediction(userId: string, prediction: { answerId: string; concept: Concept; correct: boolean; at: Date }): Promise<void> {
  await recordAnswerForReview(userId, {
    id: prediction.answerId,
    source: "prediction",
    key: `p:${prediction.concept}`,
    concept: prediction.concept,
    correct: prediction.correct,
    at: prediction.at,
  });
  await refreshMasteryEvidence(userId);
}
