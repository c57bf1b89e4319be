import "server-only";
import { dateWindow, isValidExtension, isWithinDateWindow, MAX_POINTS, pointsProblem } from "@/domain/gradebook/rules";
import type { TargetType } from "@/domain/gradebook/semantics";
import { instantToWallTime, wallTimeToInstant } from "@/domain/gradebook/zoned-time";
import type { CurrentUser } from "../auth/session.server";
import { CONCEPTS } from "@/domain/quiz/schema";
import { conceptSetId, parseConceptSet } from "@/domain/review/concept-set";
import { findCatalogItem, REVIEW_PICKER_ID } from "../catalog.server";
import { refreshAssignmentMastery } from "../review/mastery-evidence.server";
import { requireTeaching, requireTeachingAssignment } from "../classes/access.server";
import { REPEAT_WINDOW_MS } from "../classes/classes.server";
import { fieldErrorsOf, type FieldErrors, type FormResult } from "../http/form-result";
import { classActionWords, type ClassActionWords } from "../i18n/words/class-actions";
import type { Locale } from "@/domain/locale";
import { db } from "../db.server";
import { formatDateTime } from "../format/date";
import { gradeMayHaveChanged } from "../gradebook/grade-changes.server";
import { ASSIGNMENT_FIELDS, assignmentFormsIn, type AssignmentField } from "./input";

type Fields = ClassActionWords["fields"];

/** "Dec 11, 2026, 11:59 PM GMT+1": how messages name a date, in the class's zone and the page's language. */
const inZone = (date: Date, timeZone: string, locale: Locale) => formatDateTime(date.toISOString(), timeZone, locale);

/** The message for a date outside the window, naming the window's first and last day in the class's zone. */
function windowMessage(now: Date, timeZone: string, words: Fields): string {
  const { earliest, latest } = dateWindow(now);
  const day = (d: Date) => instantToWallTime(d, timeZone).slice(0, 10);
  return words.dateBetween(day(earliest), day(latest));
}

/** A wall-clock time in the class's zone as an instant inside the date window, or the message saying why not. */
function parseDate(wall: string, timeZone: string, now: Date, words: Fields): Date | string {
  const instant = wallTimeToInstant(wall, timeZone);
  if (!instant) return words.enterValidDateTime;
  if (!isWithinDateWindow(instant, now)) return windowMessage(now, timeZone, words);
  return instant;
}

/** Validates the form against the class's time zone, the date window and the catalog; returns the row's data. */
function toAssignmentData(raw: unknown, timeZone: string, now: Date, locale: Locale) {
  const words = classActionWords(locale).fields;
  const parsed = assignmentFormsIn(locale).assignment.safeParse(raw);
  if (!parsed.success) return { ok: false as const, fieldErrors: fieldErrorsOf(parsed.error, ASSIGNMENT_FIELDS) };
  const input = parsed.data;
  const fieldErrors: FieldErrors<AssignmentField> = {};
  const [type, picked] = input.target.split(":") as [TargetType, string];
  let id = picked;
  if (type === "REVIEW") {
    // The concept checkboxes name the set (concept-<id> = "on").
    const fields = (raw ?? {}) as Record<string, unknown>;
    const concepts = CONCEPTS.filter((concept) => fields[`concept-${concept}`] === "on" || fields[`concept-${concept}`] === "true");
    if (concepts.length === 0) fieldErrors.concepts = words.chooseConcepts;
    id = conceptSetId(concepts);
  } else if (!findCatalogItem(type, id)) fieldErrors.target = words.chooseCatalogItem;
  const points = input.ungraded ? 0 : input.points;
  if (!input.ungraded) {
    const problem = points === undefined || Number.isNaN(points) ? "missing" : pointsProblem(points, false);
    if (problem)
      fieldErrors.points = {
        missing: words.enterPoints,
        "not-whole": words.useWholeNumber,
        "too-few": words.tooFewPoints,
        "too-many": words.tooManyPoints(MAX_POINTS),
      }[problem];
  }
  const opensAt = parseDate(input.opensAt, timeZone, now, words);
  const dueAt = parseDate(input.dueAt, timeZone, now, words);
  if (typeof opensAt === "string") fieldErrors.opensAt = opensAt;
  if (typeof dueAt === "string") fieldErrors.dueAt = dueAt;
  if (typeof opensAt !== "string" && typeof dueAt !== "string" && dueAt.getTime() <= opensAt.getTime()) {
    fieldErrors.dueAt = words.dueAfterOpens;
  }
  if (Object.keys(fieldErrors).length || typeof opensAt === "string" || typeof dueAt === "string") return { ok: false as const, fieldErrors };
  return {
    ok: true as const,
    data: {
      title: input.title,
      instructions: input.instructions,
      targetType: type,
      targetId: id,
      points: points ?? 0,
      ungraded: input.ungraded,
      opensAt,
      dueAt,
      latePolicy: input.latePolicy,
      latePenaltyPercent: input.latePolicy === "CLOSE" ? 0 : input.latePenaltyPercent,
      acceptEarlierWork: input.acceptEarlierWork,
    },
  };
}

