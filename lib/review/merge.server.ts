import "server-only";
import type { ReviewReceipt } from "../progress/receipts.server";
import type { CurrentUser } from "../auth/session.server";
import { db } from "../db.server";
import { isUniqueViolation } from "../db/unique-retry";
import { refreshMasteryEvidence } from "./mastery-evidence.server";
import { findQuestion } from "./pool.server";
import { gradeItem, parseStoredItems, REVIEW_QUIZ_ID, storeReviewAnswer, type StoredItem } from "./sessions.server";

/**
 * Merges a visitor's review answers into the account now signed in (ADR 1003). The receipts have
 * passed the checks of ADR 0402 already (signed, stored, earned in this browser, spent once for
 * this account: lib/progress/merge.server.ts). Each session becomes the account's session under
 * the same client key and seed; each answer is graded again (the receipt's own verdict is not
 * trusted), stored with the time it was given and moves the account's queue, which replays a card
 * when the answer is older than its last review. What the answers complete ("review until
 * mastered") is handed in now, at the merge, never earlier.
 */
export async function mergeVisitorReviews(user: CurrentUser, receipts: readonly ReviewReceipt[], now = new Date()): Promise<{ answers: number; rejected: number }> {
  const userId = user.id;
  let answers = 0;
  let rejected = 0;
  const sessions = new Map<string, ReviewReceipt[]>();
  for (const receipt of receipts) sessions.set(receipt.clientKey, [...(sessions.get(receipt.clientKey) ?? []), receipt]);

  for (const [clientKey, group] of sessions) {
    const ordered = [...group].sort((a, b) => a.at - b.at);
    const seed = ordered[0]!.seed;
    const items: StoredItem[] = [];
    for (const receipt of ordered) {
      const found = findQuestion(receipt.quizId, receipt.questionId);
      if (receipt.seed !== seed || !found || items.some((i) => i.key === receipt.key)) {
        rejected += 1;
        continue;
      }
      items.push({ key: receipt.key, quizId: receipt.quizId, questionId: receipt.questionId, concept: found.question.concept, reason: "due" });
    }
    if (!items.length) continue;

    let session = await db.reviewSession.findUnique({ where: { userId_clientKey: { userId, clientKey } }, select: { id: true, attemptId: true, seed: true, items: true } });
    if (!session) {
      let attempt: { id: string; quizId: string; variantSeed: number };
      try {
        attempt = await db.quizAttempt.create({
          data: { userId, quizId: REVIEW_QUIZ_ID, clientKey, variantSeed: seed, maxScore: items.length, startedAt: new Date(ordered[0]!.at) },
          select: { id: true, quizId: true, variantSeed: true },
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        attempt = await db.quizAttempt.findUniqueOrThrow({ where: { userId_clientKey: { userId, clientKey } }, select: { id: true, quizId: true, variantSeed: true } });
      }
      // The key already names something else of this account: leave it alone.
      if (attempt.quizId !== REVIEW_QUIZ_ID || attempt.variantSeed !== seed) {
        rejected += items.length;
        continue;
      }
      try {
        session = await db.reviewSession.create({
          data: { userId, clientKey, attemptId: attempt.id, seed, items: JSON.stringify(items), startedAt: new Date(ordered[0]!.at), finishedAt: now },
          select: { id: true, attemptId: true, seed: true, items: true },
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        session = await db.reviewSession.findUniqueOrThrow({ where: { userId_clientKey: { userId, clientKey } }, select: { id: true, attemptId: true, seed: true, items: true } });
      }
    }
    if (session.seed !== seed) {
      rejected += items.length;
      continue;
    }
    const known = parseStoredItems(session.items);
    const missing = items.filter((item) => !known.some((k) => k.key === item.key));
    if (missing.length) await db.reviewSession.update({ where: { id: session.id }, data: { items: JSON.stringify([...known, ...missing]) } });

    for (const receipt of ordered) {
      const item = items.find((i) => i.key === receipt.key && i.quizId === receipt.quizId && i.questionId === receipt.questionId);
      const grading = item ? gradeItem(item, seed, receipt.response, "en") : null;
      if (!item || !grading) continue;
      const at = new Date(receipt.at);
      try {
        await storeReviewAnswer(userId, session.attemptId, item, { response: receipt.response, grading, unsure: receipt.unsure, at });
        answers += 1;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
  }
  if (answers) await refreshMasteryEvidence(userId, { now, signedOut: true });
  return { answers, rejected };
}
