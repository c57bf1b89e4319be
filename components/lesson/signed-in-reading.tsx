"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import {
  markLessonDoneAction,
  markLessonReadAction,
  startLessonAction,
  type LessonProgressResult,
} from "@/lib/progress/lesson-actions";
import { hotCall } from "@/lib/http/hot-call";
import { lessonReadingWords } from "@/lib/i18n/words/lesson-reading";
import { headingBeingRead } from "../layout/reading-line";
import { Button } from "../ui/button";
import { NO_READING_VIEW, type ProgressHeading, type ReadingStore } from "./reading-view";
import type { Locale } from "@/domain/locale";

type Progress = Extract<LessonProgressResult, { ok: true }>["progress"] | null;

const POSITION_SAVE_DELAY_MS = 1500;

/**
 * A signed-in student's reading: opening the lesson, the last section reached (to resume),
 * reaching the end, and an explicit "mark complete". Every write is idempotent on the server.
 * Renders nothing itself: the banner and the completion it publishes to `store` show where
 * components/lesson/lesson-progress.tsx placed them.
 */
export default function SignedInReading({ slug, headings, locale, store }: { slug: string; headings: ProgressHeading[]; locale: Locale; store: ReadingStore }) {
  const [progress, setProgress] = useState<Progress>(null);
  const [resumeFrom, setResumeFrom] = useState<ProgressHeading | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const savedPosition = useRef<string | null>(null);
  const words = lessonReadingWords(locale);

  const apply = useCallback((result: LessonProgressResult) => {
    if (result.ok) setProgress(result.progress);
  }, []);

  useEffect(() => {
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
  }, [slug, headings, locale]);

  // Remember the last section heading scrolled past, a little after the reader settles.
  useEffect(() => {
    if (headings.length === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let frame = 0;
    const check = () => {
      frame = 0;
      const key = headingBeingRead(headings)?.key;
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
    // This code arrives after the session: the reader may already have scrolled past a heading.
    onScroll();
    return () => {
      window.removeEventListener("scroll", onScroll);
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [slug, headings, apply, locale]);

  // Reaching the end of the article counts as reading it, once per visit: reading a finished
  // lesson again is new work for an assignment that opened since (docs/gradebook.md).
  useEffect(() => {
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
  }, [slug, apply, locale]);

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

  const resume = resumeFrom ? (
    <div role="status" className="mb-8 flex flex-wrap items-center gap-3 rounded-lg border border-accent/40 bg-accent-soft px-4 py-3 text-sm">
      <span>{words.welcomeBack(resumeFrom.title)}</span>
      <a href={`#${resumeFrom.id}`} className="font-medium text-accent underline underline-offset-2">
        {words.resume}
      </a>
    </div>
  ) : null;

  let completion;
  if (progress?.completedAt) {
    completion = (
      <p role="status" className="flex items-center gap-2 font-medium text-success">
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.5">
          <path d="M5 12l5 5L20 7" />
        </svg>
        {words.complete}
      </p>
    );
  } else if (progress?.readToEndAt || progress?.markedDoneAt) {
    // Read or marked, not complete: the lesson's quiz is what is missing (ADR 0003).
    completion = <p role="status" className="text-sm text-fg-muted">{words.passQuizToComplete}</p>;
  } else {
    completion = (
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

  useEffect(() => store.set({ resume, completion }));
  // Signed out (here or in another tab): the visitor's view returns.
  useEffect(() => () => store.set(NO_READING_VIEW), [store]);
  return null;
}
