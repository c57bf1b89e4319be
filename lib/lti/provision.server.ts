import "server-only";
import { createHash } from "node:crypto";
import { cleanText } from "@/domain/gradebook/text";
import { findCatalogItem } from "../catalog.server";
import { newJoinCode, newToken } from "../classes/codes";
import { db } from "../db.server";
import { retryOnUniqueViolation } from "../db/unique-retry";
import type { Locale } from "@/domain/locale";
import type { LaunchMessage } from "./claims";
import { ASSIGNMENT_CUSTOM_PARAMETER, MESSAGE_TYPE } from "./constants";
import { isLtiTarget, ltiContentPath, ltiDeepLinkPath, ltiHomePath, targetFromUrl, type LtiTargetType } from "./paths";
import { problem, type Problem } from "./problems";
import { classRole, type ClassRole } from "./roles";

/**
 * What a verified launch creates or updates (ADR 0802): the person's local account (one per
 * issuer + sub, never linked to another account by email), the class of the LMS course (one per
 * issuer + deployment + context id) and their place in it, and the resource link with the
 * assignment that grades it. Every check that can refuse the launch runs before the first write,
 * and the writes run in one transaction.
 */

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

export type PlatformRef = { id: string; issuer: string; name: string };

export type ProvisionedUser = { id: string; email: string; name: string | null; role: "STUDENT" | "INSTRUCTOR" | "ADMIN" };

export type Provisioned = {
  user: ProvisionedUser;
  role: ClassRole;
  contextId: string | null;
  classId: string | null;
  /** Where the launch continues inside the frame. */
  target: string;
  deepLinkRequestId: string | null;
  resourceLinkRowId: string | null;
  /** This launch gave the link its assignment: learners' earlier work is graded for it now. */
  linkAssignmentCreated: boolean;
};

export type IdentityChoice = { kind: "auto" } | { kind: "separate" } | { kind: "linked"; userId: string };

export type ProvisionOutcome = { ok: true; provisioned: Provisioned } | { ok: false; problem: Problem } | { ok: false; pendingEmail: string };

/** An address no mail system delivers (RFC 2606 .invalid) for accounts whose LMS shares no usable email. */
export function syntheticEmail(issuer: string, subject: string): string {
  const hash = createHash("sha256").update(`${issuer}\0${subject}`).digest("hex").slice(0, 24);
  return `lti-${hash}@lti.invalid`;
}

export const DEFAULT_LINK_POINTS = 100;
const AUTO_ASSIGNMENT_DAYS = 180;
const DEEP_LINK_TTL_MS = 60 * 60 * 1000;

type LinkTarget = { type: LtiTargetType; id: string; title: string; assignmentId: string | null };

/** The class-bound checks and the target of the launch, before anything is written. */
async function planTarget(message: LaunchMessage, role: ClassRole): Promise<{ ok: true; target: LinkTarget | null } | { ok: false; problem: Problem }> {
  if (message.messageType === MESSAGE_TYPE.deepLinkingRequest) {
    if (role !== "teach") return { ok: false, problem: problem("not-an-instructor", `roles are ${JSON.stringify(message.roles)}`) };
    if (!message.context) return { ok: false, problem: problem("no-context", "the deep-linking request has no context claim") };
    return { ok: true, target: null };
  }
  const fromUrl = targetFromUrl(message.targetLinkUri);
  const custom = message.custom[ASSIGNMENT_CUSTOM_PARAMETER];
  if (custom && message.context) {
    const assignment = await db.assignment.findFirst({
      where: { id: custom, classroom: { ltiContext: { issuer: message.issuer, deploymentId: message.deploymentId, contextId: message.context.id } } },
      select: { id: true, targetType: true, targetId: true, title: true },
    });
    if (assignment && isLtiTarget(assignment.targetType)) return { ok: true, target: { type: assignment.targetType, id: assignment.targetId, title: assignment.title, assignmentId: assignment.id } };
  }
  if (!fromUrl) return { ok: true, target: null };
  const item = findCatalogItem(fromUrl.type, fromUrl.id);
  if (!item) return { ok: false, problem: problem("unknown-resource", `target_link_uri names ${fromUrl.type.toLowerCase()} ${JSON.stringify(fromUrl.id)}, which does not exist`) };
  return { ok: true, target: { type: fromUrl.type, id: fromUrl.id, title: item.title, assignmentId: null } };
}

