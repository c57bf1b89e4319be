import "server-only";
import type { CurrentUser } from "../auth/session.server";
import { requireTeaching } from "../classes/access.server";
import { NotAllowedError } from "../classes/errors";
import { db } from "../db.server";
import { isUniqueViolation } from "../db/unique-retry";
import { gradesFor, type StudentGrade } from "../gradebook/grade.server";
import { findOrCreateLineItem, postScore } from "./ags.server";
import { isBlank, MAX_DELIVERY_ATTEMPTS, nextScoreTimestamp, retryDelayMs, samePayload, scoreBody, scoreFor, type ScorePayload } from "./score-mapping";
import { ServiceError } from "./service-token.server";

/**
 * Durable grade passback (ADR 0804). A learner's score on a linked assignment is a row in
 * LtiScoreJob (one per learner and link): written in the request that changed the grade (new
 * work, an excuse, an extension, edited rules) or by the delivery loop when a due date passes
 * (Missing = 0 needs no write), delivered by a background loop in every server process, retried with backoff while the LMS is
 * down or rate-limits, never lost on restart (it is in the database) and never sent twice for
 * one revision (a lease claims the row; delivery is recorded only for the revision sent).
 */

export const LEASE_MS = 2 * 60 * 1000;

type LinkForScoring = {
  id: string;
  assignment: { id: string; classId: string };
  issuer: string;
  /** Whether the LMS has (or lets the tool make) a line item for this link. */
  hasLineItem: boolean;
};

const LINK_SELECT = {
  id: true,
  lineItemUrl: true,
  assignment: { select: { id: true, classId: true } },
  context: { select: { issuer: true, lineItemsUrl: true } },
} as const;

type LinkRow = { id: string; lineItemUrl: string | null; assignment: LinkForScoring["assignment"] | null; context: { issuer: string; lineItemsUrl: string | null } };

function forScoring(rows: LinkRow[]): LinkForScoring[] {
  return rows.flatMap((row) => (row.assignment ? [{ id: row.id, assignment: row.assignment, issuer: row.context.issuer, hasLineItem: Boolean(row.lineItemUrl ?? row.context.lineItemsUrl) }] : []));
}

/** The score of one grade, or null when there is nothing the LMS could take. */
function payloadOf(grade: StudentGrade, link: LinkForScoring): ScorePayload | null {
  const payload = scoreFor({ ...grade, score: grade.pointsGiven });
  // Ungraded practice on a link without a line item: a line item needs points (AGS §3.2.8), so nothing is sent.
  if (grade.ungraded && !link.hasLineItem) return null;
  return payload;
}

/** The payloads the gradebook gives `userIds` on `links` now, from its own grade function (null: not in the class). */
async function payloadsFor(userIds: string[], links: LinkForScoring[], now: Date): Promise<Map<string, ScorePayload | null>> {
  const out = new Map<string, ScorePayload | null>();
  if (!userIds.length || !links.length) return out;
  // The gradebook's own grade (docs/gradebook.md): windows from enrollment, extensions, excuses, Missing = 0.
  const grades = await gradesFor(links.map((link) => link.assignment.id), userIds, now);
  for (const userId of userIds) {
    for (const link of links) {
      const grade = grades.get(`${userId}|${link.assignment.id}`);
      out.set(`${userId}|${link.id}`, grade ? payloadOf(grade, link) : null);
    }
  }
  return out;
}

/**
 * Writes the job for one learner and link when the payload changed (or `force`: an instructor's
 * resend). A blank score (nothing done, no score) is written only to replace one sent before.
 */
