import { after } from "next/server";
import { launchFollowUps } from "@/lib/lti/follow-ups.server";
import { ltiLocale } from "@/lib/lti/html";
import { settlePendingIdentity } from "@/lib/lti/identity.server";
import { launchOutcomeResponse } from "@/lib/lti/launch-response.server";
import { problem } from "@/lib/lti/problems";
import { problemResponse, requestParams, toolOriginOf } from "@/lib/lti/responses.server";

export const dynamic = "force-dynamic";

/** A first launch's choice of account: continue after linking an existing account, or use a separate one. */
export async function POST(request: Request): Promise<Response> {
  const locale = ltiLocale(request.headers.get("accept-language"));
  try {
    const form = await requestParams(request);
    if (!form) return problemResponse(problem("link-invalid", "the choice must be a form POST"), locale, []);
    const toolOrigin = toolOriginOf(request.headers, request.url);
    const { outcome, notLinkedYet } = await settlePendingIdentity({
      token: form.token ?? "",
      action: form.action ?? "",
      origin: request.headers.get("origin"),
      toolOrigin,
      acceptLocale: locale,
    });
    if (outcome.kind === "launched") after(() => launchFollowUps(outcome));
    return launchOutcomeResponse(outcome, toolOrigin, { notLinkedYet });
  } catch (error) {
    console.error("LTI identity choice failed", error);
    return problemResponse(problem("internal", "the choice could not be saved"), locale, []);
  }
}
