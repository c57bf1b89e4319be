"use server";

import { z } from "zod";
import { getCaptureChallenge, type CaptureValues } from "@/domain/capture-challenges";
import { getCurrentUser } from "@/lib/auth/session.server";
import { deleteKeptCapture } from "@/lib/capture-challenges/evidence.server";
import { accountCaptureValues, reissueCaptureValues, visitorCaptureValues } from "@/lib/capture-challenges/values.server";
import { currentVisitor, ensureVisitor } from "@/lib/progress/visitor.server";

const challengeInput = z.object({ challengeId: z.string().max(64) }).strict();
const evidenceInput = z.object({ evidenceId: z.string().min(1).max(64) }).strict();

/**
 * The values of this learner for a capture challenge: an account's stored values, or for a
 * visitor the values derived from this browser's visitor cookie (set now if it has none).
 */
export async function captureValuesAction(raw: unknown): Promise<{ ok: true; values: CaptureValues } | { ok: false }> {
  const parsed = challengeInput.safeParse(raw);
  if (!parsed.success || !getCaptureChallenge(parsed.data.challengeId)) return { ok: false };
  const { challengeId } = parsed.data;
  const user = await getCurrentUser();
  if (user) {
    const visitor = await currentVisitor();
    return { ok: true, values: await accountCaptureValues(user.id, challengeId, visitor ? visitorCaptureValues(visitor, challengeId) : undefined) };
  }
  return { ok: true, values: visitorCaptureValues(await ensureVisitor(), challengeId) };
}

/** New values for a signed-in learner (visitors' values follow their browser and cannot change). */
export async function reissueCaptureValuesAction(raw: unknown): Promise<{ ok: true; values: CaptureValues } | { ok: false }> {
  const parsed = challengeInput.safeParse(raw);
  const user = await getCurrentUser();
  if (!user || !parsed.success || !getCaptureChallenge(parsed.data.challengeId)) return { ok: false };
  return { ok: true, values: await reissueCaptureValues(user.id, parsed.data.challengeId) };
}

/** Deletes the packets kept with one of the learner's own capture evidence rows. */
export async function deleteKeptCaptureAction(raw: unknown): Promise<{ ok: boolean }> {
  const parsed = evidenceInput.safeParse(raw);
  const user = await getCurrentUser();
  if (!user || !parsed.success) return { ok: false };
  return { ok: await deleteKeptCapture(user, parsed.data.evidenceId) };
}
