import type { Locale } from "@/domain/locale";
import { localeSchema } from "@/domain/locale-schema";
import { actionWords } from "../i18n/words/actions";
import type { FormResult } from "./form-result";

type Answer<R extends string> = {
  /** The form's error or its success, announced (an alert or a polite live region). */
  message?: string;
  fieldErrors?: Record<string, string | undefined>;
  /**
   * What the form sent, returned with a refusal so the page (also without JavaScript) shows it
   * again instead of the defaults: nothing typed is lost on a validation error.
   */
  values?: Record<string, string>;
  /** The request came without a valid session: the form offers to sign in again and keeps its input. */
  sessionEnded?: boolean;
  /** Why it was refused, for a caller that acts on the reason rather than showing the message. */
  refusal?: R;
  /** Changes on every response so the same message is announced again. */
  at?: number;
};

/**
 * What every Server Action answers: done (with the payload `T` a caller needs), or refused with a
 * message, field errors, the values sent back, the reason `R` or an ended session. A form's state
 * before its first answer is `null`.
 */
export type ActionResult<T extends object = object, R extends string = string> = ({ ok: true } & T & Answer<R>) | ({ ok: false } & Answer<R>);

/** A refusal that fits any action's result, whatever its payload. */
type Failed<R extends string = never> = { ok: false } & Answer<R>;

/** The language an action answers in: a form's `locale` field or an action's last argument; anything else is English. */
export const languageOf = (locale: unknown): Locale => localeSchema.catch("en").parse(locale);

/** The language of an action whose one input object carries the page's `locale` (a quiz, a review, a prediction): read before the input is checked, so a refusal speaks it too. */
export const inputLanguage = (input: unknown): Locale => languageOf(typeof input === "object" && input !== null ? (input as { locale?: unknown }).locale : undefined);

/** The language of a form's hidden `locale` field (a button form's FormData may be missing in a crafted request). */
export const formLanguage = (form: unknown): Locale => languageOf(form instanceof FormData ? form.get("locale") : undefined);

/** Arguments of the wrong shape (a crafted request, never the app's own forms): refused before anything runs. */
export const invalidRequest = (locale: Locale = "en"): Failed => ({ ok: false, message: actionWords(locale).invalidRequest, at: Date.now() });

/** No valid session: nothing ran; the form keeps what was typed and offers to sign in again (ADR 0403). */
export const sessionEnded = (locale: Locale = "en", values?: Record<string, string>): Failed => ({
  ok: false,
  sessionEnded: true,
  message: actionWords(locale).sessionEnded,
  values,
  at: Date.now(),
});

/** A refusal with its reason and the message that explains it; the values sent come back. */
export const refused = <R extends string>(refusal: R, message: string, values?: Record<string, string>): Failed<R> => ({
  ok: false,
  refusal,
  message,
  values,
  at: Date.now(),
});

/**
 * A lib function's `FormResult` as the action's answer: done (announcing `success`), or its field
 * errors with its form error (or `fallback`, e.g. "Check the highlighted fields") and the values sent back.
 */
export function formAnswer(result: FormResult<string>, { success, fallback, values }: { success?: string; fallback?: string; values?: Record<string, string> } = {}): ActionResult {
  if (result.ok) return { ok: true, message: success, at: Date.now() };
  return { ok: false, message: result.formError ?? fallback, fieldErrors: result.fieldErrors, values, at: Date.now() };
}
