import "server-only";
import type { CurrentUser } from "../auth/session.server";
import { canTeach } from "@/domain/auth/roles";
import { db } from "../db.server";
import { ClassArchivedError, NotAllowedError } from "./errors";

export type TeachingAccess = {
  classroom: { id: string; name: string; timeZone: string; archivedAt: Date | null; joinCode: string; inviteToken: string };
  isOwner: boolean;
};

/**
 * The one gate for instructor reads and writes of a class: the signed-in user must have a
 * teaching role now, and teach this class (owner or co-instructor). `write` refuses archived
 * classes; `owner` refuses co-instructors. A class that does not exist is refused the same way
 * as someone else's, so ids cannot be probed.
 */
export async function requireTeaching(
  user: CurrentUser,
  classId: string,
  need: { write?: boolean; owner?: boolean } = {},
): Promise<TeachingAccess> {
  if (!canTeach(user.role) || typeof classId !== "string") throw new NotAllowedError();
  const membership = await db.classInstructor.findUnique({
    where: { classId_userId: { classId, userId: user.id } },
    select: {
      isOwner: true,
      classroom: { select: { id: true, name: true, timeZone: true, archivedAt: true, joinCode: true, inviteToken: true } },
    },
  });
  if (!membership) throw new NotAllowedError();
  if (need.owner && !membership.isOwner) throw new NotAllowedError();
  if (need.write && membership.classroom.archivedAt) throw new ClassArchivedError();
  return { classroom: membership.classroom, isOwner: membership.isOwner };
}

/** For things reached by their own id (an assignment): the class it belongs to, then the same gate. */
export async function requireTeachingAssignment(
  user: CurrentUser,
  assignmentId: string,
  need: { write?: boolean } = {},
) {
  if (typeof assignmentId !== "string") throw new NotAllowedError();
  const assignment = await db.assignment.findUnique({ where: { id: assignmentId } });
  if (!assignment) throw new NotAllowedError();
  const access = await requireTeaching(user, assignment.classId, need);
  return { ...access, assignment };
}
