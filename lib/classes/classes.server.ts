import "server-only";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import type { CurrentUser } from "../auth/session.server";
import { canTeach } from "@/domain/auth/roles";
import { emailField } from "../auth/credentials";
import { TEXT_LIMITS } from "@/domain/gradebook/text";
import { isValidTimeZone } from "@/domain/gradebook/zoned-time";
import { typedText } from "../assignments/input";
import { db } from "../db.server";
import { requireTeaching } from "./access.server";
import { newJoinCode, newToken } from "./codes";
import { NotAllowedError } from "./errors";

export const classNameField = typedText({ max: TEXT_LIMITS.className, required: "Enter a name" });
export const timeZoneField = z.string().refine(isValidTimeZone, "Choose a time zone");
export const classInput = z.object({ name: classNameField, timeZone: timeZoneField });

/** Creating the same thing again this soon is taken for a double submit or a retry. */
export const REPEAT_WINDOW_MS = 30_000;

export type FieldErrors<K extends string> = Partial<Record<K, string>>;
export type FormResult<K extends string, T = object> = ({ ok: true } & T) | { ok: false; error: "invalid"; fieldErrors: FieldErrors<K>; message?: string };

export function fieldErrorsOf<K extends string>(error: z.ZodError, keys: readonly K[]): FieldErrors<K> {
  const out: FieldErrors<K> = {};
  for (const issue of error.issues) {
    const key = issue.path[0];
    if (typeof key === "string" && (keys as readonly string[]).includes(key) && !out[key as K]) out[key as K] = issue.message;
  }
  return out;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** Retries a write whose random unique value (join code, token) collided; collisions are rare. */
async function withFreshCodes<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 4) throw error;
    }
  }
}

export async function createClass(user: CurrentUser | null, raw: unknown): Promise<FormResult<"name" | "timeZone", { id: string }>> {
  if (!user || !canTeach(user.role)) throw new NotAllowedError();
  const parsed = classInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrorsOf(parsed.error, ["name", "timeZone"]) };
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
export async function updateClass(user: CurrentUser | null, classId: string, raw: unknown): Promise<FormResult<"name" | "timeZone">> {
  await requireTeaching(user, classId, { write: true });
  const parsed = classInput.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrorsOf(parsed.error, ["name", "timeZone"]) };
  await db.classroom.update({ where: { id: classId }, data: parsed.data });
  return { ok: true };
}

/** Owners only. Archiving freezes the class (read-only, hidden from students' dashboards, no joining). */
export async function setClassArchived(user: CurrentUser | null, classId: string, archived: boolean): Promise<{ ok: true }> {
  await requireTeaching(user, classId, { owner: true });
  // Conditional update: a double click does not move the archive time.
  await db.classroom.updateMany({
    where: { id: classId, archivedAt: archived ? null : { not: null } },
    data: { archivedAt: archived ? new Date() : null },
  });
  return { ok: true };
}

export async function regenerateJoinCode(user: CurrentUser | null, classId: string): Promise<{ ok: true; joinCode: string }> {
  await requireTeaching(user, classId, { write: true });
  const { joinCode } = await withFreshCodes(() => db.classroom.update({ where: { id: classId }, data: { joinCode: newJoinCode() }, select: { joinCode: true } }));
  return { ok: true, joinCode };
}

export async function regenerateInviteLink(user: CurrentUser | null, classId: string): Promise<{ ok: true; inviteToken: string }> {
  await requireTeaching(user, classId, { write: true });
  const { inviteToken } = await withFreshCodes(() =>
    db.classroom.update({ where: { id: classId }, data: { inviteToken: newToken() }, select: { inviteToken: true } }),
  );
  return { ok: true, inviteToken };
}

/** Everything the class page shows: settings, instructors, roster, pending invitations, assignments. */
export async function getClassOverview(user: CurrentUser | null, classId: string) {
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
  return { ...classroom, students, isOwner: access.isOwner, viewerId: user?.id ?? "" };
}

export async function removeStudent(user: CurrentUser | null, classId: string, studentId: string): Promise<{ ok: true }> {
  await requireTeaching(user, classId, { write: true });
  // Their own work (progress, attempts) stays theirs; only the class membership, extensions and excuses go.
  await db.$transaction([
    db.assignmentExtension.deleteMany({ where: { userId: studentId, assignment: { classId } } }),
    db.assignmentExcusal.deleteMany({ where: { userId: studentId, assignment: { classId } } }),
    db.enrollment.deleteMany({ where: { classId, userId: studentId } }),
  ]);
  return { ok: true };
}

export type AddCoInstructorResult = { ok: true } | { ok: false; error: "invalid"; fieldErrors: FieldErrors<"email"> };

/**
 * Owners only. The person must already have an instructor account (see README: who can teach);
 * instructors adding colleagues learn whether an instructor account exists for an email, which
 * is accepted. Students are refused with the same message as unknown emails.
 */
export async function addCoInstructor(user: CurrentUser | null, classId: string, rawEmail: unknown): Promise<AddCoInstructorResult> {
  await requireTeaching(user, classId, { write: true, owner: true });
  const parsed = emailField.safeParse(rawEmail);
  if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: { email: parsed.error.issues[0]?.message ?? "Enter a valid email address" } };
  const colleague = await db.user.findUnique({ where: { email: parsed.data }, select: { id: true, role: true } });
  if (!colleague || !canTeach(colleague.role)) {
    return { ok: false, error: "invalid", fieldErrors: { email: "No instructor account has this email. Ask an admin to make them an instructor first." } };
  }
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
export async function removeCoInstructor(user: CurrentUser | null, classId: string, instructorId: string): Promise<{ ok: true }> {
  await requireTeaching(user, classId, { write: true, owner: true });
  await db.classInstructor.deleteMany({ where: { classId, userId: instructorId, isOwner: false } });
  return { ok: true };
}

export async function revokeInvitation(user: CurrentUser | null, classId: string, invitationId: string): Promise<{ ok: true }> {
  await requireTeaching(user, classId, { write: true });
  await db.invitation.deleteMany({ where: { id: invitationId, classId, acceptedAt: null } });
  return { ok: true };
}
