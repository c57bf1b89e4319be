import Link from "next/link";
import { requireUser, getCurrentUser } from "@/lib/auth/session.server";
import { listLessons } from "@/lib/content/lessons.server";
import { ltiWords } from "@/lib/i18n/words/lti";
import { localePath } from "@/lib/i18n/paths";
import { deepLinkPickerView } from "@/lib/lti/deep-linking.server";
import { pendingLinkView } from "@/lib/lti/identity.server";
import { ltiContentPath, ltiPrefix } from "@/lib/lti/paths";
import { Alert } from "../ui/alert";
import { DeepLinkPicker } from "./deep-link-picker";
import { LinkAccount } from "./link-account";
import { NotSignedIn } from "./lti-frame";
import type { Locale } from "@/domain/locale";

/** /lti: the course's lessons, for a link to the tool itself rather than to one activity. */
export async function LtiHomePage({ locale }: { locale: Locale }) {
  const words = ltiWords(locale);
  const user = await getCurrentUser();
  if (!user) return <NotSignedIn locale={locale} publicHref={localePath(locale, "/course")} />;
  const lessons = listLessons(locale);
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{words.home.title}</h1>
      <p className="mt-2 text-fg-muted">{words.home.intro}</p>
      <ol className="mt-6 space-y-3">
        {lessons.map((lesson) => (
          <li key={lesson.slug} className="rounded-xl border border-border bg-bg-elevated p-4">
            <Link href={ltiContentPath(locale, "LESSON", lesson.slug)} className="font-medium text-accent underline-offset-2 hover:underline">
              {lesson.title}
            </Link>
            <p className="mt-1 text-sm text-fg-muted">{lesson.summary}</p>
          </li>
        ))}
      </ol>
    </>
  );
}

/** The deep-linking picker of one request. */
export async function LtiDeepLinkPage({ locale, requestId }: { locale: Locale; requestId: string }) {
  const words = ltiWords(locale).picker;
  const user = await getCurrentUser();
  if (!user) return <NotSignedIn locale={locale} publicHref={localePath(locale, "/course")} />;
  const result = await deepLinkPickerView(user, requestId, new Date(), locale);
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{result.ok && result.view.title ? result.view.title : words.title}</h1>
      {result.ok ? (
        <>
          <p className="mb-6 mt-2 text-fg-muted">{result.view.text ?? words.intro(result.view.className)}</p>
          <DeepLinkPicker view={result.view} locale={locale} />
        </>
      ) : (
        <Alert tone="danger" className="mt-4">
          {result.refusal === "expired" ? words.expired : words.notAllowed}
        </Alert>
      )}
    </>
  );
}

/** /lti/link/<token>, opened in a window of its own: the signed-in person links their LMS identity. */
export async function LtiLinkPage({ locale, token }: { locale: Locale; token: string }) {
  const words = ltiWords(locale).link;
  const user = await requireUser(`${ltiPrefix(locale)}/link/${encodeURIComponent(token)}`);
  const view = await pendingLinkView(token);
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{words.title}</h1>
      {!view ? (
        <Alert tone="danger" className="mt-4">
          {words.expired}
        </Alert>
      ) : view.alreadyLinkedTo && view.alreadyLinkedTo !== user.id ? (
        <Alert tone="danger" className="mt-4">
          {words.elsewhere}
        </Alert>
      ) : (
        <>
          <p className="mt-3">{words.body(view.platformName, view.email)}</p>
          <p className="mt-2 text-sm text-fg-muted">{words.account(user.email)}</p>
          <LinkAccount token={token} locale={locale} platformName={view.platformName} alreadyLinked={view.alreadyLinkedTo === user.id} />
        </>
      )}
    </>
  );
}
