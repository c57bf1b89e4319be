import type { z } from "zod";

/** A form's errors by field name: the first message for each field. */
export type FieldErrors<K extends string> = Partial<Record<K, string>>;

/** What a lib function that validates a form answers: done, or each field's error and one for the whole form. */
export type FormResult<K extends string, T = object> = ({ ok: true } & T) | { ok: false; fieldErrors: FieldErrors<K>; formError?: string };

/** The first message of each of `keys` in a zod error; issues on other paths are left out. */
export function fieldErrorsOf<K extends string>(error: z.ZodError, keys: readonly K[]): FieldErrors<K> {
  const out: FieldErrors<K> = {};
  for (const issue of error.issues) {
    const key = issue.path[0];
    if (typeof key === "string" && (keys as readonly string[]).includes(key) && !out[key as K]) out[key as K] = issue.message;
  }
  return out;
}
