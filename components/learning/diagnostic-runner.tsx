"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { diagnosticStatusAction, startDiagnosticAction, submitDiagnosticAction } from "@/lib/learning/diagnostic-actions";
import type { QuestionGrading } from "@/domain/quiz/schema";
import type { PublicDiagnosticItem, StartedDiagnostic } from "@/lib/learning/diagnostics.server";
import type { DiagnosticStatusView } from "@/lib/learning/views";
import { accountPagePath } from "@/lib/i18n/paths";
import { dashboardWords } from "@/lib/i18n/words/dashboard";
import { quizWords } from "@/lib/i18n/words/quiz";
import { reviewWords } from "@/lib/i18n/words/review";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { ButtonLink } from "../ui/button-link";
import { Card } from "../ui/card";
import { initialDraft, responseToDraft, type Draft } from "../quiz/controls";
import { QuestionForm } from "../quiz/question-form";
import { AnswerProgress } from "../quiz/runner-parts";
import { useAnswerSubmission } from "../quiz/use-answer-submission";
import { BeforeAfter } from "./before-after";
import type { Locale } from "@/domain/locale";

type Phase = "pre" | "post";
/** `browsing`: a finished phase opened again to read its answers, one after the other. */
type Running = { phase: Phase; items: PublicDiagnosticItem[]; answered: Record<number, QuestionGrading | null>; index: number; browsing: boolean };

/**
 * A lesson's diagnostic for a signed-in learner: the before and after phases with what each
 * allows now, one question at a time, and the learner's own before and after.
 */
