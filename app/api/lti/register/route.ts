import { ltiLocale } from "@/lib/lti/html";
import { registrationPage } from "@/lib/lti/pages";
import { registerDynamically } from "@/lib/lti/registration.server";
import { pageResponse, toolOriginOf } from "@/lib/lti/responses.server";
import { clientAddress } from "@/lib/security/client-address";

export const dynamic = "force-dynamic";

/**
 * LTI Dynamic Registration: the LMS opens this URL with openid_configuration and registration_token
 * (and `invite` when the site registers only with one-time links, ADR 0810).
 */
export async function GET(request: Request): Promise<Response> {
  const locale = ltiLocale(request.headers.get("accept-language"));
  const query = new URL(request.url).searchParams;
  try {
    const outcome = await registerDynamically(
      { openidConfiguration: query.get("openid_configuration"), registrationToken: query.get("registration_token"), invite: query.get("invite") },
      toolOriginOf(request.headers, request.url),
      clientAddress(request.headers),
    );
    const page = outcome.ok
      ? registrationPage({ ok: true, productName: outcome.productName, clientId: outcome.platform.clientId, deploymentMissing: outcome.deploymentMissing }, locale, outcome.frameAncestors)
      : registrationPage(outcome, locale, outcome.frameAncestors);
    const status = outcome.ok ? 200 : outcome.refusal ? 403 : 400;
    return pageResponse(page, { status });
  } catch (error) {
    console.error("LTI dynamic registration failed", error);
    return pageResponse(registrationPage({ ok: false, problem: { kind: "unexpected" } }, locale, []), { status: 503 });
  }
}
