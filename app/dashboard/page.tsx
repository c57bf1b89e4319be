import type { Metadata } from "next";
import { AssignmentsCard } from "@/components/dashboard/assignments-card";
import { CourseProgressCard } from "@/components/dashboard/course-progress-card";
import { MasteryCard } from "@/components/dashboard/mastery-card";
import { MergePendingProgress } from "@/components/dashboard/merge-pending-progress";
import { NextStepCard } from "@/components/dashboard/next-step-card";
import { RecentActivityCard } from "@/components/dashboard/recent-activity-card";
import { requireUser } from "@/lib/auth/session.server";
import { getLearnerDashboard } from "@/lib/dashboard/learner-dashboard.server";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  const dashboard = await getLearnerDashboard(user);

  return (
    <div className="mx-auto max-w-5xl px-4 py-10">
      <MergePendingProgress />
      <h1 className="text-3xl font-semibold tracking-tight">Hello, {user.name ?? user.email}</h1>
      {/* Phones: next step first, then the course, then the rest; wider screens: two columns. */}
      <div className="mt-8 grid gap-6 md:grid-cols-[2fr_1fr] md:grid-rows-[auto_1fr]">
        <div className="min-w-0 md:col-start-2 md:row-start-1">
          <NextStepCard step={dashboard.nextStep} />
        </div>
        <div className="min-w-0 space-y-6 md:col-start-1 md:row-span-2 md:row-start-1">
          <CourseProgressCard lessons={dashboard.lessons} completed={dashboard.completed} total={dashboard.total} courseProgress={dashboard.courseProgress} />
          <RecentActivityCard items={dashboard.recent} />
        </div>
        <div className="min-w-0 space-y-6 md:col-start-2 md:row-start-2">
          <MasteryCard mastery={dashboard.mastery} />
          <AssignmentsCard assignments={dashboard.assignments} />
        </div>
      </div>
    </div>
  );
}
