import "server-only";
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { z } from "zod";
import { fieldErrorsOf } from "../http/form-result";
import type { CurrentUser } from "../auth/session.server";
import { wallTimeToInstant } from "@/domain/gradebook/zoned-time";
import { findCatalogItem, listCatalog } from "../catalog.server";
import { targetTypeWords } from "../i18n/words/gradebook";
import type { Locale } from "@/domain/locale";
import { ltiWords, type LtiWords } from "../i18n/words/lti";
import { db } from "../db.server";
import { DATE_WINDOW_YEARS, isWithinDateWindow } from "@/domain/gradebook/rules";
import type { TargetType } from "@/domain/gradebook/semantics";
import type { DeepLinkingSettings } from "./claims";
import { ASSIGNMENT_CUSTOM_PARAMETER, CLAIM, LTI_VERSION, MESSAGE_TYPE } from "./constants";
import { toolKeySet } from "./keys.server";
import { ltiContentPath, isLtiTarget, type LtiTargetType } from "./paths";
import { createLinkAssignment } from "./provision.server";
import { refusal, type Refusal } from "../http/refusal";

/**
 * Deep Linking 2.0: an instructor picks lessons, quizzes and challenges (with points) from inside
 * the LMS. Each pick becomes an assignment of the course's class and an `ltiResourceLink` item
 * with a `lineItem`, returned to the LMS in a signed LtiDeepLinkingResponse. The request is
 * answered once; an expired or answered one is refused.
 */

export type PickerItem = { value: string; type: TargetType; id: string; title: string; lesson: string | null };

export type PickerView = {
  requestId: string;
  title: string | null;
  text: string | null;
  acceptMultiple: boolean;
  acceptLineItem: boolean;
  acceptsResourceLinks: boolean;
  className: string;
  timeZone: string;
  items: PickerItem[];
};

export type PickerRefusal = "expired" | "not-allowed";

type Loaded = { request: { id: string; platformId: string; deploymentId: string; userId: string; returnUrl: string; settings: string; expiresAt: Date; answeredAt: Date | null; contextId: string | null }; settings: DeepLinkingSettings };

async function loadRequest(user: CurrentUser, requestId: string, now: Date): Promise<{ ok: true; loaded: Loaded } | Refusal<PickerRefusal>> {
  if (typeof requestId !== "string" || requestId.length > 64) return refusal("not-allowed");
  const request = await db.ltiDeepLinkRequest.findUnique({ where: { id: requestId } });
  if (!request || request.userId !== user.id) return refusal("not-allowed");
  if (request.answeredAt || request.expiresAt.getTime() <= now.getTime()) return refusal("expired");
  return { ok: true, loaded: { request, settings: JSON.parse(request.settings) as DeepLinkingSettings } };
}

/** The picker of a request, its items titled in `locale`. */
export async function deepLinkPickerView(user: CurrentUser, requestId: string, now = new Date(), locale: Locale = "en"): Promise<{ ok: true; view: PickerView } | Refusal<PickerRefusal>> {
  const result = await loadRequest(user, requestId, now);
  if (!result.ok) return result;
  const { request, settings } = result.loaded;
  const context = request.contextId ? await db.ltiContext.findUnique({ where: { id: request.contextId }, select: { classroom: { select: { name: true, timeZone: true } } } }) : null;
  return {
    ok: true,
    view: {
      requestId: request.id,
      title: settings.title,
      text: settings.text,
      acceptMultiple: settings.acceptMultiple,
      acceptLineItem: settings.acceptLineItem,
      acceptsResourceLinks: settings.acceptTypes.includes("ltiResourceLink"),
      className: context?.classroom.name ?? "",
      timeZone: context?.classroom.timeZone ?? "UTC",
      items: listCatalog(locale).filter((item) => isLtiTarget(item.type)).map((item) => ({ value: `${item.type}:${item.id}`, type: item.type, id: item.id, title: item.title, lesson: item.lesson })),
    },
  };
}

