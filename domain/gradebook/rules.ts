/**
 * The limits an assignment's settings must respect, checked on the server when an instructor
 * saves them (lib/assignments/input.ts words the messages). Pure, with `now` as an argument.
 */

/** Dates further than this from today are a typo (year 9999, 2062 for 2026), not a plan. */
export const DATE_WINDOW_YEARS = 5;
export const MAX_POINTS = 1000;

/** The first and last instants an opening, due or extension date may name. */
export function dateWindow(now: Date): { earliest: Date; latest: Date } {
  const shift = (years: number) => {
    const d = new Date(now.getTime());
    d.setUTCFullYear(d.getUTCFullYear() + years);
    return d;
  };
  return { earliest: shift(-DATE_WINDOW_YEARS), latest: shift(DATE_WINDOW_YEARS) };
}

export function isWithinDateWindow(date: Date, now: Date): boolean {
  const { earliest, latest } = dateWindow(now);
  return date.getTime() >= earliest.getTime() && date.getTime() <= latest.getTime();
}

/** An extension gives more time: its date must be later than the assignment's due date. */
export function isValidExtension(dueAt: Date, extensionDueAt: Date): boolean {
  return extensionDueAt.getTime() > dueAt.getTime();
}

/** Graded assignments are worth 1 to MAX_POINTS points; only ungraded practice is worth 0. */
export function pointsProblem(points: number, ungraded: boolean): "too-few" | "too-many" | "not-whole" | null {
  if (ungraded) return null;
  if (!Number.isInteger(points)) return "not-whole";
  if (points < 1) return "too-few";
  if (points > MAX_POINTS) return "too-many";
  return null;
}
