import "server-only";
import { lineItemOf, lineItemsOf } from "./ags-json";
import { MEDIA_TYPE, SCOPE } from "./constants";
import { callService, ServiceError, type ServicePlatform } from "./service-token.server";
import { isServiceUrl, nextLink, scoresUrl } from "./urls";

const MAX_LINE_ITEM_PAGES = 50;

/**
 * Assignment and Grade Services 2.0: publishing scores to a line item, and finding or creating
 * the line item of a resource link when the LMS did not give one. A platform that grants only
 * the score scope still receives scores for the line items its launches name.
 */

export async function postScore(platform: ServicePlatform, lineItemUrl: string, body: Record<string, unknown>, now = new Date()): Promise<void> {
  await callService(
    platform,
    [SCOPE.score],
    scoresUrl(lineItemUrl),
    { method: "POST", headers: { "content-type": MEDIA_TYPE.score, accept: "application/json" }, body: JSON.stringify(body) },
    `score for ${lineItemUrl}`,
    now,
  );
}

export type LineItemRequest = {
  lineItemsUrl: string;
  /** The scopes the LMS offered in its AGS claim. */
  offeredScopes: readonly string[];
  resourceLinkId: string;
  resourceId: string;
  label: string;
  scoreMaximum: number;
  endDateTime: Date | null;
};

function withQuery(url: string, params: Record<string, string>): string {
  const parsed = new URL(url);
  for (const [name, value] of Object.entries(params)) parsed.searchParams.set(name, value);
  return parsed.toString();
}

/**
 * The line item of a resource link: found in the container by resource_link_id, or created. Needs
 * the lineitem scope (or lineitem.readonly to find); without it the LMS must name the line item
 * in its launches (the score-only case).
 */
export async function findOrCreateLineItem(platform: ServicePlatform, request: LineItemRequest, now = new Date()): Promise<string> {
  const canManage = request.offeredScopes.includes(SCOPE.lineItem);
  const canRead = canManage || request.offeredScopes.includes(SCOPE.lineItemReadOnly);
  if (!canRead) throw new ServiceError("the LMS gave this link no line item and grants no line item scope: it takes scores only for line items it names", { retryable: false });
  const readScope = canManage ? SCOPE.lineItem : SCOPE.lineItemReadOnly;
  // The container comes in pages (AGS 2.0 §3.2.4): each Link rel="next" is followed as it is.
  // A link may have several line items (AGS 2.0 §3.2): the one carrying this assignment as its
  // resourceId is ours; otherwise the LMS's first for the link.
  let next: string | null = withQuery(request.lineItemsUrl, { resource_link_id: request.resourceLinkId });
  let firstForLink: string | null = null;
  for (let page = 0; next && page < MAX_LINE_ITEM_PAGES; page++) {
    if (!isServiceUrl(next)) throw new ServiceError(`the line item page ${next} is not an https URL`, { retryable: false });
    const listed = await callService(platform, [readScope], next, { headers: { accept: MEDIA_TYPE.lineItemContainer } }, `line items of ${request.lineItemsUrl}`, now);
    const items = lineItemsOf(listed.text);
    const ours = items.find((item) => item.resourceId === request.resourceId);
    if (ours) return ours.id;
    firstForLink ??= items.find((item) => item.resourceLinkId === request.resourceLinkId)?.id ?? null;
    const link = nextLink(listed.headers.get("link"));
    next = link ? new URL(link, next).toString() : null;
  }
  if (firstForLink) return firstForLink;
  if (!canManage) throw new ServiceError("the LMS lists no line item for this link and grants no scope to create one", { retryable: false });
  const created = await callService(
    platform,
    [SCOPE.lineItem],
    request.lineItemsUrl,
    {
      method: "POST",
      headers: { "content-type": MEDIA_TYPE.lineItem, accept: MEDIA_TYPE.lineItem },
      body: JSON.stringify({
        scoreMaximum: request.scoreMaximum,
        label: request.label,
        resourceId: request.resourceId,
        resourceLinkId: request.resourceLinkId,
        tag: "syntofin",
        ...(request.endDateTime ? { endDateTime: request.endDateTime.toISOString() } : {}),
      }),
    },
    `new line item in ${request.lineItemsUrl}`,
    now,
  );
  const item = lineItemOf(created.text);
  if (!item) throw new ServiceError(`new line item in ${request.lineItemsUrl}: the answer has no line item id`, { retryable: true });
  return item.id;
}
