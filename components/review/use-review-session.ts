"use client";

import { useCallback, useEffect, useState } from "react";
import { reviewStatusAction, startReviewAction, submitReviewAction, type AnsweredItemView, type ReviewStatusResult, type StartReviewResult } from "@/lib/review/actions";
import { useSession } from "@/lib/auth/browser-session";
import type { Locale } from "@/domain/locale";
import { reviewWords } from "@/lib/i18n/words/review";
import type { PublicReviewItem } from "@/lib/review/sessions.server";
import { addReceipt, newClientKey } from "@/components/progress/local-progress";
import { mergeLocalProgress } from "@/components/progress/merge-client";
import { initialDraft, responseToDraft, type Draft } from "../quiz/controls";
import { useAnswerSubmission } from "../quiz/use-answer-submission";

type Mode = "account" | "visitor";
export type ReviewRun = { clientKey: string; mode: Mode; token?: string; items: PublicReviewItem[]; results: Record<number, AnsweredItemView> };
export type ReviewStatus = Extract<ReviewStatusResult, { ok: true }>;
export type ReviewPhase =
  | { kind: "loading" }
  | { kind: "error"; message: string; sessionEnded?: boolean }
  | { kind: "idle"; status: ReviewStatus }
  | { kind: "session"; session: ReviewRun };

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

/** The first item not answered yet from `from` on, wrapping round; the summary when none is left. */
export function firstOpen(session: ReviewRun, from = 0): number {
  for (let step = 0; step < session.items.length; step++) {
    const index = (from + step) % session.items.length;
    if (!session.results[index]) return index;
  }
  return session.items.length;
}

/**
 * A review session in this browser: what is due, starting or resuming a session (a reload
 * resumes it), the drafts and "I was not sure" marks, sending an answer, moving between items,
 * and what is due once the session is finished. The review component only renders it.
 */
export function useReviewSession(locale: Locale, assignmentId: string | null) {
  const words = reviewWords(locale).review;
  const { status } = useSession();
  const [phase, setPhase] = useState<ReviewPhase>({ kind: "loading" });
  const [index, setIndex] = useState(0);
  const [drafts, setDrafts] = useState<Record<number, Draft>>({});
  const [unsure, setUnsure] = useState<Record<number, boolean>>({});
  const [after, setAfter] = useState<ReviewStatus | null>(null);
  const [focus, setFocus] = useState<ReviewStatus["assignment"] | null>(null);
  const assignment = assignmentId ? { id: assignmentId, title: focus?.title ?? "" } : null;
  const answers = useAnswerSubmission({ errors: words.errors, refused: words.sendFailed, unsent: words.sendFailed, announceCorrect: words.announceCorrect, announceWrong: words.announceWrong });
  const { clearError, focusAfterRender } = answers;

  const loadStatus = useCallback(async (): Promise<ReviewStatus | null> => {
    const result = await reviewStatusAction({ locale, ...(assignmentId ? { assignmentId } : {}) });
    if (!result.ok) {
      setPhase({ kind: "error", message: result.message ?? words.loadFailed });
      return null;
    }
    if (result.assignment) setFocus(result.assignment);
    return result;
  }, [locale, assignmentId, words]);

  const open = useCallback((result: Extract<StartReviewResult, { ok: true }>, clientKey: string) => {
    const session: ReviewRun = {
      clientKey,
      mode: result.mode,
      ...(result.token ? { token: result.token } : {}),
      items: result.items,
      results: Object.fromEntries(result.answered.map((item) => [item.index, item])),
    };
    setDrafts(Object.fromEntries(result.answered.flatMap((a) => (result.items[a.index] ? [[a.index, responseToDraft(result.items[a.index]!.question, a.response)]] : []))));
    setIndex(firstOpen(session));
    setPhase({ kind: "session", session });
  }, []);

  const begin = useCallback(
    async (resume: Saved | null) => {
      setPhase({ kind: "loading" });
      clearError();
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
          // The saved session is gone (signed in or out since), or nothing is due: show what is due instead.
          if ((resume && !result.sessionEnded) || result.refusal === "nothing-due") {
            const fresh = await loadStatus();
            if (fresh) setPhase({ kind: "idle", status: fresh });
            return;
          }
          setPhase({ kind: "error", message: result.message ?? words.loadFailed, sessionEnded: result.sessionEnded === true });
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
        if (!resume) focusAfterRender("question");
      } catch {
        setPhase({ kind: "error", message: words.loadFailed });
      }
    },
    [status, locale, assignmentId, words, loadStatus, open, clearError, focusAfterRender],
  );

  // Once the server has refused the session, the page says so and the header signs out (that
  // changes `status`): the item and the answer stay on the page instead of being replaced by a
  // visitor's review, until the reader signs in again.
  const ended = answers.sessionEnded || (phase.kind === "error" && phase.sessionEnded === true);

  useEffect(() => {
    if (status === "loading" || ended) return;
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
  }, [status, ended, assignmentId, begin, loadStatus, words]);

  const session = phase.kind === "session" ? phase.session : null;

  function draftOf(item: PublicReviewItem): Draft {
    return drafts[item.index] ?? initialDraft(item.question);
  }

  function setDraft(item: PublicReviewItem, draft: Draft) {
    setDrafts((all) => ({ ...all, [item.index]: draft }));
  }

  function setItemUnsure(item: PublicReviewItem, value: boolean) {
    setUnsure((all) => ({ ...all, [item.index]: value }));
  }

  async function submit(item: PublicReviewItem, draft: Draft) {
    if (!session) return;
    const accepted = await answers.submit(
      item.question,
      draft,
      (response) =>
        submitReviewAction({
          clientKey: session.clientKey,
          index: item.index,
          response,
          unsure: Boolean(unsure[item.index]),
          locale,
          ...(session.token ? { token: session.token } : {}),
          ...(session.mode === "account" ? { account: true } : {}),
        }),
      (result) => {
        if (result.receipt) addReceipt(result.receipt);
        setDraft(item, responseToDraft(item.question, result.item.response));
        setPhase({ kind: "session", session: { ...session, results: { ...session.results, [item.index]: result.item } } });
        return result.item.grading;
      },
    );
    if (!accepted?.progress.finished) return;
    save(null);
    try {
      setAfter(await loadStatus());
    } catch {
      // Offline: the summary shows without what is due next.
    }
  }

  function goTo(next: number) {
    setIndex(next);
    answers.moved(next >= (session?.items.length ?? 0));
  }

  return { phase, index, unsure: (item: PublicReviewItem) => Boolean(unsure[item.index]), setUnsure: setItemUnsure, after, assignment, answers, begin, draftOf, setDraft, submit, goTo };
}
