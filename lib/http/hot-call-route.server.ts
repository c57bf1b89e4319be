import "server-only";
import type { Locale } from "@/domain/locale";
import { actionWords } from "../i18n/words/actions";
import { invalidRequest, languageOf, refused, type ActionResult } from "./action-result";
import type { HotCallName } from "./hot-call";
import { inRequestScope } from "./request-scope.server";
import { mediaType, readLimitedBytes, sentFromThisSite, streamChunks, type HeaderReader } from "./same-site.server";

/** A hot call's body is a few small arguments; anything larger is not the app's. */
export const MAX_HOT_CALL_BODY_BYTES = 64 * 1024;

type Call = (...args: never[]) => Promise<ActionResult>;
export type HotCalls = Record<HotCallName, Call>;

/** A hot call as both doors receive it (ADR 1550): plain data, whoever parsed the HTTP request. */
export type HotCallRequest = {
  /** The `[name]` of /api/calls/[name]. */
  name: string;
  /** The `locale` query parameter: the language of the door's own refusals. */
  locale: string | null;
  headers: HeaderReader;
  /** The origin the request was addressed to (scheme and Host). */
  requestOrigin: string;
  /** The body's chunks; reading stops at the size limit. */
  body: AsyncIterable<Uint8Array>;
};

export type HotCallAnswer = { status: number; json: ActionResult };

/**
 * The one way a hot call is answered (ADR 1490, ADR 1550): refuses a request from another site's
 * page (403) and a body that is not a JSON array of at most four arguments (415, 413, 400), then
 * runs the named Server Action function itself with those arguments (it zod-checks them, reads
 * the session through the one signed-in step, calls lib once) and answers its `ActionResult`. A
 * failure it throws answers 503 with a message, never 500. A name that is not a hot call is 404.
 */
export async function answerHotCall(calls: HotCalls, request: HotCallRequest): Promise<HotCallAnswer> {
  const language: Locale = languageOf(request.locale);
  const call = Object.hasOwn(calls, request.name) ? calls[request.name as HotCallName] : undefined;
  if (!call) return { status: 404, json: invalidRequest(language) };
  if (!sentFromThisSite(request.headers, request.requestOrigin)) return { status: 403, json: refused("cross-site", actionWords(language).crossSite) };
  // A cross-site form cannot send application/json without a preflight this route never allows.
  if (mediaType(request) !== "application/json") return { status: 415, json: invalidRequest(language) };
  const body = await readLimitedBytes(request.headers.get("content-length"), request.body, MAX_HOT_CALL_BODY_BYTES);
  if (body === "too-large") return { status: 413, json: invalidRequest(language) };
  let args: unknown;
  try {
    args = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return { status: 400, json: invalidRequest(language) };
  }
  if (!Array.isArray(args) || args.length > 4) return { status: 400, json: invalidRequest(language) };
  try {
    return { status: 200, json: await call(...(args as never[])) };
  } catch (error) {
    console.error(`hot call ${request.name} failed`, error);
    return { status: 503, json: refused("failed", actionWords(language).notSaved) };
  }
}

/**
 * `answerHotCall` for a request answered outside Next.js (the production server's door,
 * scripts/serve.mjs): the call runs in its own request scope, reading `cookieHeader` and
 * answering the cookies it set.
 */
export async function answerScopedHotCall(calls: HotCalls, request: HotCallRequest, cookieHeader: string | undefined): Promise<HotCallAnswer & { setCookies: string[] }> {
  const { result, setCookies } = await inRequestScope(cookieHeader, () => answerHotCall(calls, request));
  return { ...result, setCookies };
}

/** The headers every hot call answer carries besides those every response of the site gets. */
export const HOT_CALL_HEADERS = { "Cache-Control": "no-store", "Content-Type": "application/json" } as const;

/** The route handler (Next.js's door, used by `next dev` and when the production server has no bundle of its own): the same core. */
export function hotCallRoute(calls: HotCalls) {
  return async function POST(request: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> {
    const url = new URL(request.url);
    const { name } = await params;
    const { status, json } = await answerHotCall(calls, { name, locale: url.searchParams.get("locale"), headers: request.headers, requestOrigin: url.origin, body: streamChunks(request.body) });
    return Response.json(json, { status, headers: HOT_CALL_HEADERS });
  };
}
