import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AssignmentForm } from "@/components/instructor/assignment-form";
import { ActionButton } from "@/components/instructor/form-bits";
import { ExtensionForm } from "@/components/instructor/small-forms";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { getAssignmentForEdit } from "@/lib/assignments/assignments.server";
import { requireInstructor } from "@/lib/auth/session.server";
import { catalogGroups } from "@/lib/catalog.server";
import { orNotFound } from "@/lib/classes/page-guard.server";
import { deleteAssignmentAction, grantExtensionAction, removeExtensionAction, updateAssignmentAction } from "../../../../actions";

export const metadata: Metadata = { title: "Assignment" };

export default async function AssignmentPage({ params }: { params: Promise<{ classId: string; assignmentId: string }> }) {
  const { classId, assignmentId } = await params;
  const user = await requireInstructor(`/instructor/classes/${classId}/assignments/${assignmentId}`);
  const data = await orNotFound(getAssignmentForEdit(user, assignmentId));
  if (data.classroom.id !== classId) notFound();
  const { classroom, assignment, form, extensions, students } = data;
  const archived = Boolean(classroom.archivedAt);
  return (
    <div className="grid grid-cols-1 gap-6">
      <Card>
        <h2 className="text-lg font-semibold">{archived ? assignment.title : `Edit “${assignment.title}”`}</h2>
        {archived ? (
          <p className="mt-2 text-sm text-fg-muted">
            Due <LocalTime iso={assignment.dueAt.toISOString()} timeZone={classroom.timeZone} /> · {assignment.points} points
          </p>
        ) : (
          <div className="mt-4">
            <AssignmentForm
              action={updateAssignmentAction.bind(null, assignment.id)}
              catalog={catalogGroups()}
              timeZone={classroom.timeZone}
              submitLabel="Save assignment"
              defaults={form}
            />
          </div>
        )}
      </Card>

      <Card id="extensions">
        <h2 className="text-lg font-semibold">Extensions</h2>
        <p className="mt-1 text-sm text-fg-muted">A student with an extension is late only after their own due date. Times in {classroom.timeZone.replaceAll("_", " ")}.</p>
        {extensions.length === 0 ? (
          <p className="mt-3 text-sm">No extensions.</p>
        ) : (
          <ul className="mt-3 divide-y divide-border text-sm">
            {extensions.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center gap-3 py-2">
                <span className="min-w-0 flex-1">
                  {e.name ?? e.email} · due <LocalTime iso={e.dueAt.toISOString()} timeZone={classroom.timeZone} />
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
              students={students.map((s) => ({ id: s.id, label: s.name ? `${s.name} (${s.email})` : s.email }))}
              defaultDueAt={form.dueAt}
              timeZone={classroom.timeZone}
            />
          </div>
        ) : null}
      </Card>

      {!archived ? (
        <Card>
          <h2 className="text-lg font-semibold">Delete</h2>
          <p className="mt-1 text-sm text-fg-muted">Students&apos; own work is kept; the assignment and its extensions are removed.</p>
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
