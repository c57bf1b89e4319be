/** Where a learner stands on a lesson, as the dashboard shows it. */
export type LessonStatus = "not-started" | "in-progress" | "complete";
