"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { localePath } from "@/lib/i18n/paths";
import * as assignments from "@/lib/assignments/assignments.server";
import * as classes from "@/lib/classes/classes.server";
import { importRoster } from "@/lib/classes/membership.server";
import { formArgument, idArgument as id, parseArguments, previousStateArgument as state } from "@/lib/http/action-arguments";
import { formLanguage, invalidRequest, type ActionResult } from "@/lib/http/action-result";
import { formFields, signedInForm } from "@/lib/http/signed-in-call.server";
import { classActionWords } from "@/lib/i18n/words/class-actions";
import type { Locale } from "@/domain/locale";

// Thin wrappers: check the arguments with zod, then `signedInForm` resolves the session, calls
// lib (which authorizes and validates the fields) and reports in the language of the form (its
// hidden `locale` field; a one-button form's FormData comes last), sending back what was typed
// with every refusal (ADR 0403). Arguments of the wrong shape are refused before anything runs.
const classPath = (classId: string) => `/instructor/classes/${classId}`;
const words = (locale: Locale) => classActionWords(locale);

export async function createClassAction(previous: unknown, form: FormData): Promise<ActionResult> {
  if (!parseArguments([previous, form], state, formArgument)) return invalidRequest(formLanguage(form));
  const locale = formLanguage(form);
  let createdId: string | null = null;
  const result = await signedInForm(
    locale,
    async (me) => {
      const created = await classes.createClass(me, formFields(form), locale);
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
  return signedInForm(locale, (me) => classes.updateClass(me, classId, formFields(form), locale), words(locale).classes.saved, { refresh: classPath(classId), form });
}

export async function setArchivedAction(classId: string, archived: boolean, previous: unknown, form?: unknown): Promise<ActionResult> {
  const locale = formLanguage(form);
  if (!parseArguments([classId, archived, previous], id, z.boolean(), state)) return invalidRequest(locale);
  return signedInForm(locale, (me) => classes.setClassArchived(me, classId, archived), archived ? words(locale).classes.archived : words(locale).classes.restored, { refresh: "/instructor" });
}

export async function regenerateJoinCodeAction(classId: string, previous: unknown, form?: unknown): Promise<ActionResult> {
  const locale = formLanguage(form);
  if (!parseArguments([classId, previous], id, state)) return invalidRequest(locale);
  return signedInForm(locale, (me) => classes.regenerateJoinCode(me, classId), words(locale).classes.joinCodeRenewed, { refresh: classPath(classId) });
}

export async function regenerateInviteLinkAction(classId: string, previous: unknown, form?: unknown): Promise<ActionResult> {
  const locale = formLanguage(form);
  if (!parseArguments([classId, previous], id, state)) return invalidRequest(locale);
  return signedInForm(locale, (me) => classes.regenerateInviteLink(me, classId), words(locale).classes.inviteLinkRenewed, { refresh: classPath(classId) });
}

export async function removeStudentAction(classId: string, studentId: string, previous: unknown, form?: unknown): Promise<ActionResult> {
  const locale = formLanguage(form);
  if (!parseArguments([classId, studentId, previous], id, id, state)) return invalidRequest(locale);
  return signedInForm(locale, (me) => classes.removeStudent(me, classId, studentId), words(locale).classes.studentRemoved, { refresh: classPath(classId) });
}

export async function addCoInstructorAction(classId: string, previous: unknown, form: FormData): Promise<ActionResult> {
  if (!parseArguments([classId, previous, form], id, state, formArgument)) return invalidRequest(formLanguage(form));
  const locale = formLanguage(form);
  return signedInForm(locale, (me) => classes.addCoInstructor(me, classId, form.get("email"), locale), words(locale).classes.coInstructorAdded, { refresh: classPath(classId), form });
}

export async function removeCoInstructorAction(classId: string, instructorId: string, previous: unknown, form?: unknown): Promise<ActionResult> {
  const locale = formLanguage(form);
  if (!parseArguments([classId, instructorId, previous], id, id, state)) return invalidRequest(locale);
  return signedInForm(locale, (me) => classes.removeCoInstructor(me, classId, instructorId), words(locale).classes.coInstructorRemoved, { refresh: classPath(classId) });
}

export async function revokeInvitationAction(classId: string, invitationId: string, previous: unknown, form?: unknown): Promise<ActionResult> {
  const locale = formLanguage(form);
  if (!parseArguments([classId, invitationId, previous], id, id, state)) return invalidRequest(locale);
  return signedInForm(locale, (me) => classes.revokeInvitation(me, classId, invitationId), words(locale).classes.invitationWithdrawn, { refresh: classPath(classId) });
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
  const result = await signedInForm(
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
  const result = await signedInForm(
    locale,
    async (me) => {
      const saved = await assignments.createAssignment(me, classId, formFields(form), locale);
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
  return signedInForm(locale, (me) => assignments.updateAssignment(me, assignmentId, formFields(form), locale), words(locale).assignments.saved, { refresh: "/instructor", form });
}

export async function deleteAssignmentAction(assignmentId: string, previous: unknown, form?: unknown): Promise<ActionResult> {
  const locale = formLanguage(form);
  if (!parseArguments([assignmentId, previous], id, state)) return invalidRequest(locale);
  let classId: string | null = null;
  const result = await signedInForm(
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
  return signedInForm(locale, (me) => assignments.grantExtension(me, assignmentId, formFields(form), locale), words(locale).assignments.extensionSaved, { refresh: "/instructor", form });
}

export async function removeExtensionAction(assignmentId: string, studentId: string, previous: unknown, form?: unknown): Promise<ActionResult> {
  const locale = formLanguage(form);
  if (!parseArguments([assignmentId, studentId, previous], id, id, state)) return invalidRequest(locale);
  return signedInForm(locale, (me) => assignments.removeExtension(me, assignmentId, studentId), words(locale).assignments.extensionRemoved, { refresh: "/instructor" });
}

export async function excuseStudentAction(assignmentId: string, previous: unknown, form: FormData): Promise<ActionResult> {
  if (!parseArguments([assignmentId, previous, form], id, state, formArgument)) return invalidRequest(formLanguage(form));
  const locale = formLanguage(form);
  return signedInForm(locale, (me) => assignments.excuseStudent(me, assignmentId, formFields(form), locale), words(locale).assignments.excused, { refresh: "/instructor", form });
}

export async function withdrawExcuseAction(assignmentId: string, studentId: string, previous: unknown, form?: unknown): Promise<ActionResult> {
  const locale = formLanguage(form);
  if (!parseArguments([assignmentId, studentId, previous], id, id, state)) return invalidRequest(locale);
  return signedInForm(locale, (me) => assignments.withdrawExcuse(me, assignmentId, studentId), words(locale).assignments.excuseWithdrawn, { refresh: "/instructor" });
}
