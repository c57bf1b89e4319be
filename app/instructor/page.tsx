import type { Metadata } from "next";
import Link from "next/link";
import { ClassForm } from "@/components/instructor/class-form";
import { UserText } from "@/components/instructor/user-text";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { timeZoneOptions } from "@/domain/gradebook/zoned-time";
import { requireInstructor } from "@/lib/auth/session.server";
import { listTeachingClasses } from "@/lib/classes/teaching.server";
import { createClassAction } from "@/lib/classes/instructor-actions";

export const metadata: Metadata = { title: "Teaching" };

export default async function InstructorPage() {
  const user = await requireInstructor("/instructor");
  const classes = await listTeachingClasses(user);
  return (
    <div className="mx-auto max-w-5xl px-4 py-10">
      <h1 className="text-3xl font-semibold tracking-tight">Your classes</h1>
      <p className="mt-2 text-fg-muted">Students join with the class code or invite link. Assignments appear on their dashboards.</p>

      <Card className="mt-8">
        <h2 className="text-lg font-semibold">Create a class</h2>
        <div className="mt-4">
          <ClassForm action={createClassAction} timeZones={timeZoneOptions()} submitLabel="Create class" />
        </div>
      </Card>

      {classes.length === 0 ? (
        <Card className="mt-6">
          <p>You are not teaching any classes yet.</p>
        </Card>
      ) : (
        <ul className="mt-6 grid gap-6">
          {classes.map((classroom) => (
            <li key={classroom.id}>
              <Card>
                <div className="flex flex-wrap items-center gap-3">
                  <h2 className="text-xl font-semibold">
                    <Link href={`/instructor/classes/${classroom.id}`} className="hover:text-accent hover:underline">
                      <UserText>{classroom.name}</UserText>
                    </Link>
                  </h2>
                  {classroom.archivedAt ? <Badge tone="warning">Archived</Badge> : null}
                  {classroom.instructors[0]?.isOwner ? null : <Badge>Co-instructor</Badge>}
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
                        <UserText>{assignment.title}</UserText> · due <LocalTime iso={assignment.dueAt.toISOString()} timeZone={classroom.timeZone} /> ·{" "}
                        {assignment.ungraded ? "ungraded practice" : `${assignment.points} points`}
                      </li>
                    ))}
                  </ul>
                )}
                <div className="mt-4 flex flex-wrap gap-3 text-sm">
                  <Link href={`/instructor/classes/${classroom.id}`} className="font-medium text-accent underline-offset-2 hover:underline">
                    Manage{" "}
                    <span className="sr-only">
                      <UserText>{classroom.name}</UserText>
                    </span>
                  </Link>
                  <Link href={`/instructor/classes/${classroom.id}/gradebook`} className="font-medium text-accent underline-offset-2 hover:underline">
                    Gradebook{" "}
                    <span className="sr-only">
                      of <UserText>{classroom.name}</UserText>
                    </span>
                  </Link>
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
