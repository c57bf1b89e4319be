"use client";

import type { ReactNode, RefObject } from "react";
import type { PublicQuestion, QuestionGrading } from "@/domain/quiz/schema";
import type { Locale } from "@/lib/i18n/paths";
import type { QuizWords } from "@/lib/i18n/words/quiz";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { QuestionControls, toResponse, type Draft } from "../quiz/controls";
import { QuestionFeedback } from "../quiz/feedback";
import { RichText } from "../quiz/rich-text";
import { SegmentLadder } from "../quiz/segment-ladder";

/**
 * One question of a review session or a diagnostic, with the quiz's own controls, ladders and
 * feedback (components/quiz): the learner answers, the server grades, the feedback (when the
 * grading is revealed) follows, then `after` (the next step).
 */
export function QuestionCard({
  question,
  heading,
  context,
  draft,
  onDraft,
  grading,
  answered,
  pending,
  error,
  notice,
  beforeSubmit,
  onSubmit,
  checkLabel,
  checkingLabel,
  after,
  headingRef,
  feedbackRef,
  idPrefix,
  announce,
  words,
  locale,
}: {
  question: PublicQuestion;
  heading: string;
  /** Where the question comes from, shown under the heading. */
  context?: ReactNode;
  draft: Draft;
  onDraft: (draft: Draft) => void;
  /** The grading once answered (null when it is not revealed, as before a lesson). */
  grading: QuestionGrading | null;
  answered: boolean;
  pending: boolean;
  error: ReactNode;
  notice?: ReactNode;
  /** Shown above the submit button before answering (e.g. "I was not sure"). */
  beforeSubmit?: ReactNode;
  onSubmit: (draft: Draft) => void;
  checkLabel: string;
  checkingLabel: string;
  after?: ReactNode;
  headingRef: RefObject<HTMLHeadingElement | null>;
  feedbackRef: RefObject<HTMLHeadingElement | null>;
  idPrefix: string;
  announce: (message: string) => void;
  words: QuizWords;
  locale: Locale;
}) {
  const promptId = `${idPrefix}-prompt`;
  const headingId = `${idPrefix}-heading`;
  const response = toResponse(draft, question);
  return (
    <div className="mt-5">
      <form
        aria-labelledby={headingId}
        onSubmit={(event) => {
          event.preventDefault();
          if (!answered) onSubmit(draft);
        }}
        className="space-y-4"
      >
        <div>
          <h2 id={headingId} ref={headingRef} tabIndex={-1} className="text-sm font-semibold uppercase tracking-wide text-fg-muted">
            {heading}
          </h2>
          {context ? <p className="mt-1 text-sm text-fg-muted">{context}</p> : null}
        </div>
        <p id={promptId} className="text-[1.02rem] font-medium leading-relaxed">
          <RichText text={question.prompt} />
        </p>
        {question.type === "number" ? <SegmentLadder segments={question.ladder} caption={words.numberCaption(question.field)} locale={locale} /> : null}
        {question.type === "state" ? (
          <SegmentLadder segments={question.ladder} calls={question.calls} caption={words.stateCaption(question.segment, question.moment)} locale={locale} />
        ) : null}
        <QuestionControls
          question={question}
          draft={draft}
          onChange={onDraft}
          {...(grading ? { answer: grading.answer } : {})}
          promptId={promptId}
          idPrefix={idPrefix}
          announce={announce}
          words={words}
        />
        {notice}
        {error && !answered ? <Alert tone="danger">{error}</Alert> : null}
        {!answered ? beforeSubmit : null}
        {!answered ? (
          <Button type="submit" disabled={!response || pending}>
            {pending ? checkingLabel : checkLabel}
          </Button>
        ) : null}
      </form>
      {grading ? <QuestionFeedback ref={feedbackRef} question={question} grading={grading} headingId={`${idPrefix}-feedback`} words={words} /> : null}
      {answered ? <div className="mt-4">{after}</div> : null}
    </div>
  );
}
