"use client";

import Link from "next/link";
import { accountPagePath } from "@/lib/i18n/paths";
import type { Locale } from "@/domain/locale";
import { ForgetEndedSession } from "../auth/session-ended";
import { Alert } from "../ui/alert";
import { ProgressBar } from "../ui/progress-bar";

/** The pieces around a `QuestionForm` that the lesson quiz, review sessions and diagnostics share. */

/** How many questions are answered, and the verdict read out to screen readers (it is not shown). */
export function AnswerProgress({ value, label, announcement }: { value: number; label: string; announcement: string }) {
  return (
    <>
      <ProgressBar value={value} label={label} className="mt-3" />
      <div role="status" aria-live="polite" className="sr-only">
        {announcement}
      </div>
    </>
  );
}

/**
 * "Your session ended. Sign in again …": the link comes back to `returnTo`. Shown only after the
 * server refused the session, so it also finishes the sign-out in this browser: the header stops
 * showing the account at once, in every runner alike.
 */
export function SessionEndedMessage({
  words,
  locale,
  returnTo,
}: {
  words: { before: string; link: string; after: string };
  locale: Locale;
  returnTo: string;
}) {
  return (
    <Alert tone="danger">
      {words.before}{" "}
      <Link href={accountPagePath(locale, "/signin", returnTo)} className="font-medium underline underline-offset-2">
        {words.link}
      </Link>{" "}
      {words.after}
      <ForgetEndedSession />
    </Alert>
  );
}

/** A visitor's summary: the answers are kept in this browser until they sign up or sign in (both come back to `returnTo`). */
export function KeptInBrowser({
  words,
  locale,
  returnTo,
}: {
  words: { before: string; signUp: string; or: string; signIn: string; after: string };
  locale: Locale;
  returnTo: string;
}) {
  // Chinese runs the sentence on without spaces.
  const space = locale === "en" ? " " : "";
  return (
    <p className="mt-4 text-sm text-fg-muted">
      {words.before}
      {space}
      <Link href={accountPagePath(locale, "/signup", returnTo)} className="text-accent underline underline-offset-2">
        {words.signUp}
      </Link>
      {`${space}${words.or}${space}`}
      <Link href={accountPagePath(locale, "/signin", returnTo)} className="text-accent underline underline-offset-2">
        {words.signIn}
      </Link>
      {`${space}${words.after}`}
    </p>
  );
}
