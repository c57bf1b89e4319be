import "server-only";
import { mergeVisitorChallenges } from "../challenges/completions.server";
import { lessonExists } from "../content/lessons.server";
import { db } from "../db.server";
import { createOrFindAttempt, storeAnswer } from "../quiz/attempts.server";
import { getQuiz } from "../quiz/registry.server";
import { reachMilestone, startLesson } from "./lesson-progress.server";
import { verifyReceipt, type AnswerReceipt, type LessonReceipt } from "./receipts.server";

/** Most receipts one merge accepts (a long anonymous session stays far below it). */
export const MAX_RECEIPTS = 500;

export type MergeSummary = { lessons: number; attempts: number; answers: number; challenges: number; rejected: number };

/**
 * Merges a visitor's signed receipts into the account they just signed up or signed in to.
 * Only receipts this server signed count; everything is keyed (lesson per user, attempt per
 * client key, answer per attempt and question), so merging the same receipts twice, or
 * concurrently, adds nothing the second time. Earlier times from receipts win over later ones.
 * `challenges` are the visitor's verified challenge logs, replayed again here (see
 * mergeVisitorChallenges).
 */
export async function mergeAnonymousProgress(userId: string, tokens: readonly unknown[], challenges: readonly unknown[] = []): Promise<MergeSummary> {
  const summary: MergeSummary = { lessons: 0, attempts: 0, answers: 0, challenges: 0, rejected: 0 };
  const lessons = new Map<string, LessonReceipt[]>();
  const attempts = new Map<string, AnswerReceipt[]>();

  for (const token of new Set(tokens.slice(0, MAX_RECEIPTS))) {
    const receipt = verifyReceipt(token);
    if (!receipt) {
      summary.rejected += 1;
    } else if (receipt.k === "lesson") {
      if (lessonExists(receipt.slug)) lessons.set(receipt.slug, [...(lessons.get(receipt.slug) ?? []), receipt]);
      else summary.rejected += 1;
    } else if (receipt.k === "answer") {
      attempts.set(receipt.clientKey, [...(attempts.get(receipt.clientKey) ?? []), receipt]);
    }
    // Attempt tokens alone carry no answers: nothing to merge.
  }
  summary.rejected += Math.max(0, tokens.length - MAX_RECEIPTS);

  for (const [slug, receipts] of lessons) {
    await mergeLesson(userId, slug, receipts);
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

  const merged = await mergeVisitorChallenges(userId, challenges);
  summary.challenges = merged.recorded;
  summary.rejected += merged.rejected;
  return summary;
}

async function mergeLesson(userId: string, slug: string, receipts: LessonReceipt[]) {
  const startedAt = new Date(Math.min(...receipts.map((r) => r.at)));
  await startLesson(userId, slug);
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
    // The lesson completes now (the quiz may have been passed after the reading).
    if (times.length) await reachMilestone(userId, slug, field, new Date(Math.min(...times)), new Date());
  }
}
