"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { StartQuizResult, SubmitAnswerResult } from "@/lib/quiz/actions";
import { hotCall } from "@/lib/http/hot-call";
import type { PublicQuestion, PublicQuiz, QuestionGrading, QuestionResponse } from "@/domain/quiz/schema";
import { useSession } from "@/lib/auth/browser-session";
import type { Locale } from "@/domain/locale";
import { quizWords } from "@/lib/i18n/words/quiz";
import { addReceipt, loadQuizAttempt, newClientKey, saveQuizAttempt } from "@/components/progress/local-progress";
import { mergeLocalProgress } from "@/components/progress/merge-client";
import { initialDraft, responseToDraft, type Draft } from "./controls";
import { useAnswerSubmission } from "./use-answer-submission";

export type Attempt = {
  mode: "account" | "anonymous";
  clientKey: string;
  token?: string;
  quiz: PublicQuiz;
  results: Record<string, QuestionGrading>;
  /** The responses that were graded (the first answer to each question counts, wherever it was given). */
  responses: Record<string, QuestionResponse>;
};

export type QuizPhase = { kind: "loading" } | { kind: "error"; message: string; sessionEnded?: boolean } | { kind: "ready"; attempt: Attempt };

/** A draft answer kept in this tab while its author signs in again (ADR 0403). */
type KeptDraft = { clientKey: string; questionId: string; draft: Draft };
const draftKey = (quizId: string) => `syn-to-fin:quiz-draft:v1:${quizId}`;

function keepDraft(quizId: string, kept: KeptDraft | null) {
  try {
    if (kept) window.sessionStorage.setItem(draftKey(quizId), JSON.stringify(kept));
    else window.sessionStorage.removeItem(draftKey(quizId));
  } catch {
    // Storage unavailable: the draft stays on the page until it is left.
  }
}

function keptDraft(quizId: string): KeptDraft | null {
  try {
    const value = JSON.parse(window.sessionStorage.getItem(draftKey(quizId)) ?? "null") as KeptDraft | null;
    return value && typeof value.clientKey === "string" && typeof value.questionId === "string" && value.draft && typeof value.draft === "object" ? value : null;
  } catch {
    return null;
  }
}

function firstUnanswered(attempt: Attempt): number {
  const index = attempt.quiz.questions.findIndex((q) => !attempt.results[q.id]);
  return index < 0 ? attempt.quiz.questions.length : index;
}

/** The next unanswered question after `index`, wrapping round; the summary when none is left. */
export function firstUnansweredAfter(attempt: Attempt, index: number): number {
  const questions = attempt.quiz.questions;
  for (let step = 1; step <= questions.length; step++) {
    const candidate = (index + step) % questions.length;
    if (!attempt.results[questions[candidate]!.id]) return candidate;
  }
  return questions.length;
}

/**
 * A lesson quiz's attempt in this browser: starting or resuming it on the server (with the answers
 * given in another tab or device), the drafts, sending an answer, and moving between questions.
 * Signed-in learners' attempts are stored; visitors keep signed receipts in this browser. The
 * quiz component only renders what this returns.
 */