type PickError = Exclude<keyof LtiWords["picker"]["errors"], "farDate">;
// Messages are keys of the picker's error words, told in the instructor's language.
const says = (key: PickError) => key;

const PICK_FIELDS = ["target", "title", "points"] as const;
const pickInput = z.object({
  target: z.string().regex(/^(LESSON|QUIZ|CHALLENGE):[A-Za-z0-9_-]{1,100}$/, says("chooseItem")),
  title: z.string().trim().min(1, says("enterTitle")).max(200, says("titleTooLong")),
  points: z.coerce.number({ message: says("enterPoints") }).int(says("wholePoints")).min(1, says("minPoints")).max(1000, says("maxPoints")),
});

/** The picker's fields: each pick and the due date are checked here, in the picker page's language. */
const pickedInput = z.object({
  items: z.array(pickInput).max(50, says("tooMany")),
  /** A date and time in the class's time zone (yyyy-mm-ddThh:mm), or empty. */
  dueAt: z.string().max(20).optional(),
});

/** What the picker sends (its shape checked by the action): the request, the picks as typed, the due date. */
export type DeepLinkPicks = { requestId: string; items: unknown[]; dueAt?: string };

type PickField = (typeof PICK_FIELDS)[number];

export type DeepLinkAnswer =
  | { ok: true; returnUrl: string; jwt: string; count: number }
  | { ok: false; refusal: "invalid"; itemErrors: Array<Partial<Record<PickField, string>>>; formError?: string; dueAtError?: string }
  | Refusal<PickerRefusal>;

async function signResponse(platformId: string, deploymentId: string, settings: DeepLinkingSettings, items: Array<Record<string, unknown>>, message: string | null, now: Date): Promise<string> {
  const platform = await db.ltiPlatform.findUniqueOrThrow({ where: { id: platformId }, select: { issuer: true, clientId: true } });
  const { current } = await toolKeySet(now);
  const iat = Math.floor(now.getTime() / 1000);
  const claims: Record<string, unknown> = {
    nonce: randomUUID(),
    [CLAIM.deploymentId]: deploymentId,
    [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingResponse,
    [CLAIM.version]: LTI_VERSION,
    [CLAIM.contentItems]: items,
  };
  if (settings.data !== null && settings.data !== undefined) claims[CLAIM.deepLinkingData] = settings.data;
  if (message) claims[CLAIM.deepLinkingMessage] = message;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: current.kid, typ: "JWT" })
    .setIssuer(platform.clientId)
    .setAudience(platform.issuer)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 600)
    .sign(current.privateKey);
}

