import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session.server";
import { getLearnerDashboard } from "@/lib/dashboard/learner-dashboard.server";
import { learnerGains } from "@/lib/learning/learner.server";
import { reviewAssignmentProgress } from "@/lib/review/mastery-evidence.server";
import { reviewSummary } from "@/lib/review/queue.server";
import { localePath, pageAlternates } from "@/lib/i18n/paths";
import { dashboardWords } from "@/lib/i18n/words/dashboard";
import { AssignmentsCard } from "./assignments-card";
import { CourseProgressCard } from "./course-progress-card";
import { InvitationsCard } from "./invitations-card";
import { MasteryCard } from "./mastery-card";
import { MergePendingProgress } from "./merge-pending-progress";
import { LearningGainCard } from "./learning-gain-card";
import { NextStepCard } from "./next-step-card";
import { ReviewDueCard } from "./review-due-card";
import { RecentActivityCard } from "./recent-activity-card";
import type { Locale } from "@/domain/locale";

export function dashboardMetadata(locale: Locale): Metadata {
  return {
    title: dashboardWords(locale).title,
    alternates: pageAlternates("/dashboard", locale),
  };
}

/** A learner's own dashboard, in `locale` (assignment texts stay as their instructor wrote them). */
export async function DashboardPage({ locale }: { locale: Locale }) {
  const user = await requireUser(localePath(locale, "/dashboard"));
  const [dashboard, review, gains] = await Promise.all([getLearnerDashboard(user, locale), reviewSummary(user), learnerGains(user, locale)]);
  const reviewProgress = await reviewAssignmentProgress(user, dashboard.assignments.filter((a) => a.targetType === "REVIEW").map((a) => a.id));

  return (
    <div className="mx-auto max-w-5xl px-4 py-10">
      <MergePendingProgress />
      <h1 className="text-3xl font-semibold tracking-tight">{dashboardWords(locale).hello(user.name ?? user.email)}</h1>
      {/* Phones: next step first, then the course, then the rest; wider screens: two columns. */}
      <div className="mt-8 grid gap-6 md:grid-cols-[2fr_1fr] md:grid-rows-[auto_1fr]">
        <div className="min-w-0 space-y-6 md:col-start-2 md:row-start-1">
          <NextStepCard step={dashboard.nextStep} locale={locale} />
          <ReviewDueCard summary={review} locale={locale} />
        </div>
        <div className="min-w-0 space-y-6 md:col-start-1 md:row-span-2 md:row-start-1">
          <CourseProgressCard
            lessons={dashboard.lessons}
            completed={dashboard.completed}
            total={dashboard.total}
            courseProgress={dashboard.courseProgress}
            locale={locale}
          />
          <RecentActivityCard items={dashboard.recent} locale={locale} />
        </div>
        <div className="min-w-0 space-y-6 md:col-start-2 md:row-start-2">
          <InvitationsCard invitations={dashboard.invitations} locale={locale} />
          <MasteryCard mastery={dashboard.mastery} locale={locale} />
          <LearningGainCard rows={gains} locale={locale} />
          <AssignmentsCard assignments={dashboard.assignments} locale={locale} reviewProgress={reviewProgress} />
        </div>
      </div>
    </div>
  );
}
