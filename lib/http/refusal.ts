/**
 * The one shape of an expected refusal from a lib function (joining with a wrong code, progress
 * on a lesson that does not exist): `R` is a union of kebab-case reasons. Refusals that mean "you
 * may not" are thrown instead (`NotAllowedError`, lib/classes/errors.ts).
 */
export type Refusal<R extends string> = { ok: false; refusal: R };

export const refusal = <R extends string>(reason: R): Refusal<R> => ({ ok: false, refusal: reason });
