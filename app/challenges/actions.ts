"use server";

import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session.server";
import { completionsFor, submitChallenge, type SubmitResult } from "@/lib/challenges/completions.server";

/** Checks a challenge attempt: the server replays the action log; the browser's word counts for nothing. */
export async function submitChallengeAction(raw: unknown): Promise<SubmitResult> {
  return submitChallenge(await getCurrentUser(), raw);
}

const statusInput = z.object({ ids: z.array(z.string().max(64)).max(100) }).strict();

export type ChallengeStatus = { signedIn: boolean; completed: Record<string, string> };

/** Which of these challenges the signed-in learner has completed (and when). */
export async function challengeStatusAction(raw: unknown): Promise<ChallengeStatus> {
  const parsed = statusInput.safeParse(raw);
  const user = await getCurrentUser();
  if (!user || !parsed.success) return { signedIn: user !== null, completed: {} };
  return { signedIn: true, completed: await completionsFor(user, parsed.data.ids) };
}