async function findLinkedUser(tx: Tx, issuer: string, subject: string) {
  const link = await tx.ltiUserLink.findUnique({
    where: { issuer_subject: { issuer, subject } },
    select: { id: true, user: { select: { id: true, email: true, name: true, role: true, passwordHash: true } } },
  });
  return link;
}

/** The account for (issuer, sub): the linked one, or a new one; null when the email belongs to someone else. */
async function resolveUser(tx: Tx, message: LaunchMessage, choice: IdentityChoice, now: Date): Promise<ProvisionedUser | { pendingEmail: string }> {
  const link = await findLinkedUser(tx, message.issuer, message.subject);
  if (link) {
    const { passwordHash, ...user } = link.user;
    // Accounts that exist only through the LMS follow the LMS's name; people who also sign in here keep theirs.
    const name = !passwordHash && message.name && message.name !== user.name ? message.name : user.name;
    await tx.ltiUserLink.update({ where: { id: link.id }, data: { lastLaunchAt: now } });
    if (name !== user.name) await tx.user.update({ where: { id: user.id }, data: { name } });
    return { ...user, name };
  }
  if (choice.kind === "linked") {
    const user = await tx.user.findUniqueOrThrow({ where: { id: choice.userId }, select: { id: true, email: true, name: true, role: true } });
    await tx.ltiUserLink.create({ data: { issuer: message.issuer, subject: message.subject, userId: user.id, lastLaunchAt: now } });
    return user;
  }
  let email = message.email;
  if (email) {
    const owner = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (owner) {
      if (choice.kind === "auto") return { pendingEmail: email };
      email = null;
    }
  }
  const user = await tx.user.create({
    data: { email: email ?? syntheticEmail(message.issuer, message.subject), name: message.name, role: "STUDENT" },
    select: { id: true, email: true, name: true, role: true },
  });
  await tx.ltiUserLink.create({ data: { issuer: message.issuer, subject: message.subject, userId: user.id, lastLaunchAt: now } });
  return user;
}

/** An LMS's course or link title as the class or assignment shows it: controls and bidi overrides removed, bounded. */
function lmsTitle(title: string, limit: number): string {
  return cleanText(title).trim().slice(0, limit);
}

async function createClassroom(tx: Tx, name: string) {
  return tx.classroom.create({ data: { name: lmsTitle(name, 120) || "LMS course", timeZone: "UTC", joinCode: newJoinCode(), inviteToken: newToken() }, select: { id: true } });
}

/** The class of (issuer, deployment, context), created on first sight; its title and services follow the LMS. */
export async function ensureContext(
  tx: Tx,
  platformId: string,
  message: Pick<LaunchMessage, "issuer" | "deploymentId" | "context" | "nrps" | "ags">,
): Promise<{ id: string; classId: string }> {
  const context = message.context as NonNullable<LaunchMessage["context"]>;
  const services = {
    ...(message.nrps ? { membershipsUrl: message.nrps.membershipsUrl } : {}),
    ...(message.ags ? { lineItemsUrl: message.ags.lineItemsUrl, agsScopes: JSON.stringify(message.ags.scopes) } : {}),
  };
  const existing = await tx.ltiContext.findUnique({
    where: { issuer_deploymentId_contextId: { issuer: message.issuer, deploymentId: message.deploymentId, contextId: context.id } },
    select: { id: true, classId: true, title: true },
  });
  const title = context.title ?? context.label ?? null;
  if (existing) {
    await tx.ltiContext.update({ where: { id: existing.id }, data: { platformId, ...services, ...(title ? { title } : {}) } });
    if (title && title !== existing.title && lmsTitle(title, 120)) await tx.classroom.update({ where: { id: existing.classId }, data: { name: lmsTitle(title, 120) } });
    return { id: existing.id, classId: existing.classId };
  }
  const classroom = await createClassroom(tx, title ?? "LMS course");
  const created = await tx.ltiContext.create({
    data: { platformId, issuer: message.issuer, deploymentId: message.deploymentId, contextId: context.id, classId: classroom.id, title, ...services },
    select: { id: true, classId: true },
  });
  return created;
}

