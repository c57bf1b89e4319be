import { cookieJar } from "@/lib/lti/cookies.server";
import { ltiLocale } from "@/lib/lti/html";
import { continueLogin } from "@/lib/lti/login.server";
import { newWindowPage } from "@/lib/lti/pages";
import { problem } from "@/lib/lti/problems";
import { pageResponse, problemResponse, redirectResponse, toolOriginOf } from "@/lib/lti/responses.server";

export const dynamic = "force-dynamic";

/** Second step of a cookie-bound login: on to the LMS if the state cookie was kept, else offer a new window. */
export async function GET(request: Request): Promise<Response> {
  const locale = ltiLocale(request.headers.get("accept-language"));
  try {
    const state = new URL(request.url).searchParams.get("state");
    const outcome = await continueLogin(state, cookieJar(request.headers.get("cookie")), toolOriginOf(request.headers, request.url));
    if (outcome.kind === "problem") return problemResponse(outcome.problem, locale, outcome.frameAncestors);
    if (outcome.kind === "redirect") return redirectResponse(outcome.location, { status: 302 });
    return pageResponse(newWindowPage(outcome.loginUrl, locale, outcome.frameAncestors));
  } catch (error) {
    console.error("LTI login failed", error);
    return problemResponse(problem("internal", "the login could not be continued"), locale, []);
  }
}
