import type { Metadata } from "next";
import Link from "next/link";
import { AssignmentsCard } from "@/components/dashboard/assignments-card";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ProgressBar } from "@/components/ui/progress-bar";
import { requireUser } from "@/lib/auth/session.server";
import { getLearnerDashboard, type LessonStatus } from "@/lib/dashboard/learner-dashboard.server";

export const metadata: Metadata = { title: "Dashboard" };

const STATUS: Record<LessonStatus, { label: string; tone: "neutral" | "accent" | "success"; value: number }> = {
  "not-started": { label: "Not started", tone: "neutral", value: 0 },
  "in-progress": { label: "In progress", tone: "accent", value: 0.5 },
  complete: { label: "Complete", tone: "success", value: 1 },
};

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  const dashboard = await getLearnerDashboard(user);
  const share = dashboard.total ? dashboard.completed / dashboard.total : 0;

  return (
    <div className="mx-auto max-w-5xl px-4 py-10">
      <h1 className="text-3xl font-semibold tracking-tight">Hello, {user.name ?? user.email}</h1>
      <div className="mt-8 grid gap-6 md:grid-cols-[2fr_1fr]">
        <Card>
          <h2 className="font-semibold">Your course progress</h2>
          <p className="mt-1 text-sm text-fg-muted">
            {dashboard.completed} of {dashboard.total} lessons complete
          </p>
          <ProgressBar value={share} label="Course progress" className="mt-3" />
          <ul className="mt-6 divide-y divide-border">
            {dashboard.lessons.map((lesson) => {
              const status = STATUS[lesson.status];
              return (
                <li key={lesson.slug} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:gap-4">
                  <Link href={`/course/${lesson.slug}`} className="min-w-0 flex-1 font-medium hover:text-accent">
                    {lesson.order}. {lesson.title}
                  </Link>
                  <ProgressBar value={status.value} label={`${lesson.title}: ${status.label}`} className="sm:w-32" />
                  <Badge tone={status.tone}>{status.label}</Badge>
                </li>
              );
            })}
          </ul>
        </Card>
        <div className="space-y-6">
          <Card>
            <h2 className="font-semibold">Next step</h2>
            {dashboard.nextLesson ? (
              <>
                <p className="mt-1 text-fg-muted">{dashboard.nextLesson.title}</p>
                <ButtonLink
                  href={`/course/${dashboard.nextLesson.slug}${dashboard.nextLesson.resume ? `#${dashboard.nextLesson.resume}` : ""}`}
                  className="mt-4"
                >
                  {dashboard.nextLesson.resume ? "Resume lesson" : "Start lesson"}
                </ButtonLink>
              </>
            ) : (
              <p className="mt-1 text-fg-muted">You have completed every lesson. Well done.</p>
            )}
          </Card>
          <AssignmentsCard assignments={dashboard.assignments} />
        </div>
      </div>
    </div>
  );
}
