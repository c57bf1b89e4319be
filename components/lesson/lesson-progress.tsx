"use client";

import { useSession } from "@/lib/auth/browser-session";
import { createContext, lazy, Suspense, useContext, useState, useSyncExternalStore, type ReactNode } from "react";
import { useAnonymousReading } from "@/components/lesson/use-anonymous-reading";
import { NO_READING_VIEW, type ProgressHeading, type ReadingStore, type ReadingView } from "./reading-view";
import type { Locale } from "@/domain/locale";

export type { ProgressHeading };

function createStore(): ReadingStore {
  let view = NO_READING_VIEW;
  const listeners = new Set<() => void>();
  return {
    get: () => view,
    set(next) {
      view = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const LessonProgressContext = createContext<ReadingStore | null>(null);

/** A signed-in learner's tracking and controls: fetched only once the session says someone is signed in. */
const SignedInReading = lazy(() => import("./signed-in-reading"));

/**
 * Tracks the reader's progress through a lesson: a visitor's milestones kept in this browser as
 * signed receipts (ADR 0302); a signed-in student's opening, last section, end and "mark
 * complete" on the server (./signed-in-reading.tsx).
 */
export function LessonProgressProvider({
  slug,
  headings,
  locale = "en",
  children,
}: {
  slug: string;
  headings: ProgressHeading[];
  locale?: Locale;
  children: ReactNode;
}) {
  const { status } = useSession();
  useAnonymousReading(slug, headings, status === "unauthenticated");
  const [store] = useState(createStore);
  return (
    <LessonProgressContext.Provider value={store}>
      {children}
      {status === "authenticated" ? (
        <Suspense fallback={null}>
          <SignedInReading slug={slug} headings={headings} locale={locale} store={store} />
        </Suspense>
      ) : null}
    </LessonProgressContext.Provider>
  );
}

function useReadingView(): ReadingView {
  const store = useContext(LessonProgressContext);
  if (!store) throw new Error("useReadingView must be used inside LessonProgressProvider");
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

/** Where the lesson offers to resume at a signed-in learner's last section. */
export function ResumeBanner() {
  return useReadingView().resume;
}

/** Below the lesson: `children` (the server's invitation to sign in, ./lesson-completion.tsx) until a signed-in learner's controls replace it. */
export function CompletionSlot({ children }: { children: ReactNode }) {
  return useReadingView().completion ?? children;
}
