import "server-only";
import type { Locale } from "@/domain/locale";
import { actionWords } from "../i18n/words/actions";
import { invalidRequest, languageOf, refused, type ActionResult } from "./action-result";
import type { HotCallName } from "./hot-call";
import { fromThisSite, mediaType, readLimitedBody } from "./same-site.server";

/** A hot call's body is a few small arguments; anything larger is not the app's. */
const MAX_BODY_BYTES = 64 * 1024;
const NO_STORE = { "Cache-Control": "no-store" };

type Call = (...args: never[]) => Promise<ActionResult>;

const answer = (result: ActionResult, status = 200) => Response.json(result, { status, headers: NO_STORE });

/**
 * The route handler of the hot calls (ADR 1490): refuses a request from another site's page
 * (403) and a body that is not a JSON array of arguments (415, 413, 400), then runs the named
 * Server Action function itself with those arguments (it zod-checks them, reads the session
 * through the one signed-in step, calls lib once) and answers its `ActionResult` as JSON. A
 * failure it throws answers 503 with a message, never 500.
 */
export function hotCallRoute(calls: Record<HotCallName, Call>) {
  return async function POST(request: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> {
    const language: Locale = languageOf(new URL(request.url).searchParams.get("locale"));
    const { name } = await params;
    const call = Object.hasOwn(calls, name) ? calls[name as HotCallName] : undefined;
    if (!call) return answer(invalidRequest(language), 404);
    if (!fromThisSite(request)) return answer(refused("cross-site", actionWords(language).crossSite), 403);
    // A cross-site form cannot send application/json without a preflight this route never allows.
    if (mediaType(request) !== "application/json") return answer(invalidRequest(language), 415);
    const body = await readLimitedBody(request, MAX_BODY_BYTES);
    if (body === "too-large") return answer(invalidRequest(language), 413);
    let args: unknown;
    try {
      args = JSON.parse(new TextDecoder().decode(body));
    } catch {
      return answer(invalidRequest(language), 400);
    }
    if (!Array.isArray(args) || args.length > 4) return answer(invalidRequest(language), 400);
    try {
      return answer(await call(...(args as never[])));
    } catch (error) {
      console.error(`hot call ${name} failed`, error);
      return answer(refused("failed", actionWords(language).notSaved), 503);
    }
  };
}
