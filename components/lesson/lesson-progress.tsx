"use client";

import Link from "next/link";
import { useSession } from "@/lib/auth/browser-session";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import {
  markLessonDoneAction,
  markLessonReadAction,
  startLessonAction,
  type LessonProgressResult,
} from "@/lib/progress/lesson-actions";
import { hotCall } from "@/lib/http/hot-call";
import { lessonReadingWords, type LessonReadingWords } from "@/lib/i18n/words/lesson-reading";
import { useAnonymousReading } from "@/components/lesson/use-anonymous-reading";
import { Button } from "../ui/button";
import type { Locale } from "@/domain/locale";

type Progress = Extract<LessonProgressResult, { ok: true }>["progress"] | null;
/**
 * A section heading of the page. `key` names the section in every language (the English
 * heading's id), so a position saved while reading in one language resumes in the other.
 */
export type ProgressHeading = { id: string; title: string; key: string };
type Heading = ProgressHeading;

type State = {
  signedIn: boolean;
  progress: Progress;
  resumeFrom: Heading | null;
  markDone: () => Promise<void>;
  busy: boolean;
  /** Why "mark complete" was not saved (an ended session), in the page's language. */
  refusal: string | null;
  words: LessonReadingWords;
};

/**
 * The state, shared by the banner above the lesson and the completion below it through a store
 * whose identity never changes: the context around the lesson body never changes value, so
 * React never has to re-render (or give up hydrating) the interactive parts inside it when the
 * session or the progress arrives (ADR 0950).
 */
type Store = { get: () => State; set: (state: State) => void; subscribe: (listener: () => void) => () => void };

function createStore(initial: State): Store {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(next) {
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const LessonProgressContext = createContext<Store | null>(null);

const POSITION_SAVE_DELAY_MS = 1500;
/** A heading counts as reached once it scrolls above this fraction of the viewport height. */
const READING_LINE = 0.35;

/**
 * Tracks a signed-in student's reading: opening the lesson, the last section reached (to resume),
 * reaching the end, and an explicit "mark complete". Every write is idempotent on the server.
 */
export function LessonProgressProvider({
  slug,
  headings,
  locale = "en",
  children,
}: {
  slug: string;
  headings: Heading[];
  locale?: Locale;
  children: ReactNode;
}) {
  const { status } = useSession();
  const signedIn = status === "authenticated";
  // Visitors: the same milestones, kept in this browser as signed receipts (ADR 0302).
  useAnonymousReading(slug, headings, status === "unauthenticated");
  const [progress, setProgress] = useState<Progress>(null);
  const [resumeFrom, setResumeFrom] = useState<Heading | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const savedPosition = useRef<string | null>(null);

  const apply = useCallback((result: LessonProgressResult) => {
    if (result.ok) setProgress(result.progress);
  }, []);

  useEffect(() => {
    if (!signedIn) return;
    let cancelled = false;
    startLessonAction({ slug }, locale).then((result) => {
      if (cancelled || !result.ok) return;
      setProgress(result.progress);
      savedPosition.current = result.progress?.lastPosition ?? null;
      const heading = headings.find((h) => h.key === result.progress?.lastPosition);
      if (heading && !result.progress?.completedAt && window.scrollY < 200) setResumeFrom(heading);
    });
    return () => {
      cancelled = true;
    };
  }, [signedIn, slug, headings, locale]);

  // Remember the last section heading scrolled past, a little after the reader settles.
  useEffect(() => {
    if (!signedIn || headings.length === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let frame = 0;
    const check = () => {
      frame = 0;
      const line = window.innerHeight * READING_LINE;
      const passed = headings.filter(({ id }) => (document.getElementById(id)?.getBoundingClientRect().top ?? Infinity) < line);
      const key = passed.at(-1)?.key;
      if (!key || key === savedPosition.current) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        savedPosition.current = key;
        hotCall<LessonProgressResult>("reading-position", locale, { slug, position: key }, locale).then(apply);
      }, POSITION_SAVE_DELAY_MS);
    };
    const onScroll = () => {
      frame ||= requestAnimationFrame(check);
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      window.removeEventListener("scroll", onScroll);
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [signedIn, slug, headings, apply, locale]);

  // Reaching the end of the article counts as reading it, once per visit: reading a finished
  // lesson again is new work for an assignment that opened since (docs/gradebook.md).
  useEffect(() => {
    if (!signedIn) return;
    const end = document.getElementById("lesson-end");
    if (!end) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        markLessonReadAction({ slug }, locale).then(apply);
      }
    });
    observer.observe(end);
    return () => observer.disconnect();
  }, [signedIn, slug, apply, locale]);

  const markDone = useCallback(async () => {
    setBusy(true);
    try {
      const result = await markLessonDoneAction({ slug }, locale);
      apply(result);
      setRefusal(result.ok ? null : (result.message ?? null));
    } finally {
      setBusy(false);
    }
  }, [slug, apply, locale]);

  const state = useMemo<State>(
    () => ({ signedIn, progress, resumeFrom, markDone, busy, refusal, words: lessonReadingWords(locale) }),
    [signedIn, progress, resumeFrom, markDone, busy, refusal, locale],
  );
  const [store] = useState(() => createStore(state));
  useEffect(() => store.set(state), [store, state]);

  return <LessonProgressContext.Provider value={store}>{children}</LessonProgressContext.Provider>;
}

function useLessonProgress(): State {
  const store = useContext(LessonProgressContext);
  if (!store) throw new Error("useLessonProgress must be used inside LessonProgressProvider");
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

export function ResumeBanner() {
  const { resumeFrom, words } = useLessonProgress();
  if (!resumeFrom) return null;
  return (
    <div role="status" className="mb-8 flex flex-wrap items-center gap-3 rounded-lg border border-accent/40 bg-accent-soft px-4 py-3 text-sm">
      <span>{words.welcomeBack(resumeFrom.title)}</span>
      <a href={`#${resumeFrom.id}`} className="font-medium text-accent underline underline-offset-2">
        {words.resume}
      </a>
    </div>
  );
}

export function LessonCompletion({ signInHref }: { signInHref: string }) {
  const { signedIn, progress, markDone, busy, refusal, words } = useLessonProgress();
  if (!signedIn) {
    return (
      <p className="text-sm text-fg-muted">
        <Link href={signInHref} className="text-accent underline underline-offset-2">
          {words.signInToSave.link}
        </Link>
        {words.signInToSave.after}
      </p>
    );
  }
  if (progress?.completedAt) {
    return (
      <p role="status" className="flex items-center gap-2 font-medium text-success">
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.5">
          <path d="M5 12l5 5L20 7" />
        </svg>
        {words.complete}
      </p>
    );
  }
  if (progress?.readToEndAt || progress?.markedDoneAt) {
    // Read or marked, not complete: the lesson's quiz is what is missing (ADR 0003).
    return <p role="status" className="text-sm text-fg-muted">{words.passQuizToComplete}</p>;
  }
  return (
    <div className="space-y-2">
      <Button onClick={markDone} disabled={busy} variant="secondary">
        {busy ? words.saving : words.markComplete}
      </Button>
      {refusal ? (
        <p role="alert" className="text-sm text-danger">
          {refusal}
        </p>
      ) : null}
    </div>
  );
}