export type AssignmentFormResult = FormResult<AssignmentField, { id: string }>;

export async function createAssignment(user: CurrentUser, classId: string, raw: unknown, locale: Locale = "en", now = new Date()): Promise<AssignmentFormResult> {
  const { classroom } = await requireTeaching(user, classId, { write: true });
  const result = toAssignmentData(raw, classroom.timeZone, now, locale);
  if (!result.ok) return { ok: false, fieldErrors: result.fieldErrors };
  const createdById = user.id;
  // A double submit or a retried request within a few seconds is the same creation.
  const recent = await db.assignment.findFirst({
    where: { ...result.data, classId, createdById, createdAt: { gte: new Date(Date.now() - REPEAT_WINDOW_MS) } },
    select: { id: true },
  });
  if (recent) return { ok: true, id: recent.id };
  const created = await db.assignment.create({ data: { ...result.data, classId, createdById }, select: { id: true } });
  // Students who already master the concepts inside the window complete it now.
  if (result.data.targetType === "REVIEW") await refreshAssignmentMastery(created.id, now);
  return { ok: true, id: created.id };
}

/** Saves new settings; every student's grade on it may change (listeners are told). */
export async function updateAssignment(user: CurrentUser, assignmentId: string, raw: unknown, locale: Locale = "en", now = new Date()): Promise<AssignmentFormResult> {
  const { classroom } = await requireTeachingAssignment(user, assignmentId, { write: true });
  const result = toAssignmentData(raw, classroom.timeZone, now, locale);
  if (!result.ok) return { ok: false, fieldErrors: result.fieldErrors };
  await db.assignment.update({ where: { id: assignmentId }, data: result.data });
  if (result.data.targetType === "REVIEW") await refreshAssignmentMastery(assignmentId, now);
  await gradeMayHaveChanged({ kind: "assignment", assignmentId });
  return { ok: true, id: assignmentId };
}

export async function deleteAssignment(user: CurrentUser, assignmentId: string): Promise<{ ok: true; classId: string }> {
  const { assignment } = await requireTeachingAssignment(user, assignmentId, { write: true });
  await db.assignment.deleteMany({ where: { id: assignmentId } });
  return { ok: true, classId: assignment.classId };
}

/** The edit page: the assignment with its times as wall-clock values in the class's zone, extensions, excusals and the roster. */
export async function getAssignmentForEdit(user: CurrentUser, assignmentId: string) {
  const { classroom, assignment } = await requireTeachingAssignment(user, assignmentId);
  const [extensions, excusals, enrollments] = await Promise.all([
    db.assignmentExtension.findMany({
      where: { assignmentId },
      orderBy: { dueAt: "asc" },
      select: { dueAt: true, user: { select: { id: true, name: true, email: true } } },
    }),
    db.assignmentExcusal.findMany({
      where: { assignmentId },
      orderBy: { createdAt: "asc" },
      select: { note: true, createdAt: true, user: { select: { id: true, name: true, email: true } }, excusedBy: { select: { name: true, email: true } } },
    }),
    db.enrollment.findMany({ where: { classId: classroom.id }, select: { user: { select: { id: true, name: true, email: true } } } }),
  ]);
  return {
    classroom,
    assignment,
    form: {
      title: assignment.title,
      instructions: assignment.instructions,
      target: assignment.targetType === "REVIEW" ? `REVIEW:${REVIEW_PICKER_ID}` : `${assignment.targetType}:${assignment.targetId}`,
      concepts: assignment.targetType === "REVIEW" ? (parseConceptSet(assignment.targetId) ?? []) : [],
      points: assignment.ungraded ? "" : String(assignment.points),
      ungraded: assignment.ungraded,
      opensAt: instantToWallTime(assignment.opensAt, classroom.timeZone),
      dueAt: instantToWallTime(assignment.dueAt, classroom.timeZone),
      latePolicy: assignment.latePolicy,
      latePenaltyPercent: String(assignment.latePenaltyPercent),
      acceptEarlierWork: assignment.acceptEarlierWork,
    },
    // An extension the due date has since caught up with no longer changes anything: it is shown as such.
    extensions: extensions.map((e) => ({ ...e.user, dueAt: e.dueAt, effective: isValidExtension(assignment.dueAt, e.dueAt) })),
    excusals: excusals.map((e) => ({ ...e.user, note: e.note, createdAt: e.createdAt, excusedBy: e.excusedBy.name ?? e.excusedBy.email })),
    students: enrollments.map((e) => e.user).sort((a, b) => (a.name ?? a.email).localeCompare(b.name ?? b.email)),
  };
}