/** The person's place in the class follows the LMS: teachers teach (the first one owns the class), learners are enrolled. */
export async function applyClassRole(tx: Tx, classId: string, userId: string, role: ClassRole): Promise<void> {
  if (role === "teach") {
    const owner = await tx.classInstructor.findFirst({ where: { classId, isOwner: true }, select: { id: true } });
    await tx.classInstructor.upsert({
      where: { classId_userId: { classId, userId } },
      create: { classId, userId, isOwner: !owner },
      update: {},
    });
    await tx.enrollment.deleteMany({ where: { classId, userId } });
    return;
  }
  if (role === "learn") {
    const teaching = await tx.classInstructor.findUnique({ where: { classId_userId: { classId, userId } }, select: { id: true, isOwner: true } });
    if (teaching?.isOwner) return;
    if (teaching) await tx.classInstructor.delete({ where: { id: teaching.id } });
    await tx.enrollment.upsert({ where: { classId_userId: { classId, userId } }, create: { classId, userId }, update: {} });
  }
}

/** Someone who teaches the class, to stand as the creator of an assignment a link needs. */
async function assignmentCreator(tx: Tx, classId: string, launcher: ProvisionedUser, role: ClassRole): Promise<string | null> {
  if (role === "teach") return launcher.id;
  const owner = await tx.classInstructor.findFirst({ where: { classId }, orderBy: [{ isOwner: "desc" }, { addedAt: "asc" }], select: { userId: true } });
  return owner?.userId ?? null;
}

export async function createLinkAssignment(
  tx: Tx,
  classId: string,
  creatorId: string,
  target: { type: LtiTargetType; id: string; title: string },
  options: { points?: number; dueAt?: Date; now: Date },
): Promise<string> {
  const opensAt = options.now;
  const dueAt = options.dueAt ?? new Date(opensAt.getTime() + AUTO_ASSIGNMENT_DAYS * 24 * 60 * 60 * 1000);
  const assignment = await tx.assignment.create({
    data: {
      classId,
      title: lmsTitle(target.title, 200) || (findCatalogItem(target.type, target.id)?.title ?? "Activity"),
      targetType: target.type,
      targetId: target.id,
      points: options.points ?? DEFAULT_LINK_POINTS,
      opensAt,
      dueAt,
      latePolicy: "ACCEPT_WITH_PENALTY",
      latePenaltyPercent: 0,
      createdById: creatorId,
    },
    select: { id: true },
  });
  return assignment.id;
}

