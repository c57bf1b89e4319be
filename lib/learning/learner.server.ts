import "server-only";
import type { CurrentUser } from "../auth/session.server";
import { listLessons } from "../content/lessons.server";
import { db } from "../db.server";
import { lessonPath, localePath } from "../i18n/paths";
import { lessonDiagnostic } from "./lesson-diagnostic.server";
import type { Locale } from "@/domain/locale";

export type LessonGainRow = {
  slug: string;
  title: string;
  /** The lesson's diagnostic page. */
  href: string;
  lessonHref: string;
  /** Shares right (0..1) in the finished phases; null where a phase is not finished. */
  before: number | null;
  after: number | null;
};

/** A learner's own diagnostics, lesson by lesson (only lessons with a finished phase). */
export async function learnerGains(user: CurrentUser, locale: Locale = "en"): Promise<LessonGainRow[]> {
  const attempts = await db.diagnosticAttempt.findMany({
    where: { userId: user.id, submittedAt: { not: null } },
    select: { lessonSlug: true, phase: true, score: true, maxScore: true },
  });
  return listLessons(locale).flatMap((lesson) => {
    if (!lessonDiagnostic(lesson.slug)) return [];
    const of = (phase: "PRE" | "POST") => {
      const attempt = attempts.find((a) => a.lessonSlug === lesson.slug && a.phase === phase);
      return attempt && attempt.maxScore > 0 ? attempt.score / attempt.maxScore : null;
    };
    const before = of("PRE");
    const after = of("POST");
    if (before === null && after === null) return [];
    return [{ slug: lesson.slug, title: lesson.title, href: localePath(locale, `/diagnostic/${lesson.slug}`), before, after, lessonHref: lessonPath(locale, lesson.slug) }];
  });
}
