import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AssignmentForm } from "@/components/instructor/assignment-form";
import { ActionButton } from "@/components/instructor/form-bits";
import { ExcuseForm, ExtensionForm } from "@/components/instructor/small-forms";
import { UserText } from "@/components/instructor/user-text";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { getAssignmentForEdit } from "@/lib/assignments/assignments.server";
import { requireInstructor } from "@/lib/auth/session.server";
import { catalogGroups, conceptChoices } from "@/lib/catalog.server";
import { orNotFound } from "@/lib/classes/page-guard.server";
import { formatDateTime } from "@/lib/format/date";
import {
  deleteAssignmentAction,
  excuseStudentAction,
  grantExtensionAction,
  removeExtensionAction,
  updateAssignmentAction,
  withdrawExcuseAction,
} from "@/lib/classes/instructor-actions";

export const metadata: Metadata = { title: "Assignment" };

export default async function AssignmentPage({ params }: { params: Promise<{ classId: string; assignmentId: string }> }) {
  const { classId, assignmentId } = await params;
  const user = await requireInstructor(`/instructor/classes/${classId}/assignments/${assignmentId}`);
  const data = await orNotFound(getAssignmentForEdit(user, assignmentId));
  if (data.classroom.id !== classId) notFound();
  const { classroom, assignment, form, extensions, excusals, students } = data;
  const archived = Boolean(classroom.archivedAt);
  const tz = classroom.timeZone;
  const studentOptions = students.map((s) => ({ id: s.id, label: s.name ? `${s.name} (${s.email})` : s.email }));
  return (
    <div className="grid grid-cols-1 gap-6">
      <Card>
        <h2 className="text-lg font-semibold">
          {archived ? (
            <UserText>{assignment.title}</UserText>
          ) : (
            <>
              Edit “<UserText>{assignment.title}</UserText>”
            </>
          )}
        </h2>
        {archived ? (
          <p className="mt-2 text-sm text-fg-muted">
            Due <LocalTime iso={assignment.dueAt.toISOString()} timeZone={tz} /> · {assignment.ungraded ? "ungraded practice" : `${assignment.points} points`}
          </p>
        ) : (
          <div className="mt-4">
            <AssignmentForm
              action={updateAssignmentAction.bind(null, assignment.id)}
              catalog={catalogGroups()}
              concepts={conceptChoices()}
              timeZone={tz}
              submitLabel="Save assignment"
              formId={`edit-assignment-${assignment.id}`}
              defaults={form}
            />
          </div>
        )}
      </Card>

      <Card id="extensions">
        <h2 className="text-lg font-semibold">Extensions</h2>
        <p className="mt-1 text-sm text-fg-muted">
          A student with an extension is late only after their own due date, which must be later than the assignment&apos;s. Times in {tz.replaceAll("_", " ")}.
        </p>
        {extensions.length === 0 ? (
          <p className="mt-3 text-sm">No extensions.</p>
        ) : (
          <ul className="mt-3 divide-y divide-border text-sm">
            {extensions.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center gap-3 py-2">
                <span className="min-w-0 flex-1">
                  <UserText>{e.name ?? e.email}</UserText> · due <LocalTime iso={e.dueAt.toISOString()} timeZone={tz} />{" "}
                  {e.effective ? null : <Badge tone="warning">no longer later than the due date: has no effect</Badge>}
                </span>
                {!archived ? (
                  <ActionButton action={removeExtensionAction.bind(null, assignment.id, e.id)} label="Remove" accessibleName={`Remove extension for ${e.name ?? e.email}`} variant="ghost" />
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {!archived && students.length > 0 ? (
          <div className="mt-5 border-t border-border pt-5">
            <ExtensionForm
              action={grantExtensionAction.bind(null, assignment.id)}
              students={studentOptions}
              defaultDueAt={form.dueAt}
              dueLabel={`the due date, ${formatDateTime(assignment.dueAt.toISOString(), tz)}`}
              timeZone={tz}
            />
          </div>
        ) : null}
      </Card>

      <Card id="excused">
        <h2 className="text-lg font-semibold">Excused students</h2>
        <p className="mt-1 text-sm text-fg-muted">An excused student&apos;s assignment shows as Excused and is left out of their total (neither earned nor possible).</p>
        {excusals.length === 0 ? (
          <p className="mt-3 text-sm">Nobody is excused.</p>
        ) : (
          <ul className="mt-3 divide-y divide-border text-sm">
            {excusals.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center gap-3 py-2">
                <span className="min-w-0 flex-1">
                  <UserText>{e.name ?? e.email}</UserText>
                  {e.note ? (
                    <>
                      {" "}
                      · <UserText className="text-fg-muted">{e.note}</UserText>
                    </>
                  ) : null}
                  <span className="block text-xs text-fg-muted">
                    by <UserText>{e.excusedBy}</UserText>, <LocalTime iso={e.createdAt.toISOString()} timeZone={tz} />
                  </span>
                </span>
                {!archived ? (
                  <ActionButton action={withdrawExcuseAction.bind(null, assignment.id, e.id)} label="Withdraw" accessibleName={`Withdraw excuse for ${e.name ?? e.email}`} variant="ghost" />
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {!archived && students.length > 0 ? (
          <div className="mt-5 border-t border-border pt-5">
            <ExcuseForm action={excuseStudentAction.bind(null, assignment.id)} students={studentOptions} />
          </div>
        ) : null}
      </Card>

      {!archived ? (
        <Card>
          <h2 className="text-lg font-semibold">Delete</h2>
          <p className="mt-1 text-sm text-fg-muted">Students&apos; own work is kept; the assignment, its extensions and excuses are removed.</p>
          <ActionButton
            action={deleteAssignmentAction.bind(null, assignment.id)}
            label="Delete assignment"
            variant="danger"
            confirm={`Delete “${assignment.title}”?`}
            className="mt-3"
          />
        </Card>
      ) : null}
    </div>
  );
}
