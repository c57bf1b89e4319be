import "server-only";
import { z } from "zod";
import type { CurrentUser } from "../auth/session.server";
import { requireTeaching } from "../classes/access.server";
import { NotAllowedError } from "../classes/errors";
import { db } from "../db.server";
import { MEDIA_TYPE, SCOPE } from "./constants";
import { applyClassRole, syntheticEmail } from "./provision.server";
import { classRole } from "./roles";
import { queueScoresForLink } from "./score-jobs.server";
import { callService, ServiceError } from "./service-token.server";
import { isServiceUrl, nextLink } from "./urls";

/**
 * Names and Role Provisioning Services 2.0: the course's members fill the class roster, on each
 * instructor launch and on demand. Members who never launched get an account linked to their
 * LMS identity (email from the LMS when it is free; never linked to an existing account by
 * email: those members are counted as waiting and link themselves on their first launch).
 * Inactive and deleted members leave the class; their work stays theirs.
 */

const MAX_PAGES = 50;
const MAX_MEMBERS = 10_000;

const member = z.object({
  user_id: z.string().min(1).max(255),
  status: z.string().max(20).optional(),
  roles: z.array(z.string().max(1000)).max(100).default([]),
  name: z.string().max(1000).nullish(),
  given_name: z.string().max(1000).nullish(),
  family_name: z.string().max(1000).nullish(),
  email: z.string().max(254).nullish(),
});

const container = z.object({ members: z.array(z.unknown()).max(MAX_MEMBERS) });

export type RosterSummary = { members: number; added: number; removed: number; waitingToLink: number; skipped: number };

async function fetchMembers(platform: { id: string; clientId: string; tokenUrl: string; tokenAudience: string | null }, url: string, now: Date) {
  const members: Array<z.infer<typeof member>> = [];
  let skipped = 0;
  let next: string | null = url;
  for (let page = 0; next && page < MAX_PAGES; page++) {
    if (!isServiceUrl(next)) throw new ServiceError(`the membership page ${next} is not an https URL`, { retryable: false });
    const response = await callService(platform, [SCOPE.memberships], next, { headers: { accept: MEDIA_TYPE.membershipContainer } }, `memberships ${next}`, now);
    let json: unknown;
    try {
      json = JSON.parse(response.text);
    } catch {
      throw new ServiceError(`memberships ${next}: the answer is not JSON`, { retryable: true });
    }
    const parsed = container.safeParse(json);
    if (!parsed.success) throw new ServiceError(`memberships ${next}: the answer has no members array`, { retryable: true });
    for (const raw of parsed.data.members) {
      const entry = member.safeParse(raw);
      if (entry.success) members.push(entry.data);
      else skipped++;
    }
    if (members.length > MAX_MEMBERS) break;
    const link = nextLink(response.headers.get("link"));
    next = link ? new URL(link, next).toString() : null;
  }
  return { members, skipped };
}

function displayName(m: z.infer<typeof member>): string | null {
  const name = m.name ?? ([m.given_name, m.family_name].filter(Boolean).join(" ") || null);
  return name ? name.slice(0, 120) : null;
}

