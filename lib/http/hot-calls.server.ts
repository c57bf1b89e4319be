import "server-only";
import { saveLessonPositionAction } from "@/lib/progress/lesson-actions";
import { startQuizAttemptAction, submitQuizAnswerAction } from "@/lib/quiz/actions";
import type { HotCalls } from "./hot-call-route.server";

/** The learner's high-frequency calls as JSON (ADR 1490): the same functions as their Server Actions. */
export const hotCalls: HotCalls = {
  "quiz-start": startQuizAttemptAction,
  "quiz-answer": submitQuizAnswerAction,
  "reading-position": saveLessonPositionAction,
};
