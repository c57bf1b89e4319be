import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session.server";
import { getLesson, lessonExists } from "@/lib/content/lessons.server";
import { dictionary } from "@/lib/i18n/dictionary";
import { accountPagePath, lessonPath, localePath, pageAlternates } from "@/lib/i18n/paths";
import { reviewWords } from "@/lib/i18n/words/review";
import { diagnosticStatus, lessonDiagnostic } from "@/lib/learning/diagnostics.server";
import { statusView } from "@/lib/learning/views";
import { Card } from "../ui/card";
import { DiagnosticRunner } from "./diagnostic-runner";
import type { Locale } from "@/domain/locale";

async function lessonTitle(slug: string, locale: Locale): Promise<string | null> {
  const lesson = (await getLesson(slug, locale)) ?? (await getLesson(slug, "en"));
  return lesson?.frontmatter.title ?? null;
}

export async function diagnosticMetadata(slug: string, locale: Locale): Promise<Metadata> {
  const title = lessonExists(slug) ? await lessonTitle(slug, locale) : null;
  if (!title) return {};
  const words = reviewWords(locale).diagnostic;
  return { title: words.title(title), description: words.metaDescription, alternates: pageAlternates(`/diagnostic/${slug}`, locale), robots: { index: false } };
}

/** /diagnostic/<lesson> and /zh/diagnostic/<lesson>: a lesson's check before and after it. */
export async function DiagnosticPage({ slug, locale }: { slug: string; locale: Locale }) {
  if (!lessonExists(slug) || !lessonDiagnostic(slug)) notFound();
  const words = reviewWords(locale).diagnostic;
  const title = (await lessonTitle(slug, locale)) ?? slug;
  const questions = lessonDiagnostic(slug)!.questions.length;
  const user = await getCurrentUser();
  const status = user ? await diagnosticStatus(user, slug) : null;
  const href = lessonPath(locale, slug);
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <nav aria-label={dictionary(locale).lesson.breadcrumb} className="text-sm text-fg-muted">
        <Link href={href} className="hover:text-fg">
          {title}
        </Link>
      </nav>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">{words.title(title)}</h1>
      <p className="mt-3 text-fg-muted">{words.intro(questions)}</p>
      <div className="mt-8">
        {status ? (
          <DiagnosticRunner slug={slug} locale={locale} lessonHref={href} initial={statusView(status)} />
        ) : (
          <Card>
            <p>
              <Link href={accountPagePath(locale, "/signin", localePath(locale, `/diagnostic/${slug}`))} className="font-medium text-accent underline underline-offset-2">
                {words.signIn.before}
              </Link>
              {words.signIn.after}
            </p>
          </Card>
        )}
      </div>
    </div>
  );
}
