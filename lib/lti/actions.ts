"use server";

import { z } from "zod";
import { localeSchema } from "@/domain/locale-schema";
import type { Locale } from "@/domain/locale";
import type { CurrentUser } from "@/lib/auth/session.server";
import type { TeachingRefusal } from "@/lib/classes/errors";
import { siteOrigin } from "@/lib/classes/site-url.server";
import { idArgument as id, parseArguments } from "@/lib/http/action-arguments";
import { invalidRequest, languageOf, refused, type ActionResult } from "@/lib/http/action-result";
import { signedIn, teachingRefused } from "@/lib/http/signed-in-call.server";
import { actionWords } from "@/lib/i18n/words/actions";
import { ltiWords } from "@/lib/i18n/words/lti";
import { answerDeepLink, cancelDeepLink, type DeepLinkAnswer, type PickerRefusal } from "@/lib/lti/deep-linking.server";
import { linkPendingIdentity, type LinkRefusal } from "@/lib/lti/identity.server";
import { syncRosterForInstructor, type RosterSummary } from "@/lib/lti/nrps.server";
import { resendClassScores, resendScore } from "@/lib/lti/score-jobs.server";

/**
 * Server Actions of the pages shown inside an LMS (and the class's LMS page), in the one action
 * pattern (ADR 1310): check the arguments, take the page's language (the last argument), resolve
 * the session, call lib/lti with the signed-in user, answer an `ActionResult` in that language.
 */

const localeArgument = localeSchema.optional();
const linkToken = z.string().min(1).max(100);
/** The picker's shape; each pick's fields are validated (and explained) by lib/lti. */
const picksArgument = z.object({ requestId: id, items: z.array(z.unknown()).max(1000), dueAt: z.string().max(20).optional() });

/** A class's LMS work for its instructor: not theirs (or archived) is the class pages' refusal. */
async function teaching<T extends { ok: true }>(locale: Locale, work: (user: CurrentUser) => Promise<T>, success: string): Promise<ActionResult<Omit<T, "ok">, TeachingRefusal>> {
  return signedIn(locale, async (user) => ({ ...(await work(user)), message: success, at: Date.now() }), { thrown: teachingRefused(locale) });
}

export async function resendScoreAction(jobId: string, locale?: unknown): Promise<ActionResult<object, TeachingRefusal>> {
  const language = languageOf(locale);
  if (!parseArguments([jobId, locale], id, localeArgument)) return invalidRequest(language);
  return teaching(language, (user) => resendScore(user, jobId), ltiWords(language).sync.sent);
}

export async function resendClassScoresAction(classId: string, locale?: unknown): Promise<ActionResult<{ queued: number }, TeachingRefusal>> {
  const language = languageOf(locale);
  if (!parseArguments([classId, locale], id, localeArgument)) return invalidRequest(language);
  return teaching(language, (user) => resendClassScores(user, classId), ltiWords(language).sync.sent);
}

/** Roster sync: refused for someone not teaching the class, or "sync-failed" with the LMS's reason. */
export async function syncRosterAction(classId: string, locale?: unknown): Promise<ActionResult<{ summary: RosterSummary }, TeachingRefusal | "sync-failed">> {
  const language = languageOf(locale);
  if (!parseArguments([classId, locale], id, localeArgument)) return invalidRequest(language);
  const words = ltiWords(language).sync;
  return signedIn(
    language,
    async (user): Promise<ActionResult<{ summary: RosterSummary }, "sync-failed">> => {
      const result = await syncRosterForInstructor(user, classId);
      if (!result.ok) return refused("sync-failed", words.rosterError(result.message));
      const { summary } = result;
      return { ok: true, summary, message: words.rosterDone(summary.added, summary.removed, summary.waitingToLink), at: Date.now() };
    },
    { thrown: teachingRefused(language) },
  );
}

const pickerMessage = (locale: Locale, reason: PickerRefusal) => (reason === "expired" ? ltiWords(locale).picker.expired : ltiWords(locale).picker.notAllowed);

/** Where the browser posts the signed answer to the LMS. */
type ReturnToLms = { returnUrl: string; jwt: string };

/**
 * The instructor's picks. A pick the server cannot take is refused as "invalid", its errors as
 * field errors named `items.<index>.<field>` and `dueAt`, the form's own in `message`.
 */
export async function answerDeepLinkAction(picks: { requestId: string; items: unknown[]; dueAt?: string }, locale?: unknown): Promise<ActionResult<ReturnToLms & { count: number }, PickerRefusal | "invalid">> {
  const language = languageOf(locale);
  const parsed = parseArguments([picks, locale], picksArgument, localeArgument);
  if (!parsed) return invalidRequest(language);
  return signedIn(language, async (user) => pickerAnswer(language, await answerDeepLink(user, parsed[0], await siteOrigin(), language)));
}

function pickerAnswer(language: Locale, answer: DeepLinkAnswer): ActionResult<ReturnToLms & { count: number }, PickerRefusal | "invalid"> {
  if (answer.ok) return { ...answer, at: Date.now() };
  if (answer.refusal !== "invalid") return refused(answer.refusal, pickerMessage(language, answer.refusal));
  const fieldErrors: Record<string, string | undefined> = { dueAt: answer.dueAtError };
  answer.itemErrors.forEach((errors, index) => {
    for (const [field, message] of Object.entries(errors)) fieldErrors[`items.${index}.${field}`] = message;
  });
  return { ...refused("invalid", answer.formError ?? actionWords(language).checkFields), fieldErrors };
}

/** The instructor leaves the picker without picking: the LMS gets an empty answer. */
export async function cancelDeepLinkAction(requestId: string, locale?: unknown): Promise<ActionResult<ReturnToLms, PickerRefusal>> {
  const language = languageOf(locale);
  if (!parseArguments([requestId, locale], id, localeArgument)) return invalidRequest(language);
  return signedIn(language, async (user): Promise<ActionResult<ReturnToLms, PickerRefusal>> => {
    const answer = await cancelDeepLink(user, requestId, language);
    return answer.ok ? { ...answer, at: Date.now() } : refused(answer.refusal, pickerMessage(language, answer.refusal));
  });
}

/** Links the LMS identity waiting behind `token` to the account signed in. */
export async function linkAccountAction(token: string, locale?: unknown): Promise<ActionResult<object, LinkRefusal>> {
  const language = languageOf(locale);
  if (!parseArguments([token, locale], linkToken, localeArgument)) return invalidRequest(language);
  const words = ltiWords(language).link;
  return signedIn(language, async (user): Promise<ActionResult<object, LinkRefusal>> => {
    const linked = await linkPendingIdentity(user, token);
    return linked.ok ? { ok: true, at: Date.now() } : refused(linked.refusal, linked.refusal === "expired" ? words.expired : words.elsewhere);
  });
}
