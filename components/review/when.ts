import type { Locale } from "@/lib/i18n/paths";
import { LOCALE_LANG } from "@/domain/locale";
import type { ReviewWords } from "@/lib/i18n/words/review";

const DAY = 86_400_000;

/** Midnight of a date in the reader's own time zone (the browser's). */
function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** "now", "later today", "tomorrow", "in 5 days (Tue, Mar 9)": when a review is due, in calendar days. */
export function formatWhen(iso: string, words: ReviewWords["review"]["when"], locale: Locale, now = new Date()): string {
  const due = new Date(iso);
  if (due.getTime() <= now.getTime()) return words.now;
  const days = Math.round((startOfDay(due) - startOfDay(now)) / DAY);
  if (days <= 0) return words.today;
  if (days === 1) return words.tomorrow;
  const date = new Intl.DateTimeFormat(LOCALE_LANG[locale], { weekday: "short", month: "short", day: "numeric" }).format(due);
  return words.inDays(days, date);
}
