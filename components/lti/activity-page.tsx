import { notFound } from "next/navigation";
import { getCaptureChallengeInfo } from "@/domain/capture-challenges/catalog";
import { challengeText, getChallenge } from "@/domain/challenges";
import { accountCaptureValues } from "@/lib/capture-challenges/values.server";
import { getCurrentUser } from "@/lib/auth/session.server";
import { findCatalogItem } from "@/lib/catalog.server";
import { getLesson } from "@/lib/content/lessons.server";
import { lessonPath, localePath } from "@/lib/i18n/paths";
import type { LtiTargetType } from "@/lib/lti/paths";
import { ltiLinkView } from "@/lib/lti/views.server";
import { getQuiz } from "@/lib/quiz/registry.server";
import { LessonObjectives, progressHeadings } from "../lesson/lesson-page";
import { LessonBody } from "../lesson/lesson-body";
import { LessonCompletion } from "../lesson/lesson-completion";
import { LessonProgressProvider } from "../lesson/lesson-progress";
import { CaptureWorkspace } from "../capture-challenges/capture-workspace";
import { SimulatorChallenge } from "../lesson/on-demand-parts";
import { Quiz } from "../quiz/quiz";
import { AssignmentPanel } from "./assignment-panel";
import { NotSignedIn } from "./lti-frame";
import { LinkSyncTable } from "./sync-table";
import type { Locale } from "@/domain/locale";

type Props = { locale: Locale; type: LtiTargetType; id: string; linkId?: string | null };

/** The site page an activity also has outside the LMS (for the "read it on the site" link). */
function publicHref(locale: Locale, type: LtiTargetType, id: string): string {
  const item = findCatalogItem(type, id);
  return item ? localePath(locale, item.href) : localePath(locale, "/course");
}

/**
 * A lesson, quiz or challenge opened from an LMS: the activity itself, with the assignment it
 * counts for and (for instructors) every student's grade sync on it.
 */
export async function LtiActivityPage({ locale, type, id, linkId }: Props) {
  const item = findCatalogItem(type, id);
  if (!item) notFound();
  const user = await getCurrentUser();
  if (!user) return <NotSignedIn locale={locale} publicHref={publicHref(locale, type, id)} />;
  const view = await ltiLinkView(user, linkId);
  const panels = view ? (
    <>
      <AssignmentPanel view={view} locale={locale} />
      {view.role === "teach" ? <LinkSyncTable students={view.students} platformName={view.platformName} classId={view.classId} locale={locale} /> : null}
    </>
  ) : null;

  if (type === "LESSON") {
    const lesson = await getLesson(id, locale);
    const english = locale === "en" ? lesson : await getLesson(id, "en");
    if (!lesson || !english) notFound();
    return (
      <LessonProgressProvider slug={id} headings={progressHeadings(lesson, english)} locale={locale}>
        <article className="min-w-0">
          <header className="mb-6">
            <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{lesson.frontmatter.title}</h1>
            <p className="mt-2 text-fg-muted">{lesson.frontmatter.summary}</p>
          </header>
          {panels}
          <LessonObjectives objectives={lesson.frontmatter.objectives} locale={locale} className="mb-8 p-4" />
          <div className="prose">
            <LessonBody code={lesson.code} locale={locale} />
          </div>
          <div className="mt-10 border-t border-border pt-6">
            <LessonCompletion signInHref={lessonPath(locale, id)} locale={locale} />
          </div>
        </article>
      </LessonProgressProvider>
    );
  }

  if (type === "QUIZ") {
    const quiz = getQuiz(id, locale);
    if (!quiz) notFound();
    return (
      <>
        <h1 className="mb-4 text-2xl font-semibold tracking-tight">{quiz.title}</h1>
        {panels}
        <div className="prose">
          <Quiz id={id} locale={locale} />
        </div>
      </>
    );
  }

  const capture = getCaptureChallengeInfo(id);
  if (capture) {
    return (
      <>
        <h1 className="mb-2 text-2xl font-semibold tracking-tight">{capture.title[locale]}</h1>
        <p className="mb-4 text-fg-muted">{capture.summary[locale]}</p>
        {panels}
        <CaptureWorkspace challengeId={id} locale={locale} initialValues={await accountCaptureValues(user, id)} signedIn signInHref={publicHref(locale, type, id)} />
      </>
    );
  }

  const challenge = getChallenge(id);
  if (!challenge) notFound();
  const text = challengeText(challenge, locale);
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold tracking-tight">{text.title}</h1>
      <p className="mb-4 text-fg-muted">{text.summary}</p>
      {panels}
      <SimulatorChallenge id={id} locale={locale} />
    </>
  );
}
