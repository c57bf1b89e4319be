import type { Prisma } from "@/generated/prisma/client";
import { newJoinCode, newToken } from "@/lib/classes/codes";
import { db } from "@/lib/db.server";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** A class its owner teaches (with co-teachers and enrolled students when given), with a join code and invite link of its own. */
export async function createClassroom({
  ownerId,
  coInstructorIds = [],
  studentIds = [],
  name = "Test class",
  archivedAt,
}: {
  ownerId: string;
  coInstructorIds?: string[];
  studentIds?: string[];
  name?: string;
  archivedAt?: Date;
}) {
  return db.classroom.create({
    data: {
      name,
      joinCode: newJoinCode(),
      inviteToken: newToken(),
      ...(archivedAt ? { archivedAt } : {}),
      instructors: { create: [{ userId: ownerId, isOwner: true }, ...coInstructorIds.map((userId) => ({ userId }))] },
      enrollments: { create: studentIds.map((userId) => ({ userId })) },
    },
  });
}

/** An assignment of the header-and-flags lesson worth 10 points, opened an hour ago and due in a day, unless told otherwise. */
export async function createAssignment(fields: { classId: string; createdById: string } & Partial<Omit<Prisma.AssignmentUncheckedCreateInput, "classId" | "createdById">>) {
  return db.assignment.create({
    data: {
      title: "Read the header lesson",
      targetType: "LESSON",
      targetId: "tcp-header-and-flags",
      points: 10,
      opensAt: new Date(Date.now() - HOUR),
      dueAt: new Date(Date.now() + DAY),
      ...fields,
    },
  });
}

/**
 * The class both authorization tests work on: an owner and a co-teacher, enrolled students, a
 * lesson assignment open now and due tomorrow, and an extension of two days for the first student.
 */
export async function createClassWithAssignment({ ownerId, coInstructorId, studentIds, name }: { ownerId: string; coInstructorId: string; studentIds: [string, ...string[]]; name: string }) {
  const classroom = await createClassroom({ ownerId, coInstructorIds: [coInstructorId], studentIds, name });
  const assignment = await createAssignment({ classId: classroom.id, createdById: ownerId, title: `Assignment of ${name}` });
  await db.assignmentExtension.create({ data: { assignmentId: assignment.id, userId: studentIds[0], dueAt: new Date(Date.now() + 2 * DAY) } });
  return { classroom, assignment };
}
