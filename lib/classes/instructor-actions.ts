"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { localeSchema } from "@/domain/locale-schema";
import { localePath } from "@/lib/i18n/paths";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session.server";
import * as assignments from "@/lib/assignments/assignments.server";
import { invalidRequest, REFUSAL_MESSAGES, SESSION_ENDED_MESSAGE, type ActionState } from "@/lib/classes/action-state";
import * as classes from "@/lib/classes/classes.server";
import { refusalAsResult } from "@/lib/classes/errors";
import { importRoster } from "@/lib/classes/membership.server";
import { formArgument, idArgument as id, parseArguments, previousStateArgument as state } from "@/lib/http/action-arguments";

// Thin wrappers: check the arguments with zod, get the user, call lib (which authorizes and
// validates the fields), report. Arguments of the wrong shape are refused before anything runs.
const fields = (form: FormData): Record<string, string> => Object.fromEntries([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
const classPath = (classId: string) => `/instructor/classes/${classId}`;
/** The language of the page a form was sent from (its hidden `locale` field), for where a redirect leads. */
const formLocale = (form: unknown) => localeSchema.catch("en").parse(form instanceof FormData ? form.get("locale") : undefined);

type Outcome = { ok: boolean; fieldErrors?: Record<string, string | undefined>; message?: string };

/**
 * Runs one form's work for the signed-in user and reports it. Without a valid session nothing
 * runs and the form is told the session ended (it keeps what was typed and offers to sign in
 * again); a refusal or a validation error sends back the values the form sent, so nothing typed
 * is lost (ADR 0403).
 */
async function run(
  user: CurrentUser | null,
  work: (user: CurrentUser) => Promise<Outcome>,
  success: string,
  refresh?: string,
  form?: FormData,
): Promise<ActionState> {
  const values = form ? fields(form) : undefined;
  if (!user) return { ok: false, sessionEnded: true, message: SESSION_ENDED_MESSAGE, values, at: Date.now() };
  const result: Outcome & { error?: string } = await refusalAsResult(() => work(user));
  if (!result.ok) {
    if (result.error === "not-allowed" || result.error === "archived") return { ok: false, message: REFUSAL_MESSAGES[result.error], values, at: Date.now() };
    return { ok: false, message: result.message ?? "Check the highlighted fields.", fieldErrors: result.fieldErrors, values, at: Date.now() };
  }
  if (refresh) revalidatePath(refresh, "layout");
  return { ok: true, message: success, at: Date.now() };
}

export async function createClassAction(previous: ActionState, form: FormData): Promise<ActionState> {
  const input = parseArguments([previous, form], state, formArgument);
  if (!input) return invalidRequest();
  const user = await getCurrentUser();
  let createdId: string | null = null;
  const result = await run(
    user,
    async (me) => {
      const created = await classes.createClass(me, fields(form));
      if (created.ok) createdId = created.id;
      return created;
    },
    "Class created.",
    undefined,
    form,
  );
  // The new class opens in the language of the page it was created on.
  if (createdId) redirect(localePath(formLocale(form), classPath(createdId)));
  return result;
}

export async function updateClassAction(classId: string, previous: ActionState, form: FormData): Promise<ActionState> {
  if (!parseArguments([classId, previous, form], id, state, formArgument)) return invalidRequest();
  const user = await getCurrentUser();
  return run(user, (me) => classes.updateClass(me, classId, fields(form)), "Class settings saved.", classPath(classId), form);
}

export async function setArchivedAction(classId: string, archived: boolean, previous: ActionState): Promise<ActionState> {
  if (!parseArguments([classId, archived, previous], id, z.boolean(), state)) return invalidRequest();
  const user = await getCurrentUser();
  return run(user, (me) => classes.setClassArchived(me, classId, archived), archived ? "Class archived." : "Class restored.", "/instructor");
}

export async function regenerateJoinCodeAction(classId: string, previous: ActionState): Promise<ActionState> {
  if (!parseArguments([classId, previous], id, state)) return invalidRequest();
  const user = await getCurrentUser();
  return run(user, (me) => classes.regenerateJoinCode(me, classId), "New join code created. The old code no longer works.", classPath(classId));
}

export async function regenerateInviteLinkAction(classId: string, previous: ActionState): Promise<ActionState> {
  if (!parseArguments([classId, previous], id, state)) return invalidRequest();
  const user = await getCurrentUser();
  return run(user, (me) => classes.regenerateInviteLink(me, classId), "New invite link created. The old link no longer works.", classPath(classId));
}

export async function removeStudentAction(classId: string, studentId: string, previous: ActionState): Promise<ActionState> {
  if (!parseArguments([classId, studentId, previous], id, id, state)) return invalidRequest();
  const user = await getCurrentUser();
  return run(user, (me) => classes.removeStudent(me, classId, studentId), "Student removed from the class.", classPath(classId));
}

export async function addCoInstructorAction(classId: string, previous: ActionState, form: FormData): Promise<ActionState> {
  if (!parseArguments([classId, previous, form], id, state, formArgument)) return invalidRequest();
  const user = await getCurrentUser();
  return run(user, (me) => classes.addCoInstructor(me, classId, form.get("email")), "Co-instructor added.", classPath(classId), form);
}

export async function removeCoInstructorAction(classId: string, instructorId: string, previous: ActionState): Promise<ActionState> {
  if (!parseArguments([classId, instructorId, previous], id, id, state)) return invalidRequest();
  const user = await getCurrentUser();
  return run(user, (me) => classes.removeCoInstructor(me, classId, instructorId), "Co-instructor removed.", classPath(classId));
}

export async function revokeInvitationAction(classId: string, invitationId: string, previous: ActionState): Promise<ActionState> {
  if (!parseArguments([classId, invitationId, previous], id, id, state)) return invalidRequest();
  const user = await getCurrentUser();
  return run(user, (me) => classes.revokeInvitation(me, classId, invitationId), "Invitation withdrawn.", classPath(classId));
}

const rosterForm = z.object({ text: z.string().max(300_000).optional() });
const count = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

export async function importRosterAction(classId: string, previous: ActionState, form: FormData): Promise<ActionState> {
  if (!parseArguments([classId, previous, form], id, state, formArgument)) return invalidRequest();
  const user = await getCurrentUser();
  const file = form.get("file");
  const pasted = rosterForm.safeParse({ text: form.get("text") ?? undefined });
  const tooLarge = file instanceof File && file.size > 300_000;
  const text = file instanceof File && file.size > 0 ? (tooLarge ? "" : await file.text()) : pasted.success ? (pasted.data.text ?? "") : "";
  let summary = "";
  const result = await run(
    user,
    async (me) => {
      if (tooLarge) return { ok: false, message: "The file is too large: at most 1,000 rows and 256 KB." };
      const imported = await importRoster(me, classId, text, formLocale(form));
      if (!imported.ok) return { ok: false, message: imported.message };
      // Counts only: an import never says who has an account.
      const parts = [
        `${count(imported.invited, "invitation", "invitations")} sent${imported.emailed ? ` (${imported.emailed.toLocaleString("en")} by email)` : ""}`,
        imported.alreadyInvited ? `${count(imported.alreadyInvited, "person was", "people were")} already invited` : "",
        imported.alreadyInClass ? `${count(imported.alreadyInClass, "person is", "people are")} already in the class` : "",
        imported.invalid.length ? `${count(imported.invalid.length, "row is", "rows are")} not a valid email: ${imported.invalid.slice(0, 5).join(", ")}${imported.invalid.length > 5 ? "…" : ""}` : "",
      ].filter(Boolean);
      summary = `Roster imported: ${parts.join("; ")}. People join once they accept.`;
      return { ok: true };
    },
    "",
    classPath(classId),
    form,
  );
  return result?.ok ? { ...result, message: summary } : result;
}

export async function createAssignmentAction(classId: string, previous: ActionState, form: FormData): Promise<ActionState> {
  if (!parseArguments([classId, previous, form], id, state, formArgument)) return invalidRequest();
  const user = await getCurrentUser();
  let created = false;
  const result = await run(
    user,
    async (me) => {
      const saved = await assignments.createAssignment(me, classId, fields(form));
      created = saved.ok;
      return saved;
    },
    "Assignment created.",
    classPath(classId),
    form,
  );
  if (created) redirect(`${localePath(formLocale(form), classPath(classId))}#assignments`);
  return result;
}

export async function updateAssignmentAction(assignmentId: string, previous: ActionState, form: FormData): Promise<ActionState> {
  if (!parseArguments([assignmentId, previous, form], id, state, formArgument)) return invalidRequest();
  const user = await getCurrentUser();
  return run(user, (me) => assignments.updateAssignment(me, assignmentId, fields(form)), "Assignment saved.", "/instructor", form);
}

// The button's form comes after the declared arguments, unchecked: only its `locale` is read, for the redirect.
export async function deleteAssignmentAction(assignmentId: string, previous: ActionState, ...sent: unknown[]): Promise<ActionState> {
  if (!parseArguments([assignmentId, previous], id, state)) return invalidRequest();
  const user = await getCurrentUser();
  let classId: string | null = null;
  const result = await run(
    user,
    async (me) => {
      const deleted = await assignments.deleteAssignment(me, assignmentId);
      classId = deleted.classId;
      return deleted;
    },
    "Assignment deleted.",
    "/instructor",
  );
  if (classId) redirect(`${localePath(formLocale(sent[0]), classPath(classId))}#assignments`);
  return result;
}

export async function grantExtensionAction(assignmentId: string, previous: ActionState, form: FormData): Promise<ActionState> {
  if (!parseArguments([assignmentId, previous, form], id, state, formArgument)) return invalidRequest();
  const user = await getCurrentUser();
  return run(user, (me) => assignments.grantExtension(me, assignmentId, fields(form)), "Extension saved.", "/instructor", form);
}

export async function removeExtensionAction(assignmentId: string, studentId: string, previous: ActionState): Promise<ActionState> {
  if (!parseArguments([assignmentId, studentId, previous], id, id, state)) return invalidRequest();
  const user = await getCurrentUser();
  return run(user, (me) => assignments.removeExtension(me, assignmentId, studentId), "Extension removed.", "/instructor");
}

export async function excuseStudentAction(assignmentId: string, previous: ActionState, form: FormData): Promise<ActionState> {
  if (!parseArguments([assignmentId, previous, form], id, state, formArgument)) return invalidRequest();
  const user = await getCurrentUser();
  return run(user, (me) => assignments.excuseStudent(me, assignmentId, fields(form)), "Student excused from this assignment.", "/instructor", form);
}

export async function withdrawExcuseAction(assignmentId: string, studentId: string, previous: ActionState): Promise<ActionState> {
  if (!parseArguments([assignmentId, studentId, previous], id, id, state)) return invalidRequest();
  const user = await getCurrentUser();
  return run(user, (me) => assignments.withdrawExcuse(me, assignmentId, studentId), "Excuse withdrawn.", "/instructor");
}
