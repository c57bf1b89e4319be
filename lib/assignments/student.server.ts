import "server-only";
import type { CurrentUser } from "../auth/session.server";
import { findCatalogItem } from "../catalog.server";
import { NotAllowedError } from "../classes/errors";
import { acceptPendingInvitations } from "../classes/membership.server";
import { db } from "../db.server";
import { assignmentResult, type SubmissionStatus, type TargetType } from "../gradebook/semantics";
import { loadStudentWork } from "../gradebook/work.server";
import { isValidTimeZone } from "./zoned-time";

export type StudentAssignment = {
  id: string;
  title: string;
  instructions: string;
  className: string;
  targetType: TargetType;
  targetId: string;
  href: string | null;
  points: number;
  /** The student's own due date: their extension if they have one. */
  dueAt: Date;
  extended: boolean;
  status: SubmissionStatus;
  score: number | null;
  latePolicy: "ACCEPT_WITH_PENALTY" | "CLOSE";
  latePenaltyPercent: number;
  /** The zone the student's browser reported (User.timeZone), to show the due date in; null until known. */
  timeZone: string | null;
};

/**
 * The signed-in student's open assignments across their active classes, with their own status
 * and due date. Reads only the user's own rows. Accepts pending roster invitations for their
 * email first, so a student invited before they had an account sees the class on first visit.
 */
export async function listStudentAssignments(user: CurrentUser | null, now = new Date()): Promise<StudentAssignment[]> {
  if (!user) throw new NotAllowedError();
  await acceptPendingInvitations(user);
  const [enrollments, me] = await Promise.all([
    db.enrollment.findMany({
      where: { userId: user.id, classroom: { archivedAt: null } },
      select: {
        classroom: {
          select: {
            name: true,
            assignments: {
              where: { opensAt: { lte: now } },
              select: {
                id: true,
                title: true,
                instructions: true,
                targetType: true,
                targetId: true,
                points: true,
                opensAt: true,
                dueAt: true,
                latePolicy: true,
                latePenaltyPercent: true,
                extensions: { where: { userId: user.id }, select: { dueAt: true } },
              },
            },
          },
        },
      },
    }),
    db.user.findUnique({ where: { id: user.id }, select: { timeZone: true } }),
  ]);
  const assignments = enrollments.flatMap(({ classroom }) => classroom.assignments.map((a) => ({ ...a, className: classroom.name })));
  const workOf = await loadStudentWork([user.id], assignments);
  const list = assignments.map((a): StudentAssignment => {
    const extension = a.extensions[0]?.dueAt ?? null;
    const targetType = a.targetType as TargetType;
    const result = assignmentResult({ ...a, targetType }, workOf(user.id, a), extension, now);
    return {
      id: a.id,
      title: a.title,
      instructions: a.instructions,
      className: a.className,
      targetType,
      targetId: a.targetId,
      href: findCatalogItem(targetType, a.targetId)?.href ?? null,
      points: a.points,
      dueAt: result.effectiveDueAt,
      extended: extension !== null,
      status: result.status,
      score: result.score,
      latePolicy: a.latePolicy,
      latePenaltyPercent: a.latePenaltyPercent,
      timeZone: me?.timeZone ?? null,
    };
  });
  // Work still to do first (soonest due first), then handed-in work.
  const done = (s: SubmissionStatus) => s === "submitted" || s === "late";
  list.sort((a, b) => Number(done(a.status)) - Number(done(b.status)) || a.dueAt.getTime() - b.dueAt.getTime());
  return list;
}

/** Stores the zone the student's browser reports, so due dates are shown in it. */
export async function saveTimeZone(user: CurrentUser | null, timeZone: string): Promise<{ ok: boolean; changed: boolean }> {
  if (!user) throw new NotAllowedError();
  if (!isValidTimeZone(timeZone)) return { ok: false, changed: false };
  const { count } = await db.user.updateMany({ where: { id: user.id, OR: [{ timeZone: null }, { timeZone: { not: timeZone } }] }, data: { timeZone } });
  return { ok: true, changed: count > 0 };
}
