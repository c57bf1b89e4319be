import { hotCallRoute } from "@/lib/http/hot-call-route.server";
import { saveLessonPositionAction } from "@/lib/progress/lesson-actions";
import { startQuizAttemptAction, submitQuizAnswerAction } from "@/lib/quiz/actions";

/** The learner's high-frequency calls as JSON (ADR 1490): the same functions as their Server Actions. */
export const POST = hotCallRoute({
  "quiz-start": startQuizAttemptAction,
  "quiz-answer": submitQuizAnswerAction,
  "reading-position": saveLessonPositionAction,
});
