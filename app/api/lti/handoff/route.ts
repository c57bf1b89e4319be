import { ltiLocale } from "@/lib/lti/html";
import { redeemHandoff } from "@/lib/lti/launch.server";
import { problem } from "@/lib/lti/problems";
import { problemResponse, redirectResponse } from "@/lib/lti/responses.server";

export const dynamic = "force-dynamic";

/** Opens a launched activity in a window of its own (the LMS frame could not keep the session). */
export async function GET(request: Request): Promise<Response> {
  const locale = ltiLocale(request.headers.get("accept-language"));
  try {
    const result = await redeemHandoff(new URL(request.url).searchParams.get("token"));
    if (!result.ok) return problemResponse(result.problem, locale, []);
    return redirectResponse(result.target, { cookies: [result.setCookie] });
  } catch (error) {
    console.error("LTI handoff failed", error);
    return problemResponse(problem("internal", "the activity could not be opened"), locale, []);
  }
}
