import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CAPTURE_CATALOG, captureChallengeHref, getCaptureChallengeInfo } from "@/domain/capture-challenges";
import { getCurrentUser } from "@/lib/auth/session.server";
import { captureEvidenceFor } from "@/lib/capture-challenges/evidence.server";
import { completionsFor } from "@/lib/challenges/completions.server";
import { accountCaptureValues, visitorCaptureValues } from "@/lib/capture-challenges/values.server";
import { listLessons } from "@/lib/content/lessons.server";
import { accountPagePath, lessonPath, localePath, pageAlternates } from "@/lib/i18n/paths";
import { captureChallengeWords } from "@/lib/i18n/words/capture-challenges";
import { currentVisitor } from "@/lib/progress/visitor.server";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CaptureEvidenceList } from "./capture-evidence-list";
import { CaptureWorkspace } from "./capture-workspace";
import type { Locale } from "@/domain/locale";

export function captureIndexMetadata(locale: Locale): Metadata {
  const words = captureChallengeWords(locale);
  return { title: words.indexTitle, description: words.indexDescription, alternates: pageAlternates("/capture-challenges", locale) };
}

export function captureChallengeMetadata(id: string, locale: Locale): Metadata {
  const info = getCaptureChallengeInfo(id);
  if (!info) return {};
  return { title: info.title[locale], description: info.summary[locale], alternates: pageAlternates(`/capture-challenges/${id}`, locale) };
}

/** /capture-challenges: every capture challenge, with the learner's completions. */
export async function CaptureChallengeIndex({ locale }: { locale: Locale }) {
  const words = captureChallengeWords(locale);
  const user = await getCurrentUser();
  const completed = user ? await completionsFor(user, CAPTURE_CATALOG.map((c) => c.id)) : {};
  const lessons = new Map(listLessons(locale).map((lesson) => [lesson.slug, lesson.title]));
  return (
    <div className="mx-auto max-w-4xl px-4 py-10">
      <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">{words.indexTitle}</h1>
      <p className="mt-3 text-lg text-fg-muted">{words.indexIntro}</p>
      <ul className="mt-8 flex flex-col gap-4">
        {CAPTURE_CATALOG.map((challenge) => (
          <li key={challenge.id}>
            <Card>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h2 className="text-xl font-semibold">
                  <Link href={captureChallengeHref(challenge.id, locale)} className="hover:underline">
                    {challenge.title[locale]}
                  </Link>
                </h2>
                {user ? <Badge tone={completed[challenge.id] ? "success" : "neutral"}>{completed[challenge.id] ? words.completed : words.notCompleted}</Badge> : null}
              </div>
              <p className="mt-2">{challenge.summary[locale]}</p>
              {lessons.has(challenge.lesson) ? (
                <p className="mt-2 text-sm text-fg-muted">
                  {words.lesson}
                  {words.colon}
                  <Link href={lessonPath(locale, challenge.lesson)} className="underline">
                    {lessons.get(challenge.lesson)}
                  </Link>
                </p>
              ) : null}
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** /capture-challenges/[id]: the goal with the learner's values, the commands, the upload, and the evidence kept. */
export async function CaptureChallengePage({ id, locale }: { id: string; locale: Locale }) {
  const info = getCaptureChallengeInfo(id);
  if (!info) notFound();
  const words = captureChallengeWords(locale);
  const user = await getCurrentUser();
  const visitor = await currentVisitor();
  // Values are issued on first view; a visitor without a cookie gets theirs from the page's action.
  const values = user
    ? await accountCaptureValues(user, id, visitor ? visitorCaptureValues(visitor, id) : undefined)
    : visitor
      ? visitorCaptureValues(visitor, id)
      : null;
  const [evidence, completed]: [Awaited<ReturnType<typeof captureEvidenceFor>>, Record<string, string>] = user
    ? await Promise.all([captureEvidenceFor(user, id), completionsFor(user, [id])])
    : [[], {}];
  const lesson = listLessons(locale).find((l) => l.slug === info.lesson);
  const here = captureChallengeHref(id, locale);
  return (
    <div className="mx-auto max-w-4xl px-4 py-10">
      <p className="text-sm">
        <Link href={localePath(locale, "/capture-challenges")} className="underline">
          {words.allChallenges}
        </Link>
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">{info.title[locale]}</h1>
        {user ? <Badge tone={completed[id] ? "success" : "neutral"}>{completed[id] ? words.completed : words.notCompleted}</Badge> : null}
      </div>
      <p className="mt-3 text-lg text-fg-muted">{info.summary[locale]}</p>
      <section aria-labelledby="why-heading" className="mt-6">
        <h2 id="why-heading" className="text-xl font-semibold">
          {words.why}
        </h2>
        <p className="mt-2">{info.background[locale]}</p>
        {lesson ? (
          <p className="mt-2 text-sm text-fg-muted">
            {words.lesson}
            {words.colon}
            <Link href={lessonPath(locale, lesson.slug)} className="underline">
              {lesson.title}
            </Link>
          </p>
        ) : null}
      </section>
      <div className="mt-8">
        <CaptureWorkspace challengeId={id} locale={locale} initialValues={values} signedIn={user !== null} signInHref={accountPagePath(locale, "/signin", here)} />
      </div>
      {user && evidence.length > 0 ? (
        <div className="mt-10">
          <CaptureEvidenceList evidence={evidence} locale={locale} />
        </div>
      ) : null}
    </div>
  );
}
