import { JWKS_MAX_AGE_S, toolJwks } from "@/lib/lti/keys.server";

export const dynamic = "force-dynamic";

/** The tool's public keys (RS256, with kid): LMSs verify deep-linking responses and token requests with them. */
export async function GET(): Promise<Response> {
  return Response.json(await toolJwks(), { headers: { "cache-control": `public, max-age=${JWKS_MAX_AGE_S}` } });
}
