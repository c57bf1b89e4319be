"use server";

import { z } from "zod";
import { localeSchema } from "@/domain/locale-schema";
import { getCurrentUser } from "@/lib/auth/session.server";
import { checkVisitorChallenge, completionsFor, submitChallenge, type ChallengeOutcome } from "@/lib/challenges/completions.server";
import { parseArguments } from "@/lib/http/action-arguments";
import { invalidRequest, languageOf, refused, type ActionResult } from "@/lib/http/action-result";
import { afterEvidenceWrite } from "@/lib/lti/grade-sync.server";
import { currentVisitor, ensureVisitor, visitorBinding } from "@/lib/progress/visitor.server";

// The engine's schema checks the log entry by entry and names a forged claim ("reached", "score"):
// here only the envelope is checked, so those refusals keep their explanation.
const submissionInput = z.looseObject({ challengeId: z.string().max(64), log: z.array(z.unknown()), receipt: z.string().optional() });
const statusInput = z.object({ ids: z.array(z.string().max(64)).max(100) }).strict();
const localeArgument = localeSchema.optional();

/**
 * Checks a challenge attempt: the server replays the action log; the browser's word counts for
 * nothing. A signed-in learner's success is recorded; a visitor's comes with a receipt bound to
 * this browser's visitor cookie. A log the engine cannot verify is refused with its reason and
 * its issues (one per `fieldErrors` entry).
 */
export async function submitChallengeAction(input: unknown, locale?: unknown): Promise<ActionResult<{ challenge: ChallengeOutcome }, "not-verified">> {
  const language = languageOf(locale);
  const parsed = parseArguments([input, locale], submissionInput, localeArgument);
  if (!parsed) return invalidRequest(language);
  // The feedback comes in the page's language; the verdict does not depend on it.
  const submission = { ...parsed[0], locale: language };
  const user = await getCurrentUser();
  let result;
  if (user) {
    const visitor = await currentVisitor();
    result = await submitChallenge(user, submission, visitor ? visitorBinding(visitor) : null);
    if (result.ok && result.reached) await afterEvidenceWrite(user.id);
  } else {
    result = checkVisitorChallenge(submission, visitorBinding(await ensureVisitor()));
  }
  if (!result.ok) return { ...refused("not-verified", result.error), fieldErrors: Object.fromEntries(result.issues.map((issue, index) => [String(index), issue])) };
  const { ok, ...challenge } = result;
  return { ok, challenge };
}

/** Which of these challenges the signed-in learner has completed (and when); a visitor has none stored. */
export async function challengeStatusAction(input: unknown, locale?: unknown): Promise<ActionResult<{ status: { signedIn: boolean; completed: Record<string, string> } }>> {
  const parsed = parseArguments([input, locale], statusInput, localeArgument);
  if (!parsed) return invalidRequest(languageOf(locale));
  const user = await getCurrentUser();
  if (!user) return { ok: true, status: { signedIn: false, completed: {} } };
  return { ok: true, status: { signedIn: true, completed: await completionsFor(user, parsed[0].ids) } };
}
