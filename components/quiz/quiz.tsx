"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { startQuizAttemptAction, submitQuizAnswerAction, type StartQuizResult } from "@/lib/quiz/actions";
import type { PublicQuestion, PublicQuiz, QuestionGrading, QuestionResponse } from "@/domain/quiz/schema";
import { useSession } from "@/lib/auth/browser-session";
import { accountPagePath, localePath, type Locale } from "@/lib/i18n/paths";
import { quizWords, type QuizWords } from "@/lib/i18n/words/quiz";
import { addReceipt, loadQuizAttempt, newClientKey, saveQuizAttempt } from "@/components/progress/local-progress";
import { mergeLocalProgress } from "@/components/progress/merge-client";
import { ForgetEndedSession } from "../auth/session-ended";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { useScrollAnchorExclusion } from "../ui/use-scroll-anchor-exclusion";
import { ProgressBar } from "../ui/progress-bar";
import { initialDraft, responseToDraft, toResponse, type Draft } from "./controls";
import { QuestionForm } from "./question-form";
import { RichText } from "./rich-text";

type Attempt = {
  mode: "account" | "anonymous";
  clientKey: string;
  token?: string;
  quiz: PublicQuiz;
  results: Record<string, QuestionGrading>;
  /** The responses that were graded (the first answer to each question counts, wherever it was given). */
  responses: Record<string, QuestionResponse>;
};

type Phase = { kind: "loading" } | { kind: "error"; message: string; sessionEnded?: boolean } | { kind: "ready"; attempt: Attempt };

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

/** "Your session ended. Sign in again": the link returns to this quiz. */
function SessionEndedMessage({ words, locale, returnTo }: { words: QuizWords; locale: Locale; returnTo: string }) {
  return (
    <Alert tone="danger">
      {words.sessionEnded.before}{" "}
      <Link href={accountPagePath(locale, "/signin", returnTo)} className="font-medium underline underline-offset-2">
        {words.sessionEnded.link}
      </Link>{" "}
      {words.sessionEnded.after}
      <ForgetEndedSession />
    </Alert>
  );
}

function firstUnanswered(attempt: Attempt): number {
  const index = attempt.quiz.questions.findIndex((q) => !attempt.results[q.id]);
  return index < 0 ? attempt.quiz.questions.length : index;
}

/**
 * A lesson quiz: one question at a time, graded on the server when submitted, then a summary.
 * The browser only ever holds the current attempt's public questions and the gradings of the
 * questions already submitted. Signed-in learners' attempts are stored; visitors keep signed
 * receipts in this browser until they sign up or sign in. `locale` is the lesson's language
 * (set by the lesson page): the server sends questions and gradings in it.
 */
