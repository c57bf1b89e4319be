/**
 * What a visitor's browser keeps between visits: the server-signed receipts of their reading and
 * answers (merged into an account at sign-up or sign-in) and the attempt in progress per quiz.
 * Browser-only; every function tolerates storage being unavailable or full.
 */
import type { QuestionGrading } from "@/domain/quiz/schema";
import { LESSON_RECEIPTS_KEY, lessonReceipts, read, write } from "./lesson-receipts";

export { hasLessonReceipt, saveLessonReceipt, type LessonMilestone } from "./lesson-receipts";

const RECEIPTS_KEY = "syn-to-fin:receipts:v1";
const quizKey = (quizId: string) => `syn-to-fin:quiz:${quizId}:v1`;
/** Keeps storage bounded; the server accepts at most this many per merge too. */
const MAX_RECEIPTS = 500;

export type SavedQuizAttempt = {
  clientKey: string;
  mode: "account" | "anonymous";
  /** Anonymous attempts: the signed token carrying the variant's seed. */
  token?: string;
  /** Anonymous attempts: gradings received so far (account attempts reload them from the server). */
  results?: Record<string, QuestionGrading>;
};

export function newClientKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function answerReceipts(): string[] {
  const list = read<unknown>(RECEIPTS_KEY);
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === "string") : [];
}

/** Every receipt waiting to be merged: answers and reading milestones. */
export function pendingReceipts(): string[] {
  const reading = Object.values(lessonReceipts()).flatMap((milestones) => Object.values(milestones).filter((t): t is string => typeof t === "string"));
  return [...answerReceipts(), ...reading];
}

export function addReceipt(receipt: string) {
  const list = answerReceipts();
  if (list.includes(receipt)) return;
  write(RECEIPTS_KEY, [...list, receipt].slice(-MAX_RECEIPTS));
}

/** Forgets receipts that were merged (others, added meanwhile in another tab, stay). */
export function dropReceipts(merged: readonly string[]) {
  const done = new Set(merged);
  write(RECEIPTS_KEY, answerReceipts().filter((receipt) => !done.has(receipt)));
  const reading = Object.fromEntries(
    Object.entries(lessonReceipts()).map(([slug, milestones]) => [
      slug,
      Object.fromEntries(Object.entries(milestones).filter(([, token]) => typeof token === "string" && !done.has(token))),
    ]),
  );
  write(LESSON_RECEIPTS_KEY, Object.fromEntries(Object.entries(reading).filter(([, milestones]) => Object.keys(milestones).length > 0)));
}

export function loadQuizAttempt(quizId: string): SavedQuizAttempt | null {
  const saved = read<SavedQuizAttempt>(quizKey(quizId));
  return saved && typeof saved.clientKey === "string" && /^[A-Za-z0-9_-]{8,64}$/.test(saved.clientKey) ? saved : null;
}

export function saveQuizAttempt(quizId: string, attempt: SavedQuizAttempt) {
  write(quizKey(quizId), attempt);
}
