"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  reviewStatusAction,
  startReviewAction,
  submitReviewAction,
  type AnsweredItemView,
  type ReviewStatusResult,
  type StartReviewResult,
} from "@/lib/review/actions";
import type { Concept } from "@/domain/quiz/schema";
import { useSession } from "@/lib/auth/browser-session";
import type { PublicReviewItem } from "@/lib/review/sessions.server";
import { accountPagePath, localePath, type Locale } from "@/lib/i18n/paths";
import { dashboardWords } from "@/lib/i18n/words/dashboard";
import { quizWords } from "@/lib/i18n/words/quiz";
import { reviewWords } from "@/lib/i18n/words/review";
import { addReceipt, newClientKey } from "@/components/progress/local-progress";
import { mergeLocalProgress } from "@/components/progress/merge-client";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ProgressBar } from "../ui/progress-bar";
import { initialDraft, responseToDraft, toResponse, type Draft } from "../quiz/controls";
import { QuestionForm } from "../quiz/question-form";
import { formatWhen } from "./when";

type Mode = "account" | "visitor";
type Session = { clientKey: string; mode: Mode; token?: string; items: PublicReviewItem[]; results: Record<number, AnsweredItemView> };
type Status = Extract<ReviewStatusResult, { ok: true }>;
type Phase =
  | { kind: "loading" }
  | { kind: "error"; message: string; sessionEnded?: boolean }
  | { kind: "idle"; status: Status }
  | { kind: "session"; session: Session };

/** The session this browser is in the middle of (one at a time), so a reload resumes it. */
const SAVED_KEY = "syn-to-fin:review:v1";
type Saved = { clientKey: string; mode: Mode; token?: string; assignmentId?: string };

function loadSaved(): Saved | null {
  try {
    const saved = JSON.parse(window.localStorage.getItem(SAVED_KEY) ?? "null") as Saved | null;
    return saved && typeof saved.clientKey === "string" && /^[A-Za-z0-9_-]{8,64}$/.test(saved.clientKey) ? saved : null;
  } catch {
    return null;
  }
}

function save(saved: Saved | null) {
  try {
    if (saved) window.localStorage.setItem(SAVED_KEY, JSON.stringify(saved));
    else window.localStorage.removeItem(SAVED_KEY);
  } catch {
    // Storage unavailable: a reload starts a new session.
  }
}

