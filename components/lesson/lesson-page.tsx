import type { Metadata } from "next";
import { IntentLink } from "../ui/intent-link";
import { notFound } from "next/navigation";
import { getLesson, lessonExists, lessonSlugs, neighbours, type Lesson } from "@/lib/content/lessons.server";
import { mapAnchors } from "@/lib/i18n/anchors";
import { dictionary } from "@/lib/i18n/dictionary";
import { accountPagePath, courseIndexPath, lessonPath, localePath, otherLocale } from "@/lib/i18n/paths";
import { ANCHOR_MAP_ELEMENT_ID, LanguageSwitch } from "../layout/language-switch";
import { Attribution } from "./attribution";
import { KeepSectionInView } from "./keep-section-in-view";
import { LessonBody } from "./lesson-body";
import { LessonNav } from "./lesson-nav";
import { LessonCompletion } from "./lesson-completion";
import { LessonProgressProvider, ResumeBanner, type ProgressHeading } from "./lesson-progress";
import { TableOfContents } from "./table-of-contents";
import { DiagnosticBox } from "../learning/diagnostic-box";
import { LessonDiagnosticEnd } from "./lazy-diagnostic";
import { lessonDiagnostic } from "@/lib/learning/lesson-diagnostic.server";
import { lessonDiagnosticWords } from "@/lib/i18n/words/lesson-diagnostic";
import { UntranslatedLesson } from "./untranslated-lesson";
import { LOCALES, LOCALE_LANG, type Locale } from "@/domain/locale";

/** Every English lesson has a page in every language; an untranslated one says so and links back. */
export function lessonStaticParams() {
  return lessonSlugs().map((slug) => ({ slug }));
}

/** `hreflang` alternates: the lesson in each language it exists in, English as the default. */
function alternates(slug: string, locale: Locale): Metadata["alternates"] {
  const languages = Object.fromEntries(
    LOCALES.filter((l) => lessonExists(slug, l)).map((l) => [LOCALE_LANG[l], lessonPath(l, slug)]),
  );
  return { canonical: lessonPath(locale, slug), languages: { ...languages, "x-default": lessonPath("en", slug) } };
}

export async function lessonMetadata(slug: string, locale: Locale): Promise<Metadata> {
  const lesson = (await getLesson(slug, locale)) ?? (locale === "en" ? null : await getLesson(slug, "en"));
  if (!lesson) return {};
  return {
    title: lesson.frontmatter.title,
    description: lesson.frontmatter.summary,
    alternates: alternates(slug, lesson.locale),
    ...(lesson.locale === locale ? {} : { robots: { index: false } }),
  };
}

/** Progress headings: this page's h2 ids, keyed by the English lesson's ids. */
export function progressHeadings(lesson: Lesson, english: Lesson): ProgressHeading[] {
  const toEnglish = mapAnchors(lesson.toc, english.toc);
  return lesson.toc
    .filter((entry) => entry.depth === 2)
    .map(({ id, title }) => ({ id, title, key: toEnglish[id] ?? id }));
}

