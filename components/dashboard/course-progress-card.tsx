import Link from "next/link";
import type { LessonStatus } from "@/domain/learning/lesson-status";
import type { DashboardLesson } from "@/lib/dashboard/learner-dashboard.server";
import type { Locale } from "@/lib/i18n/paths";
import { dashboardWords, type DashboardWords } from "@/lib/i18n/words/dashboard";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { ProgressBar } from "../ui/progress-bar";

const TONE: Record<LessonStatus, "neutral" | "accent" | "success"> = {
  "not-started": "neutral",
  "in-progress": "accent",
  complete: "success",
};

const percent = (value: number) => `${Math.round(value * 100)}%`;

function quizLine(lesson: DashboardLesson, words: DashboardWords["progress"]): string | null {
  const quiz = lesson.quiz;
  if (!quiz) return null;
  if (quiz.finished === 0) return words.quizNotTaken(percent(quiz.passThreshold));
  const [best, latest] = [percent(quiz.best ?? 0), percent(quiz.latest ?? 0)];
  return quiz.passed ? words.quizPassed(best, latest) : words.quizNotPassed(best, latest, percent(quiz.passThreshold));
}

/** The course at a glance: overall progress and one bar per lesson (reading and quiz). */
export function CourseProgressCard({
  lessons,
  completed,
  total,
  courseProgress,
  locale = "en",
}: {
  lessons: DashboardLesson[];
  completed: number;
  total: number;
  courseProgress: number;
  locale?: Locale;
}) {
  const words = dashboardWords(locale).progress;
  return (
    <Card>
      <h2 id="course-progress-heading" className="font-semibold">
        {words.heading}
      </h2>
      <p className="mt-1 text-sm text-fg-muted">{words.summary(completed, total, percent(courseProgress))}</p>
      <ProgressBar value={courseProgress} label={words.bar} className="mt-3" />
      <ul className="mt-6 divide-y divide-border">
        {lessons.map((lesson) => {
          const status = words.status[lesson.status];
          const quiz = quizLine(lesson, words);
          return (
            <li key={lesson.slug} className="py-3">
              <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:gap-4">
                <Link href={lesson.href} className="min-w-0 flex-1 font-medium hover:text-accent">
                  {lesson.order}. {lesson.title}
                </Link>
                <ProgressBar value={lesson.progress} label={words.lessonBar(lesson.title, percent(lesson.progress), status)} className="sm:w-32" />
                <Badge tone={TONE[lesson.status]} className="self-start sm:self-auto">
                  {status}
                </Badge>
              </div>
              {lesson.status !== "not-started" && (lesson.read || quiz) ? (
                <p className="mt-1 text-sm text-fg-muted">
                  {[lesson.read ? words.read : null, quiz].filter(Boolean).join(words.separator)}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
