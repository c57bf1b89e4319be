"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session.server";
import * as assignments from "@/lib/assignments/assignments.server";
import { REFUSAL_MESSAGES, SESSION_ENDED_MESSAGE, type ActionState } from "@/lib/classes/action-state";
import * as classes from "@/lib/classes/classes.server";
import { refusalAsResult } from "@/lib/classes/errors";
import { importRoster } from "@/lib/classes/membership.server";

// Thin wrappers: parse the form with zod, get the user, call lib (which authorizes), report.
const idSchema = z.string().min(1).max(64);
// A malformed id is refused by lib like any id the user may not touch.
const id = { parse: (value: unknown) => (idSchema.safeParse(value).success ? (value as string) : "") };
const fields = (form: FormData): Record<string, string> => Object.fromEntries([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
const classPath = (classId: string) => `/instructor/classes/${classId}`;

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

export async function createClassAction(_: ActionState, form: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  let createdId: string | null = null;
  const state = await run(
    user,
    async (me) => {
      const result = await classes.createClass(me, fields(form));
      if (result.ok) createdId = result.id;
      return result;
    },
    "Class created.",
    undefined,
    form,
  );
  if (createdId) redirect(classPath(createdId));
  return state;
}

export async function updateClassAction(classId: string, _: ActionState, form: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  return run(user, (me) => classes.updateClass(me, id.parse(classId), fields(form)), "Class settings saved.", classPath(classId), form);
}

export async function setArchivedAction(classId: string, archived: boolean, _: ActionState): Promise<ActionState> {
  const user = await getCurrentUser();
  return run(user, (me) => classes.setClassArchived(me, id.parse(classId), z.boolean().parse(archived)), archived ? "Class archived." : "Class restored.", "/instructor");
}

export async function regenerateJoinCodeAction(classId: string, _: ActionState): Promise<ActionState> {
  const user = await getCurrentUser();
  return run(user, (me) => classes.regenerateJoinCode(me, id.parse(classId)), "New join code created. The old code no longer works.", classPath(classId));
}

export async function regenerateInviteLinkAction(classId: string, _: ActionState): Promise<ActionState> {
  const user = await getCurrentUser();
  return run(user, (me) => classes.regenerateInviteLink(me, id.parse(classId)), "New invite link created. The old link no longer works.", classPath(classId));
}

export async function removeStudentAction(classId: string, studentId: string, _: ActionState): Promise<ActionState> {
  const user = await getCurrentUser();
  return run(user, (me) => classes.removeStudent(me, id.parse(classId), id.parse(studentId)), "Student removed from the class.", classPath(classId));
}

export async function addCoInstructorAction(classId: string, _: ActionState, form: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  return run(user, (me) => classes.addCoInstructor(me, id.parse(classId), form.get("email")), "Co-instructor added.", classPath(classId), form);
}

export async function removeCoInstructorAction(classId: string, instructorId: string, _: ActionState): Promise<ActionState> {
  const user = await getCurrentUser();
  return run(user, (me) => classes.removeCoInstructor(me, id.parse(classId), id.parse(instructorId)), "Co-instructor removed.", classPath(classId));
}

export async function revokeInvitationAction(classId: string, invitationId: string, _: ActionState): Promise<ActionState> {
  const user = await getCurrentUser();
  return run(user, (me) => classes.revokeInvitation(me, id.parse(classId), id.parse(invitationId)), "Invitation withdrawn.", classPath(classId));
}

const rosterForm = z.object({ text: z.string().max(300_000).optional() });
const count = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

export async function importRosterAction(classId: string, _: ActionState, form: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  const file = form.get("file");
  const pasted = rosterForm.safeParse({ text: form.get("text") ?? undefined });
  const tooLarge = file instanceof File && file.size > 300_000;
  const text = file instanceof File && file.size > 0 ? (tooLarge ? "" : await file.text()) : pasted.success ? (pasted.data.text ?? "") : "";
  let summary = "";
  const state = await run(
    user,
    async (me) => {
      if (tooLarge) return { ok: false, message: "The file is too large: at most 1,000 rows and 256 KB." };
      const result = await importRoster(me, id.parse(classId), text);
      if (!result.ok) return { ok: false, message: result.message };
      // Counts only: an import never says who has an account.
      const parts = [
        `${count(result.invited, "invitation", "invitations")} sent${result.emailed ? ` (${result.emailed.toLocaleString("en")} by email)` : ""}`,
        result.alreadyInvited ? `${count(result.alreadyInvited, "person was", "people were")} already invited` : "",
        result.alreadyInClass ? `${count(result.alreadyInClass, "person is", "people are")} already in the class` : "",
        result.invalid.length ? `${count(result.invalid.length, "row is", "rows are")} not a valid email: ${result.invalid.slice(0, 5).join(", ")}${result.invalid.length > 5 ? "…" : ""}` : "",
      ].filter(Boolean);
      summary = `Roster imported: ${parts.join("; ")}. People join once they accept.`;
      return { ok: true };
    },
    "",
    classPath(classId),
    form,
  );
  return state?.ok ? { ...state, message: summary } : state;
}

export async function createAssignmentAction(classId: string, _: ActionState, form: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  let created = false;
  const state = await run(
    user,
    async (me) => {
      const result = await assignments.createAssignment(me, id.parse(classId), fields(form));
      created = result.ok;
      return result;
    },
    "Assignment created.",
    classPath(classId),
    form,
  );
  if (created) redirect(`${classPath(classId)}#assignments`);
  return state;
}

export async function updateAssignmentAction(assignmentId: string, _: ActionState, form: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  return run(user, (me) => assignments.updateAssignment(me, id.parse(assignmentId), fields(form)), "Assignment saved.", "/instructor", form);
}

export async function deleteAssignmentAction(assignmentId: string, _: ActionState): Promise<ActionState> {
  const user = await getCurrentUser();
  let classId: string | null = null;
  const state = await run(
    user,
    async (me) => {
      const result = await assignments.deleteAssignment(me, id.parse(assignmentId));
      classId = result.classId;
      return result;
    },
    "Assignment deleted.",
    "/instructor",
  );
  if (classId) redirect(`${classPath(classId)}#assignments`);
  return state;
}

export async function grantExtensionAction(assignmentId: string, _: ActionState, form: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  return run(user, (me) => assignments.grantExtension(me, id.parse(assignmentId), fields(form)), "Extension saved.", "/instructor", form);
}

export async function removeExtensionAction(assignmentId: string, studentId: string, _: ActionState): Promise<ActionState> {
  const user = await getCurrentUser();
  return run(user, (me) => assignments.removeExtension(me, id.parse(assignmentId), id.parse(studentId)), "Extension removed.", "/instructor");
}

export async function excuseStudentAction(assignmentId: string, _: ActionState, form: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  return run(user, (me) => assignments.excuseStudent(me, id.parse(assignmentId), fields(form)), "Student excused from this assignment.", "/instructor", form);
}

export async function withdrawExcuseAction(assignmentId: string, studentId: string, _: ActionState): Promise<ActionState> {
  const user = await getCurrentUser();
  return run(user, (me) => assignments.withdrawExcuse(me, id.parse(assignmentId), id.parse(studentId)), "Excuse withdrawn.", "/instructor");
}
