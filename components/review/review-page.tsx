import type { Metadata } from "next";
import { listLessons } from "@/lib/content/lessons.server";
import { pageAlternates } from "@/lib/i18n/paths";
import { reviewWords } from "@/lib/i18n/words/review";
import { ReviewSession } from "./review-session";
import type { Locale } from "@/domain/locale";

export function reviewMetadata(locale: Locale): Metadata {
  const words = reviewWords(locale).review;
  return { title: words.title, description: words.metaDescription, alternates: pageAlternates("/review", locale) };
}

/** /review and /zh/review: the learner's (or this browser's) spaced review. */
export async function ReviewPage({ locale, assignmentId }: { locale: Locale; assignmentId?: string | null }) {
  const words = reviewWords(locale).review;
  const lessonTitles = Object.fromEntries(listLessons(locale).map((lesson) => [lesson.slug, lesson.title]));
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="text-3xl font-semibold tracking-tight">{words.title}</h1>
      <p className="mt-3 text-fg-muted">{words.intro}</p>
      <div className="mt-8">
        <ReviewSession key={assignmentId ?? "all"} locale={locale} lessonTitles={lessonTitles} assignmentId={assignmentId ?? null} />
      </div>
    </div>
  );
}
