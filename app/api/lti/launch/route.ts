import { after } from "next/server";
import { cookieJar, isFramedRequest } from "@/lib/lti/cookies.server";
import { launchFollowUps } from "@/lib/lti/follow-ups.server";
import { ltiLocale } from "@/lib/lti/html";
import { handleLaunch } from "@/lib/lti/launch.server";
import { launchOutcomeResponse } from "@/lib/lti/launch-response.server";
import { problem } from "@/lib/lti/problems";
import { problemResponse, requestParams, toolOriginOf } from "@/lib/lti/responses.server";

export const dynamic = "force-dynamic";

/** The LMS's launch: a form POST of id_token and state (LTI Core 1.3 §5.1.2). */
export async function POST(request: Request): Promise<Response> {
  const locale = ltiLocale(request.headers.get("accept-language"));
  try {
    const form = await requestParams(request);
    if (!form) return problemResponse(problem("invalid-launch-request", "the launch must be a form POST"), locale, []);
    const toolOrigin = toolOriginOf(request.headers, request.url);
    const outcome = await handleLaunch({
      form,
      cookies: cookieJar(request.headers.get("cookie")),
      origin: request.headers.get("origin"),
      fetchSite: request.headers.get("sec-fetch-site"),
      framed: isFramedRequest(request.headers),
      acceptLanguage: request.headers.get("accept-language"),
      toolOrigin,
    });
    if (outcome.kind === "launched") after(() => launchFollowUps(outcome));
    return launchOutcomeResponse(outcome, toolOrigin);
  } catch (error) {
    console.error("LTI launch failed", error);
    return problemResponse(problem("internal", "the launch could not be completed"), locale, []);
  }
}
