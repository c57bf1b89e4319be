import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { CurrentUser } from "../auth/session.server";
import { db } from "../db.server";
import { requireAdmin } from "./platforms.server";
import { DEFAULT_INVITE_LIFETIME_MS, invitationUrl, MAX_INVITE_LIFETIME_MS, MIN_INVITE_LIFETIME_MS, registrationMode, type InviteRefusal, type RegistrationMode } from "./registration-mode";
import { registrationUrl } from "./urls";

/**
 * One-time Dynamic Registration links (LTI_DYNAMIC_REGISTRATION=invite, ADR 0810). The token is
 * shown once and only its hash is stored. A registration holds its link while it talks to the
 * LMS (one conditional update, so of two concurrent uses exactly one proceeds), spends it when
 * the platform is stored and gives it back when the registration fails.
 */

/** Longer than a registration can take (two LMS calls of at most 10 s each, then a few writes). */
const CLAIM_MS = 5 * 60 * 1000;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export function currentRegistrationMode(): { mode: RegistrationMode; valid: boolean } {
  return registrationMode(process.env.LTI_DYNAMIC_REGISTRATION);
}

export type IssuedInvite = { url: string; expiresAt: Date };

export async function issueRegistrationInvite(
  toolOrigin: string,
  { lifetimeMs = DEFAULT_INVITE_LIFETIME_MS, issuedVia, issuedById = null, now = new Date() }: { lifetimeMs?: number; issuedVia: "cli" | "admin"; issuedById?: string | null; now?: Date },
): Promise<IssuedInvite> {
  if (!(lifetimeMs >= MIN_INVITE_LIFETIME_MS && lifetimeMs <= MAX_INVITE_LIFETIME_MS)) throw new RangeError("An invitation lives between 5 minutes and 30 days.");
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + lifetimeMs);
  await db.ltiRegistrationInvite.create({ data: { tokenHash: hashToken(token), issuedVia, issuedById, expiresAt, createdAt: now } });
  // Spent and expired links are kept a month for the record, then dropped.
  await db.ltiRegistrationInvite.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - MAX_INVITE_LIFETIME_MS) } } });
  return { url: invitationUrl(registrationUrl(toolOrigin), token), expiresAt };
}

/** The admin page's button: administrators only. */
export async function adminIssueRegistrationInvite(user: CurrentUser, toolOrigin: string, lifetimeMs: number): Promise<IssuedInvite> {
  const admin = requireAdmin(user);
  return issueRegistrationInvite(toolOrigin, { lifetimeMs, issuedVia: "admin", issuedById: admin.id });
}

export type InviteClaim = { inviteId: string; claimId: string };

/** Holds the link for one registration, or says why it cannot be used. */
export async function claimRegistrationInvite(token: string, now = new Date()): Promise<{ ok: true; claim: InviteClaim } | { ok: false; refusal: InviteRefusal }> {
  const tokenHash = hashToken(token);
  const claimId = randomUUID();
  const claimed = await db.ltiRegistrationInvite.updateMany({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now }, OR: [{ claimedUntil: null }, { claimedUntil: { lte: now } }] },
    data: { claimId, claimedUntil: new Date(now.getTime() + CLAIM_MS) },
  });
  const invite = await db.ltiRegistrationInvite.findUnique({ where: { tokenHash }, select: { id: true, usedAt: true, expiresAt: true } });
  if (claimed.count === 1 && invite) return { ok: true, claim: { inviteId: invite.id, claimId } };
  if (!invite) return { ok: false, refusal: "invite-unknown" };
  if (invite.usedAt) return { ok: false, refusal: "invite-used" };
  if (invite.expiresAt <= now) return { ok: false, refusal: "invite-expired" };
  return { ok: false, refusal: "invite-busy" };
}

/**
 * Spends the held link just before the platform is stored. False when the hold ran out and
 * another registration took the link: this one must then store nothing.
 */
export async function spendRegistrationInvite(claim: InviteClaim, now = new Date()): Promise<boolean> {
  const spent = await db.ltiRegistrationInvite.updateMany({
    where: { id: claim.inviteId, claimId: claim.claimId, usedAt: null, claimedUntil: { gt: now } },
    data: { usedAt: now },
  });
  return spent.count === 1;
}

export async function recordRegisteredPlatform(claim: InviteClaim, platformId: string): Promise<void> {
  await db.ltiRegistrationInvite.updateMany({ where: { id: claim.inviteId, claimId: claim.claimId }, data: { platformId, claimId: null, claimedUntil: null } });
}

/** A failed registration gives the link back, spent or only held, for another try. */
export async function releaseRegistrationInvite(claim: InviteClaim): Promise<void> {
  await db.ltiRegistrationInvite.updateMany({ where: { id: claim.inviteId, claimId: claim.claimId, platformId: null }, data: { usedAt: null, claimId: null, claimedUntil: null } });
}
