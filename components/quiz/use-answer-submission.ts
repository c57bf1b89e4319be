"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { PublicQuestion, QuestionGrading, QuestionResponse } from "@/domain/quiz/schema";
import { toResponse, type Draft } from "./controls";

/** Where focus goes once the view has changed: the question that came, its feedback, or the summary after the last one. */
export type FocusTarget = "question" | "feedback" | "summary";

/**
 * A Server Action's reply to an answer (the one `ActionResult`, ADR 1310): accepted, or refused
 * with its message and reason, or because the session ended.
 */
type Reply = { ok: true } | { ok: false; sessionEnded?: boolean; refusal?: string; message?: string };
type Accepted<R extends Reply> = Extract<R, { ok: true }>;

export type SubmissionWords = {
  /** What each refusal code means to the learner. */
  errors: Partial<Record<string, string>>;
  /** A refusal without words of its own. */
  refused: string;
  /** The answer never reached the server (offline, or the server did not answer). */
  unsent: string;
  announceCorrect: string;
  announceWrong: string;
};

/**
 * The steps every one-question-at-a-time runner shares (the lesson quiz, a review session, a
 * diagnostic): send the learner's draft once, say why it was refused or could not be sent, tell
 * screen readers the verdict, and move focus to the feedback, the next question or the summary
 * after the view has changed. The runner keeps its own questions and what the server replied.
 */
export function useAnswerSubmission(words: SubmissionWords) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sessionEnded, setSessionEnded] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const questionHeading = useRef<HTMLHeadingElement>(null);
  const feedbackHeading = useRef<HTMLHeadingElement>(null);
  const summaryHeading = useRef<HTMLHeadingElement>(null);
  const focusNext = useRef<FocusTarget | null>(null);

  // Move focus after the view changed, once the element it goes to is on the page.
  useEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    (target === "question" ? questionHeading.current : target === "feedback" ? feedbackHeading.current : summaryHeading.current)?.focus();
  });

  const focusAfterRender = useCallback((target: FocusTarget) => {
    focusNext.current = target;
  }, []);

  /** Forgets the last submission's error (a new start). */
  const clearError = useCallback(() => {
    setError(null);
    setSessionEnded(false);
  }, []);

  /** Shows a refusal: the sign-in message when the session ended, else the words for its code. */
  const refuse = useCallback(
    (code: string) => {
      if (code === "session-ended") setSessionEnded(true);
      else setError(words.errors[code] ?? words.refused);
    },
    [words],
  );

  /**
   * Sends the draft when it is a complete answer and nothing else is on its way. `graded` applies
   * the accepted reply and returns its grading (null when it is not revealed yet); the verdict is
   * announced and focus moves to the feedback. Returns the accepted reply, or null.
   */
  async function submit<R extends Reply>(
    question: PublicQuestion,
    draft: Draft,
    send: (response: QuestionResponse) => Promise<R>,
    graded: (reply: Accepted<R>) => QuestionGrading | null,
    onSessionEnded?: () => void,
  ): Promise<Accepted<R> | null> {
    const response = toResponse(draft, question);
    if (!response || pending) return null;
    setPending(true);
    clearError();
    try {
      const reply = await send(response);
      if (!reply.ok) {
        const refusal = reply as { sessionEnded?: boolean; refusal?: string; message?: string };
        if (refusal.sessionEnded) {
          onSessionEnded?.();
          refuse("session-ended");
        } else setError(refusal.message ?? (refusal.refusal && words.errors[refusal.refusal]) ?? words.refused);
        return null;
      }
      const grading = graded(reply as Accepted<R>);
      if (grading) {
        const first = grading.feedback[0];
        setAnnouncement(`${grading.correct ? words.announceCorrect : words.announceWrong}${first ? ` ${first}` : ""}`);
        focusAfterRender("feedback");
      } else {
        // An answer saved unrevealed says so in a status message of its own.
        setAnnouncement("");
      }
      return reply as Accepted<R>;
    } catch {
      setError(words.unsent);
      return null;
    } finally {
      setPending(false);
    }
  }

  /** After moving to another question, or to the summary when none is left. */
  const moved = useCallback(
    (toSummary: boolean) => {
      setAnnouncement("");
      focusAfterRender(toSummary ? "summary" : "question");
    },
    [focusAfterRender],
  );

  return {
    pending,
    error,
    sessionEnded,
    announcement,
    announce: setAnnouncement,
    showError: setError,
    clearError,
    refuse,
    submit,
    moved,
    focusAfterRender,
    questionRef: questionHeading,
    feedbackRef: feedbackHeading,
    summaryRef: summaryHeading,
  };
}

export type AnswerSubmission = ReturnType<typeof useAnswerSubmission>;
