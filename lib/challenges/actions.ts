"use server";

import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session.server";
import { completionsFor, submitChallenge, type SubmitResult } from "@/lib/challenges/completions.server";
import { afterEvidenceWrite } from "@/lib/lti/grade-sync.server";
import { currentVisitor, ensureVisitor, visitorBinding } from "@/lib/progress/visitor.server";

/**
 * Checks a challenge attempt: the server replays the action log; the browser's word counts for
 * nothing. A visitor's success comes with a receipt bound to this browser's visitor cookie.
 */
export async function submitChallengeAction(raw: unknown): Promise<SubmitResult> {
  const user = await getCurrentUser();
  const visitor = user ? await currentVisitor() : await ensureVisitor();
  const result = await submitChallenge(user, raw, visitor ? visitorBinding(visitor) : null);
  if (user && result.ok && result.reached) await afterEvidenceWrite(user.id);
  return result;
}

const statusInput = z.object({ ids: z.array(z.string().max(64)).max(100) }).strict();

/** ok: false when the request was malformed (then nothing is reported as completed). */
export type ChallengeStatus = { ok: boolean; signedIn: boolean; completed: Record<string, string> };

/** Which of these challenges the signed-in learner has completed (and when). */
export async function challengeStatusAction(raw: unknown): Promise<ChallengeStatus> {
  const parsed = statusInput.safeParse(raw);
  const user = await getCurrentUser();
  if (!parsed.success) return { ok: false, signedIn: user !== null, completed: {} };
  if (!user) return { ok: true, signedIn: false, completed: {} };
  return { ok: true, signedIn: true, completed: await completionsFor(user, parsed.data.ids) };
}
