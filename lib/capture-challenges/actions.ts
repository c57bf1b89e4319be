"use server";

import { z } from "zod";
import { getCaptureChallenge, type CaptureValues } from "@/domain/capture-challenges";
import { localeSchema } from "@/domain/locale-schema";
import { getCurrentUser } from "@/lib/auth/session.server";
import { deleteKeptCapture } from "@/lib/capture-challenges/evidence.server";
import { uploadError } from "@/lib/capture-challenges/upload.server";
import { accountCaptureValues, reissueCaptureValues, visitorCaptureValues } from "@/lib/capture-challenges/values.server";
import { idArgument, parseArguments } from "@/lib/http/action-arguments";
import { invalidRequest, languageOf, refused, type ActionResult } from "@/lib/http/action-result";
import { signedInCall } from "@/lib/http/signed-in-call.server";
import { captureChallengeWords } from "@/lib/i18n/words/capture-challenges";
import { currentVisitor, ensureVisitor } from "@/lib/progress/visitor.server";
import type { Locale } from "@/domain/locale";

const challengeInput = z.object({ challengeId: z.string().max(64) }).strict();
const evidenceInput = z.object({ evidenceId: idArgument }).strict();
const localeArgument = localeSchema.optional();

/** `captureValues`, not `values`: an action's `values` are the form fields it sends back. */
type ValuesResult = ActionResult<{ captureValues: CaptureValues }, "unknown-challenge">;

const unknownChallenge = (locale: Locale) => refused("unknown-challenge", uploadError("unknown-challenge", locale).message);

/**
 * The values of this learner for a capture challenge: an account's stored values (carrying over
 * the ones this browser was shown before signing in), or for a visitor the values derived from
 * this browser's visitor cookie (set now if it has none).
 */
export async function captureValuesAction(input: unknown, locale?: unknown): Promise<ValuesResult> {
  const language = languageOf(locale);
  const parsed = parseArguments([input, locale], challengeInput, localeArgument);
  if (!parsed) return invalidRequest(language);
  const { challengeId } = parsed[0];
  if (!getCaptureChallenge(challengeId)) return unknownChallenge(language);
  const user = await getCurrentUser();
  if (!user) return { ok: true, captureValues: visitorCaptureValues(await ensureVisitor(), challengeId) };
  const visitor = await currentVisitor();
  return { ok: true, captureValues: await accountCaptureValues(user, challengeId, visitor ? visitorCaptureValues(visitor, challengeId) : undefined) };
}

/** New values for a signed-in learner (visitors' values follow their browser and cannot change). */
export async function reissueCaptureValuesAction(input: unknown, locale?: unknown): Promise<ValuesResult> {
  const call = await signedInCall(input, locale, challengeInput);
  if ("refused" in call) return call.refused;
  if (!getCaptureChallenge(call.input.challengeId)) return unknownChallenge(call.language);
  return { ok: true, captureValues: await reissueCaptureValues(call.user, call.input.challengeId) };
}

/** Deletes the packets kept with one of the learner's own capture evidence rows. */
export async function deleteKeptCaptureAction(input: unknown, locale?: unknown): Promise<ActionResult<object, "not-found">> {
  const call = await signedInCall(input, locale, evidenceInput);
  if ("refused" in call) return call.refused;
  const words = captureChallengeWords(call.language);
  const deleted = await deleteKeptCapture(call.user, call.input.evidenceId);
  return deleted.ok ? { ok: true, message: words.deleted, at: Date.now() } : refused(deleted.refusal, words.nothingToDelete);
}
