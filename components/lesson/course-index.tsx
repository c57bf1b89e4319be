import Link from "next/link";
import { listLessons } from "@/lib/content/lessons.server";
import { dictionary } from "@/lib/i18n/dictionary";
import { lessonPath } from "@/lib/i18n/paths";
import type { Locale } from "@/domain/locale";

/** The list of lessons, shared by /course and /zh/course. */
export function CourseIndex({ locale }: { locale: Locale }) {
  const lessons = listLessons(locale);
  const words = dictionary(locale).course;
  const totalMinutes = lessons.reduce((sum, lesson) => sum + lesson.minutes, 0);
  return (
    <div className="mx-auto max-w-3xl px-4 py-12">
      <h1 className="text-3xl font-semibold tracking-tight">{words.title}</h1>
      <p className="mt-3 text-lg text-fg-muted">{words.intro(lessons.length, totalMinutes)}</p>
      <ol className="mt-10 space-y-4">
        {lessons.map((lesson) => (
          <li key={lesson.slug}>
            <Link
              href={lessonPath(locale, lesson.slug)}
              className="group flex gap-4 rounded-xl border border-border bg-bg-elevated p-5 transition-colors hover:border-accent/60"
            >
              <span
                aria-hidden="true"
                className="flex h-9 w-9 shrink-0 items-center justify-center rounded-full bg-accent-soft font-mono text-sm font-semibold text-accent"
              >
                {lesson.order}
              </span>
              <span className="min-w-0">
                <span className="block text-lg font-semibold group-hover:text-accent">
                  <span className="sr-only">{words.lessonLabel(lesson.order)}: </span>
                  {lesson.title}
                </span>
                <span className="mt-1 block text-fg-muted">{lesson.summary}</span>
                <span className="mt-2 block text-sm text-fg-muted">{words.minutes(lesson.minutes)}</span>
              </span>
            </Link>
          </li>
        ))}
      </ol>
    </div>
  );
}
