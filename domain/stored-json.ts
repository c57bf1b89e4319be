import type { z } from "zod";

/**
 * A JSON column read back through its schema: `null` when the text is not JSON or no longer fits
 * (a row written by an older version), so a reader skips it instead of failing the page.
 */
export function parseStoredJson<S extends z.ZodType>(schema: S, json: string): z.output<S> | null {
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
