import Link from "next/link";
import { formatPoints, StatusBadge } from "../instructor/status-badge";
import { TimeZoneSync } from "../instructor/time-zone-sync";
import { UserText } from "../instructor/user-text";
import { Badge } from "../ui/badge";
import { buttonClass } from "../ui/button";
import { Card } from "../ui/card";
import { LocalTime } from "../ui/local-time";
import type { LearnerDashboard } from "@/lib/dashboard/learner-dashboard.server";
import { dashboardWords } from "@/lib/i18n/words/dashboard";
import { reviewWords } from "@/lib/i18n/words/review";
import { LOCALE_LANG, type Locale } from "@/domain/locale";

/**
 * The student's assignments across their classes: work still to do first (soonest due), then
 * handed-in work. Due dates show in the zone their browser reported (stored on the account).
 */
export function AssignmentsCard({
  assignments,
  timeZone,
  locale = "en",
  reviewProgress = {},
}: {
  assignments: LearnerDashboard["assignments"];
  timeZone?: string | null;
  locale?: Locale;
  /** "Review until mastered" assignments: concepts mastered inside the window, of how many. */
  reviewProgress?: Record<string, { mastered: number; total: number }>;
}) {
  const words = dashboardWords(locale).assignments;
  const zone = timeZone ?? assignments[0]?.timeZone ?? null;
  return (
    <Card aria-labelledby="assignments-heading">
      <TimeZoneSync stored={zone} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="assignments-heading" className="font-semibold">
          {words.heading}
        </h2>
        <Link href="/join" className={buttonClass("secondary", "sm")}>
          {words.join}
        </Link>
      </div>
      {assignments.length === 0 ? (
        <p className="mt-2 text-sm text-fg-muted">{words.empty}</p>
      ) : (
        <ul className="mt-3 divide-y divide-border">
          {assignments.map((assignment) => {
            const overdue = assignment.status === "missing";
            return (
              <li key={assignment.id} className="py-3 text-sm first:pt-0 last:pb-0" data-testid="student-assignment">
                <div className="flex flex-wrap items-center gap-2">
                  {assignment.href ? (
                    <Link href={assignment.href} className="font-medium hover:text-accent hover:underline">
                      <UserText>{assignment.title}</UserText>
                    </Link>
                  ) : (
                    <UserText className="font-medium">{assignment.title}</UserText>
                  )}
                  <StatusBadge status={assignment.status} label={words.status[assignment.status]} />
                  {overdue ? (
                    <Badge tone="danger">
                      {assignment.latePolicy === "CLOSE" ? words.lateClosed : words.late(assignment.latePenaltyPercent)}
                    </Badge>
                  ) : null}
                </div>
                <p className="mt-0.5 text-fg-muted">
                  <UserText>{assignment.className}</UserText> · {overdue ? words.wasDue : words.due}{" "}
                  <LocalTime iso={assignment.dueAt.toISOString()} timeZone={zone ?? undefined} lang={LOCALE_LANG[locale]} />
                  {assignment.extended ? words.extended : ""} ·{" "}
                  {assignment.ungraded
                    ? words.ungraded
                    : assignment.score !== null
                      ? words.scored(formatPoints(assignment.score), assignment.points)
                      : words.points(assignment.points)}
                </p>
                {reviewProgress[assignment.id] ? (
                  <p className="mt-1 text-fg-muted">{reviewWords(locale).dashboard.conceptsMastered(reviewProgress[assignment.id]!.mastered, reviewProgress[assignment.id]!.total)}</p>
                ) : null}
                {assignment.hasEarlierWork && (assignment.status === "not-started" || assignment.status === "in-progress") ? (
                  <p className="mt-1 text-fg-muted">{words.earlierWork}</p>
                ) : null}
                {assignment.instructions ? (
                  <p className="mt-1 whitespace-pre-line text-fg-muted">
                    <UserText>{assignment.instructions}</UserText>
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
