"use client";

import { usePathname } from "next/navigation";
import type { Concept } from "@/domain/quiz/schema";
import type { PublicReviewItem } from "@/lib/review/sessions.server";
import { localePath } from "@/lib/i18n/paths";
import type { Locale } from "@/domain/locale";
import { dashboardWords } from "@/lib/i18n/words/dashboard";
import { quizWords } from "@/lib/i18n/words/quiz";
import { reviewWords } from "@/lib/i18n/words/review";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { QuestionForm } from "../quiz/question-form";
import { AnswerProgress, NextStepButton, RunnerSummary, SessionEndedMessage, submissionProps } from "../quiz/runner-parts";
import { firstOpen, useReviewSession } from "./use-review-session";
import { formatWhen } from "./when";

/**
 * A review session: what is due, then one item at a time, graded on the server, with when it
 * comes back; a summary at the end. Signed-in learners' sessions are stored; a visitor's answers
 * come back with signed receipts kept in this browser and merged when they sign up or sign in.
 */
export function ReviewSession({
  locale,
  lessonTitles,
  assignmentId = null,
}: {
  locale: Locale;
  lessonTitles: Record<string, string>;
  /** A "review until mastered" assignment this session works toward (its id, from the page's query). */
  assignmentId?: string | null;
}) {
  const words = reviewWords(locale).review;
  const qwords = quizWords(locale);
  const concepts = dashboardWords(locale).concepts;
  const pathname = usePathname() ?? localePath(locale, "/review");
  const { phase, index, unsure, setUnsure, after, assignment, answers, begin, draftOf, setDraft, submit, goTo } = useReviewSession(locale, assignmentId);
  const { announcement } = answers;

  const sessionEndedMessage = <SessionEndedMessage words={words.sessionEnded} locale={locale} returnTo={pathname} />;


  if (phase.kind === "loading") {
    return (
      <Card className="min-h-40">
        <p role="status" className="text-fg-muted">
          {words.loading}
        </p>
      </Card>
    );
  }

  if (phase.kind === "error") {
    return (
      <Card className="space-y-3">
        {phase.sessionEnded ? sessionEndedMessage : <Alert tone="danger">{phase.message}</Alert>}
        <Button variant="secondary" onClick={() => void begin(null)}>
          {words.start}
        </Button>
      </Card>
    );
  }

  if (phase.kind === "idle") {
    const { due, queued, nextDueAt } = phase.status;
    const target = phase.status.assignment;
    if (target) {
      return (
        <Card>
          <h2 className="font-semibold">{words.assignment(target.title)}</h2>
          <p className="mt-1 text-sm text-fg-muted">{words.assignmentIntro}</p>
          <ul className="mt-4 space-y-2 text-sm">
            {target.concepts.map((c) => (
              <li key={c.concept} className="flex flex-wrap items-baseline justify-between gap-2">
                <span className="font-medium">{concepts[c.concept]}</span>
                <span className="text-fg-muted">
                  {c.mastered ? <Badge tone="success">{words.conceptMastered}</Badge> : words.conceptProgress(c.score === null ? null : Math.round(c.score * 100), c.answered)}
                </span>
              </li>
            ))}
          </ul>
          {target.done ? (
            <p className="mt-4" role="status">
              {words.assignmentDone}
            </p>
          ) : (
            <Button className="mt-4" onClick={() => void begin(null)}>
              {words.startAssignment}
            </Button>
          )}
        </Card>
      );
    }
    return (
      <Card>
        <h2 className="font-semibold">{words.title}</h2>
        <p className="mt-3" role="status">
          {due > 0 ? words.due(due) : queued > 0 || phase.status.mode === "account" ? words.nothingDue : words.empty}
          {due === 0 && nextDueAt ? ` ${words.nextDue(formatWhen(nextDueAt, words.when, locale))}` : ""}
        </p>
        {due === 0 && queued === 0 && phase.status.mode === "account" ? <p className="mt-2 text-sm text-fg-muted">{words.empty}</p> : null}
        {due > 0 || assignment ? (
          <Button className="mt-4" onClick={() => void begin(null)}>
            {assignment ? words.startAssignment : words.startCount(due)}
          </Button>
        ) : null}
      </Card>
    );
  }

  const { session } = phase;
  const total = session.items.length;
  const answered = Object.keys(session.results).length;
  const right = Object.values(session.results).filter((r) => r.grading.correct).length;
  const item = session.items[index];
  const finished = index >= total;

  const contextOf = (entry: PublicReviewItem) => {
    const label = concepts[entry.concept as Concept] ?? entry.concept;
    const reason = entry.reason === "practice" ? words.practice(label) : entry.kind === "question" ? words.reason.question : words.reason[entry.kind](label);
    const lesson = lessonTitles[entry.lessonSlug];
    return lesson ? `${reason} · ${words.fromLesson(lesson)}` : reason;
  };

  return (
    <Card>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="font-semibold">{assignment ? words.assignment(assignment.title) : words.title}</h2>
        <span className="text-sm text-fg-muted">{words.score(right, answered)}</span>
      </div>
      <AnswerProgress value={answered / total} label={words.progress(answered, total)} announcement={announcement} />
      {!finished && item ? (
        <QuestionForm
          key={`${session.clientKey}-${item.index}`}
          question={item.question}
          heading={words.itemOf(item.index + 1, total)}
          headingLevel={2}
          context={contextOf(item)}
          draft={draftOf(item)}
          onDraft={(draft) => setDraft(item, draft)}
          grading={session.results[item.index]?.grading ?? null}
          answered={Boolean(session.results[item.index])}
          beforeSubmit={
            <label className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                className="mt-0.5 size-4 accent-(--accent)"
                checked={unsure(item)}
                onChange={(event) => setUnsure(item, event.target.checked)}
              />
              <span>{words.unsure}</span>
            </label>
          }
          {...submissionProps(answers, sessionEndedMessage)}
          onSubmit={(draft) => void submit(item, draft)}
          after={
            <div className="space-y-3">
              {session.results[item.index]?.nextDueAt ? (
                <p className="text-sm text-fg-muted">{words.nextReview(formatWhen(session.results[item.index]!.nextDueAt!, words.when, locale))}</p>
              ) : null}
              <NextStepButton next={firstOpen(session, item.index + 1)} total={total} goTo={goTo} nextLabel={words.next} summaryLabel={words.seeSummary} />
            </div>
          }
          idPrefix={`review-${session.clientKey}-${item.index}`}
          words={qwords}
          locale={locale}
        />
      ) : (
        <RunnerSummary
          heading={words.summary}
          headingLevel={2}
          headingRef={answers.summaryRef}
          score={words.score(right, total)}
          keptInBrowser={session.mode === "visitor" ? { words: words.keptInBrowser, returnTo: pathname } : null}
          actions={after && (after.due > 0 || assignment) ? <Button onClick={() => void begin(null)}>{assignment ? words.startAssignment : words.another}</Button> : null}
          dashboard={session.mode === "account" ? words.dashboard : null}
          locale={locale}
        >
          <ul className="mt-4 divide-y divide-border rounded-lg border border-border text-sm">
            {session.items.map((entry) => {
              const result = session.results[entry.index];
              return (
                <li key={entry.index} className="flex flex-wrap items-baseline justify-between gap-2 px-3 py-2">
                  <span>
                    {result?.grading.correct ? <Badge tone="success">{qwords.correct}</Badge> : <Badge tone="warning">{qwords.wrong}</Badge>}{" "}
                    <span className="text-fg-muted">{contextOf(entry)}</span>
                  </span>
                  {result?.nextDueAt ? <span className="text-fg-muted">{formatWhen(result.nextDueAt, words.when, locale)}</span> : null}
                </li>
              );
            })}
          </ul>
          {after && after.nextDueAt && after.due === 0 ? <p className="mt-4">{words.summaryNext(formatWhen(after.nextDueAt, words.when, locale))}</p> : null}
        </RunnerSummary>
      )}
    </Card>
  );
}