export function Quiz({ id, locale = "en" }: { id: string; locale?: Locale }) {
  const words = quizWords(locale);
  const { status } = useSession();
  const pathname = usePathname();
  const [phase, setPhase] = useState<Phase>({ kind: "loading" });
  const [index, setIndex] = useState(0);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [pending, setPending] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [sessionEnded, setSessionEnded] = useState(false);
  // Once the server said the session ended, the header signs out too: that must not restart the quiz as a visitor's.
  const endedSession = useRef(false);
  const [notice, setNotice] = useState<{ questionId: string; text: string } | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const questionHeading = useRef<HTMLHeadingElement>(null);
  const feedbackHeading = useRef<HTMLHeadingElement>(null);
  const summaryHeading = useRef<HTMLHeadingElement>(null);
  const focusNext = useRef<"question" | "feedback" | "summary" | null>(null);
  // The quiz grows when its questions arrive with the page: the reader's place below is kept.
  const region = useRef<HTMLElement>(null);
  useScrollAnchorExclusion(region, phase.kind === "loading");

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
      setSubmitError(null);
      setSessionEnded(false);
      setNotice(null);
      setDrafts({});
      if (status === "authenticated") await mergeLocalProgress();
      const saved = fresh ? null : loadQuizAttempt(id);
      const clientKey = saved?.clientKey ?? newClientKey();
      let result: StartQuizResult;
      try {
        result = await startQuizAttemptAction({
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
        if (result.error === "session-ended") endedSession.current = true;
        setPhase({ kind: "error", message: words.errors[result.error] ?? words.loadFailed, sessionEnded: result.error === "session-ended" });
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
      if (fresh) focusNext.current = "question";
    },
    [id, status, locale, words, attemptFrom],
  );

  // Another tab or device may have answered meanwhile: catch up when this tab is looked at again.
  useEffect(() => {
    if (phase.kind !== "ready") return;
    const current = phase.attempt;
    const onVisible = async () => {
      if (document.visibilityState !== "visible" || pending) return;
      try {
        const result = await startQuizAttemptAction({
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
  }, [phase, pending, id, locale, attemptFrom]);

  useEffect(() => {
    if (status === "loading" || (status === "unauthenticated" && endedSession.current)) return;
    // Loading the attempt is a network round trip whose result sets state once it arrives.
    void begin(false);
  }, [begin, status]);

  // Move focus after the view changed: to the new question, the feedback or the summary.
  useEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    const element = target === "question" ? questionHeading.current : target === "feedback" ? feedbackHeading.current : summaryHeading.current;
    element?.focus();
  });

  const sectionId = `quiz-${id}`;
  const titleId = `${sectionId}-title`;

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
            {phase.sessionEnded ? (
              <SessionEndedMessage words={words} locale={locale} returnTo={`${pathname ?? localePath(locale, "/dashboard")}#${sectionId}`} />
            ) : (
              <Alert tone="danger">{phase.message}</Alert>
            )}
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

  async function submit(question: PublicQuestion, draft: Draft) {
    const response = toResponse(draft, question);
    if (!response || pending) return;
    setPending(true);
    setSubmitError(null);
    setSessionEnded(false);
    setNotice(null);
    try {
      const result = await submitQuizAnswerAction({
        quizId: quiz.id,
        clientKey: attempt.clientKey,
        ...(attempt.token ? { token: attempt.token } : {}),
        ...(attempt.mode === "account" ? { account: true } : {}),
        questionId: question.id,
        response,
        locale,
      });
      if (!result.ok) {
        if (result.error === "session-ended") {
          // Kept in this tab: after signing in again the quiz comes back to this answer.
          keepDraft(quiz.id, { clientKey: attempt.clientKey, questionId: question.id, draft });
          endedSession.current = true;
          setSessionEnded(true);
          return;
        }
        setSubmitError(words.errors[result.error] ?? words.submitFailed);
        return;
      }
      const results = { ...attempt.results, [question.id]: result.grading };
      const responses = { ...attempt.responses, [question.id]: result.response };
      if (result.mode === "anonymous") {
        addReceipt(result.receipt);
        saveQuizAttempt(quiz.id, { clientKey: attempt.clientKey, mode: "anonymous", token: attempt.token, results });
      }
      if (result.alreadyAnswered) {
        // Another tab or device answered first: show that answer, which is the one that counts.
        setDrafts((all) => ({ ...all, [question.id]: responseToDraft(question, result.response) }));
        setNotice({ questionId: question.id, text: words.alreadyAnswered });
      }
      setPhase({ kind: "ready", attempt: { ...attempt, results, responses } });
      const first = result.grading.feedback[0];
      setAnnouncement(`${result.grading.correct ? words.announceCorrect : words.announceWrong}${first ? ` ${first}` : ""}`);
      focusNext.current = "feedback";
    } catch {
      setSubmitError(words.sendFailed);
    } finally {
      setPending(false);
    }
  }

  function goTo(next: number) {
    setIndex(next);
    setAnnouncement("");
    focusNext.current = next >= total ? "summary" : "question";
  }

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
      <ProgressBar value={answeredCount / total} label={words.progress(answeredCount, total)} className="mt-3" />
      <div role="status" aria-live="polite" className="sr-only">
        {announcement}
      </div>

      {!finished && question ? (
        <QuestionForm
          key={`${attempt.clientKey}-${question.id}`}
          question={question}
          heading={words.questionOf(index + 1, total)}
          headingLevel={3}
          draft={drafts[question.id] ?? (attempt.responses[question.id] ? responseToDraft(question, attempt.responses[question.id] as QuestionResponse) : initialDraft(question))}
          onDraft={(draft) => setDrafts((all) => ({ ...all, [question.id]: draft }))}
          grading={attempt.results[question.id] ?? null}
          answered={Boolean(attempt.results[question.id])}
          pending={pending}
          error={submitError}
          sessionEnded={sessionEnded ? <SessionEndedMessage words={words} locale={locale} returnTo={`${pathname ?? localePath(locale, "/dashboard")}#${sectionId}`} /> : null}
          notice={notice?.questionId === question.id ? notice.text : null}
          onSubmit={(draft) => void submit(question, draft)}
          after={<Button onClick={() => goTo(firstUnansweredAfter(attempt, index))}>{firstUnansweredAfter(attempt, index) < total ? words.nextQuestion : words.seeResult}</Button>}
          headingRef={questionHeading}
          feedbackRef={feedbackHeading}
          idPrefix={`${sectionId}-${question.id}`}
          announce={setAnnouncement}
          words={words}
          locale={locale}
        />
      ) : (
        <div className="mt-5">
          <h3 ref={summaryHeading} tabIndex={-1} className="mt-0! text-base! font-semibold">
            {words.result}
          </h3>
          <p className="mt-2 text-2xl font-semibold">
            {words.score(score, total)} <span className="text-base font-normal text-fg-muted">({percent(score / total)})</span>
          </p>
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
          {attempt.mode === "anonymous" ? (
            <p className="mt-4 text-sm text-fg-muted">
              {words.keptInBrowser.before}
              {locale === "en" ? " " : ""}
              <Link href={accountPagePath(locale, "/signup", pathname ?? localePath(locale, "/dashboard"))} className="text-accent underline underline-offset-2">
                {words.keptInBrowser.signUp}
              </Link>
              {locale === "en" ? ` ${words.keptInBrowser.or} ` : words.keptInBrowser.or}
              <Link href={accountPagePath(locale, "/signin", pathname ?? localePath(locale, "/dashboard"))} className="text-accent underline underline-offset-2">
                {words.keptInBrowser.signIn}
              </Link>
              {locale === "en" ? ` ${words.keptInBrowser.after}` : words.keptInBrowser.after}
            </p>
          ) : null}
          <div className="mt-5 flex flex-wrap gap-3">
            <Button onClick={() => void begin(true)}>{words.tryNewVariant}</Button>
            {attempt.mode === "account" ? (
              <Link href={localePath(locale, "/dashboard")} className="inline-flex h-10 items-center text-[0.95rem] text-accent underline underline-offset-2">
                {words.dashboard}
              </Link>
            ) : null}
          </div>
        </div>
      )}
    </section>
  );
}

/** The next unanswered question after `index`, wrapping round; the summary when none is left. */
function firstUnansweredAfter(attempt: Attempt, index: number): number {
  const questions = attempt.quiz.questions;
  for (let step = 1; step <= questions.length; step++) {
    const candidate = (index + step) % questions.length;
    if (!attempt.results[questions[candidate]!.id]) return candidate;
  }
  return questions.length;
}
