import "server-only";
import { compactVerify, decodeProtectedHeader } from "jose";
import { validateLaunchClaims, type LaunchExpectations, type LaunchMessage } from "./claims";
import { MAX_ID_TOKEN_LENGTH } from "./constants";
import { platformKey } from "./platform-keys.server";
import { LtiProblem, problem, type Problem } from "./problems";

/**
 * Verifies an id_token: compact JWS, RS256, a kid from the LMS's key set, a valid signature,
 * then every claim rule (lib/lti/claims.ts). Nothing is written.
 */
export async function verifyIdToken(
  token: string,
  jwksUrl: string,
  expected: LaunchExpectations,
): Promise<{ ok: true; message: LaunchMessage; kid: string } | { ok: false; problem: Problem }> {
  if (token.length > MAX_ID_TOKEN_LENGTH) return { ok: false, problem: problem("token-malformed", `the id_token has ${token.length} characters (at most ${MAX_ID_TOKEN_LENGTH})`) };
  if (token.split(".").length !== 3) return { ok: false, problem: problem("token-malformed", "the id_token is not three dot-separated parts") };
  let header;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return { ok: false, problem: problem("token-malformed", "the id_token's header is not base64url JSON") };
  }
  if (header.alg !== "RS256") return { ok: false, problem: problem("unsupported-algorithm", `alg is ${JSON.stringify(header.alg)}`) };
  if (typeof header.kid !== "string" || header.kid.length === 0 || header.kid.length > 255) return { ok: false, problem: problem("missing-kid", "the id_token's header has no kid") };
  let payload: Record<string, unknown>;
  try {
    const key = await platformKey(jwksUrl, header.kid);
    const verified = await compactVerify(token, key, { algorithms: ["RS256"] });
    const decoded = JSON.parse(new TextDecoder().decode(verified.payload)) as unknown;
    if (!decoded || typeof decoded !== "object" || Array.isArray(decoded)) return { ok: false, problem: problem("token-malformed", "the id_token's payload is not a JSON object") };
    payload = decoded as Record<string, unknown>;
  } catch (error) {
    if (error instanceof LtiProblem) return { ok: false, problem: problem(error.code, error.detail) };
    if (error instanceof SyntaxError) return { ok: false, problem: problem("token-malformed", "the id_token's payload is not JSON") };
    const code = (error as { code?: string }).code;
    if (code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED") return { ok: false, problem: problem("bad-signature", `the signature does not verify with kid ${JSON.stringify(header.kid)}`) };
    if (typeof code === "string" && code.startsWith("ERR_JWS")) return { ok: false, problem: problem("token-malformed", (error as Error).message) };
    throw error;
  }
  const result = validateLaunchClaims(payload, expected);
  return result.ok ? { ok: true, message: result.message, kid: header.kid } : result;
}
