import { z } from "zod";

/**
 * A Server Action's arguments are whatever the request encoded: a crafted request can send a
 * plain object or a string where the form expects FormData, or nothing at all. Every action
 * checks its parameters against these schemas before reading any of them and answers a refusal,
 * never a thrown error. Arguments after the declared ones (the FormData React passes to a bound
 * button action) are never read, so they are not checked.
 */
export function parseArguments<const T extends readonly [z.ZodType, ...z.ZodType[]]>(
  args: readonly unknown[],
  ...schemas: T
): { [K in keyof T]: z.output<T[K]> } | null {
  const parsed = z.tuple(schemas as unknown as [z.ZodType, ...z.ZodType[]], z.unknown()).safeParse(args);
  return parsed.success ? (parsed.data as { [K in keyof T]: z.output<T[K]> }) : null;
}

/** A form's fields, as the browser posts them. */
export const formArgument = z.instanceof(FormData);

/** A database id (or token) bound into an action. */
export const idArgument = z.string().min(1).max(64);

/** The state React passes back to a form action: never read, so anything is accepted. */
export const previousStateArgument = z.unknown();

/**
 * The FormData of a form that always posts these text fields (empty when nothing was typed): one
 * without them is not that form, and is refused before anything counts it as an attempt.
 */
export const formWithFields = (...names: string[]) =>
  formArgument.refine((form) => names.every((name) => typeof form.get(name) === "string"), "Not the form's fields");
