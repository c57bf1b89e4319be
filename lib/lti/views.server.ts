import "server-only";
import type { CurrentUser } from "../auth/session.server";
import { requireTeaching } from "../classes/access.server";
import { db } from "../db.server";
import type { TargetType } from "@/domain/gradebook/semantics";
import type { JobStatus } from "./score-jobs.server";

/**
 * What the LTI pages show about grade passback: a learner's own score on the link they opened,
 * and for instructors every student's sync status (per link and for the whole class), with what
 * went wrong and when the next attempt is.
 */

export type ScoreSync = {
  jobId: string;
  status: JobStatus;
  scoreGiven: number | null;
  scoreMaximum: number;
  /** FullyGraded without a score: excused, the final word is "no grade". */
  gradingProgress: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  scoredAt: Date;
};

const JOB_SELECT = { id: true, status: true, scoreGiven: true, scoreMaximum: true, gradingProgress: true, attempts: true, lastError: true, nextAttemptAt: true, deliveredAt: true, scoredAt: true, userId: true, resourceLinkId: true } as const;

function toSync(job: { id: string; status: string; scoreGiven: number | null; scoreMaximum: number; gradingProgress: string; attempts: number; lastError: string | null; nextAttemptAt: Date; deliveredAt: Date | null; scoredAt: Date }): ScoreSync {
  return {
    jobId: job.id,
    status: job.status as JobStatus,
    scoreGiven: job.scoreGiven,
    scoreMaximum: job.scoreMaximum,
    gradingProgress: job.gradingProgress,
    attempts: job.attempts,
    lastError: job.lastError,
    nextAttemptAt: job.status === "PENDING" ? job.nextAttemptAt : null,
    deliveredAt: job.deliveredAt,
    scoredAt: job.scoredAt,
  };
}

export type StudentSync = { userId: string; name: string | null; email: string; sync: ScoreSync | null };

export type LinkView = {
  linkId: string;
  title: string;
  targetType: TargetType;
  targetId: string;
  className: string;
  classId: string;
  platformName: string;
  assignment: { title: string; points: number; dueAt: Date; timeZone: string } | null;
  graded: boolean;
  role: "learn" | "teach";
  mine: ScoreSync | null;
  students: StudentSync[];
};

/** The link a page was opened through, for someone enrolled in or teaching its class; null otherwise. */
export async function ltiLinkView(user: CurrentUser | null, linkId: string | null | undefined): Promise<LinkView | null> {
  if (!user || !linkId || linkId.length > 64) return null;
  const link = await db.ltiResourceLink.findUnique({
    where: { id: linkId },
    select: {
      id: true,
      title: true,
      targetType: true,
      targetId: true,
      lineItemUrl: true,
      assignment: { select: { title: true, points: true, dueAt: true } },
      context: { select: { classId: true, lineItemsUrl: true, classroom: { select: { name: true, timeZone: true } }, platform: { select: { name: true } } } },
    },
  });
  if (!link) return null;
  const classId = link.context.classId;
  const [enrolled, teaching] = await Promise.all([
    db.enrollment.findUnique({ where: { classId_userId: { classId, userId: user.id } }, select: { id: true } }),
    db.classInstructor.findUnique({ where: { classId_userId: { classId, userId: user.id } }, select: { id: true } }),
  ]);
  if (!enrolled && !teaching) return null;
  const role = teaching ? "teach" : "learn";
  const base = {
    linkId: link.id,
    title: link.title ?? link.assignment?.title ?? link.targetId,
    targetType: link.targetType,
    targetId: link.targetId,
    className: link.context.classroom.name,
    classId,
    platformName: link.context.platform.name,
    assignment: link.assignment ? { ...link.assignment, timeZone: link.context.classroom.timeZone } : null,
    graded: Boolean(link.assignment && (link.lineItemUrl || link.context.lineItemsUrl)),
    role,
  } as const;
  if (role === "learn") {
    const job = await db.ltiScoreJob.findUnique({ where: { resourceLinkId_userId: { resourceLinkId: link.id, userId: user.id } }, select: JOB_SELECT });
    return { ...base, mine: job ? toSync(job) : null, students: [] };
  }
  const [enrollments, jobs] = await Promise.all([
    db.enrollment.findMany({ where: { classId }, select: { user: { select: { id: true, name: true, email: true } } } }),
    db.ltiScoreJob.findMany({ where: { resourceLinkId: link.id }, select: JOB_SELECT }),
  ]);
  const byUser = new Map(jobs.map((job) => [job.userId, toSync(job)]));
  const students = enrollments
    .map((e) => ({ userId: e.user.id, name: e.user.name, email: e.user.email, sync: byUser.get(e.user.id) ?? null }))
    .sort((a, b) => (a.name ?? a.email).localeCompare(b.name ?? b.email));
  return { ...base, mine: null, students };
}

