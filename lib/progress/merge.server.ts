import "server-only";
import { mergeVisitorChallenges } from "../challenges/completions.server";
import { lessonExists } from "../content/lessons.server";
import { db } from "../db.server";
import { createOrFindAttempt, storeAnswer } from "../quiz/attempts.server";
import { getQuiz } from "../quiz/registry.server";
import type { CurrentUser } from "../auth/session.server";
import { reachMilestone, startLesson } from "./lesson-progress.server";
import { mergeVisitorReviews } from "../review/merge.server";
import { verifyReceipt, type AnswerReceipt, type LessonReceipt, type ReviewReceipt } from "./receipts.server";
import { redeemReceipt } from "./redeem.server";

/** Most receipts one merge accepts (a long anonymous session stays far below it). */
export const MAX_RECEIPTS = 500;

export type MergeSummary = {
  lessons: number;
  attempts: number;
  answers: number;
  challenges: number;
  /** Review answers (signed-out spaced review, lib/review/merge.server.ts). */
  reviews: number;
  /** Forged, malformed, unknown or inconsistent receipts and challenge logs. */
  rejected: number;
  /** Signed receipts earned in another browser (or with no visitor cookie sent). */
  otherBrowser: number;
  /** Signed receipts already merged into an account (this one or another). */
  alreadyUsed: number;
};

/**
 * Merges the receipts a visitor collected in this browser into the account they just signed up
 * or signed in to (ADR 0302, ADR 0402). `visitor` is the binding of the request's visitor cookie:
 * only receipts earned in this browser count, each once (it is spent for this account), so they
 * cannot be handed to a classmate nor merged into two accounts. What is credited is dated as
 * the account proved it: a quiz attempt is handed in now, a lesson or challenge is completed
 * now; the receipts' times say when the work was done (an assignment counts work done after it
 * opened only). `challenges` are the visitor's verified challenge logs, replayed again here.
 */
export async function mergeAnonymousProgress(
  user: CurrentUser,
  visitor: string | null,
  tokens: readonly unknown[],
  challenges: readonly unknown[] = [],
): Promise<MergeSummary> {
  const userId = user.id;
  const summary: MergeSummary = { lessons: 0, attempts: 0, answers: 0, challenges: 0, reviews: 0, rejected: 0, otherBrowser: 0, alreadyUsed: 0 };
  const lessons = new Map<string, LessonReceipt[]>();
  const attempts = new Map<string, AnswerReceipt[]>();
  const reviews: ReviewReceipt[] = [];

  for (const token of new Set(tokens.slice(0, MAX_RECEIPTS))) {
    const receipt = verifyReceipt(token);
    if (!receipt || receipt.k === "attempt" || receipt.k === "challenge" || receipt.k === "review-session") {
      // Attempt and review-session tokens carry no answers; challenge receipts travel with their logs (below).
      if (!receipt) summary.rejected += 1;
      continue;
    }
    if (receipt.k === "lesson" && !lessonExists(receipt.slug)) {
      summary.rejected += 1;
      continue;
    }
    if (receipt.k === "answer" || receipt.k === "review") {
      // Only the first answer a visitor gave gets a receipt; check it is the stored one.
      const stored = await db.visitorQuizAnswer.findUnique({ where: { id: receipt.id }, select: { visitor: true, clientKey: true, questionId: true } });
      const question = receipt.k === "answer" ? receipt.questionId : receipt.key;
      if (!stored || stored.visitor !== receipt.v || stored.clientKey !== receipt.clientKey || stored.questionId !== question) {
        summary.rejected += 1;
        continue;
      }
    }
    const outcome = await redeemReceipt(receipt, visitor, userId);
    if (outcome === "other-browser") summary.otherBrowser += 1;
    else if (outcome === "spent") summary.alreadyUsed += 1;
    else if (receipt.k === "lesson") lessons.set(receipt.slug, [...(lessons.get(receipt.slug) ?? []), receipt]);
    else if (receipt.k === "review") reviews.push(receipt);
    else attempts.set(receipt.clientKey, [...(attempts.get(receipt.clientKey) ?? []), receipt]);
  }
  summary.rejected += Math.max(0, tokens.length - MAX_RECEIPTS);

  for (const [slug, receipts] of lessons) {
    await mergeLesson(user, slug, receipts);
    summary.lessons += 1;
  }

  for (const [clientKey, receipts] of attempts) {
    const first = receipts.reduce((a, b) => (a.at <= b.at ? a : b));
    const quiz = getQuiz(first.quizId);
    const consistent = receipts.filter((r) => r.quizId === first.quizId && r.seed === first.seed);
    summary.rejected += receipts.length - consistent.length;
    if (!quiz) {
      summary.rejected += consistent.length;
      continue;
    }
    const attempt = await createOrFindAttempt(userId, quiz, clientKey, first.seed, new Date(first.at));
    // The key already names another attempt of this user (not from these receipts): leave it alone.
    if (attempt.quizId !== quiz.id || attempt.variantSeed !== first.seed) {
      summary.rejected += consistent.length;
      continue;
    }
    summary.attempts += 1;
    for (const receipt of consistent.sort((a, b) => a.at - b.at)) {
      const stored = await storeAnswer(userId, attempt, quiz, receipt.questionId, receipt.response, new Date(receipt.at));
      if (stored.ok) summary.answers += 1;
      else summary.rejected += 1;
    }
  }

  if (reviews.length) {
    const merged = await mergeVisitorReviews(user, reviews);
    summary.reviews = merged.answers;
    summary.rejected += merged.rejected;
  }

  const merged = await mergeVisitorChallenges(user, visitor, challenges);
  summary.challenges = merged.recorded;
  summary.rejected += merged.rejected;
  return summary;
}

async function mergeLesson(user: CurrentUser, slug: string, receipts: LessonReceipt[]) {
  const userId = user.id;
  const startedAt = new Date(Math.min(...receipts.map((r) => r.at)));
  await startLesson(user, slug);
  await db.lessonProgress.updateMany({ where: { userId, lessonSlug: slug, startedAt: { gt: startedAt } }, data: { startedAt } });
  const position = receipts.filter((r) => r.milestone === "position" && r.position).sort((a, b) => b.at - a.at)[0];
  if (position?.position) {
    await db.lessonProgress.updateMany({ where: { userId, lessonSlug: slug, lastPosition: null }, data: { lastPosition: position.position } });
  }
  for (const [milestone, field] of [
    ["read", "readToEndAt"],
    ["done", "markedDoneAt"],
  ] as const) {
    const times = receipts.filter((r) => r.milestone === milestone).map((r) => r.at);
    // The reading happened then; the account proves it, and the lesson completes, now.
    if (times.length) await reachMilestone(userId, slug, field, new Date(Math.min(...times)), new Date(), true);
  }
}