async function ensureResourceLink(tx: Tx, contextId: string, classId: string, message: LaunchMessage, planned: LinkTarget | null, launcher: ProvisionedUser, role: ClassRole, now: Date) {
  const resourceLink = message.resourceLink as NonNullable<LaunchMessage["resourceLink"]>;
  const lineItemUrl = message.ags?.lineItemUrl ?? null;
  const existing = await tx.ltiResourceLink.findUnique({
    where: { contextId_resourceLinkId: { contextId, resourceLinkId: resourceLink.id } },
    select: { id: true, targetType: true, targetId: true, assignmentId: true, title: true },
  });
  if (!existing && !planned) return null;
  if (existing && !isLtiTarget(existing.targetType)) return null;
  const target = existing && isLtiTarget(existing.targetType) ? { type: existing.targetType, id: existing.targetId, title: resourceLink.title ?? existing.title ?? existing.targetId } : (planned as LinkTarget);
  let assignmentId = existing ? existing.assignmentId : (planned as LinkTarget).assignmentId;
  let assignmentCreated = false;
  if (!assignmentId) {
    const creator = await assignmentCreator(tx, classId, launcher, role);
    if (creator) {
      assignmentId = await createLinkAssignment(tx, classId, creator, { ...target, title: resourceLink.title ?? target.title }, { now });
      assignmentCreated = true;
    }
  }
  const data = { title: resourceLink.title ?? undefined, assignmentId, ...(lineItemUrl ? { lineItemUrl } : {}) };
  if (existing) {
    await tx.ltiResourceLink.update({ where: { id: existing.id }, data });
    return { id: existing.id, type: target.type, targetId: existing.targetId, assignmentCreated };
  }
  const created = await tx.ltiResourceLink.create({
    data: { ...data, contextId, resourceLinkId: resourceLink.id, targetType: target.type, targetId: target.id },
    select: { id: true, targetType: true, targetId: true },
  });
  return { id: created.id, type: target.type, targetId: created.targetId, assignmentCreated };
}

export async function provisionLaunch(platform: PlatformRef, message: LaunchMessage, locale: Locale, choice: IdentityChoice = { kind: "auto" }, now = new Date()): Promise<ProvisionOutcome> {
  const role = classRole(message.roles);
  const plan = await planTarget(message, role);
  if (!plan.ok) return plan;
  const run = () =>
    db.$transaction(async (tx) => {
      const resolved = await resolveUser(tx, message, choice, now);
      if ("pendingEmail" in resolved) return resolved;
      let user = resolved;
      if (role === "teach" && user.role === "STUDENT") {
        // A role change ends the account's other sessions, as everywhere else (ADR 0010); this launch's starts after it.
        user = await tx.user.update({ where: { id: user.id }, data: { role: "INSTRUCTOR", sessionVersion: { increment: 1 } }, select: { id: true, email: true, name: true, role: true } });
      }
      let context: { id: string; classId: string } | null = null;
      if (message.context) {
        context = await ensureContext(tx, platform.id, message);
        await applyClassRole(tx, context.classId, user.id, role);
      }
      if (message.messageType === MESSAGE_TYPE.deepLinkingRequest) {
        const settings = message.deepLinking as NonNullable<LaunchMessage["deepLinking"]>;
        const request = await tx.ltiDeepLinkRequest.create({
          data: {
            platformId: platform.id,
            deploymentId: message.deploymentId,
            contextId: context?.id ?? null,
            userId: user.id,
            returnUrl: settings.returnUrl,
            settings: JSON.stringify(settings),
            expiresAt: new Date(now.getTime() + DEEP_LINK_TTL_MS),
          },
          select: { id: true },
        });
        return { user, role, contextId: context?.id ?? null, classId: context?.classId ?? null, target: ltiDeepLinkPath(locale, request.id), deepLinkRequestId: request.id, resourceLinkRowId: null, linkAssignmentCreated: false };
      }
      const link = context ? await ensureResourceLink(tx, context.id, context.classId, message, plan.target, user, role, now) : null;
      const target = link
        ? ltiContentPath(locale, link.type, link.targetId, link.id)
        : plan.target
          ? ltiContentPath(locale, plan.target.type, plan.target.id)
          : ltiHomePath(locale);
      return { user, role, contextId: context?.id ?? null, classId: context?.classId ?? null, target, deepLinkRequestId: null, resourceLinkRowId: link?.id ?? null, linkAssignmentCreated: link?.assignmentCreated ?? false };
    });
  const result = await retryOnUniqueViolation(run);
  if ("pendingEmail" in result) return { ok: false, pendingEmail: result.pendingEmail };
  return { ok: true, provisioned: result as Provisioned };
}
