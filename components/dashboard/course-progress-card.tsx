import Link from "next/link";
import type { DashboardLesson, LessonStatus } from "@/lib/dashboard/learner-dashboard.server";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { ProgressBar } from "../ui/progress-bar";

const STATUS: Record<LessonStatus, { label: string; tone: "neutral" | "accent" | "success" }> = {
  "not-started": { label: "Not started", tone: "neutral" },
  "in-progress": { label: "In progress", tone: "accent" },
  complete: { label: "Complete", tone: "success" },
};

const percent = (value: number) => `${Math.round(value * 100)}%`;

function quizLine(lesson: DashboardLesson): string | null {
  const quiz = lesson.quiz;
  if (!quiz) return null;
  if (quiz.finished === 0) return `Quiz not taken yet (pass mark ${percent(quiz.passThreshold)})`;
  const scores = `best ${percent(quiz.best ?? 0)}, latest ${percent(quiz.latest ?? 0)}`;
  return quiz.passed ? `Quiz passed: ${scores}` : `Quiz not passed yet: ${scores}; ${percent(quiz.passThreshold)} needed`;
}

/** The course at a glance: overall progress and one bar per lesson (reading and quiz). */
export function CourseProgressCard({ lessons, completed, total, courseProgress }: { lessons: DashboardLesson[]; completed: number; total: number; courseProgress: number }) {
  return (
    <Card>
      <h2 id="course-progress-heading" className="font-semibold">
        Your course progress
      </h2>
      <p className="mt-1 text-sm text-fg-muted">
        {completed} of {total} lessons complete · {percent(courseProgress)} of the course
      </p>
      <ProgressBar value={courseProgress} label="Course progress" className="mt-3" />
      <ul className="mt-6 divide-y divide-border">
        {lessons.map((lesson) => {
          const status = STATUS[lesson.status];
          const quiz = quizLine(lesson);
          return (
            <li key={lesson.slug} className="py-3">
              <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:gap-4">
                <Link href={`/course/${lesson.slug}`} className="min-w-0 flex-1 font-medium hover:text-accent">
                  {lesson.order}. {lesson.title}
                </Link>
                <ProgressBar value={lesson.progress} label={`${lesson.title}: ${percent(lesson.progress)}, ${status.label}`} className="sm:w-32" />
                <Badge tone={status.tone} className="self-start sm:self-auto">
                  {status.label}
                </Badge>
              </div>
              {lesson.status !== "not-started" && (lesson.read || quiz) ? (
                <p className="mt-1 text-sm text-fg-muted">
                  {[lesson.read ? "Read" : null, quiz].filter(Boolean).join(" · ")}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