/** Frontmatter text with `backticks` shown as code, as in the lesson body. */
function InlineCode({ text }: { text: string }) {
  return text.split(/(`[^`]+`)/).map((part, index) =>
    part.startsWith("`") && part.endsWith("`") && part.length > 2 ? (
      <code key={index} className="rounded bg-bg-sunken px-1 font-mono text-[0.9em]">
        {part.slice(1, -1)}
      </code>
    ) : (
      part
    ),
  );
}

/** A lesson's objectives, in a box before its text (on the lesson page and in an LMS). */
export function LessonObjectives({ objectives, locale, className }: { objectives: readonly string[]; locale: Locale; className: string }) {
  return (
    <section aria-labelledby="objectives-title" className={`rounded-xl border border-border bg-bg-elevated ${className}`}>
      <h2 id="objectives-title" className="mb-2 font-semibold">
        {dictionary(locale).lesson.objectives}
      </h2>
      <ul className="list-disc space-y-1 pl-5">
        {objectives.map((objective) => (
          <li key={objective}>
            <InlineCode text={objective} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The lesson's diagnostic: the invitation at the start is the same for everyone, so the server
 * renders it and it costs no code; the box at the end fills in a signed-in learner's results,
 * its code loaded as the reader approaches it.
 */
function Diagnostic({ slug, locale, questions, at }: { slug: string; locale: Locale; questions: number; at: "start" | "end" }) {
  const words = lessonDiagnosticWords(locale);
  const href = localePath(locale, `/diagnostic/${slug}`);
  if (at === "start") return <DiagnosticBox at="start" heading={words.heading} text={words.pre(questions)} href={href} open={words.open} />;
  const box = <DiagnosticBox at="end" heading={words.heading} text={words.post} href={href} open={words.open} />;
  return <LessonDiagnosticEnd slug={slug} locale={locale} placeholder={box} loadFailed={box} />;
}

/** One lesson page, shared by /course/<slug> and /zh/course/<slug>. */
export async function LessonPage({ slug, locale }: { slug: string; locale: Locale }) {
  const lesson = await getLesson(slug, locale);
  if (!lesson) {
    const english = locale === "en" ? null : await getLesson(slug, "en");
    if (!english) notFound();
    return <UntranslatedLesson lesson={english} locale={locale} />;
  }
  const english = locale === "en" ? lesson : await getLesson(slug, "en");
  if (!english) notFound();
  const other = otherLocale(locale);
  const otherLesson = await getLesson(slug, other);
  const anchorMap = otherLesson ? mapAnchors(lesson.toc, otherLesson.toc) : {};
  const words = dictionary(locale).lesson;
  const { frontmatter, toc, code } = lesson;
  const { previous, next } = neighbours(slug, locale);
  const href = lessonPath(locale, slug);
  const diagnostic = lessonDiagnostic(slug);

  return (
    <LessonProgressProvider slug={slug} headings={progressHeadings(lesson, english)} locale={locale}>
      <div id={ANCHOR_MAP_ELEMENT_ID} hidden data-map={JSON.stringify(anchorMap)} />
      <KeepSectionInView />
      <div className="mx-auto grid max-w-6xl gap-10 px-4 py-10 lg:grid-cols-[minmax(0,1fr)_15rem]">
        <article className="min-w-0 max-w-3xl">
          <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
            <nav aria-label={words.breadcrumb} className="text-sm text-fg-muted">
              <IntentLink href={courseIndexPath(locale)} className="hover:text-fg">
                {words.course}
              </IntentLink>{" "}
              / {words.lesson(frontmatter.order)}
            </nav>
            <LanguageSwitch variant="lesson" locale={locale} />
          </div>
          <header className="mb-8">
            <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">{frontmatter.title}</h1>
            <p className="mt-3 text-lg text-fg-muted">{frontmatter.summary}</p>
            <p className="mt-3 text-sm text-fg-muted">{words.aboutMinutes(frontmatter.minutes)}</p>
          </header>
          <ResumeBanner />
          {diagnostic ? <Diagnostic slug={slug} locale={locale} questions={diagnostic.questions.length} at="start" /> : null}
          <LessonObjectives objectives={frontmatter.objectives} locale={locale} className="mb-10 p-5" />
          <div className="prose">
            <LessonBody code={code} locale={locale} />
          </div>
          <div id="lesson-end" className="mt-12 space-y-6 border-t border-border pt-8">
            <LessonCompletion signInHref={accountPagePath(locale, "/signin", href)} locale={locale} />
            {diagnostic ? <Diagnostic slug={slug} locale={locale} questions={diagnostic.questions.length} at="end" /> : null}
            <Attribution locale={locale} />
            <LessonNav previous={previous} next={next} hrefFor={(s) => lessonPath(locale, s)} locale={locale} />
          </div>
        </article>
        <aside className="hidden lg:block">
          <div className="sticky top-20">
            <TableOfContents entries={toc} title={words.onThisPage} />
          </div>
        </aside>
      </div>
    </LessonProgressProvider>
  );
}

