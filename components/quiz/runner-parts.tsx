"use client";

import Link from "next/link";
import type { ComponentProps, ReactNode, Ref } from "react";
import { accountPagePath, localePath } from "@/lib/i18n/paths";
import type { Locale } from "@/domain/locale";
import { ForgetEndedSession } from "../auth/session-ended";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { ProgressBar } from "../ui/progress-bar";
import type { AnswerSubmission } from "./use-answer-submission";

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

/**
 * What a `QuestionForm` takes from the runner's answer submission (use-answer-submission.ts):
 * whether an answer is on its way, its refusal, the ended session's message, the headings focus
 * moves to and the verdict read out. Every runner wires them alike.
 */
/** After an answer: on to the next open question (`next`), or to the summary when none is left. */
export function NextStepButton({ next, total, goTo, nextLabel, summaryLabel }: { next: number; total: number; goTo: (index: number) => void; nextLabel: string; summaryLabel: string }) {
  return <Button onClick={() => goTo(next)}>{next < total ? nextLabel : summaryLabel}</Button>;
}

export function submissionProps(answers: AnswerSubmission, sessionEndedMessage: ReactNode) {
  return {
    pending: answers.pending,
    error: answers.error,
    sessionEnded: answers.sessionEnded ? sessionEndedMessage : null,
    headingRef: answers.questionRef,
    feedbackRef: answers.feedbackRef,
    announce: answers.announce,
  };
}

/**
 * The summary after the last question: its heading (focused when it comes, `headingRef`), the
 * score, the runner's own list of answers, the visitor's "kept in this browser" note, the actions
 * and, for an account, the way to the dashboard.
 */
export function RunnerSummary({
  heading,
  headingLevel,
  headingRef,
  score,
  children,
  keptInBrowser,
  actions,
  dashboard,
  locale,
}: {
  heading: string;
  headingLevel: 2 | 3;
  headingRef: Ref<HTMLHeadingElement>;
  score: ReactNode;
  children: ReactNode;
  /** A visitor's summary: the words of the note and where signing up or in comes back to. */
  keptInBrowser: { words: ComponentProps<typeof KeptInBrowser>["words"]; returnTo: string } | null;
  actions: ReactNode;
  /** The dashboard link's words, for a signed-in learner. */
  dashboard: string | null;
  locale: Locale;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="mt-5">
      {/* A lesson's .prose styles headings; "!" keeps the summary's own size. */}
      <Heading ref={headingRef} tabIndex={-1} className="mt-0! text-base! font-semibold">
        {heading}
      </Heading>
      <p className="mt-2 text-2xl font-semibold">{score}</p>
      {children}
      {keptInBrowser ? <KeptInBrowser words={keptInBrowser.words} locale={locale} returnTo={keptInBrowser.returnTo} /> : null}
      <div className="mt-5 flex flex-wrap items-center gap-3">
        {actions}
        {dashboard ? (
          <Link href={localePath(locale, "/dashboard")} className="inline-flex h-10 items-center text-[0.95rem] text-accent underline underline-offset-2">
            {dashboard}
          </Link>
        ) : null}
      </div>
    </div>
  );
}