function firstOpen(session: Session, from = 0): number {
  for (let step = 0; step < session.items.length; step++) {
    const index = (from + step) % session.items.length;
    if (!session.results[index]) return index;
  }
  return session.items.length;
}

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
  const { status } = useSession();
  const pathname = usePathname() ?? localePath(locale, "/review");
  const [phase, setPhase] = useState<Phase>({ kind: "loading" });
  const [index, setIndex] = useState(0);
  const [drafts, setDrafts] = useState<Record<number, Draft>>({});
  const [unsure, setUnsure] = useState<Record<number, boolean>>({});
  const [pending, setPending] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [sessionEnded, setSessionEnded] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [after, setAfter] = useState<Status | null>(null);
  const [focus, setFocus] = useState<Status["assignment"] | null>(null);
  const assignment = assignmentId ? { id: assignmentId, title: focus?.title ?? "" } : null;
  const questionHeading = useRef<HTMLHeadingElement>(null);
  const feedbackHeading = useRef<HTMLHeadingElement>(null);
  const summaryHeading = useRef<HTMLHeadingElement>(null);
  const focusNext = useRef<"question" | "feedback" | "summary" | null>(null);

  const loadStatus = useCallback(async (): Promise<Status | null> => {
    const result = await reviewStatusAction({ locale, ...(assignmentId ? { assignmentId } : {}) });
    if (!result.ok) {
      setPhase({ kind: "error", message: words.errors[result.error] ?? words.loadFailed });
      return null;
    }
    if (result.assignment) setFocus(result.assignment);
    return result;
  }, [locale, assignmentId, words]);

  const open = useCallback((result: Extract<StartReviewResult, { ok: true }>, clientKey: string) => {
    const session: Session = {
      clientKey,
      mode: result.mode,
      ...(result.token ? { token: result.token } : {}),
      items: result.items,
      results: Object.fromEntries(result.answered.map((item) => [item.index, item])),
    };
    setDrafts(Object.fromEntries(result.answered.flatMap((a) => (result.items[a.index] ? [[a.index, responseToDraft(result.items[a.index]!.question, a.response)]] : []))));
    setIndex(firstOpen(session));
    setPhase({ kind: "session", session });
    return session;
  }, []);

  const begin = useCallback(
    async (resume: Saved | null) => {
      setPhase({ kind: "loading" });
      setSubmitError(null);
      setSessionEnded(false);
      setAfter(null);
      setUnsure({});
      try {
        if (status === "authenticated") await mergeLocalProgress();
        const clientKey = resume?.clientKey ?? newClientKey();
        const result = await startReviewAction({
          clientKey,
          locale,
          ...(assignmentId ? { assignmentId } : {}),
          ...(resume?.token ? { token: resume.token } : {}),
          ...(resume?.mode === "account" ? { account: true } : {}),
        });
        if (!result.ok) {
          save(null);
          if (resume && result.error !== "session-ended") {
            // The saved session is gone (signed in or out since): show what is due instead.
            const fresh = await loadStatus();
            if (fresh) setPhase({ kind: "idle", status: fresh });
            return;
          }
          if (result.error === "nothing-due") {
            const fresh = await loadStatus();
            if (fresh) setPhase({ kind: "idle", status: fresh });
            return;
          }
          setPhase({ kind: "error", message: words.errors[result.error] ?? words.loadFailed, sessionEnded: result.error === "session-ended" });
          return;
        }
        if (resume && result.progress.finished) {
          save(null);
          const fresh = await loadStatus();
          if (fresh) setPhase({ kind: "idle", status: fresh });
          return;
        }
        for (const receipt of result.receipts ?? []) addReceipt(receipt);
        save({ clientKey, mode: result.mode, ...(result.token ? { token: result.token } : {}), ...(assignmentId ? { assignmentId } : {}) });
        open(result, clientKey);
        if (!resume) focusNext.current = "question";
      } catch {
        setPhase({ kind: "error", message: words.loadFailed });
      }
    },
    [status, locale, assignmentId, words, loadStatus, open],
  );

  useEffect(() => {
    if (status === "loading") return;
    let cancelled = false;
    (async () => {
      const saved = loadSaved();
      const sameContext = saved && (saved.assignmentId ?? null) === assignmentId && (saved.mode === "account") === (status === "authenticated");
      if (sameContext) {
        // An assignment's title and progress come with the status.
        if (assignmentId) await loadStatus();
        await begin(saved);
        return;
      }
      try {
        if (status === "authenticated") await mergeLocalProgress();
        const result = await loadStatus();
        if (!cancelled && result) setPhase({ kind: "idle", status: result });
      } catch {
        if (!cancelled) setPhase({ kind: "error", message: words.loadFailed });
      }
    })();
    return () => {
      cancelled = true;
    };
    // Loading is a network round trip whose result sets state once it arrives.
  }, [status, assignmentId, begin, loadStatus, words]);

  useEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    (target === "question" ? questionHeading.current : target === "feedback" ? feedbackHeading.current : summaryHeading.current)?.focus();
  });

  const sessionEndedMessage = (
    <Alert tone="danger">
      {words.sessionEnded.before}{" "}
      <Link href={accountPagePath(locale, "/signin", pathname)} className="font-medium underline underline-offset-2">
        {words.sessionEnded.link}
      </Link>{" "}
      {words.sessionEnded.after}
    </Alert>
  );

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

  async function submit(item: PublicReviewItem, draft: Draft) {
    const response = toResponse(draft, item.question);
    if (!response || pending) return;
    setPending(true);
    setSubmitError(null);
    setSessionEnded(false);
    try {
      const result = await submitReviewAction({
        clientKey: session.clientKey,
        index: item.index,
        response,
        unsure: Boolean(unsure[item.index]),
        locale,
        ...(session.token ? { token: session.token } : {}),
        ...(session.mode === "account" ? { account: true } : {}),
      });
      if (!result.ok) {
        if (result.error === "session-ended") setSessionEnded(true);
        else setSubmitError(words.errors[result.error] ?? words.sendFailed);
        return;
      }
      if (result.receipt) addReceipt(result.receipt);
      const results = { ...session.results, [item.index]: result.item };
      setDrafts((all) => ({ ...all, [item.index]: responseToDraft(item.question, result.item.response) }));
      setPhase({ kind: "session", session: { ...session, results } });
      const first = result.item.grading.feedback[0];
      setAnnouncement(`${result.item.grading.correct ? words.announceCorrect : words.announceWrong}${first ? ` ${first}` : ""}`);
      focusNext.current = "feedback";
      if (result.progress.finished) {
        save(null);
        setAfter(await loadStatus());
      }
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
      <ProgressBar value={answered / total} label={words.progress(answered, total)} className="mt-3" />
      <div role="status" aria-live="polite" className="sr-only">
        {announcement}
      </div>
      {!finished && item ? (
        <QuestionForm
          key={`${session.clientKey}-${item.index}`}
          question={item.question}
          heading={words.itemOf(item.index + 1, total)}
          headingLevel={2}
          context={contextOf(item)}
          draft={drafts[item.index] ?? initialDraft(item.question)}
          onDraft={(draft) => setDrafts((all) => ({ ...all, [item.index]: draft }))}
          grading={session.results[item.index]?.grading ?? null}
          answered={Boolean(session.results[item.index])}
          pending={pending}
          error={submitError}
          sessionEnded={sessionEnded ? sessionEndedMessage : null}
          beforeSubmit={
            <label className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                className="mt-0.5 size-4 accent-(--accent)"
                checked={Boolean(unsure[item.index])}
                onChange={(event) => setUnsure((all) => ({ ...all, [item.index]: event.target.checked }))}
              />
              <span>{words.unsure}</span>
            </label>
          }
          onSubmit={(draft) => void submit(item, draft)}
          after={
            <div className="space-y-3">
              {session.results[item.index]?.nextDueAt ? (
                <p className="text-sm text-fg-muted">{words.nextReview(formatWhen(session.results[item.index]!.nextDueAt!, words.when, locale))}</p>
              ) : null}
              <Button onClick={() => goTo(firstOpen(session, item.index + 1))}>{firstOpen(session, item.index + 1) < total ? words.next : words.seeSummary}</Button>
            </div>
          }
          headingRef={questionHeading}
          feedbackRef={feedbackHeading}
          idPrefix={`review-${session.clientKey}-${item.index}`}
          announce={setAnnouncement}
          words={qwords}
          locale={locale}
        />
      ) : (
        <div className="mt-5">
          <h2 ref={summaryHeading} tabIndex={-1} className="font-semibold">
            {words.summary}
          </h2>
          <p className="mt-2 text-2xl font-semibold">{words.score(right, total)}</p>
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
          {session.mode === "visitor" ? (
            <p className="mt-4 text-sm text-fg-muted">
              {words.keptInBrowser.before}
              {locale === "en" ? " " : ""}
              <Link href={accountPagePath(locale, "/signup", pathname)} className="text-accent underline underline-offset-2">
                {words.keptInBrowser.signUp}
              </Link>
              {locale === "en" ? ` ${words.keptInBrowser.or} ` : words.keptInBrowser.or}
              <Link href={accountPagePath(locale, "/signin", pathname)} className="text-accent underline underline-offset-2">
                {words.keptInBrowser.signIn}
              </Link>
              {locale === "en" ? ` ${words.keptInBrowser.after}` : words.keptInBrowser.after}
            </p>
          ) : null}
          <div className="mt-5 flex flex-wrap items-center gap-3">
            {after && (after.due > 0 || assignment) ? <Button onClick={() => void begin(null)}>{assignment ? words.startAssignment : words.another}</Button> : null}
            {session.mode === "account" ? (
              <Link href={localePath(locale, "/dashboard")} className="text-accent underline underline-offset-2">
                {words.dashboard}
              </Link>
            ) : null}
          </div>
        </div>
      )}
    </Card>
  );
}