/** The instructor's picks: assignments in the class, then the signed response for the LMS. */
export async function answerDeepLink(user: CurrentUser, picks: DeepLinkPicks, toolOrigin: string, locale: Locale = "en", now = new Date()): Promise<DeepLinkAnswer> {
  const parsed = pickedInput.safeParse(picks);
  const words = ltiWords(locale).picker;
  const say = (message: string) => (message in words.errors && message !== "farDate" ? words.errors[message as PickError] : message);
  const result = await loadRequest(user, picks.requestId, now);
  if (!result.ok) return result;
  const { request, settings } = result.loaded;
  // Each pick's own errors, field by field; the first other issue is the form's.
  const itemErrors = picks.items.map((item) => {
    const pick = pickInput.safeParse(item);
    return pick.success ? {} : Object.fromEntries(Object.entries(fieldErrorsOf(pick.error, PICK_FIELDS)).map(([field, message]) => [field, say(message as string)]));
  });
  if (!parsed.success) {
    const other = parsed.error.issues.find((issue) => !(issue.path[0] === "items" && typeof issue.path[1] === "number"));
    return { ok: false, refusal: "invalid", itemErrors, formError: other ? say(other.message) : undefined };
  }
  const input = parsed.data;
  if (input.items.length === 0) return { ok: false, refusal: "invalid", itemErrors, formError: words.errors.pickSome };
  if (!settings.acceptMultiple && input.items.length > 1) return { ok: false, refusal: "invalid", itemErrors, formError: words.errors.pickOnlyOne };
  if (!settings.acceptTypes.includes("ltiResourceLink")) return { ok: false, refusal: "invalid", itemErrors, formError: words.errors.noLinks };
  const context = request.contextId ? await db.ltiContext.findUnique({ where: { id: request.contextId }, select: { classId: true, classroom: { select: { timeZone: true } } } }) : null;
  if (!context) return refusal("not-allowed");
  let dueAt: Date | undefined;
  if (input.dueAt) {
    const instant = wallTimeToInstant(input.dueAt, context.classroom.timeZone);
    if (!instant) return { ok: false, refusal: "invalid", itemErrors, dueAtError: words.errors.invalidDate };
    if (instant.getTime() <= now.getTime()) return { ok: false, refusal: "invalid", itemErrors, dueAtError: words.errors.pastDate };
    // The same window as the class's own assignment form (domain/gradebook/rules.ts): year 9999 is a typo.
    if (!isWithinDateWindow(instant, now)) return { ok: false, refusal: "invalid", itemErrors, dueAtError: words.errors.farDate(DATE_WINDOW_YEARS) };
    dueAt = instant;
  }
  const targets = input.items.map((item, index) => {
    const [type, id] = item.target.split(":") as [TargetType, string];
    const known = isLtiTarget(type) ? findCatalogItem(type, id) : null;
    if (!known) itemErrors[index] = { ...itemErrors[index], target: words.errors.chooseItem };
    return { ...item, type: type as LtiTargetType, id };
  });
  if (itemErrors.some((errors) => Object.keys(errors).length)) return { ok: false, refusal: "invalid", itemErrors };

  const created = await db.$transaction(async (tx) => {
    // Answered once: whoever marks the request answered creates the assignments.
    const claimed = await tx.ltiDeepLinkRequest.updateMany({ where: { id: request.id, answeredAt: null }, data: { answeredAt: now } });
    if (claimed.count !== 1) return null;
    const ids: string[] = [];
    for (const target of targets) ids.push(await createLinkAssignment(tx, context.classId, user.id, { type: target.type, id: target.id, title: target.title }, { points: target.points, dueAt, now }));
    return ids;
  });
  if (!created) return refusal("expired");

  const items = targets.map((target, index) => {
    const assignmentId = created[index] as string;
    const item: Record<string, unknown> = {
      type: "ltiResourceLink",
      title: target.title,
      text: targetTypeWords(locale)[target.type],
      url: `${toolOrigin}${ltiContentPath("en", target.type, target.id)}`,
      custom: { [ASSIGNMENT_CUSTOM_PARAMETER]: assignmentId },
    };
    if (settings.acceptLineItem) item.lineItem = { scoreMaximum: target.points, label: target.title, resourceId: assignmentId, tag: "syntofin" };
    if (dueAt) item.submission = { endDateTime: dueAt.toISOString() };
    return item;
  });
  const jwt = await signResponse(request.platformId, request.deploymentId, settings, items, words.added(items.length), now);
  return { ok: true, returnUrl: request.returnUrl, jwt, count: items.length };
}

/**
 * The instructor leaves without picking: the LMS gets an empty response (Deep Linking 2.0 §4.5.2)
 * whose message is in the picker's `locale`, the language the instructor was reading.
 */
export async function cancelDeepLink(user: CurrentUser, requestId: string, locale: Locale = "en", now = new Date()): Promise<{ ok: true; returnUrl: string; jwt: string } | Refusal<PickerRefusal>> {
  const result = await loadRequest(user, requestId, now);
  if (!result.ok) return result;
  const { request, settings } = result.loaded;
  const claimed = await db.ltiDeepLinkRequest.updateMany({ where: { id: request.id, answeredAt: null }, data: { answeredAt: now } });
  if (claimed.count !== 1) return refusal("expired");
  return { ok: true, returnUrl: request.returnUrl, jwt: await signResponse(request.platformId, request.deploymentId, settings, [], ltiWords(locale).picker.nothingAdded, now) };
}
