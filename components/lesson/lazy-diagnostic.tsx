"use client";

/**
 * The diagnostic box at a lesson's end as the lesson embeds it: the server's HTML, its code (a
 * signed-in learner's results) loaded when the reader approaches it (components/ui/on-demand.tsx).
 */
import { onDemand } from "../ui/on-demand";

export const LessonDiagnosticEnd = onDemand(() => import("../learning/lesson-diagnostic").then((module) => module.LessonDiagnostic));
