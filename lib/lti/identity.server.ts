import "server-only";
import type { CurrentUser } from "../auth/session.server";
import { db } from "../db.server";
import { refusal, type Refusal } from "../http/refusal";
import type { Locale } from "@/domain/locale";
import type { LaunchMessage } from "./claims";
import { completeLaunch, hashToken, type LaunchOutcome } from "./launch.server";
import { getPlatform, platformFrameOrigins } from "./platforms.server";
import { problem } from "./problems";

/**
 * A first launch whose LMS email belongs to an existing account (ADR 0802): the tool never links
 * them by email. The person either signs in to that account once (in a window of its own, on
 * /lti/link/<token>) to link it, or chooses a separate account.
 */

type Pending = { id: string; platformId: string; issuer: string; subject: string; email: string; launch: string; framed: boolean; linkedUserId: string | null; expiresAt: Date };

async function findPending(token: string, now: Date): Promise<Pending | null> {
  if (!token || token.length > 100) return null;
  const row = await db.ltiPendingIdentity.findUnique({ where: { tokenHash: hashToken(token) } });
  return row && row.expiresAt.getTime() > now.getTime() ? row : null;
}

export type PendingLinkView = { email: string; platformName: string; alreadyLinkedTo: string | null };

/** What the link page shows before the person confirms. */
export async function pendingLinkView(token: string, now = new Date()): Promise<PendingLinkView | null> {
  const pending = await findPending(token, now);
  if (!pending) return null;
  const platform = await getPlatform(pending.platformId);
  const link = await db.ltiUserLink.findUnique({ where: { issuer_subject: { issuer: pending.issuer, subject: pending.subject } }, select: { userId: true } });
  return { email: pending.email, platformName: platform?.name ?? pending.issuer, alreadyLinkedTo: link?.userId ?? null };
}

export type LinkRefusal = "expired" | "linked-elsewhere";

/** The signed-in person links their LMS identity to this account. */
export async function linkPendingIdentity(user: CurrentUser, token: string, now = new Date()): Promise<{ ok: true } | Refusal<LinkRefusal>> {
  const pending = await findPending(token, now);
  if (!pending) return refusal("expired");
  const existing = await db.ltiUserLink.findUnique({ where: { issuer_subject: { issuer: pending.issuer, subject: pending.subject } }, select: { userId: true } });
  if (existing && existing.userId !== user.id) return refusal("linked-elsewhere");
  if (!existing) {
    try {
      await db.ltiUserLink.create({ data: { issuer: pending.issuer, subject: pending.subject, userId: user.id } });
    } catch {
      // Linked concurrently: the check below decides.
      const now2 = await db.ltiUserLink.findUnique({ where: { issuer_subject: { issuer: pending.issuer, subject: pending.subject } }, select: { userId: true } });
      if (now2?.userId !== user.id) return refusal("linked-elsewhere");
    }
  }
  await db.ltiPendingIdentity.updateMany({ where: { id: pending.id }, data: { linkedUserId: user.id } });
  return { ok: true };
}

export type SettleRequest = { token: string; action: string; origin: string | null; toolOrigin: string; acceptLocale: Locale };

/** The LMS frame continues after linking, or with a separate account. */
export async function settlePendingIdentity(request: SettleRequest, now = new Date()): Promise<{ outcome: LaunchOutcome; notLinkedYet: boolean }> {
  const fail = (detail: string) => ({ outcome: { kind: "problem" as const, problem: problem("link-invalid", detail), locale: request.acceptLocale, frameAncestors: [], setCookies: [] }, notLinkedYet: false });
  if (request.origin !== request.toolOrigin) return fail(`the request came from ${request.origin ?? "an unknown origin"}, not from this tool's page`);
  if (request.action !== "continue" && request.action !== "separate") return fail("unknown action");
  const pending = await findPending(request.token, now);
  if (!pending) return fail("the choice is unknown or expired");
  const platform = await getPlatform(pending.platformId);
  if (!platform) return fail("the platform is no longer registered");
  const { message, locale } = JSON.parse(pending.launch) as { message: LaunchMessage; locale: Locale };
  const frameAncestors = platformFrameOrigins(platform);
  if (request.action === "continue") {
    const link = await db.ltiUserLink.findUnique({ where: { issuer_subject: { issuer: pending.issuer, subject: pending.subject } }, select: { userId: true } });
    if (!link) {
      return {
        outcome: { kind: "pending-identity", token: request.token, email: pending.email, platformName: platform.name, locale, frameAncestors, setCookies: [] },
        notLinkedYet: true,
      };
    }
  }
  const choice = request.action === "continue" ? ({ kind: "auto" } as const) : ({ kind: "separate" } as const);
  const outcome = await completeLaunch(platform, message, locale, pending.framed, request.toolOrigin, choice, frameAncestors, [], now);
  if (outcome.kind === "launched") await db.ltiPendingIdentity.deleteMany({ where: { id: pending.id } });
  return { outcome, notLinkedYet: false };
}
