"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session.server";
import * as assignments from "@/lib/assignments/assignments.server";
import { REFUSAL_MESSAGES, type ActionState } from "@/lib/classes/action-state";
import * as classes from "@/lib/classes/classes.server";
import { refusalAsResult } from "@/lib/classes/errors";
import { importRoster } from "@/lib/classes/membership.server";

// Thin wrappers: parse the form with zod, get the user, call lib (which authorizes), report.
const idSchema = z.string().min(1).max(64);
// A malformed id is refused by lib like any id the user may not touch.
const id = { parse: (value: unknown) => (idSchema.safeParse(value).success ? (value as string) : "") };
const fields = (form: FormData) => Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"));
const classPath = (classId: string) => `/instructor/classes/${classId}`;

type Outcome = { ok: boolean; fieldErrors?: Record<string, string | undefined>; message?: string };

async function run(
  work: () => Promise<Outcome>,
  success: string,
  refresh?: string,
): Promise<ActionState> {
  const result: Outcome & { error?: string } = await refusalAsResult(work);
  if (!result.ok) {
    if (result.error === "not-allowed" || result.error === "archived") return { ok: false, message: REFUSAL_MESSAGES[result.error], at: Date.now() };
    return { ok: false, message: result.message ?? "Check the highlighted fields.", fieldErrors: result.fieldErrors, at: Date.now() };
  }
  if (refresh) revalidatePath(refresh, "layout");
  return { ok: true, message: success, at: Date.now() };
}

export async function createClassAction(_: ActionState, form: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  let createdId: string | null = null;
  const state = await run(async () => {
    const result = await classes.createClass(user, fields(form));
    if (result.ok) createdId = result.id;
    return result;
  }, "Class created.");
  if (createdId) redirect(classPath(createdId));
  return state;
}

export async function updateClassAction(classId: string, _: ActionState, form: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  return run(() => classes.updateClass(user, id.parse(classId), fields(form)), "Class settings saved.", classPath(classId));
}

export async function setArchivedAction(classId: string, archived: boolean, _: ActionState): Promise<ActionState> {
  const user = await getCurrentUser();
  return run(() => classes.setClassArchived(user, id.parse(classId), z.boolean().parse(archived)), archived ? "Class archived." : "Class restored.", "/instructor");
}

export async function regenerateJoinCodeAction(classId: string, _: ActionState): Promise<ActionState> {
  const user = await getCurrentUser();
  return run(() => classes.regenerateJoinCode(user, id.parse(classId)), "New join code created. The old code no longer works.", classPath(classId));
}

export async function regenerateInviteLinkAction(classId: string, _: ActionState): Promise<ActionState> {
  const user = await getCurrentUser();
  return run(() => classes.regenerateInviteLink(user, id.parse(classId)), "New invite link created. The old link no longer works.", classPath(classId));
}

export async function removeStudentAction(classId: string, studentId: string, _: ActionState): Promise<ActionState> {
  const user = await getCurrentUser();
  return run(() => classes.removeStudent(user, id.parse(classId), id.parse(studentId)), "Student removed from the class.", classPath(classId));
}

export async function addCoInstructorAction(classId: string, _: ActionState, form: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  return run(() => classes.addCoInstructor(user, id.parse(classId), form.get("email")), "Co-instructor added.", classPath(classId));
}

export async function removeCoInstructorAction(classId: string, instructorId: string, _: ActionState): Promise<ActionState> {
  const user = await getCurrentUser();
  return run(() => classes.removeCoInstructor(user, id.parse(classId), id.parse(instructorId)), "Co-instructor removed.", classPath(classId));
}

export async function revokeInvitationAction(classId: string, invitationId: string, _: ActionState): Promise<ActionState> {
  const user = await getCurrentUser();
  return run(() => classes.revokeInvitation(user, id.parse(classId), id.parse(invitationId)), "Invitation withdrawn.", classPath(classId));
}

const rosterForm = z.object({ text: z.string().max(300_000).optional() });

export async function importRosterAction(classId: string, _: ActionState, form: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  const file = form.get("file");
  const pasted = rosterForm.safeParse({ text: form.get("text") ?? undefined });
  const text = file instanceof File && file.size > 0 ? (file.size > 300_000 ? "" : await file.text()) : pasted.success ? (pasted.data.text ?? "") : "";
  let summary = "";
  const state = await run(async () => {
    const result = await importRoster(user, id.parse(classId), text);
    if (!result.ok) return { ok: false, message: result.message };
    const parts = [
      `${result.enrolled.length} enrolled`,
      `${result.invited.length} invited`,
      result.alreadyEnrolled.length ? `${result.alreadyEnrolled.length} already in the class` : "",
      result.alreadyInvited.length ? `${result.alreadyInvited.length} already invited` : "",
      result.skipped.length ? `${result.skipped.length} skipped (instructors of this class)` : "",
      result.invalid.length ? `${result.invalid.length} not valid: ${result.invalid.slice(0, 5).join(", ")}${result.invalid.length > 5 ? "…" : ""}` : "",
    ].filter(Boolean);
    summary = `Roster imported: ${parts.join("; ")}.`;
    return { ok: true };
  }, "", classPath(classId));
  return state?.ok ? { ...state, message: summary } : state;
}

export async function createAssignmentAction(classId: string, _: ActionState, form: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  let created = false;
  const state = await run(async () => {
    const result = await assignments.createAssignment(user, id.parse(classId), fields(form));
    created = result.ok;
    return result;
  }, "Assignment created.", classPath(classId));
  if (created) redirect(`${classPath(classId)}#assignments`);
  return state;
}

export async function updateAssignmentAction(assignmentId: string, _: ActionState, form: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  return run(() => assignments.updateAssignment(user, id.parse(assignmentId), fields(form)), "Assignment saved.", "/instructor");
}

export async function deleteAssignmentAction(assignmentId: string, _: ActionState): Promise<ActionState> {
  const user = await getCurrentUser();
  let classId: string | null = null;
  const state = await run(async () => {
    const result = await assignments.deleteAssignment(user, id.parse(assignmentId));
    classId = result.classId;
    return result;
  }, "Assignment deleted.", "/instructor");
  if (classId) redirect(`${classPath(classId)}#assignments`);
  return state;
}

export async function grantExtensionAction(assignmentId: string, _: ActionState, form: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  return run(() => assignments.grantExtension(user, id.parse(assignmentId), fields(form)), "Extension saved.", "/instructor");
}

export async function removeExtensionAction(assignmentId: string, studentId: string, _: ActionState): Promise<ActionState> {
  const user = await getCurrentUser();
  return run(() => assignments.removeExtension(user, id.parse(assignmentId), id.parse(studentId)), "Extension removed.", "/instructor");
}
