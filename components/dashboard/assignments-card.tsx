import Link from "next/link";
import { formatPoints, StatusBadge } from "../instructor/status-badge";
import { TimeZoneSync } from "../instructor/time-zone-sync";
import { Badge } from "../ui/badge";
import { buttonClass } from "../ui/button";
import { Card } from "../ui/card";
import { LocalTime } from "../ui/local-time";
import type { LearnerDashboard } from "@/lib/dashboard/learner-dashboard.server";

/**
 * The student's assignments across their classes: work still to do first (soonest due), then
 * handed-in work. Due dates show in the zone their browser reported (stored on the account).
 */
export function AssignmentsCard({ assignments, timeZone }: { assignments: LearnerDashboard["assignments"]; timeZone?: string | null }) {
  const zone = timeZone ?? assignments[0]?.timeZone ?? null;
  return (
    <Card aria-labelledby="assignments-heading">
      <TimeZoneSync stored={zone} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="assignments-heading" className="font-semibold">
          Assignments
        </h2>
        <Link href="/join" className={buttonClass("secondary", "sm")}>
          Join a class
        </Link>
      </div>
      {assignments.length === 0 ? (
        <p className="mt-2 text-sm text-fg-muted">Nothing assigned to you right now. Got a class code? Join the class to see its work here.</p>
      ) : (
        <ul className="mt-3 divide-y divide-border">
          {assignments.map((assignment) => {
            const overdue = assignment.status === "missing";
            return (
              <li key={assignment.id} className="py-3 text-sm first:pt-0 last:pb-0" data-testid="student-assignment">
                <div className="flex flex-wrap items-center gap-2">
                  {assignment.href ? (
                    <Link href={assignment.href} className="font-medium hover:text-accent hover:underline">
                      {assignment.title}
                    </Link>
                  ) : (
                    <span className="font-medium">{assignment.title}</span>
                  )}
                  <StatusBadge status={assignment.status} />
                  {overdue ? (
                    <Badge tone="danger">
                      {assignment.latePolicy === "CLOSE" ? "Late: closed" : `Late${assignment.latePenaltyPercent ? ` · −${assignment.latePenaltyPercent}% if handed in now` : ""}`}
                    </Badge>
                  ) : null}
                </div>
                <p className="mt-0.5 text-fg-muted">
                  {assignment.className} · {overdue ? "was due" : "due"} <LocalTime iso={assignment.dueAt.toISOString()} timeZone={zone ?? undefined} />
                  {assignment.extended ? " (extended)" : ""} ·{" "}
                  {assignment.score !== null && assignment.status !== "in-progress"
                    ? `${formatPoints(assignment.score)} of ${assignment.points} points`
                    : `${assignment.points} points`}
                </p>
                {assignment.instructions ? <p className="mt-1 text-fg-muted">{assignment.instructions}</p> : null}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