export function DiagnosticRunner({ slug, locale, lessonHref, initial }: { slug: string; locale: Locale; lessonHref: string; initial: DiagnosticStatusView }) {
  const words = reviewWords(locale).diagnostic;
  const qwords = quizWords(locale);
  const concepts = dashboardWords(locale).concepts;
  const pathname = usePathname() ?? lessonHref;
  const [status, setStatus] = useState(initial);
  const [running, setRunning] = useState<Running | null>(null);
  const [drafts, setDrafts] = useState<Record<number, Draft>>({});
  const [starting, setStarting] = useState(false);
  const { questionRef, feedbackRef, summaryRef, pending, error, sessionEnded, announcement, announce, clearError, refuse, showError, moved, focusAfterRender, submit: submitAnswer } = useAnswerSubmission({ errors: words.errors, refused: words.loadFailed, unsent: words.loadFailed, announceCorrect: qwords.announceCorrect, announceWrong: qwords.announceWrong });

  async function refresh() {
    const result = await diagnosticStatusAction({ slug }, locale);
    if (result.ok) setStatus(result.status);
  }

  async function start(phase: Phase) {
    setStarting(true);
    clearError();
    try {
      const result = await startDiagnosticAction({ slug, phase }, locale);
      if (!result.ok) {
        if (result.sessionEnded) refuse("session-ended");
        else showError(result.message ?? words.loadFailed);
        await refresh();
        return;
      }
      open(result.diagnostic);
    } catch {
      showError(words.loadFailed);
    } finally {
      setStarting(false);
    }
  }

  function open(diagnostic: StartedDiagnostic) {
    const answered = Object.fromEntries(diagnostic.answered.map((a) => [a.index, a.grading]));
    const index = diagnostic.items.findIndex((item) => !(item.index in answered));
    setDrafts(Object.fromEntries(diagnostic.answered.flatMap((a) => (diagnostic.items[a.index] ? [[a.index, responseToDraft(diagnostic.items[a.index]!.question, a.response)]] : []))));
    setRunning({ phase: diagnostic.phase, items: diagnostic.items, answered, index: index < 0 ? 0 : index, browsing: index < 0 });
    focusAfterRender("question");
  }

  async function submit(run: Running, item: PublicDiagnosticItem, draft: Draft) {
    await submitAnswer(
      item.question,
      draft,
      (response) => submitDiagnosticAction({ slug, phase: run.phase, index: item.index, response }, locale),
      (result) => {
        setRunning({ ...run, answered: { ...run.answered, [item.index]: result.answer.grading } });
        return result.answer.grading;
      },
    );
  }

  async function next(run: Running) {
    const index = run.browsing ? (run.index + 1 < run.items.length ? run.index + 1 : -1) : run.items.findIndex((item) => !(item.index in run.answered));
    if (index >= 0) {
      setRunning({ ...run, index });
      moved(false);
      return;
    }
    setRunning(null);
    await refresh();
    focusAfterRender("summary");
  }

  const signInAgain = (
    <Alert tone="danger">
      <Link href={accountPagePath(locale, "/signin", pathname)} className="font-medium underline underline-offset-2">
        {words.signIn.before}
      </Link>
      {words.signIn.after}
    </Alert>
  );
  const errorView = sessionEnded ? signInAgain : error ? <Alert tone="danger">{error}</Alert> : null;

  if (running) {
    const item = running.items[running.index];
    const total = running.items.length;
    const answeredCount = Object.keys(running.answered).length;
    if (!item) return null;
    const answered = item.index in running.answered;
    const last = running.browsing ? running.index === total - 1 : running.items.every((entry) => entry.index === item.index || entry.index in running.answered);
    return (
      <Card>
        <h2 className="font-semibold">{running.phase === "pre" ? words.preHeading : words.postHeading}</h2>
        <AnswerProgress value={answeredCount / total} label={qwords.progress(answeredCount, total)} announcement={announcement} />
        <QuestionForm
          key={`${running.phase}-${item.index}`}
          question={item.question}
          heading={words.questionOf(item.index + 1, total)}
          headingLevel={2}
          context={concepts[item.concept]}
          draft={drafts[item.index] ?? initialDraft(item.question)}
          onDraft={(draft) => setDrafts((all) => ({ ...all, [item.index]: draft }))}
          grading={running.answered[item.index] ?? null}
          answered={answered}
          pending={pending}
          error={error}
          sessionEnded={sessionEnded ? signInAgain : null}
          notice={answered && running.phase === "pre" ? words.saved : null}
          onSubmit={(draft) => void submit(running, item, draft)}
          after={<Button onClick={() => void next(running)}>{last ? words.finish : words.next}</Button>}
          headingRef={questionRef}
          feedbackRef={feedbackRef}
          idPrefix={`diagnostic-${running.phase}-${item.index}`}
          announce={announce}
          words={qwords}
          locale={locale}
        />
      </Card>
    );
  }

  const { pre, post } = status;
  return (
    <div className="space-y-6">
      <h2 ref={summaryRef} tabIndex={-1} className="sr-only">
        {words.overview}
      </h2>
      {errorView}
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <h3 className="font-semibold">{words.preHeading}</h3>
          <p className="mt-2 text-sm">
            {pre.state === "done"
              ? words.score(pre.score ?? 0, pre.maxScore)
              : pre.state === "closed"
                ? words.preClosed
                : words.preOpen}
          </p>
          {pre.state === "open" || pre.state === "in-progress" ? (
            <Button className="mt-4" disabled={starting} onClick={() => void start("pre")}>
              {pre.state === "in-progress" ? words.continuePre : words.startPre}
            </Button>
          ) : null}
          {pre.state === "done" && post.state === "locked" ? (
            <div className="mt-3 space-y-3 text-sm">
              <p>{words.preDone}</p>
              <ButtonLink href={lessonHref} variant="secondary">
                {words.readLesson}
              </ButtonLink>
            </div>
          ) : null}
        </Card>
        <Card>
          <h3 className="font-semibold">{words.postHeading}</h3>
          <p className="mt-2 text-sm">
            {post.state === "done" ? words.score(post.score ?? 0, post.maxScore) : post.state === "locked" ? words.postLocked : words.postOpen}
          </p>
          {post.state === "open" || post.state === "in-progress" ? (
            <Button className="mt-4" disabled={starting} onClick={() => void start("post")}>
              {post.state === "in-progress" ? words.continuePost : words.startPost}
            </Button>
          ) : null}
          {post.state === "done" ? (
            <Button className="mt-4" variant="secondary" disabled={starting} onClick={() => void start("post")}>
              {words.seeAnswers}
            </Button>
          ) : null}
        </Card>
      </div>
      {pre.state === "done" || post.state === "done" ? (
        <Card>
          <BeforeAfter status={status} locale={locale} />
        </Card>
      ) : null}
      <p>
        <Link href={lessonHref} className="text-accent underline underline-offset-2">
          {words.backToLesson}
        </Link>
      </p>
    </div>
  );
}
