import "server-only";
import type { CurrentUser } from "../auth/session.server";
import { canTeach } from "@/domain/auth/roles";
import { db } from "../db.server";
import { NotAllowedError } from "./errors";

/** The classes an instructor teaches (owner or co-instructor), never anyone else's. */
export async function listTeachingClasses(user: CurrentUser) {
  if (!canTeach(user.role)) throw new NotAllowedError();
  return db.classroom.findMany({
    where: { instructors: { some: { userId: user.id } } },
    orderBy: [{ archivedAt: "asc" }, { createdAt: "desc" }],
    select: {
      id: true,
      name: true,
      joinCode: true,
      timeZone: true,
      archivedAt: true,
      instructors: { where: { userId: user.id }, select: { isOwner: true } },
      _count: { select: { enrollments: true } },
      assignments: { orderBy: { dueAt: "asc" }, select: { id: true, title: true, dueAt: true, points: true, ungraded: true, targetType: true } },
    },
  });
}
