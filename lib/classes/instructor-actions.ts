"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { localePath } from "@/lib/i18n/paths";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session.server";
import * as assignments from "@/lib/assignments/assignments.server";
import * as classes from "@/lib/classes/classes.server";
import { refusalAsResult } from "@/lib/classes/errors";
import { importRoster } from "@/lib/classes/membership.server";
import { formArgument, idArgument as id, parseArguments, previousStateArgument as state } from "@/lib/http/action-arguments";
import { formLanguage, invalidRequest, refused, sessionEnded, type ActionResult } from "@/lib/http/action-result";
import type { FormResult } from "@/lib/http/form-result";
import { actionWords } from "@/lib/i18n/words/actions";
import { classActionWords } from "@/lib/i18n/words/class-actions";
import type { Locale } from "@/domain/locale";

// Thin wrappers: check the arguments with zod, resolve the session, call lib (which authorizes
// and validates the fields), report in the language of the form (its hidden `locale` field; a
// one-button form's FormData comes last). Arguments of the wrong shape are refused before
// anything runs.
const fields = (form: FormData): Record<string, string> => Object.fromEntries([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
const classPath = (classId: string) => `/instructor/classes/${classId}`;
const words = (locale: Locale) => classActionWords(locale);

/**
 * Runs one form's work for the signed-in user and reports it. Without a valid session nothing
 * runs and the form is told the session ended (it keeps what was typed and offers to sign in
 * again); a refusal or a validation error sends back the values the form sent, so nothing typed
 * is lost (ADR 0403).
 */
async function run(
  locale: Locale,
  work: (user: CurrentUser) => Promise<FormResult<string>>,
  success: string,
  { refresh, form }: { refresh?: string; form?: FormData } = {},
): Promise<ActionResult> {
  const values = form ? fields(form) : undefined;
  const user = await getCurrentUser();
  if (!user) return sessionEnded(locale, values);
  const result = await refusalAsResult(() => work(user));
  if (!result.ok) {
    if ("refusal" in result) return refused(result.refusal, actionWords(locale).refusals[result.refusal], values);
    return { ok: false, message: result.formError ?? actionWords(locale).checkFields, fieldErrors: result.fieldErrors, values, at: Date.now() };
  }
  if (refresh) revalidatePath(refresh, "layout");
  return { ok: true, message: success, at: Date.now() };
}

export async function createClassAction(previous: unknown, form: FormData): Promise<ActionResult> {
  if (!parseArguments([previous, form], state, formArgument)) return invalidRequest(formLanguage(form));
  const locale = formLanguage(form);
  let createdId: string | null = null;
  const result = await run(
    locale,
    async (me) => {
      const created = await classes.createClass(me, fields(form), locale);
      if (created.ok) createdId = created.id;
      return created;
    },
    words(locale).classes.created,
    { form },
  );
  // The new class opens in the language of the page it was created on.
  if (createdId) redirect(localePath(locale, classPath(createdId)));
  return result;
}

export async function updateClassAction(classId: string, previous: unknown, form: FormData): Promise<ActionResult> {
  if (!parseArguments([classId, previous, form], id, state, formArgument)) return invalidRequest(formLanguage(form));
  const locale = formLanguage(form);
  return run(locale, (me) => classes.updateClass(me, classId, fields(form), locale), words(locale).classes.saved, { refresh: classPath(classId), form });
}

export async function setArchivedAction(classId: string, archived: boolean, previous: unknown, form?: unknown): Promise<ActionResult> {
  const locale = formLanguage(form);
  if (!parseArguments([classId, archived, previous], id, z.boolean(), state)) return invalidRequest(locale);
  return run(locale, (me) => classes.setClassArchived(me, classId, archived), archived ? words(locale).classes.archived : words(locale).classes.restored, { refresh: "/instructor" });
}

export async function regenerateJoinCodeAction(classId: string, previous: unknown, form?: unknown): Promise<ActionResult> {
  const locale = formLanguage(form);
  if (!parseArguments([classId, previous], id, state)) return invalidRequest(locale);
  return run(locale, (me) => classes.regenerateJoinCode(me, classId), words(locale).classes.joinCodeRenewed, { refresh: classPath(classId) });
}

export async function regenerateInviteLinkAction(classId: string, previous: unknown, form?: unknown): Promise<ActionResult> {
  const locale = formLanguage(form);
  if (!parseArguments([classId, previous], id, state)) return invalidRequest(locale);
  return run(locale, (me) => classes.regenerateInviteLink(me, classId), words(locale).classes.inviteLinkRenewed, { refresh: classPath(classId) });
}

export async function removeStudentAction(classId: string, studentId: string, previous: unknown, form?: unknown): Promise<ActionResult> {
  const locale = formLanguage(form);
  if (!parseArguments([classId, studentId, previous], id, id, state)) return invalidRequest(locale);
  return run(locale, (me) => classes.removeStudent(me, classId, studentId), words(locale).classes.studentRemoved, { refresh: classPath(classId) });
}

export async function addCoInstructorAction(classId: string, previous: unknown, form: FormData): Promise<ActionResult> {
  if (!parseArguments([classId, previous, form], id, state, formArgument)) return invalidRequest(formLanguage(form));
  const locale = formLanguage(form);
  return run(locale, (me) => classes.addCoInstructor(me, classId, form.get("email"), locale), words(locale).classes.coInstructorAdded, { refresh: classPath(classId), form });
}

export async function removeCoInstructorAction(classId: string, instructorId: string, previous: unknown, form?: unknown): Promise<ActionResult> {
  const locale = formLanguage(form);
  if (!parseArguments([classId, instructorId, previous], id, id, state)) return invalidRequest(locale);
  return run(locale, (me) => classes.removeCoInstructor(me, classId, instructorId), words(locale).classes.coInstructorRemoved, { refresh: classPath(classId) });
}

export async function revokeInvitationAction(classId: string, invitationId: string, previous: unknown, form?: unknown): Promise<ActionResult> {
  const locale = formLanguage(form);
  if (!parseArguments([classId, invitationId, previous], id, id, state)) return invalidRequest(locale);
  return run(locale, (me) => classes.revokeInvitation(me, classId, invitationId), words(locale).classes.invitationWithdrawn, { refresh: classPath(classId) });
}

const rosterForm = z.object({ text: z.string().max(300_000).optional() });

export async function importRosterAction(classId: string, previous: unknown, form: FormData): Promise<ActionResult> {
  if (!parseArguments([classId, previous, form], id, state, formArgument)) return invalidRequest(formLanguage(form));
  const locale = formLanguage(form);
  const file = form.get("file");
  const pasted = rosterForm.safeParse({ text: form.get("text") ?? undefined });
  const tooLarge = file instanceof File && file.size > 300_000;
  const text = file instanceof File && file.size > 0 ? (tooLarge ? "" : await file.text()) : pasted.success ? (pasted.data.text ?? "") : "";
  let summary = "";
  const result = await run(
    locale,
    async (me) => {
      if (tooLarge) return { ok: false, fieldErrors: {}, formError: words(locale).classes.rosterTooLarge };
      const imported = await importRoster(me, classId, text, locale);
      if (imported.ok) summary = words(locale).classes.rosterImported(imported);
      return imported;
    },
    "",
    { refresh: classPath(classId), form },
  );
  return result.ok ? { ...result, message: summary } : result;
}

export async function createAssignmentAction(classId: string, previous: unknown, form: FormData): Promise<ActionResult> {
  if (!parseArguments([classId, previous, form], id, state, formArgument)) return invalidRequest(formLanguage(form));
  const locale = formLanguage(form);
  let created = false;
  const result = await run(
    locale,
    async (me) => {
      const saved = await assignments.createAssignment(me, classId, fields(form), locale);
      created = saved.ok;
      return saved;
    },
    words(locale).assignments.created,
    { refresh: classPath(classId), form },
  );
  if (created) redirect(`${localePath(locale, classPath(classId))}#assignments`);
  return result;
}

export async function updateAssignmentAction(assignmentId: string, previous: unknown, form: FormData): Promise<ActionResult> {
  if (!parseArguments([assignmentId, previous, form], id, state, formArgument)) return invalidRequest(formLanguage(form));
  const locale = formLanguage(form);
  return run(locale, (me) => assignments.updateAssignment(me, assignmentId, fields(form), locale), words(locale).assignments.saved, { refresh: "/instructor", form });
}

export async function deleteAssignmentAction(assignmentId: string, previous: unknown, form?: unknown): Promise<ActionResult> {
  const locale = formLanguage(form);
  if (!parseArguments([assignmentId, previous], id, state)) return invalidRequest(locale);
  let classId: string | null = null;
  const result = await run(
    locale,
    async (me) => {
      const deleted = await assignments.deleteAssignment(me, assignmentId);
      classId = deleted.classId;
      return deleted;
    },
    words(locale).assignments.deleted,
    { refresh: "/instructor" },
  );
  if (classId) redirect(`${localePath(locale, classPath(classId))}#assignments`);
  return result;
}

export async function grantExtensionAction(assignmentId: string, previous: unknown, form: FormData): Promise<ActionResult> {
  if (!parseArguments([assignmentId, previous, form], id, state, formArgument)) return invalidRequest(formLanguage(form));
  const locale = formLanguage(form);
  return run(locale, (me) => assignments.grantExtension(me, assignmentId, fields(form), locale), words(locale).assignments.extensionSaved, { refresh: "/instructor", form });
}

export async function removeExtensionAction(assignmentId: string, studentId: string, previous: unknown, form?: unknown): Promise<ActionResult> {
  const locale = formLanguage(form);
  if (!parseArguments([assignmentId, studentId, previous], id, id, state)) return invalidRequest(locale);
  return run(locale, (me) => assignments.removeExtension(me, assignmentId, studentId), words(locale).assignments.extensionRemoved, { refresh: "/instructor" });
}

export async function excuseStudentAction(assignmentId: string, previous: unknown, form: FormData): Promise<ActionResult> {
  if (!parseArguments([assignmentId, previous, form], id, state, formArgument)) return invalidRequest(formLanguage(form));
  const locale = formLanguage(form);
  return run(locale, (me) => assignments.excuseStudent(me, assignmentId, fields(form), locale), words(locale).assignments.excused, { refresh: "/instructor", form });
}

export async function withdrawExcuseAction(assignmentId: string, studentId: string, previous: unknown, form?: unknown): Promise<ActionResult> {
  const locale = formLanguage(form);
  if (!parseArguments([assignmentId, studentId, previous], id, id, state)) return invalidRequest(locale);
  return run(locale, (me) => assignments.withdrawExcuse(me, assignmentId, studentId), words(locale).assignments.excuseWithdrawn, { refresh: "/instructor" });
}
