import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { instantToWallTime } from "@/domain/gradebook/zoned-time";
import { LOCALE_LANG, type Locale } from "@/domain/locale";
import { getAssignmentForEdit } from "@/lib/assignments/assignments.server";
import { requireInstructor } from "@/lib/auth/session.server";
import { catalogGroups, conceptChoices } from "@/lib/catalog.server";
import { requireTeaching } from "@/lib/classes/access.server";
import {
  createAssignmentAction,
  deleteAssignmentAction,
  excuseStudentAction,
  grantExtensionAction,
  removeExtensionAction,
  updateAssignmentAction,
  withdrawExcuseAction,
} from "@/lib/classes/instructor-actions";
import { orNotFound } from "@/lib/classes/page-guard.server";
import { formatDateTime } from "@/lib/format/date";
import { localePath } from "@/lib/i18n/paths";
import { instructorWords } from "@/lib/i18n/words/instructor";
import { AssignmentForm } from "./assignment-form";
import { ActionButton } from "./form-bits";
import { RemovableList } from "./removable-list";
import { ExcuseForm, ExtensionForm } from "./small-forms";
import { UserText } from "./user-text";

export function newAssignmentMetadata(locale: Locale): Metadata {
  return { title: instructorWords(locale).newAssignment.title };
}

export function assignmentMetadata(locale: Locale): Metadata {
  return { title: instructorWords(locale).assignment.title };
}

const DAY = 24 * 60 * 60 * 1000;

/** A new assignment for a class: opens now (to the minute), due in a week at 23:59 of that day, in the class's time zone. */
export async function NewAssignmentPage({ locale, classId }: { locale: Locale; classId: string }) {
  const user = await requireInstructor(localePath(locale, `/instructor/classes/${classId}/assignments/new`));
  const { classroom } = await orNotFound(requireTeaching(user, classId, { write: true }));
  const words = instructorWords(locale).newAssignment;
  const now = new Date();
  const opensAt = instantToWallTime(now, classroom.timeZone);
  const dueAt = `${instantToWallTime(new Date(now.getTime() + 7 * DAY), classroom.timeZone).slice(0, 10)}T23:59`;
  return (
    <Card>
      <h2 className="text-lg font-semibold">{words.title}</h2>
      <div className="mt-4">
        <AssignmentForm
          action={createAssignmentAction.bind(null, classroom.id)}
          catalog={catalogGroups(locale)}
          concepts={conceptChoices(locale)}
          timeZone={classroom.timeZone}
          submitLabel={words.submit}
          formId="new-assignment"
          locale={locale}
          defaults={{
            title: "",
            instructions: "",
            target: "",
            points: "10",
            ungraded: false,
            opensAt,
            dueAt,
            latePolicy: "ACCEPT_WITH_PENALTY",
            latePenaltyPercent: "10",
            acceptEarlierWork: false,
            concepts: [],
          }}
        />
      </div>
    </Card>
  );
}

/** One assignment: edit it, give extensions, excuse students, delete it (read-only in an archived class). */
export async function AssignmentPage({ locale, classId, assignmentId }: { locale: Locale; classId: string; assignmentId: string }) {
  const user = await requireInstructor(localePath(locale, `/instructor/classes/${classId}/assignments/${assignmentId}`));
  const data = await orNotFound(getAssignmentForEdit(user, assignmentId));
  if (data.classroom.id !== classId) notFound();
  const { classroom, assignment, form, extensions, excusals, students } = data;
  const words = instructorWords(locale).assignment;
  const lang = LOCALE_LANG[locale];
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
              {words.edit.before}
              <UserText>{assignment.title}</UserText>
              {words.edit.after}
            </>
          )}
        </h2>
        {archived ? (
          <p className="mt-2 text-sm text-fg-muted">
            {words.due} <LocalTime iso={assignment.dueAt.toISOString()} timeZone={tz} lang={lang} /> ·{" "}
            {assignment.ungraded ? words.ungraded : words.points(assignment.points)}
          </p>
        ) : (
          <div className="mt-4">
            <AssignmentForm
              action={updateAssignmentAction.bind(null, assignment.id)}
              catalog={catalogGroups(locale)}
              concepts={conceptChoices(locale)}
              timeZone={tz}
              submitLabel={words.save}
              formId={`edit-assignment-${assignment.id}`}
              defaults={form}
              locale={locale}
            />
          </div>
        )}
      </Card>

      <Card id="extensions">
        <h2 className="text-lg font-semibold">{words.extensions}</h2>
        <p className="mt-1 text-sm text-fg-muted">{words.extensionsIntro(tz.replaceAll("_", " "))}</p>
        <RemovableList
          items={extensions}
          empty={words.noExtensions}
          removal={archived ? null : (e) => ({ action: removeExtensionAction.bind(null, assignment.id, e.id), label: words.remove, accessibleName: words.removeExtension(e.name ?? e.email) })}
          locale={locale}
        >
          {(e) => (
            <>
              <UserText>{e.name ?? e.email}</UserText> · {words.extendedDue} <LocalTime iso={e.dueAt.toISOString()} timeZone={tz} lang={lang} />{" "}
              {e.effective ? null : <Badge tone="warning">{words.noEffect}</Badge>}
            </>
          )}
        </RemovableList>
        {!archived && students.length > 0 ? (
          <div className="mt-5 border-t border-border pt-5">
            <ExtensionForm
              action={grantExtensionAction.bind(null, assignment.id)}
              students={studentOptions}
              defaultDueAt={form.dueAt}
              dueLabel={words.dueLabel(formatDateTime(assignment.dueAt.toISOString(), tz, lang))}
              timeZone={tz}
              locale={locale}
            />
          </div>
        ) : null}
      </Card>

      <Card id="excused">
        <h2 className="text-lg font-semibold">{words.excused}</h2>
        <p className="mt-1 text-sm text-fg-muted">{words.excusedIntro}</p>
        <RemovableList
          items={excusals}
          empty={words.noExcused}
          removal={archived ? null : (e) => ({ action: withdrawExcuseAction.bind(null, assignment.id, e.id), label: words.withdraw, accessibleName: words.withdrawExcuse(e.name ?? e.email) })}
          locale={locale}
        >
          {(e) => (
            <>
              <UserText>{e.name ?? e.email}</UserText>
              {e.note ? (
                <>
                  {" "}
                  · <UserText className="text-fg-muted">{e.note}</UserText>
                </>
              ) : null}
              <span className="block text-xs text-fg-muted">
                {words.excusedBy} <UserText>{e.excusedBy}</UserText>, <LocalTime iso={e.createdAt.toISOString()} timeZone={tz} lang={lang} />
              </span>
            </>
          )}
        </RemovableList>
        {!archived && students.length > 0 ? (
          <div className="mt-5 border-t border-border pt-5">
            <ExcuseForm action={excuseStudentAction.bind(null, assignment.id)} students={studentOptions} locale={locale} />
          </div>
        ) : null}
      </Card>

      {!archived ? (
        <Card>
          <h2 className="text-lg font-semibold">{words.delete}</h2>
          <p className="mt-1 text-sm text-fg-muted">{words.deleteIntro}</p>
          <ActionButton
            action={deleteAssignmentAction.bind(null, assignment.id)}
            label={words.deleteSubmit}
            variant="danger"
            confirm={words.deleteConfirm(assignment.title)}
            className="mt-3"
            locale={locale}
          />
        </Card>
      ) : null}
    </div>
  );
}
