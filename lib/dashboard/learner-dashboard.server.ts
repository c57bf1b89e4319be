import type { CurrentUser } from "../auth/session.server";
import { listLessons } from "../content/lessons.server";
import { listStudentAssignments, type StudentAssignment } from "../assignments/student.server";
import { listLessonProgress } from "../progress/lesson-progress.server";

export type LessonStatus = "not-started" | "in-progress" | "complete";

export type LearnerDashboard = {
  lessons: Array<{ slug: string; title: string; order: number; minutes: number; status: LessonStatus; lastPosition: string | null }>;
  completed: number;
  total: number;
  nextLesson: { slug: string; title: string; resume: string | null } | null;
  /** The student's own assignments, statuses and due dates (lib/assignments/student.server.ts). */
  assignments: StudentAssignment[];
};

/** Everything on a student's dashboard; reads only the signed-in user's own rows. */
export async function getLearnerDashboard(user: CurrentUser): Promise<LearnerDashboard> {
  const [progressRows, assignments] = await Promise.all([listLessonProgress(user.id), listStudentAssignments(user)]);
  const bySlug = new Map(progressRows.map((row) => [row.lessonSlug, row]));
  const lessons = listLessons("en").map((lesson) => {
    const row = bySlug.get(lesson.slug);
    const status: LessonStatus = row?.completedAt ? "complete" : row ? "in-progress" : "not-started";
    return { slug: lesson.slug, title: lesson.title, order: lesson.order, minutes: lesson.minutes, status, lastPosition: row?.lastPosition ?? null };
  });
  const next = lessons.find((lesson) => lesson.status === "in-progress") ?? lessons.find((lesson) => lesson.status === "not-started");
  return {
    lessons,
    completed: lessons.filter((lesson) => lesson.status === "complete").length,
    total: lessons.length,
    nextLesson: next ? { slug: next.slug, title: next.title, resume: next.lastPosition } : null,
    assignments,
  };
}