async function requireStudentOf(classId: string, studentId: string): Promise<boolean> {
  return Boolean(await db.enrollment.findUnique({ where: { classId_userId: { classId, userId: studentId } }, select: { id: true } }));
}

/**
 * More time for one enrolled student: the new due date must be later than the assignment's (an
 * earlier or equal date is refused, never stored). Granting again replaces it.
 */
export async function grantExtension(user: CurrentUser, assignmentId: string, raw: unknown, locale: Locale = "en", now = new Date()): Promise<FormResult<"studentId" | "dueAt">> {
  const { classroom, assignment } = await requireTeachingAssignment(user, assignmentId, { write: true });
  const words = classActionWords(locale).fields;
  const parsed = assignmentFormsIn(locale).extension.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error, ["studentId", "dueAt"]) };
  if (!(await requireStudentOf(classroom.id, parsed.data.studentId))) return { ok: false, fieldErrors: { studentId: words.chooseStudentOfClass } };
  const dueAt = parseDate(parsed.data.dueAt, classroom.timeZone, now, words);
  if (typeof dueAt === "string") return { ok: false, fieldErrors: { dueAt } };
  if (!isValidExtension(assignment.dueAt, dueAt)) return { ok: false, fieldErrors: { dueAt: words.extensionAfterDue(inZone(assignment.dueAt, classroom.timeZone, locale)) } };
  await db.assignmentExtension.upsert({
    where: { assignmentId_userId: { assignmentId, userId: parsed.data.studentId } },
    create: { assignmentId, userId: parsed.data.studentId, dueAt },
    update: { dueAt },
  });
  await gradeMayHaveChanged({ kind: "standing", userId: parsed.data.studentId, assignmentId });
  return { ok: true };
}

export async function removeExtension(user: CurrentUser, assignmentId: string, studentId: string): Promise<{ ok: true }> {
  await requireTeachingAssignment(user, assignmentId, { write: true });
  const { count } = await db.assignmentExtension.deleteMany({ where: { assignmentId, userId: studentId } });
  if (count) await gradeMayHaveChanged({ kind: "standing", userId: studentId, assignmentId });
  return { ok: true };
}

/**
 * Excuses one enrolled student from an assignment: it is then "Excused" everywhere and left out
 * of their earned and possible points. Excusing again updates the note.
 */
export async function excuseStudent(user: CurrentUser, assignmentId: string, raw: unknown, locale: Locale = "en"): Promise<FormResult<"studentId" | "note">> {
  const { classroom } = await requireTeachingAssignment(user, assignmentId, { write: true });
  const parsed = assignmentFormsIn(locale).excuse.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error, ["studentId", "note"]) };
  if (!(await requireStudentOf(classroom.id, parsed.data.studentId))) return { ok: false, fieldErrors: { studentId: classActionWords(locale).fields.chooseStudentOfClass } };
  const excusedById = user.id;
  await db.assignmentExcusal.upsert({
    where: { assignmentId_userId: { assignmentId, userId: parsed.data.studentId } },
    create: { assignmentId, userId: parsed.data.studentId, note: parsed.data.note, excusedById },
    update: { note: parsed.data.note, excusedById },
  });
  await gradeMayHaveChanged({ kind: "standing", userId: parsed.data.studentId, assignmentId });
  return { ok: true };
}

export async function withdrawExcuse(user: CurrentUser, assignmentId: string, studentId: string): Promise<{ ok: true }> {
  await requireTeachingAssignment(user, assignmentId, { write: true });
  const { count } = await db.assignmentExcusal.deleteMany({ where: { assignmentId, userId: studentId } });
  if (count) await gradeMayHaveChanged({ kind: "standing", userId: studentId, assignmentId });
  return { ok: true };
}
