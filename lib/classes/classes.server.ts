import "server-only";
import { z } from "zod";
import type { CurrentUser } from "../auth/session.server";
import { canTeach } from "@/domain/auth/roles";
import { emailFieldIn } from "../auth/credentials";
import { TEXT_LIMITS } from "@/domain/gradebook/text";
import { isValidTimeZone } from "@/domain/gradebook/zoned-time";
import { typedText } from "../assignments/input";
import { db } from "../db.server";
import { retryOnUniqueViolation } from "../db/unique-retry";
import { fieldErrorsOf, type FormResult } from "../http/form-result";
import { classActionWords } from "../i18n/words/class-actions";
import type { Locale } from "@/domain/locale";
import { requireTeaching } from "./access.server";
import { newJoinCode, newToken } from "./codes";
import { NotAllowedError } from "./errors";

/** The class form (name and time zone), explaining its errors in the page's language. */
export function classInputIn(locale: Locale) {
  const words = classActionWords(locale).fields;
  return z.object({
    name: typedText({ max: TEXT_LIMITS.className, required: words.enterName, locale }),
    timeZone: z.string().refine(isValidTimeZone, words.chooseTimeZone),
  });
}

/** Creating the same thing again this soon is taken for a double submit or a retry. */
export const REPEAT_WINDOW_MS = 30_000;

/** Retries a write whose random unique value (join code, token) collided; collisions are rare. */
const withFreshCodes = <T>(write: () => Promise<T>): Promise<T> => retryOnUniqueViolation(write, 5);

export async function createClass(user: CurrentUser, raw: unknown, locale: Locale = "en"): Promise<FormResult<"name" | "timeZone", { id: string }>> {
  if (!canTeach(user.role)) throw new NotAllowedError();
  const parsed = classInputIn(locale).safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error, ["name", "timeZone"]) };
  // A double submit or a retried request within a few seconds is the same creation.
  const recent = await db.classroom.findFirst({
    where: {
      name: parsed.data.name,
      timeZone: parsed.data.timeZone,
      createdAt: { gte: new Date(Date.now() - REPEAT_WINDOW_MS) },
      instructors: { some: { userId: user.id, isOwner: true } },
    },
    select: { id: true },
  });
  if (recent) return { ok: true, id: recent.id };
  const classroom = await withFreshCodes(() =>
    db.classroom.create({
      data: {
        name: parsed.data.name,
        timeZone: parsed.data.timeZone,
        joinCode: newJoinCode(),
        inviteToken: newToken(),
        instructors: { create: { userId: user.id, isOwner: true } },
      },
      select: { id: true },
    }),
  );
  return { ok: true, id: classroom.id };
}

/** Name and time zone. Changing the zone keeps every stored instant; only how times are entered and shown changes. */
export async function updateClass(user: CurrentUser, classId: string, raw: unknown, locale: Locale = "en"): Promise<FormResult<"name" | "timeZone">> {
  await requireTeaching(user, classId, { write: true });
  const parsed = classInputIn(locale).safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error, ["name", "timeZone"]) };
  await db.classroom.update({ where: { id: classId }, data: parsed.data });
  return { ok: true };
}

/** Owners only. Archiving freezes the class (read-only, hidden from students' dashboards, no joining). */
export async function setClassArchived(user: CurrentUser, classId: string, archived: boolean): Promise<{ ok: true }> {
  await requireTeaching(user, classId, { owner: true });
  // Conditional update: a double click does not move the archive time.
  await db.classroom.updateMany({
    where: { id: classId, archivedAt: archived ? null : { not: null } },
    data: { archivedAt: archived ? new Date() : null },
  });
  return { ok: true };
}

export async function regenerateJoinCode(user: CurrentUser, classId: string): Promise<{ ok: true; joinCode: string }> {
  await requireTeaching(user, classId, { write: true });
  const { joinCode } = await withFreshCodes(() => db.classroom.update({ where: { id: classId }, data: { joinCode: newJoinCode() }, select: { joinCode: true } }));
  return { ok: true, joinCode };
}

export async function regenerateInviteLink(user: CurrentUser, classId: string): Promise<{ ok: true; inviteToken: string }> {
  await requireTeaching(user, classId, { write: true });
  const { inviteToken } = await withFreshCodes(() =>
    db.classroom.update({ where: { id: classId }, data: { inviteToken: newToken() }, select: { inviteToken: true } }),
  );
  return { ok: true, inviteToken };
}