/** Syncs one course's roster from the LMS. Records the time or the error on the course. */
export async function syncRoster(contextId: string, now = new Date()): Promise<RosterSummary> {
  const context = await db.ltiContext.findUnique({
    where: { id: contextId },
    select: { id: true, issuer: true, classId: true, membershipsUrl: true, platform: { select: { id: true, clientId: true, tokenUrl: true, tokenAudience: true } } },
  });
  if (!context) throw new ServiceError("the course is no longer linked to an LMS", { retryable: false });
  if (!context.membershipsUrl) throw new ServiceError("the LMS offers no roster service (Names and Role Provisioning) for this course", { retryable: false });
  try {
    const { members, skipped } = await fetchMembers(context.platform, context.membershipsUrl, now);
    const summary: RosterSummary = { members: members.length, added: 0, removed: 0, waitingToLink: 0, skipped };
    for (const entry of members) {
      const role = classRole(entry.roles);
      const active = !entry.status || entry.status === "Active";
      const link = await db.ltiUserLink.findUnique({ where: { issuer_subject: { issuer: context.issuer, subject: entry.user_id } }, select: { userId: true } });
      if (!active) {
        if (!link) continue;
        const removed = await db.$transaction([
          db.enrollment.deleteMany({ where: { classId: context.classId, userId: link.userId } }),
          db.classInstructor.deleteMany({ where: { classId: context.classId, userId: link.userId, isOwner: false } }),
        ]);
        if (removed[0].count + removed[1].count > 0) summary.removed++;
        continue;
      }
      if (role === "none") continue;
      let userId = link?.userId ?? null;
      if (!userId) {
        const email = typeof entry.email === "string" && /^[^\s@]+@[^\s@]+$/.test(entry.email) ? entry.email.toLowerCase() : null;
        if (email && (await db.user.findUnique({ where: { email }, select: { id: true } }))) {
          summary.waitingToLink++;
          continue;
        }
        try {
          userId = await db.$transaction(async (tx) => {
            const user = await tx.user.create({ data: { email: email ?? syntheticEmail(context.issuer, entry.user_id), name: displayName(entry), role: "STUDENT" }, select: { id: true } });
            await tx.ltiUserLink.create({ data: { issuer: context.issuer, subject: entry.user_id, userId: user.id } });
            return user.id;
          });
        } catch {
          // A launch created the same person meanwhile.
          const again = await db.ltiUserLink.findUnique({ where: { issuer_subject: { issuer: context.issuer, subject: entry.user_id } }, select: { userId: true } });
          if (!again) throw new ServiceError(`member ${entry.user_id} could not be added`, { retryable: true });
          userId = again.userId;
        }
      }
      const before = await db.enrollment.findUnique({ where: { classId_userId: { classId: context.classId, userId } }, select: { id: true } });
      const teachingBefore = await db.classInstructor.findUnique({ where: { classId_userId: { classId: context.classId, userId } }, select: { id: true } });
      await db.$transaction(async (tx) => {
        if (role === "teach") {
          const user = await tx.user.findUniqueOrThrow({ where: { id: userId as string }, select: { role: true } });
          if (user.role === "STUDENT") await tx.user.update({ where: { id: userId as string }, data: { role: "INSTRUCTOR", sessionVersion: { increment: 1 } } });
        }
        await applyClassRole(tx, context.classId, userId as string, role);
      });
      if ((role === "learn" && !before) || (role === "teach" && !teachingBefore)) summary.added++;
    }
    await db.ltiContext.update({ where: { id: context.id }, data: { rosterSyncedAt: now, rosterSyncError: null } });
    // New learners have grades too (Missing = 0 once a due date has passed): the LMS hears them.
    if (summary.added > 0) {
      const links = await db.ltiResourceLink.findMany({ where: { contextId: context.id, assignmentId: { not: null } }, select: { id: true } });
      for (const link of links) await queueScoresForLink(link.id, { now });
    }
    return summary;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.ltiContext.update({ where: { id: context.id }, data: { rosterSyncError: message.slice(0, 500) } });
    throw error;
  }
}

export type RosterSyncResult = { ok: true; summary: RosterSummary } | { ok: false; error: "sync-failed"; message: string };

/** An instructor asks for the roster now (the class page's "Sync roster from the LMS"). */
export async function syncRosterForInstructor(user: CurrentUser, classId: string, now = new Date()): Promise<RosterSyncResult> {
  await requireTeaching(user, classId, { write: true });
  const context = await db.ltiContext.findUnique({ where: { classId }, select: { id: true } });
  if (!context) throw new NotAllowedError();
  try {
    return { ok: true, summary: await syncRoster(context.id, now) };
  } catch (error) {
    return { ok: false, error: "sync-failed", message: error instanceof Error ? error.message : String(error) };
  }
}
