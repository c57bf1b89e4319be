"use client";

import { forwardRef } from "react";
import type { PublicQuestion, QuestionGrading } from "@/domain/quiz/schema";
import { quizWords, type QuizWords } from "@/lib/i18n/words/quiz";
import { cn } from "../ui/cn";
import { RichText } from "./rich-text";

/** The correct answer in words, from the grading and the question the learner saw. */
export function describeAnswer(question: PublicQuestion, grading: QuestionGrading, words: QuizWords = quizWords("en")): string[] {
  const answer = grading.answer;
  switch (answer.type) {
    case "single":
      return question.type === "single" ? [question.options.find((o) => o.id === answer.optionId)?.text ?? ""] : [];
    case "multiple":
      return question.type === "multiple" ? question.options.filter((o) => answer.optionIds.includes(o.id)).map((o) => o.text) : [];
    case "flags":
      return [answer.flags.length ? answer.flags.join(" + ") : words.noFlags];
    case "state":
      return [answer.state];
    case "number":
      return [String(answer.value)];
    case "order":
      return question.type === "order" ? answer.itemIds.map((id, i) => `${i + 1}. ${question.items.find((item) => item.id === id)?.text ?? id}`) : [];
    case "match":
      return question.type === "match"
        ? question.left.map((left) => `${left.text} → ${question.right.find((r) => r.id === answer.pairs[left.id])?.text ?? ""}`)
        : [];
  }
}

/** The grading of one question: verdict, feedback on what was chosen, the answer and why. */
export const QuestionFeedback = forwardRef<HTMLHeadingElement, { question: PublicQuestion; grading: QuestionGrading; headingId: string; words: QuizWords }>(
  function QuestionFeedback({ question, grading, headingId, words }, ref) {
    const answer = describeAnswer(question, grading, words);
    return (
      <section
        aria-labelledby={headingId}
        className={cn("mt-5 rounded-lg border px-4 py-3", grading.correct ? "border-success/40 bg-success-soft" : "border-warning/40 bg-warning-soft")}
      >
        <h4 id={headingId} ref={ref} tabIndex={-1} className={cn("flex items-center gap-2 font-semibold", grading.correct ? "text-success" : "text-warning")}>
          <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.5">
            <path d={grading.correct ? "M5 12l5 5L20 7" : "M6 6l12 12M18 6L6 18"} />
          </svg>
          {grading.correct ? words.verdictCorrect : words.verdictWrong}
        </h4>
        <div className="mt-2 space-y-2 text-[0.95rem] text-fg">
          {grading.feedback.map((text, index) => (
            <p key={index}>
              <RichText text={text} />
            </p>
          ))}
          {!grading.correct && answer.length ? (
            <div>
              <p className="font-medium">{words.theAnswer}</p>
              {answer.map((line, index) => (
                <p key={index} className={cn(question.type === "single" || question.type === "multiple" || question.type === "match" ? "" : "font-mono text-sm")}>
                  <RichText text={line} />
                </p>
              ))}
            </div>
          ) : null}
          <p className="text-fg-muted">
            <span className="font-medium text-fg">{words.why}</span>
            <RichText text={grading.explanation} />
          </p>
        </div>
      </section>
    );
  },
);
