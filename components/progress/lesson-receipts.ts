/**
 * A visitor's reading receipts in this browser (ADR 0302), apart from the rest of
 * local-progress.ts: a lesson page loads only these, the quiz's saved attempts and the merge come
 * with the parts that use them. Browser-only; every function tolerates storage being unavailable
 * or full.
 */

/** Reading receipts, one per lesson and milestone (a newer position replaces the older one). */
export const LESSON_RECEIPTS_KEY = "syn-to-fin:lesson-receipts:v1";

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

export function read<T>(key: string): T | null {
  try {
    const raw = storage()?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function write(key: string, value: unknown) {
  try {
    storage()?.setItem(key, JSON.stringify(value));
  } catch {
    // Full or disabled storage: progress simply is not kept in this browser.
  }
}

export type LessonMilestone = "started" | "position" | "read" | "done";
type LessonReceipts = Record<string, Partial<Record<LessonMilestone, string>>>;

export function lessonReceipts(): LessonReceipts {
  const stored = read<LessonReceipts>(LESSON_RECEIPTS_KEY);
  return stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
}

export function hasLessonReceipt(slug: string, milestone: LessonMilestone): boolean {
  return Boolean(lessonReceipts()[slug]?.[milestone]);
}

export function saveLessonReceipt(slug: string, milestone: LessonMilestone, receipt: string) {
  const all = lessonReceipts();
  write(LESSON_RECEIPTS_KEY, { ...all, [slug]: { ...all[slug], [milestone]: receipt } });
}
