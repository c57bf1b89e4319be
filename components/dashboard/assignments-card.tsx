import { Card } from "../ui/card";
import { LocalTime } from "../ui/local-time";
import type { LearnerDashboard } from "@/lib/dashboard/learner-dashboard.server";

/** The student's assignments across their classes, soonest due first. */
export function AssignmentsCard({ assignments }: { assignments: LearnerDashboard["assignments"] }) {
  return (
    <Card>
      <h2 className="font-semibold">Assignments</h2>
      {assignments.length === 0 ? (
        <p className="mt-1 text-sm text-fg-muted">Nothing assigned to you right now.</p>
      ) : (
        <ul className="mt-3 space-y-3">
          {assignments.map((assignment) => (
            <li key={assignment.id} className="text-sm">
              <p className="font-medium">{assignment.title}</p>
              <p className="text-fg-muted">
                {assignment.className} · due <LocalTime iso={assignment.dueAt.toISOString()} /> · {assignment.points} points
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
