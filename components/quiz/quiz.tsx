"use client";

import { usePathname } from "next/navigation";
import { useRef } from "react";
import type { PublicQuestion } from "@/domain/quiz/schema";
import { localePath } from "@/lib/i18n/paths";
import type { Locale } from "@/domain/locale";
import { quizWords } from "@/lib/i18n/words/quiz";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { useScrollAnchorExclusion } from "../ui/use-scroll-anchor-exclusion";
import { QuestionForm } from "./question-form";
import { AnswerProgress, NextStepButton, RunnerSummary, SessionEndedMessage, submissionProps } from "./runner-parts";
import { RichText } from "./rich-text";
import { firstUnansweredAfter, useQuizAttempt } from "./use-quiz-attempt";

/**
 * A lesson quiz: one question at a time, graded on the server when submitted, then a summary.
 * The browser only ever holds the current attempt's public questions and the gradings of the
 * questions already submitted. Signed-in learners' attempts are stored; visitors keep signed
 * receipts in this browser until they sign up or sign in. `locale` is the lesson's language
 * (set by the lesson page): the server sends questions and gradings in it.
 */
export function Quiz({ id, locale = "en" }: { id: string; locale?: Locale }) {
  const words = quizWords(locale);
  const pathname = usePathname();
  const { phase, index, notice, answers, begin, draftOf, setDraft, submit, goTo } = useQuizAttempt(id, locale);
  const { announcement } = answers;
  // The quiz grows when its questions arrive with the page: the reader's place below is kept.
  const region = useRef<HTMLElement>(null);
  useScrollAnchorExclusion(region, phase.kind === "loading");

  const sectionId = `quiz-${id}`;
  const titleId = `${sectionId}-title`;
  // Signing in again comes back to this quiz; the header forgets the ended session at once.
  const sessionEndedMessage = (
    <SessionEndedMessage words={words.sessionEnded} locale={locale} returnTo={`${pathname ?? localePath(locale, "/dashboard")}#${sectionId}`} />
  );

  if (phase.kind !== "ready") {
    return (
      <section
        ref={region}
        id={sectionId}
        aria-labelledby={titleId}
        // While loading it holds about the room of a short question, so little moves when one arrives.
        className={cn("not-prose my-10 rounded-xl border border-border bg-bg-elevated p-4 shadow-sm sm:p-6", phase.kind === "loading" && "min-h-[26rem]")}
      >
        <h2 id={titleId} className="mt-0! text-lg! font-semibold">
          {words.heading}
        </h2>
        {phase.kind === "loading" ? (
          <p role="status" className="mt-2 text-fg-muted">
            {words.loading}
          </p>
        ) : (
          <div className="mt-3 space-y-3">
            {phase.sessionEnded ? sessionEndedMessage : <Alert tone="danger">{phase.message}</Alert>}
            <Button variant="secondary" onClick={() => void begin(true)}>
              {words.startNew}
            </Button>
          </div>
        )}
      </section>
    );
  }

  const { attempt } = phase;
  const { quiz } = attempt;
  const total = quiz.questions.length;
  const answeredCount = quiz.questions.filter((q) => attempt.results[q.id]).length;
  const score = quiz.questions.filter((q) => attempt.results[q.id]?.correct).length;
  const finished = index >= total;
  const question: PublicQuestion | undefined = quiz.questions[index];

  const passed = answeredCount === total && score >= quiz.passThreshold * total;
  const percent = (value: number) => `${Math.round(value * 100)}%`;

  return (
    <section ref={region} id={sectionId} aria-labelledby={titleId} className="not-prose my-10 rounded-xl border border-border bg-bg-elevated p-4 shadow-sm sm:p-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        {/* The lesson's .prose styles headings; "!" keeps the quiz's own sizes. */}
        <h2 id={titleId} className="mt-0! text-lg! leading-snug! font-semibold">
          {quiz.title}
        </h2>
        <p className="text-sm text-fg-muted">{words.passMark(percent(quiz.passThreshold))}</p>
      </div>
      <AnswerProgress value={answeredCount / total} label={words.progress(answeredCount, total)} announcement={announcement} />

      {!finished && question ? (
        <QuestionForm
          key={`${attempt.clientKey}-${question.id}`}
          question={question}
          heading={words.questionOf(index + 1, total)}
          headingLevel={3}
          draft={draftOf(question)}
          onDraft={(draft) => setDraft(question.id, draft)}
          grading={attempt.results[question.id] ?? null}
          answered={Boolean(attempt.results[question.id])}
          notice={notice?.questionId === question.id ? notice.text : null}
          {...submissionProps(answers, sessionEndedMessage)}
          onSubmit={(draft) => void submit(question, draft)}
          after={<NextStepButton next={firstUnansweredAfter(attempt, index)} total={total} goTo={goTo} nextLabel={words.nextQuestion} summaryLabel={words.seeResult} />}
          idPrefix={`${sectionId}-${question.id}`}
          words={words}
          locale={locale}
        />
      ) : (
        <RunnerSummary
          heading={words.result}
          headingLevel={3}
          headingRef={answers.summaryRef}
          score={
            <>
              {words.score(score, total)} <span className="text-base font-normal text-fg-muted">({percent(score / total)})</span>
            </>
          }
          keptInBrowser={attempt.mode === "anonymous" ? { words: words.keptInBrowser, returnTo: pathname ?? localePath(locale, "/dashboard") } : null}
          actions={<Button onClick={() => void begin(true)}>{words.tryNewVariant}</Button>}
          dashboard={attempt.mode === "account" ? words.dashboard : null}
          locale={locale}
        >
          <p className="mt-2">
            {passed ? <Badge tone="success">{words.passed}</Badge> : <Badge tone="warning">{words.notPassed(percent(quiz.passThreshold))}</Badge>}
          </p>
          <div role="list" className="mt-4 divide-y divide-border rounded-lg border border-border">
            {quiz.questions.map((q, i) => {
              const grading = attempt.results[q.id];
              return (
                <div role="listitem" key={q.id} className="px-3 py-2 text-sm">
                  <details>
                    <summary className="cursor-pointer">
                      <span className={grading?.correct ? "font-medium text-success" : "font-medium text-warning"}>
                        {grading?.correct ? words.correct : words.wrong}
                      </span>
                      <span className="text-fg-muted">{words.questionInSummary(i + 1)}</span>
                      <RichText text={q.prompt} />
                    </summary>
                    {grading ? (
                      <p className="mt-2 text-fg-muted">
                        <RichText text={grading.explanation} />
                      </p>
                    ) : null}
                  </details>
                </div>
              );
            })}
          </div>
        </RunnerSummary>
      )}
    </section>
  );
}
