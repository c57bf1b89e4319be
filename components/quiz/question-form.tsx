"use client";

import type { ReactNode, Ref } from "react";
import type { PublicQuestion, QuestionGrading } from "@/domain/quiz/schema";
import type { Locale } from "@/lib/i18n/paths";
import type { QuizWords } from "@/lib/i18n/words/quiz";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { QuestionControls, toResponse, type Draft } from "./controls";
import { QuestionFeedback } from "./feedback";
import { RichText } from "./rich-text";
import { SegmentLadder } from "./segment-ladder";

export type QuestionFormProps = {
  question: PublicQuestion;
  /** "Question 2 of 5": the form's accessible name, focused when the question comes into view. */
  heading: string;
  /** 3 inside a section titled by an h2 (the lesson quiz), 2 where the question is the page's own (review, diagnostic). */
  headingLevel: 2 | 3;
  /** Where the question comes from, shown under the heading. */
  context?: ReactNode;
  draft: Draft;
  onDraft: (draft: Draft) => void;
  /** The grading once answered (null also when it is not revealed, as before a lesson). */
  grading: QuestionGrading | null;
  answered: boolean;
  pending: boolean;
  /** Why the last submission failed. */
  error: string | null;
  /** "Your session ended. Sign in again", with its link, when the server said so. */
  sessionEnded?: ReactNode;
  /** A note about this question (an answer restored, given first elsewhere, or saved unrevealed). */
  notice?: string | null;
  /** Shown above the submit button before answering (e.g. "I was not sure"). */
  beforeSubmit?: ReactNode;
  onSubmit: (draft: Draft) => void;
  /** The next step once answered (a "Next question" button). */
  after: ReactNode;
  headingRef: Ref<HTMLHeadingElement>;
  feedbackRef: Ref<HTMLHeadingElement>;
  idPrefix: string;
  announce: (message: string) => void;
  words: QuizWords;
  locale: Locale;
};

/**
 * One question of any kind, as the lesson quiz, a review session and a diagnostic all show it:
 * the form named by its heading, the prompt (with a segment ladder where the question has one),
 * the controls, notice, error and submit button; once answered, the feedback (when the grading
 * is revealed) and `after`. The server grades; the caller sends the draft.
 */
export function QuestionForm(props: QuestionFormProps) {
  const { question, heading, headingLevel, context, draft, onDraft, grading, answered, pending, error, sessionEnded, notice, beforeSubmit, onSubmit, after } = props;
  const { headingRef, feedbackRef, idPrefix, announce, words, locale } = props;
  const promptId = `${idPrefix}-prompt`;
  const headingId = `${idPrefix}-heading`;
  const response = toResponse(draft, question);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  // The lesson's .prose styles headings; "!" keeps the question's own sizes.
  const headingElement = (
    <Heading id={headingId} ref={headingRef} tabIndex={-1} className="mt-0! text-sm! font-semibold uppercase tracking-wide text-fg-muted">
      {heading}
    </Heading>
  );
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
        {context ? (
          <div>
            {headingElement}
            <p className="mt-1 text-sm text-fg-muted">{context}</p>
          </div>
        ) : (
          headingElement
        )}
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
        {notice ? <Alert tone="info">{notice}</Alert> : null}
        {error && !answered ? <Alert tone="danger">{error}</Alert> : null}
        {!answered ? sessionEnded : null}
        {!answered ? beforeSubmit : null}
        {!answered ? (
          <Button type="submit" disabled={!response || pending}>
            {pending ? words.checking : words.check}
          </Button>
        ) : null}
      </form>
      {grading ? <QuestionFeedback ref={feedbackRef} question={question} grading={grading} headingId={`${idPrefix}-feedback`} words={words} /> : null}
      {answered ? <div className="mt-4">{after}</div> : null}
    </div>
  );
}
