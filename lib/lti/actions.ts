"use server";

import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session.server";
import { refusalAsResult, type TeachingRefusal } from "@/lib/classes/errors";
import { refusal, type Refusal } from "@/lib/http/refusal";
import { siteOrigin } from "@/lib/classes/site-url.server";
import { answerDeepLink, cancelDeepLink, type DeepLinkAnswer } from "@/lib/lti/deep-linking.server";
import { linkPendingIdentity, type LinkResult } from "@/lib/lti/identity.server";
import { syncRosterForInstructor, type RosterSyncResult } from "@/lib/lti/nrps.server";
import { resendClassScores, resendScore } from "@/lib/lti/score-jobs.server";

/** Server Actions of the pages shown inside an LMS (and the class's LMS page): validate, find the user, call lib/lti. */

const id = z.string().min(1).max(64);

/** Why an instructor's LMS action was refused: a malformed request, no session, not theirs, or archived. */
type Refused = Refusal<TeachingRefusal | "invalid-input">;

export async function resendScoreAction(jobId: unknown): Promise<{ ok: true } | Refused> {
  const parsed = id.safeParse(jobId);
  if (!parsed.success) return refusal("invalid-input");
  const user = await getCurrentUser();
  if (!user) return refusal("not-allowed");
  return refusalAsResult(() => resendScore(user, parsed.data));
}

export async function resendClassScoresAction(classId: unknown): Promise<{ ok: true; queued: number } | Refused> {
  const parsed = id.safeParse(classId);
  if (!parsed.success) return refusal("invalid-input");
  const user = await getCurrentUser();
  if (!user) return refusal("not-allowed");
  return refusalAsResult(() => resendClassScores(user, parsed.data));
}

export async function syncRosterAction(classId: unknown): Promise<RosterSyncResult | Refused> {
  const parsed = id.safeParse(classId);
  if (!parsed.success) return refusal("invalid-input");
  const user = await getCurrentUser();
  if (!user) return refusal("not-allowed");
  return refusalAsResult(() => syncRosterForInstructor(user, parsed.data));
}

export async function answerDeepLinkAction(raw: unknown): Promise<DeepLinkAnswer> {
  return answerDeepLink(await getCurrentUser(), raw, await siteOrigin());
}

export async function cancelDeepLinkAction(requestId: unknown) {
  const parsed = id.safeParse(requestId);
  if (!parsed.success) return { ok: false as const, error: "not-allowed" as const };
  return cancelDeepLink(await getCurrentUser(), parsed.data);
}

export async function linkAccountAction(token: unknown): Promise<LinkResult> {
  const parsed = z.string().min(1).max(100).safeParse(token);
  if (!parsed.success) return { ok: false, error: "expired" };
  return linkPendingIdentity(await getCurrentUser(), parsed.data);
}