async function upsertJob(resourceLinkId: string, userId: string, ltiUserId: string, payload: ScorePayload, now: Date, force = false): Promise<boolean> {
  const existing = await db.ltiScoreJob.findUnique({
    where: { resourceLinkId_userId: { resourceLinkId, userId } },
    select: { id: true, scoreGiven: true, scoreMaximum: true, activityProgress: true, gradingProgress: true, startedAt: true, submittedAt: true, ltiUserId: true, scoredAt: true },
  });
  const data = { ...payload, ltiUserId, scoredAt: nextScoreTimestamp(now, existing?.scoredAt ?? null), status: "PENDING", attempts: 0, nextAttemptAt: now, lastError: null };
  if (existing) {
    const unchanged = samePayload(existing as ScorePayload, payload) && existing.ltiUserId === ltiUserId;
    if (unchanged && !force) return false;
    await db.ltiScoreJob.update({ where: { id: existing.id }, data: { ...data, revision: { increment: 1 } } });
    return true;
  }
  if (isBlank(payload)) return false;
  try {
    await db.ltiScoreJob.create({ data: { ...data, resourceLinkId, userId } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return upsertJob(resourceLinkId, userId, ltiUserId, payload, now, force);
  }
  return true;
}

type Kick = () => void;

/**
 * The worker's wake-up call lives on globalThis: Next bundles instrumentation (which starts the
 * worker), route handlers and pages with separate module caches, so a module variable set by the
 * worker would stay unset where pages and server actions write jobs.
 */
const wakeHolder = globalThis as unknown as { syntofinLtiWakeWorker?: Kick };

function kick() {
  wakeHolder.syntofinLtiWakeWorker?.();
}

/** The worker registers how to wake itself up when a job is written (lib/lti/worker.server.ts). */
export function onScoreJobWritten(wake: Kick) {
  wakeHolder.syntofinLtiWakeWorker = wake;
}

/**
 * Brings the LMS scores of one learner up to date after their work changed: every linked
 * assignment of every class they are enrolled in is graded again, and changed scores are queued.
 * Called after each evidence write (quiz answer, challenge completion, lesson completion).
 */
export async function queueScoresForUser(userId: string, now = new Date()): Promise<number> {
  const rows = await db.ltiResourceLink.findMany({
    where: { assignmentId: { not: null }, assignment: { classroom: { enrollments: { some: { userId } } } } },
    select: LINK_SELECT,
  });
  const links = forScoring(rows as LinkRow[]);
  if (!links.length) return 0;
  const identities = await db.ltiUserLink.findMany({ where: { userId, issuer: { in: [...new Set(links.map((l) => l.issuer))] } }, select: { issuer: true, subject: true } });
  const subjectOf = new Map(identities.map((i) => [i.issuer, i.subject]));
  const payloads = await payloadsFor([userId], links, now);
  let written = 0;
  for (const link of links) {
    const subject = subjectOf.get(link.issuer);
    const payload = payloads.get(`${userId}|${link.id}`);
    if (!subject || !payload) continue;
    if (await upsertJob(link.id, userId, subject, payload, now)) written++;
  }
  if (written) kick();
  return written;
}

/** Every enrolled learner's score on one link (a link that just got its assignment, or "resend all"). */
export async function queueScoresForLink(resourceLinkRowId: string, { force = false, now = new Date() }: { force?: boolean; now?: Date } = {}): Promise<number> {
  const row = await db.ltiResourceLink.findUnique({ where: { id: resourceLinkRowId }, select: LINK_SELECT });
  const links = row ? forScoring([row as LinkRow]) : [];
  const link = links[0];
  if (!link) return 0;
  const learners = await db.enrollment.findMany({ where: { classId: link.assignment.classId }, select: { userId: true } });
  const identities = await db.ltiUserLink.findMany({ where: { issuer: link.issuer, userId: { in: learners.map((l) => l.userId) } }, select: { userId: true, subject: true } });
  const payloads = await payloadsFor(identities.map((i) => i.userId), links, now);
  let written = 0;
  for (const identity of identities) {
    const payload = payloads.get(`${identity.userId}|${link.id}`);
    if (payload && (await upsertJob(link.id, identity.userId, identity.subject, payload, now, force))) written++;
  }
  if (written) kick();
  return written;
}

/**
 * Grades again every link whose due date, or a learner's extension, passed since the link was
 * last checked: a due date passing turns work not handed in into Missing = 0 (and an extension's
 * end does the same for one learner) without any write to report it. Run by the delivery loop.
 */
export async function queueScoresAfterDeadlines(now = new Date()): Promise<number> {
  const rows = await db.ltiResourceLink.findMany({
    where: { assignment: { OR: [{ dueAt: { lt: now } }, { extensions: { some: { dueAt: { lt: now } } } }] } },
    select: { id: true, deadlinesCheckedAt: true, assignment: { select: { dueAt: true, extensions: { where: { dueAt: { lt: now } }, select: { dueAt: true } } } } },
  });
  let queued = 0;
  for (const row of rows) {
    if (!row.assignment) continue;
    const passed = [row.assignment.dueAt, ...row.assignment.extensions.map((e) => e.dueAt)].filter((at) => at.getTime() < now.getTime());
    const latest = Math.max(...passed.map((at) => at.getTime()));
    if (row.deadlinesCheckedAt && row.deadlinesCheckedAt.getTime() >= latest) continue;
    queued += await queueScoresForLink(row.id, { now });
    await db.ltiResourceLink.update({ where: { id: row.id }, data: { deadlinesCheckedAt: now } });
  }
  return queued;
}

type ClaimedJob = NonNullable<Awaited<ReturnType<typeof loadJob>>>;

function loadJob(id: string) {
  return db.ltiScoreJob.findUnique({
    where: { id },
    select: {
      id: true,
      revision: true,
      attempts: true,
      ltiUserId: true,
      scoreGiven: true,
      scoreMaximum: true,
      activityProgress: true,
      gradingProgress: true,
      startedAt: true,
      submittedAt: true,
      scoredAt: true,
      resourceLink: {
        select: {
          id: true,
          resourceLinkId: true,
          lineItemUrl: true,
          title: true,
          assignment: { select: { id: true, title: true, points: true, dueAt: true } },
          context: { select: { lineItemsUrl: true, agsScopes: true, platform: { select: { id: true, clientId: true, tokenUrl: true, tokenAudience: true } } } },
        },
      },
    },
  });
}

async function lineItemFor(job: ClaimedJob, now: Date): Promise<string> {
  const link = job.resourceLink;
  if (link.lineItemUrl) return link.lineItemUrl;
  const { context, assignment } = link;
  if (!context.lineItemsUrl || !assignment) {
    throw new ServiceError("the LMS gave this link no line item and no line item service: it does not take grades for it", { retryable: false });
  }
  const url = await findOrCreateLineItem(
    context.platform,
    {
      lineItemsUrl: context.lineItemsUrl,
      offeredScopes: JSON.parse(context.agsScopes) as string[],
      resourceLinkId: link.resourceLinkId,
      resourceId: assignment.id,
      label: assignment.title,
      scoreMaximum: assignment.points,
      endDateTime: assignment.dueAt,
    },
    now,
  );
  await db.ltiResourceLink.update({ where: { id: link.id }, data: { lineItemUrl: url } });
  return url;
}

export type DeliveryResult = "delivered" | "superseded" | "retry" | "failed" | "skipped";

/** Claims one due job, sends it and records the outcome. */
export async function deliverJob(id: string, now = new Date()): Promise<{ result: DeliveryResult; error?: ServiceError }> {
  const claimed = await db.ltiScoreJob.updateMany({
    where: { id, status: "PENDING", nextAttemptAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { leaseUntil: new Date(now.getTime() + LEASE_MS) },
  });
  if (claimed.count !== 1) return { result: "skipped" };
  const job = await loadJob(id);
  if (!job) return { result: "skipped" };
  const attempt = job.attempts + 1;
  try {
    const lineItemUrl = await lineItemFor(job, now);
    const payload: ScorePayload = {
      scoreGiven: job.scoreGiven,
      scoreMaximum: job.scoreMaximum,
      activityProgress: job.activityProgress as ScorePayload["activityProgress"],
      gradingProgress: job.gradingProgress as ScorePayload["gradingProgress"],
      startedAt: job.startedAt,
      submittedAt: job.submittedAt,
    };
    await postScore(job.resourceLink.context.platform, lineItemUrl, scoreBody(payload, job.ltiUserId, job.scoredAt), now);
  } catch (caught) {
    const error = caught instanceof ServiceError ? caught : new ServiceError((caught as Error).message, { retryable: true });
    const retry = error.retryable && attempt < MAX_DELIVERY_ATTEMPTS;
    await db.ltiScoreJob.update({
      where: { id },
      data: {
        attempts: attempt,
        lastAttemptAt: now,
        lastError: error.message.slice(0, 500),
        leaseUntil: null,
        ...(retry ? { nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempt, error.retryAfterMs)) } : { status: "FAILED" }),
      },
    });
    return { result: retry ? "retry" : "failed", error };
  }
  // Recorded only for the revision sent: a newer score written meanwhile stays pending.
  const recorded = await db.ltiScoreJob.updateMany({
    where: { id, revision: job.revision },
    data: { status: "DELIVERED", deliveredAt: now, deliveredRevision: job.revision, attempts: attempt, lastAttemptAt: now, lastError: null, leaseUntil: null },
  });
  if (recorded.count === 1) return { result: "delivered" };
  await db.ltiScoreJob.updateMany({ where: { id }, data: { leaseUntil: null, lastAttemptAt: now } });
  return { result: "superseded" };
}

/**
 * Delivers the jobs that are due, oldest first. Each LMS is served in turn; an LMS that fails
 * with a retryable error (down, rate limiting, hanging) is left alone for the rest of the round,
 * and LMSs are served concurrently, so one slow LMS never delays the others.
 */
export async function deliverDueJobs({ now = new Date(), limit = 100 }: { now?: Date; limit?: number } = {}): Promise<Record<DeliveryResult, number>> {
  const due = await db.ltiScoreJob.findMany({
    where: { status: "PENDING", nextAttemptAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { id: true, resourceLink: { select: { context: { select: { platformId: true } } } } },
  });
  const byPlatform = new Map<string, string[]>();
  for (const job of due) {
    const platformId = job.resourceLink.context.platformId;
    byPlatform.set(platformId, [...(byPlatform.get(platformId) ?? []), job.id]);
  }
  const counts: Record<DeliveryResult, number> = { delivered: 0, superseded: 0, retry: 0, failed: 0, skipped: 0 };
  await Promise.all(
    [...byPlatform.values()].map(async (ids) => {
      for (const id of ids) {
        const { result, error } = await deliverJob(id, now);
        counts[result]++;
        if (result === "retry" && error && (error.status === null || error.status === 429 || error.status >= 500)) break;
      }
    }),
  );
  return counts;
}

export type JobStatus = "PENDING" | "DELIVERED" | "FAILED";

async function requireJobClass(user: CurrentUser, jobId: string) {
  const job = await db.ltiScoreJob.findUnique({ where: { id: jobId }, select: { id: true, userId: true, resourceLinkId: true, resourceLink: { select: { context: { select: { classId: true } } } } } });
  if (!job) throw new NotAllowedError();
  await requireTeaching(user, job.resourceLink.context.classId, { write: true });
  return job;
}

/** An instructor sends one learner's score again: graded afresh now, with a new timestamp. */
export async function resendScore(user: CurrentUser, jobId: string, now = new Date()): Promise<{ ok: true }> {
  const job = await requireJobClass(user, jobId);
  const written = await queueScoresForLinkUser(job.resourceLinkId, job.userId, now);
  if (!written) {
    await db.ltiScoreJob.update({ where: { id: job.id }, data: { status: "PENDING", attempts: 0, nextAttemptAt: now, scoredAt: now, revision: { increment: 1 }, lastError: null } });
    kick();
  }
  return { ok: true };
}

async function queueScoresForLinkUser(resourceLinkRowId: string, userId: string, now: Date): Promise<boolean> {
  const row = await db.ltiResourceLink.findUnique({ where: { id: resourceLinkRowId }, select: LINK_SELECT });
  const link = row ? forScoring([row as LinkRow])[0] : undefined;
  if (!link) return false;
  const identity = await db.ltiUserLink.findFirst({ where: { issuer: link.issuer, userId }, select: { subject: true } });
  if (!identity) return false;
  const payload = (await payloadsFor([userId], [link], now)).get(`${userId}|${link.id}`);
  if (!payload) return false;
  const written = await upsertJob(link.id, userId, identity.subject, payload, now, true);
  if (written) kick();
  return written;
}

/** An instructor sends every score of the class again (after fixing the LMS side, say). */
export async function resendClassScores(user: CurrentUser, classId: string, now = new Date()): Promise<{ ok: true; queued: number }> {
  await requireTeaching(user, classId, { write: true });
  const links = await db.ltiResourceLink.findMany({ where: { context: { classId }, assignmentId: { not: null } }, select: { id: true } });
  let queued = 0;
  for (const link of links) queued += await queueScoresForLink(link.id, { force: true, now });
  return { ok: true, queued };
}
