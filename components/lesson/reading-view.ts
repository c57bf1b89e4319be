import type { ReactNode } from "react";

/**
 * A section heading of the page. `key` names the section in every language (the English
 * heading's id), so a position saved while reading in one language resumes in the other.
 */
export type ProgressHeading = { id: string; title: string; key: string };

/**
 * What the signed-in tracker (components/lesson/signed-in-reading.tsx) shows: the banner above the lesson and the
 * completion below it. Null until a signed-in learner's tracker has loaded: then the banner shows
 * nothing and the completion shows what the server rendered for a visitor.
 */
export type ReadingView = { resume: ReactNode; completion: ReactNode };

/**
 * The view, shared by the banner and the completion through a store whose identity never
 * changes: the context around the lesson body never changes value, so React never has to
 * re-render (or give up hydrating) the interactive parts inside it when the session or the
 * progress arrives (ADR 0950).
 */
export type ReadingStore = { get: () => ReadingView; set: (view: ReadingView) => void; subscribe: (listener: () => void) => () => void };

export const NO_READING_VIEW: ReadingView = { resume: null, completion: null };
