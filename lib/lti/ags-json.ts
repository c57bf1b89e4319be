import { z } from "zod";
import { isServiceUrl } from "./urls";

/**
 * Reading the LMS's AGS answers (pure): line items (application/vnd.ims.lis.v2.lineitem+json) and
 * line item containers (application/vnd.ims.lis.v2.lineitemcontainer+json). Only what the tool
 * uses is read; other properties (dates, tag, extensions) are allowed and ignored.
 */

const lineItem = z.object({
  id: z.string().refine(isServiceUrl),
  resourceLinkId: z.string().nullish(),
  resourceId: z.string().nullish(),
  scoreMaximum: z.number().optional(),
  label: z.string().optional(),
});

export type LineItem = z.infer<typeof lineItem>;

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** A line item container (an array); entries that are not line items are skipped. */
export function lineItemsOf(text: string): LineItem[] {
  const json = parse(text);
  if (!Array.isArray(json)) return [];
  return json.flatMap((entry) => {
    const parsed = lineItem.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

/** One line item (the answer to a POST), or null without a usable id. */
export function lineItemOf(text: string): LineItem | null {
  const parsed = lineItem.safeParse(parse(text));
  return parsed.success ? parsed.data : null;
}
