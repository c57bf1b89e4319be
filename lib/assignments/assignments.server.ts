import "server-only";
import type { CurrentUser } from "../auth/session.server";
import { findCatalogItem } from "../catalog.server";
import { requireTeaching, requireTeachingAssignment } from "../classes/access.server";
import { fieldErrorsOf, REPEAT_WINDOW_MS, type FieldErrors } from "../classes/classes.server";
import { db } from "../db.server";
import type { TargetType } from "../gradebook/semantics";
import { ASSIGNMENT_FIELDS, assignmentInput, extensionInput, type AssignmentField } from "./input";
import { instantToWallTime, wallTimeToInstant } from "./zoned-time";

export type AssignmentFormResult = { ok: true; id: string } | { ok: false; error: "invalid"; fieldErrors: FieldErrors<AssignmentField> };

/** Validates the form against the class's time zone and the catalog; returns the row's data. */
function toAssignmentData(raw: unknown, timeZone: string) {
  const parsed = assignmentInput.safeParse(raw);
  if (!parsed.success) return { ok: false as const, fieldErrors: fieldErrorsOf(parsed.error, ASSIGNMENT_FIELDS) };
  const input = parsed.data;
  const fieldErrors: FieldErrors<AssignmentField> = {};
  const [type, id] = input.target.split(":") as [TargetType, string];
  if (!findCatalogItem(type, id)) fieldErrors.target = "Choose an item from the catalog";
  const opensAt = wallTimeToInstant(input.opensAt, timeZone);
  const dueAt = wallTimeToInstant(input.dueAt, timeZone);
  if (!opensAt) fieldErrors.opensAt = "Enter a valid date and time";
  if (!dueAt) fieldErrors.dueAt = "Enter a valid date and time";
  if (opensAt && dueAt && dueAt.getTime() <= opensAt.getTime()) fieldErrors.dueAt = "The due date must be after the opening date";
  if (Object.keys(fieldErrors).length || !opensAt || !dueAt) return { ok: false as const, fieldErrors };
  return {
    ok: true as const,
    data: {
      title: input.title,
      instructions: input.instructions,
      targetType: type,
      targetId: id,
      points: input.points,
      opensAt,
      dueAt,
      latePolicy: input.latePolicy,
      latePenaltyPercent: input.latePolicy === "CLOSE" ? 0 : input.latePenaltyPercent,
    },
  };
}

export async function createAssignment(user: CurrentUser | null, classId: string, raw: unknown): Promise<AssignmentFormResult> {
  const { classroom } = await requireTeaching(user, classId, { write: true });
  const result = toAssignmentData(raw, classroom.timeZone);
  if (!result.ok) return { ok: false, error: "invalid", fieldErrors: result.fieldErrors };
  const createdById = (user as CurrentUser).id;
  // A double submit or a retried request within a few seconds is the same creation.
  const recent = await db.assignment.findFirst({
    where: { ...result.data, classId, createdById, createdAt: { gte: new Date(Date.now() - REPEAT_WINDOW_MS) } },
    select: { id: true },
  });
  if (recent) return { ok: true, id: recent.id };
  const created = await db.assignment.create({ data: { ...result.data, classId, createdById }, select: { id: true } });
  return { ok: true, id: created.id };
}

export async function updateAssignment(user: CurrentUser | null, assignmentId: string, raw: unknown): Promise<AssignmentFormResult> {
  const { classroom } = await requireTeachingAssignment(user, assignmentId, { write: true });
  const result = toAssignmentData(raw, classroom.timeZone);
  if (!result.ok) return { ok: false, error: "invalid", fieldErrors: result.fieldErrors };
  await db.assignment.update({ where: { id: assignmentId }, data: result.data });
  return { ok: true, id: assignmentId };
}

export async function deleteAssignment(user: CurrentUser | null, assignmentId: string): Promise<{ ok: true; classId: string }> {
  const { assignment } = await requireTeachingAssignment(user, assignmentId, { write: true });
  await db.assignment.deleteMany({ where: { id: assignmentId } });
  return { ok: true, classId: assignment.classId };
}

/** The edit page: the assignment with its times as wall-clock values in the class's zone, extensions and the roster. */
export async function getAssignmentForEdit(user: CurrentUser | null, assignmentId: string) {
  const { classroom, assignment } = await requireTeachingAssignment(user, assignmentId);
  const [extensions, enrollments] = await Promise.all([
    db.assignmentExtension.findMany({
      where: { assignmentId },
      orderBy: { dueAt: "asc" },
      select: { dueAt: true, user: { select: { id: true, name: true, email: true } } },
    }),
    db.enrollment.findMany({ where: { classId: classroom.id }, select: { user: { select: { id: true, name: true, email: true } } } }),
  ]);
  return {
    classroom,
    assignment,
    form: {
      title: assignment.title,
      instructions: assignment.instructions,
      target: `${assignment.targetType}:${assignment.targetId}`,
      points: assignment.points,
      opensAt: instantToWallTime(assignment.opensAt, classroom.timeZone),
      dueAt: instantToWallTime(assignment.dueAt, classroom.timeZone),
      latePolicy: assignment.latePolicy,
      latePenaltyPercent: assignment.latePenaltyPercent,
    },
    extensions: extensions.map((e) => ({ ...e.user, dueAt: e.dueAt })),
    students: enrollments.map((e) => e.user).sort((a, b) => (a.name ?? a.email).localeCompare(b.name ?? b.email)),
  };
}

export type ExtensionResult = { ok: true } | { ok: false; error: "invalid"; fieldErrors: FieldErrors<"studentId" | "dueAt"> };

/** A later (or earlier) due date for one enrolled student; granting again replaces it. */
export async function grantExtension(user: CurrentUser | null, assignmentId: string, raw: unknown): Promise<ExtensionResult> {
  const { classroom, assignment } = await requireTeachingAssignment(user, assignmentId, { write: true });
  const parsed = extensionInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrorsOf(parsed.error, ["studentId", "dueAt"]) };
  const enrolled = await db.enrollment.findUnique({ where: { classId_userId: { classId: classroom.id, userId: parsed.data.studentId } } });
  if (!enrolled) return { ok: false, error: "invalid", fieldErrors: { studentId: "Choose a student of this class" } };
  const dueAt = wallTimeToInstant(parsed.data.dueAt, classroom.timeZone);
  if (!dueAt) return { ok: false, error: "invalid", fieldErrors: { dueAt: "Enter a valid date and time" } };
  if (dueAt.getTime() <= assignment.opensAt.getTime()) return { ok: false, error: "invalid", fieldErrors: { dueAt: "The new due date must be after the opening date" } };
  await db.assignmentExtension.upsert({
    where: { assignmentId_userId: { assignmentId, userId: parsed.data.studentId } },
    create: { assignmentId, userId: parsed.data.studentId, dueAt },
    update: { dueAt },
  });
  return { ok: true };
}

export async function removeExtension(user: CurrentUser | null, assignmentId: string, studentId: string): Promise<{ ok: true }> {
  await requireTeachingAssignment(user, assignmentId, { write: true });
  await db.assignmentExtension.deleteMany({ where: { assignmentId, userId: studentId } });
  return { ok: true };
}
