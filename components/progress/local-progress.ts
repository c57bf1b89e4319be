/**
 * What a visitor's browser keeps between visits: the server-signed receipts of their reading and
 * answers (merged into an account at sign-up or sign-in) and the attempt in progress per quiz.
 * Browser-only; every function tolerates storage being unavailable or full.
 */
import type { QuestionGrading } from "@/domain/quiz/schema";

const RECEIPTS_KEY = "syn-to-fin:receipts:v1";
/** Reading receipts, one per lesson and milestone (a newer position replaces the older one). */
const LESSON_RECEIPTS_KEY = "syn-to-fin:lesson-receipts:v1";
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

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

function read<T>(key: string): T | null {
  try {
    const raw = storage()?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown) {
  try {
    storage()?.setItem(key, JSON.stringify(value));
  } catch {
    // Full or disabled storage: progress simply is not kept in this browser.
  }
}

export function newClientKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export type LessonMilestone = "started" | "position" | "read" | "done";
type LessonReceipts = Record<string, Partial<Record<LessonMilestone, string>>>;

function lessonReceipts(): LessonReceipts {
  const stored = read<LessonReceipts>(LESSON_RECEIPTS_KEY);
  return stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
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

export function hasLessonReceipt(slug: string, milestone: LessonMilestone): boolean {
  return Boolean(lessonReceipts()[slug]?.[milestone]);
}

export function saveLessonReceipt(slug: string, milestone: LessonMilestone, receipt: string) {
  const all = lessonReceipts();
  write(LESSON_RECEIPTS_KEY, { ...all, [slug]: { ...all[slug], [milestone]: receipt } });
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