export type ClassSyncView = {
  classId: string;
  className: string;
  platformName: string;
  contextTitle: string | null;
  rosterService: boolean;
  rosterSyncedAt: Date | null;
  rosterSyncError: string | null;
  links: Array<{ id: string; title: string; points: number | null; lineItem: boolean }>;
  students: Array<{ userId: string; name: string | null; email: string; syncs: Record<string, ScoreSync | null> }>;
  totals: Record<JobStatus, number>;
};

/** The class's LMS page: roster sync and every student's score status on every link. Null for classes not from an LMS. */
export async function classSyncView(user: CurrentUser, classId: string): Promise<ClassSyncView | null> {
  const { classroom } = await requireTeaching(user, classId);
  const context = await db.ltiContext.findUnique({
    where: { classId },
    select: {
      title: true,
      membershipsUrl: true,
      lineItemsUrl: true,
      rosterSyncedAt: true,
      rosterSyncError: true,
      platform: { select: { name: true } },
      resourceLinks: { orderBy: { createdAt: "asc" }, select: { id: true, title: true, lineItemUrl: true, assignment: { select: { title: true, points: true } } } },
    },
  });
  if (!context) return null;
  const linkIds = context.resourceLinks.map((l) => l.id);
  const [enrollments, jobs] = await Promise.all([
    db.enrollment.findMany({ where: { classId }, select: { user: { select: { id: true, name: true, email: true } } } }),
    linkIds.length ? db.ltiScoreJob.findMany({ where: { resourceLinkId: { in: linkIds } }, select: JOB_SELECT }) : [],
  ]);
  const jobOf = new Map(jobs.map((job) => [`${job.userId}|${job.resourceLinkId}`, toSync(job)]));
  const totals: Record<JobStatus, number> = { PENDING: 0, DELIVERED: 0, FAILED: 0 };
  for (const job of jobs) totals[job.status as JobStatus]++;
  return {
    classId,
    className: classroom.name,
    platformName: context.platform.name,
    contextTitle: context.title,
    rosterService: Boolean(context.membershipsUrl),
    rosterSyncedAt: context.rosterSyncedAt,
    rosterSyncError: context.rosterSyncError,
    links: context.resourceLinks.map((l) => ({ id: l.id, title: l.title ?? l.assignment?.title ?? "Link", points: l.assignment?.points ?? null, lineItem: Boolean(l.lineItemUrl || context.lineItemsUrl) })),
    students: enrollments
      .map((e) => ({ userId: e.user.id, name: e.user.name, email: e.user.email, syncs: Object.fromEntries(linkIds.map((id) => [id, jobOf.get(`${e.user.id}|${id}`) ?? null])) }))
      .sort((a, b) => (a.name ?? a.email).localeCompare(b.name ?? b.email)),
    totals,
  };
}

/** Whether a class came from an LMS (the class navigation shows its LMS tab). */
export async function isLtiClass(classId: string): Promise<boolean> {
  return (await db.ltiContext.count({ where: { classId } })) > 0;
}
