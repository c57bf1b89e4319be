import type { Locale } from "@/domain/locale";
import type { ActionResult } from "./action-result";

/**
 * The learner's high-frequency calls (ADR 1490): starting a quiz attempt, grading an answer,
 * saving the reading position. Each is the same function as its Server Action, reached through
 * one route handler (app/api/calls/[name]) instead of Next.js's Server Action transport.
 */
export const hotCallNames = ["quiz-start", "quiz-answer", "reading-position"] as const;
export type HotCallName = (typeof hotCallNames)[number];

/** Where a hot call is sent; `locale` is the language of the route's own refusals (cross-site, unreadable body). */
export const hotCallPath = (name: HotCallName, locale: Locale) => `/api/calls/${name}?locale=${locale}`;

/**
 * Sends a hot call's arguments as its Server Action would take them and answers its
 * `ActionResult`. Like a Server Action that could not be reached, it throws when no answer came
 * back (offline, a server that did not answer JSON), so the caller keeps what was typed.
 */
export async function hotCall<T extends ActionResult>(name: HotCallName, locale: Locale, ...args: unknown[]): Promise<T> {
  const response = await fetch(hotCallPath(name, locale), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(args),
    cache: "no-store",
  });
  const answer: unknown = await response.json();
  if (typeof answer !== "object" || answer === null || typeof (answer as { ok?: unknown }).ok !== "boolean") throw new Error(`${name} answered HTTP ${response.status} without a result`);
  return answer as T;
}