export function useQuizAttempt(id: string, locale: Locale) {
  const words = quizWords(locale);
  const { status } = useSession();
  const [phase, setPhase] = useState<QuizPhase>({ kind: "loading" });
  const [index, setIndex] = useState(0);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [notice, setNotice] = useState<{ questionId: string; text: string } | null>(null);
  const answers = useAnswerSubmission({ errors: words.errors, refused: words.submitFailed, unsent: words.sendFailed, announceCorrect: words.announceCorrect, announceWrong: words.announceWrong });
  const { clearError, focusAfterRender } = answers;
  // Once the server said the session ended, the header signs out too: that must not restart the quiz as a visitor's.
  const endedSession = useRef(false);

  /** Applies a start reply: the attempt with what it already answered, from wherever it was answered. */
  const attemptFrom = useCallback(
    (result: Extract<StartQuizResult, { ok: true }>, clientKey: string, saved: ReturnType<typeof loadQuizAttempt>): Attempt => {
      const results = Object.fromEntries(result.answered.map((g) => [g.questionId, g]));
      if (result.mode === "account") {
        saveQuizAttempt(id, { clientKey: result.clientKey, mode: "account" });
        return { mode: "account", clientKey: result.clientKey, quiz: result.quiz, results, responses: result.responses };
      }
      for (const receipt of result.receipts) addReceipt(receipt);
      const resumed = saved?.mode === "anonymous" && saved.token === result.token;
      // Gradings the server rebuilt in this page's language replace those kept from another.
      const merged = resumed ? { ...saved.results, ...results } : results;
      saveQuizAttempt(id, { clientKey, mode: "anonymous", token: result.token, results: merged });
      return { mode: "anonymous", clientKey, token: result.token, quiz: result.quiz, results: merged, responses: result.responses };
    },
    [id],
  );

  const begin = useCallback(
    async (fresh: boolean) => {
      setPhase({ kind: "loading" });
      clearError();
      setNotice(null);
      setDrafts({});
      if (status === "authenticated") await mergeLocalProgress();
      const saved = fresh ? null : loadQuizAttempt(id);
      const clientKey = saved?.clientKey ?? newClientKey();
      let result: StartQuizResult;
      try {
        result = await hotCall<StartQuizResult>("quiz-start", locale, {
          quizId: id,
          clientKey,
          locale,
          ...(saved?.mode === "anonymous" && saved.token ? { token: saved.token } : {}),
          // An attempt this browser holds as a learner's: without a session, say so rather than start a visitor's.
          ...(saved?.mode === "account" ? { account: true } : {}),
          // Nothing of its own in this browser: carry on the learner's unfinished attempt from another device.
          ...(!saved && !fresh && status === "authenticated" ? { resumeLatest: true } : {}),
        });
      } catch {
        setPhase({ kind: "error", message: words.loadFailedOffline });
        return;
      }
      if (!result.ok) {
        if (result.sessionEnded) endedSession.current = true;
        setPhase({ kind: "error", message: result.message ?? words.loadFailed, sessionEnded: result.sessionEnded === true });
        return;
      }
      const attempt = attemptFrom(result, clientKey, saved);
      const kept = keptDraft(id);
      const keptIndex = kept && kept.clientKey === attempt.clientKey && !attempt.results[kept.questionId] ? attempt.quiz.questions.findIndex((q) => q.id === kept.questionId) : -1;
      keepDraft(id, null);
      if (kept && keptIndex >= 0) {
        // Back from signing in again: the answer chosen before the session ended is as it was.
        setDrafts({ [kept.questionId]: kept.draft });
        setNotice({ questionId: kept.questionId, text: words.draftRestored });
        setIndex(keptIndex);
      } else {
        setIndex(firstUnanswered(attempt));
      }
      setPhase({ kind: "ready", attempt });
      if (fresh) focusAfterRender("question");
    },
    [id, status, locale, words, attemptFrom, clearError, focusAfterRender],
  );

  useCatchUpWhenVisible(phase, setPhase, answers.pending, id, locale, attemptFrom);

  useEffect(() => {
    if (status === "loading" || (status === "unauthenticated" && endedSession.current)) return;
    // Loading the attempt is a network round trip whose result sets state once it arrives.
    void begin(false);
  }, [begin, status]);

  const attempt = phase.kind === "ready" ? phase.attempt : null;

  /** The draft shown for a question: the one being edited, else the answer that was graded, else an empty one. */
  function draftOf(question: PublicQuestion): Draft {
    const graded = attempt?.responses[question.id];
    return drafts[question.id] ?? (graded ? responseToDraft(question, graded) : initialDraft(question));
  }

  function setDraft(questionId: string, draft: Draft) {
    setDrafts((all) => ({ ...all, [questionId]: draft }));
  }

  async function submit(question: PublicQuestion, draft: Draft) {
    if (!attempt) return;
    const quizId = attempt.quiz.id;
    setNotice(null);
    await answers.submit(
      question,
      draft,
      (response) =>
        hotCall<SubmitAnswerResult>("quiz-answer", locale, {
          quizId,
          clientKey: attempt.clientKey,
          ...(attempt.token ? { token: attempt.token } : {}),
          ...(attempt.mode === "account" ? { account: true } : {}),
          questionId: question.id,
          response,
          locale,
        }),
      (result) => {
        const results = { ...attempt.results, [question.id]: result.grading };
        const responses = { ...attempt.responses, [question.id]: result.response };
        if (result.mode === "anonymous") {
          addReceipt(result.receipt);
          saveQuizAttempt(quizId, { clientKey: attempt.clientKey, mode: "anonymous", token: attempt.token, results });
        }
        if (result.alreadyAnswered) {
          // Another tab or device answered first: show that answer, which is the one that counts.
          setDraft(question.id, responseToDraft(question, result.response));
          setNotice({ questionId: question.id, text: words.alreadyAnswered });
        }
        setPhase({ kind: "ready", attempt: { ...attempt, results, responses } });
        return result.grading;
      },
      () => {
        // Kept in this tab: after signing in again the quiz comes back to this answer.
        keepDraft(quizId, { clientKey: attempt.clientKey, questionId: question.id, draft });
        endedSession.current = true;
      },
    );
  }

  function goTo(next: number) {
    setIndex(next);
    answers.moved(next >= (attempt?.quiz.questions.length ?? 0));
  }

  return { phase, index, notice, answers, begin, draftOf, setDraft, submit, goTo };
}

/** Another tab or device may have answered meanwhile: catch up when this tab is looked at again. */
function useCatchUpWhenVisible(
  phase: QuizPhase,
  setPhase: React.Dispatch<React.SetStateAction<QuizPhase>>,
  pending: boolean,
  id: string,
  locale: Locale,
  attemptFrom: (result: Extract<StartQuizResult, { ok: true }>, clientKey: string, saved: ReturnType<typeof loadQuizAttempt>) => Attempt,
) {
  useEffect(() => {
    if (phase.kind !== "ready") return;
    const current = phase.attempt;
    const onVisible = async () => {
      if (document.visibilityState !== "visible" || pending) return;
      try {
        const result = await hotCall<StartQuizResult>("quiz-start", locale, {
          quizId: id,
          clientKey: current.clientKey,
          locale,
          ...(current.token ? { token: current.token } : {}),
          ...(current.mode === "account" ? { account: true } : {}),
        });
        if (!result.ok) return;
        const fresher = attemptFrom(result, current.clientKey, loadQuizAttempt(id));
        if (fresher.clientKey !== current.clientKey || Object.keys(fresher.results).length <= Object.keys(current.results).length) return;
        setPhase((now) => (now.kind === "ready" && now.attempt.clientKey === current.clientKey ? { kind: "ready", attempt: { ...fresher, results: { ...now.attempt.results, ...fresher.results } } } : now));
      } catch {
        // Offline: the next submission tells what was already answered.
      }
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [phase, setPhase, pending, id, locale, attemptFrom]);
}
