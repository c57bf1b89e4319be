import { ltiLocale } from "@/lib/lti/html";
import { initiateLogin } from "@/lib/lti/login.server";
import { storageLoginPage } from "@/lib/lti/pages";
import { problem } from "@/lib/lti/problems";
import { pageResponse, problemResponse, redirectResponse, requestParams, toolOriginOf } from "@/lib/lti/responses.server";

export const dynamic = "force-dynamic";

/** OIDC login initiation from an LMS (GET or POST): iss, login_hint, target_link_uri, ... */
async function login(request: Request): Promise<Response> {
  const locale = ltiLocale(request.headers.get("accept-language"));
  try {
    const params = await requestParams(request);
    if (!params) return problemResponse(problem("invalid-login-request", "the login initiation must be a GET query or a form POST"), locale, []);
    const outcome = await initiateLogin(params, toolOriginOf(request.headers, request.url));
    if (outcome.kind === "problem") return problemResponse(outcome.problem, locale, outcome.frameAncestors);
    if (outcome.kind === "check-cookie") return redirectResponse(outcome.location, { cookies: [outcome.setCookie] });
    return pageResponse(storageLoginPage(outcome, locale, outcome.frameAncestors), { cookies: [outcome.setCookie] });
  } catch (error) {
    console.error("LTI login failed", error);
    return problemResponse(problem("internal", "the login could not be started"), locale, []);
  }
}

export const GET = login;
export const POST = login;