/** Everything the class page shows: settings, instructors, roster, pending invitations, assignments. */
export async function getClassOverview(user: CurrentUser, classId: string) {
  const access = await requireTeaching(user, classId);
  const classroom = await db.classroom.findUniqueOrThrow({
    where: { id: classId },
    select: {
      id: true,
      name: true,
      timeZone: true,
      joinCode: true,
      inviteToken: true,
      archivedAt: true,
      createdAt: true,
      instructors: { orderBy: [{ isOwner: "desc" }, { addedAt: "asc" }], select: { isOwner: true, user: { select: { id: true, name: true, email: true } } } },
      enrollments: { orderBy: { joinedAt: "asc" }, select: { joinedAt: true, user: { select: { id: true, name: true, email: true } } } },
      invitations: {
        where: { acceptedAt: null },
        orderBy: { createdAt: "asc" },
        select: { id: true, email: true, token: true, createdAt: true, declinedAt: true, emailedAt: true },
      },
      assignments: {
        orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }],
        select: {
          id: true,
          title: true,
          targetType: true,
          targetId: true,
          points: true,
          ungraded: true,
          acceptEarlierWork: true,
          opensAt: true,
          dueAt: true,
          latePolicy: true,
          latePenaltyPercent: true,
        },
      },
    },
  });
  const students = classroom.enrollments
    .map((e) => ({ ...e.user, joinedAt: e.joinedAt }))
    .sort((a, b) => (a.name ?? a.email).localeCompare(b.name ?? b.email));
  return { ...classroom, students, isOwner: access.isOwner, viewerId: user.id };
}

export async function removeStudent(user: CurrentUser, classId: string, studentId: string): Promise<{ ok: true }> {
  await requireTeaching(user, classId, { write: true });
  // Their own work (progress, attempts) stays theirs; only the class membership, extensions and excuses go.
  await db.$transaction([
    db.assignmentExtension.deleteMany({ where: { userId: studentId, assignment: { classId } } }),
    db.assignmentExcusal.deleteMany({ where: { userId: studentId, assignment: { classId } } }),
    db.enrollment.deleteMany({ where: { classId, userId: studentId } }),
  ]);
  return { ok: true };
}

/**
 * Owners only. The person must already have an instructor account (see README: who can teach);
 * instructors adding colleagues learn whether an instructor account exists for an email, which
 * is accepted. Students are refused with the same message as unknown emails.
 */
export async function addCoInstructor(user: CurrentUser, classId: string, rawEmail: unknown, locale: Locale = "en"): Promise<FormResult<"email">> {
  await requireTeaching(user, classId, { write: true, owner: true });
  const words = classActionWords(locale).fields;
  const parsed = emailFieldIn(locale).safeParse(rawEmail);
  if (!parsed.success) return { ok: false, fieldErrors: { email: parsed.error.issues[0]?.message ?? words.enterEmail } };
  const colleague = await db.user.findUnique({ where: { email: parsed.data }, select: { id: true, role: true } });
  if (!colleague || !canTeach(colleague.role)) return { ok: false, fieldErrors: { email: words.noInstructorAccount } };
  await db.$transaction([
    db.classInstructor.upsert({
      where: { classId_userId: { classId, userId: colleague.id } },
      create: { classId, userId: colleague.id, isOwner: false },
      update: {},
    }),
    // Teaching and being enrolled in the same class would mix their own work into the gradebook.
    db.enrollment.deleteMany({ where: { classId, userId: colleague.id } }),
  ]);
  return { ok: true };
}

/** Owners only; the owner cannot be removed. */
export async function removeCoInstructor(user: CurrentUser, classId: string, instructorId: string): Promise<{ ok: true }> {
  await requireTeaching(user, classId, { write: true, owner: true });
  await db.classInstructor.deleteMany({ where: { classId, userId: instructorId, isOwner: false } });
  return { ok: true };
}

export async function revokeInvitation(user: CurrentUser, classId: string, invitationId: string): Promise<{ ok: true }> {
  await requireTeaching(user, classId, { write: true });
  await db.invitation.deleteMany({ where: { id: invitationId, classId, acceptedAt: null } });
  return { ok: true };
}
