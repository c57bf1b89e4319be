import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { requireInstructor } from "@/lib/auth/session.server";
import { listTeachingClasses } from "@/lib/classes/teaching.server";

export const metadata: Metadata = { title: "Teaching" };

export default async function InstructorPage() {
  const user = await requireInstructor("/instructor");
  const classes = await listTeachingClasses(user);
  return (
    <div className="mx-auto max-w-5xl px-4 py-10">
      <h1 className="text-3xl font-semibold tracking-tight">Your classes</h1>
      <p className="mt-2 text-fg-muted">Students join with the class code. Assignments appear on their dashboards.</p>
      {classes.length === 0 ? (
        <Card className="mt-8">
          <p>You are not teaching any classes yet.</p>
        </Card>
      ) : (
        <ul className="mt-8 grid gap-6">
          {classes.map((classroom) => (
            <li key={classroom.id}>
              <Card>
                <div className="flex flex-wrap items-center gap-3">
                  <h2 className="text-xl font-semibold">{classroom.name}</h2>
                  {classroom.archivedAt ? <Badge>Archived</Badge> : null}
                </div>
                <dl className="mt-3 grid gap-x-8 gap-y-1 text-sm sm:grid-cols-3">
                  <div>
                    <dt className="text-fg-muted">Join code</dt>
                    <dd className="font-mono text-base font-semibold tracking-wider">{classroom.joinCode}</dd>
                  </div>
                  <div>
                    <dt className="text-fg-muted">Students</dt>
                    <dd>{classroom._count.enrollments}</dd>
                  </div>
                  <div>
                    <dt className="text-fg-muted">Time zone</dt>
                    <dd>{classroom.timeZone}</dd>
                  </div>
                </dl>
                <h3 className="mt-5 font-medium">Assignments</h3>
                {classroom.assignments.length === 0 ? (
                  <p className="text-sm text-fg-muted">None yet.</p>
                ) : (
                  <ul className="mt-2 space-y-1 text-sm">
                    {classroom.assignments.map((assignment) => (
                      <li key={assignment.id}>
                        {assignment.title} · due <LocalTime iso={assignment.dueAt.toISOString()} timeZone={classroom.timeZone} /> ·{" "}
                        {assignment.points} points
                      </li>
                    ))}
                  </ul>
                )}
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
