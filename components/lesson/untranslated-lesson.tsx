import type { Lesson } from "@/lib/content/lessons.server";
import { lessonPath } from "@/lib/i18n/paths";
import { untranslatedLessonWords } from "@/lib/i18n/words/lesson-reading";
import { buttonClass } from "../ui/button-class";
import { IntentLink } from "../ui/intent-link";
import { Attribution } from "./attribution";
import type { Locale } from "@/domain/locale";

/** Stands in for a lesson not yet translated, so a language switch never leads nowhere. */
export function UntranslatedLesson({ lesson, locale }: { lesson: Lesson; locale: Locale }) {
  if (locale === "en") return null;
  const words = untranslatedLessonWords(locale);
  return (
    <div className="mx-auto max-w-3xl px-4 py-16">
      <h1 className="text-3xl font-semibold tracking-tight" lang="en">
        {lesson.frontmatter.title}
      </h1>
      <p className="mt-4 text-lg text-fg-muted">{words.notice}</p>
      <IntentLink href={lessonPath("en", lesson.slug)} hrefLang="en" className={buttonClass("primary", "md", "mt-6")}>
        {words.read}
      </IntentLink>
      <div className="mt-10">
        <Attribution locale={locale} />
      </div>
    </div>
  );
}
