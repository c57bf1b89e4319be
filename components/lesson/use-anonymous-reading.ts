"use client";

import { useEffect } from "react";
import { recordAnonymousLessonAction } from "@/lib/progress/visitor-actions";
import { headingBeingRead } from "@/components/layout/reading-line";
import { hasLessonReceipt, saveLessonReceipt, type LessonMilestone } from "@/components/progress/lesson-receipts";

const POSITION_SAVE_DELAY_MS = 1500;

async function record(slug: string, milestone: LessonMilestone, position?: string) {
  try {
    const result = await recordAnonymousLessonAction({ slug, milestone, ...(position ? { position } : {}) });
    if (result.ok) saveLessonReceipt(slug, milestone, result.receipt);
  } catch {
    // Offline: this milestone is simply not kept.
  }
}

/**
 * A visitor's reading of a lesson (opened, last section, reached the end), kept in this browser
 * as server-signed receipts until they sign up or sign in (ADR 0302). A heading's `key` (its
 * id when absent) is what is saved as the position. Does nothing unless `active`.
 */
export function useAnonymousReading(slug: string, headings: ReadonlyArray<{ id: string; key?: string }>, active: boolean) {
  useEffect(() => {
    if (!active) return;
    if (!hasLessonReceipt(slug, "started")) void record(slug, "started");

    let timer: ReturnType<typeof setTimeout> | undefined;
    let frame = 0;
    let saved: string | null = null;
    const onScroll = () => {
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        const passed = headingBeingRead(headings);
        const position = passed ? (passed.key ?? passed.id) : null;
        if (!position || position === saved) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          saved = position;
          void record(slug, "position", position);
        }, POSITION_SAVE_DELAY_MS);
      });
    };
    window.addEventListener("scroll", onScroll, { passive: true });

    const end = document.getElementById("lesson-end");
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        if (!hasLessonReceipt(slug, "read")) void record(slug, "read");
      }
    });
    if (end) observer.observe(end);

    return () => {
      window.removeEventListener("scroll", onScroll);
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      observer.disconnect();
    };
  }, [slug, headings, active]);
}
