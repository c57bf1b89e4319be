import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import type { Locale } from "@/domain/locale";
import { localeSchema } from "@/domain/locale-schema";
import { getCurrentUser, type CurrentUser } from "../auth/session.server";
import { thrownRefusal, type TeachingRefusal } from "../classes/errors";
import { actionWords } from "../i18n/words/actions";
import { parseArguments } from "./action-arguments";
import { formAnswer, invalidRequest, languageOf, refused, sessionEnded, type ActionResult } from "./action-result";
import type { FormResult } from "./form-result";

/** A refusal that fits any action's result, whatever its payload and reasons. */
type Failed = ReturnType<typeof sessionEnded>;

type SignedInOptions<F> = {
  /** What the form sent: returned with every refusal (an ended session too) so nothing typed is lost (ADR 0403). */
  values?: Record<string, string>;
  /**
   * The answer to a "you may not" that lib threw (`NotAllowedError`, `ClassArchivedError`); without
   * it such an error is not expected here and is rethrown.
   */
  thrown?: (reason: TeachingRefusal) => F;
};

/**
 * The one session step of every signed-in Server Action, after its arguments are checked (ADR
 * 1450): without a session nothing runs and the page is told so in its language (keeping
 * `values`); otherwise `work` runs for the user, and a refusal it throws becomes `thrown(reason)`.
 */
export async function signedIn<A extends ActionResult, F extends ActionResult = never>(
  language: Locale,
  work: (user: CurrentUser) => Promise<A>,
  { values, thrown }: SignedInOptions<F> = {},
): Promise<A | F | Failed> {
  const user = await getCurrentUser();
  if (!user) return sessionEnded(language, values);
  try {
    return await work(user);
  } catch (error) {
    const reason = thrownRefusal(error);
    if (reason && thrown) return thrown(reason);
    throw error;
  }
}

/** The class pages' refusal of a thrown "you may not": not theirs (or no such thing), or archived; the values sent come back. */
export const teachingRefused =
  (language: Locale, values?: Record<string, string>) =>
  (reason: TeachingRefusal) =>
    refused(reason, actionWords(language).refusals[reason], values);

/**
 * `signedIn` for an administrator's work: a "you may not" lib throws (the user is no
 * administrator) is refused "not-allowed" with `notAllowed` ("Only administrators can …", ADR 1390).
 */
export const asAdministrator = <A extends ActionResult>(language: Locale, notAllowed: string, work: (user: CurrentUser) => Promise<A>) =>
  signedIn(language, work, { thrown: () => refused("not-allowed", notAllowed) });

/** A form's text fields by name, sent back with a refusal so the form shows them again. */
export const formFields = (form: FormData): Record<string, string> =>
  Object.fromEntries([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"));

/**
 * `signedIn` for a form whose lib function answers a `FormResult`: done announces `success` and
 * revalidates `refresh`; field errors come back with the form's error (or "Check the highlighted
 * fields") and, like every refusal, with the values the form sent.
 */
export async function signedInForm(
  language: Locale,
  work: (user: CurrentUser) => Promise<FormResult<string>>,
  success: string,
  { refresh, form }: { refresh?: string; form?: FormData } = {},
): Promise<ActionResult> {
  const values = form ? formFields(form) : undefined;
  const answer = await signedIn(language, async (user) => formAnswer(await work(user), { success, fallback: actionWords(language).checkFields, values }), {
    values,
    thrown: teachingRefused(language, values),
  });
  if (answer.ok && refresh) revalidatePath(refresh, "layout");
  return answer;
}

/** What an action called as `(input, locale?)` works with once its input is checked and its user signed in. */
export type SignedInCall<T> = { user: CurrentUser; input: T; language: Locale };

/**
 * An action called as `(input, locale?)` that needs a signed-in user: the arguments checked
 * (`invalidRequest` when they do not fit), then `signedIn`, all answered in the page's language.
 * Without `work`, either that refusal or the parsed input, the user and the language for the lib call.
 */
export async function signedInCall<S extends z.ZodType>(input: unknown, locale: unknown, schema: S): Promise<{ refused: Failed } | SignedInCall<z.output<S>>>;
export async function signedInCall<S extends z.ZodType, A extends ActionResult>(
  input: unknown,
  locale: unknown,
  schema: S,
  work: (call: SignedInCall<z.output<S>>) => Promise<A>,
): Promise<A | Failed>;
export async function signedInCall<S extends z.ZodType, A extends ActionResult>(
  input: unknown,
  locale: unknown,
  schema: S,
  work?: (call: SignedInCall<z.output<S>>) => Promise<A>,
): Promise<A | Failed | { refused: Failed } | SignedInCall<z.output<S>>> {
  const language = languageOf(locale);
  const parsed = parseArguments([input, locale], schema, localeSchema.optional());
  if (work) return parsed ? signedIn<A>(language, (user) => work({ user, input: parsed[0], language })) : invalidRequest(language);
  if (!parsed) return { refused: invalidRequest(language) };
  let call: SignedInCall<z.output<S>> | undefined;
  const ended = await signedIn(language, async (user) => {
    call = { user, input: parsed[0], language };
    return { ok: true };
  });
  return call ?? { refused: ended as Failed };
}
