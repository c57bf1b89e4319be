import "server-only";
import { assignmentResult, isHandedIn, type SubmissionStatus, type TargetType } from "@/domain/gradebook/semantics";
import { isValidTimeZone } from "@/domain/gradebook/zoned-time";
import type { CurrentUser } from "../auth/session.server";
import { assignmentHref } from "../catalog.server";
import { db } from "../db.server";
import { ASSIGNMENT_RULE_FIELDS, rulesOf } from "@/domain/gradebook/assignment-rules";
import { loadStudentWork } from "../gradebook/work.server";

export type StudentAssignment = {
  id: string;
  title: string;
  instructions: string;
  className: string;
  targetType: TargetType;
  targetId: string;
  href: string | null;
  points: number;
  ungraded: boolean;
  /** The student's own due date: their extension when it is later than the assignment's. */
  dueAt: Date;
  extended: boolean;
  opensAt: Date;
  /** Work done before this does not count (the opening, or when they joined the class). */
  countsFrom: Date;
  acceptEarlierWork: boolean;
  status: SubmissionStatus;
  score: number | null;
  /** Some of their work on it was done before it opened and so does not count. */
  hasEarlierWork: boolean;
  latePolicy: "ACCEPT_WITH_PENALTY" | "CLOSE";
  latePenaltyPercent: number;
  /** The zone the student's browser reported (User.timeZone), to show the due date in; null until known. */
  timeZone: string | null;
};

/**
 * The signed-in student's open assignments across their active classes, with their own status
 * and due date, from the same rules as the gradebook. Reads only the user's own rows.
 */
export async function listStudentAssignments(user: CurrentUser, now = new Date()): Promise<StudentAssignment[]> {
  const [enrollments, me] = await Promise.all([
    db.enrollment.findMany({
      where: { userId: user.id, classroom: { archivedAt: null } },
      select: {
        joinedAt: true,
        classroom: {
          select: {
            name: true,
            assignments: {
              where: { opensAt: { lte: now } },
              select: {
                id: true,
                title: true,
                instructions: true,
                targetId: true,
                ...ASSIGNMENT_RULE_FIELDS,
                extensions: { where: { userId: user.id }, select: { dueAt: true } },
                excusals: { where: { userId: user.id }, select: { id: true } },
              },
            },
          },
        },
      },
    }),
    db.user.findUnique({ where: { id: user.id }, select: { timeZone: true } }),
  ]);
  const assignments = enrollments.flatMap(({ classroom, joinedAt }) => classroom.assignments.map((a) => ({ ...a, className: classroom.name, joinedAt })));
  const workOf = await loadStudentWork([user.id], assignments);
  const list = assignments.map((a): StudentAssignment => {
    const extension = a.extensions[0]?.dueAt ?? null;
    const targetType = a.targetType as TargetType;
    const result = assignmentResult(rulesOf(a), workOf(user.id, a), { enrolledAt: a.joinedAt, extensionDueAt: extension, excused: a.excusals.length > 0 }, now);
    return {
      id: a.id,
      title: a.title,
      instructions: a.instructions,
      className: a.className,
      targetType,
      targetId: a.targetId,
      href: assignmentHref(targetType, a.targetId, a.id),
      points: a.ungraded ? 0 : a.points,
      ungraded: a.ungraded,
      dueAt: result.effectiveDueAt,
      extended: result.effectiveDueAt.getTime() !== a.dueAt.getTime(),
      opensAt: a.opensAt,
      countsFrom: result.windowStart,
      acceptEarlierWork: a.acceptEarlierWork,
      status: result.status,
      score: result.score,
      hasEarlierWork: result.verdicts.some((v) => !v.counts && v.reason === "before-window"),
      latePolicy: a.latePolicy,
      latePenaltyPercent: a.latePenaltyPercent,
      timeZone: me?.timeZone ?? null,
    };
  });
  // Work still to do first (soonest due first), then handed-in and excused work.
  const done = (s: SubmissionStatus) => isHandedIn(s) || s === "excused";
  list.sort((a, b) => Number(done(a.status)) - Number(done(b.status)) || a.dueAt.getTime() - b.dueAt.getTime());
  return list;
}

/** Stores the zone the student's browser reports, so due dates are shown in it. */
export async function saveTimeZone(user: CurrentUser, timeZone: string): Promise<{ ok: boolean; changed: boolean }> {
  if (!isValidTimeZone(timeZone)) return { ok: false, changed: false };
  const { count } = await db.user.updateMany({ where: { id: user.id, OR: [{ timeZone: null }, { timeZone: { not: timeZone } }] }, data: { timeZone } });
  return { ok: true, changed: count > 0 };
}
