import "server-only";
import { z } from "zod";
import { hitRateLimit } from "../security/rate-limit.server";
import { PLATFORM_CONFIGURATION, SCOPE, TOOL_CONFIGURATION } from "./constants";
import { fetchLms, jsonOf, LmsUnreachableError } from "./http.server";
import { platformFrameOrigins, registerPlatform, type RegisteredPlatform } from "./platforms.server";
import { claimRegistrationInvite, currentRegistrationMode, recordRegisteredPlatform, releaseRegistrationInvite, spendRegistrationInvite, type InviteClaim } from "./registration-invites.server";
import { ltiAdminWords } from "../i18n/words/lti-admin";
import { inviteToken, type RegistrationMode, type RegistrationProblem, type RegistrationRefusal } from "./registration-mode";

export type { RegistrationProblem, RegistrationRefusal };
import { isServiceUrl, originOf, toolUrls } from "./urls";

/**
 * LTI Dynamic Registration 1.0: the LMS opens /api/lti/register with `openid_configuration` (and
 * usually `registration_token`). The tool reads the LMS's OpenID configuration, registers itself
 * at the LMS's registration endpoint, and stores the platform with the client id and deployment
 * the LMS assigned. Registrations are limited per client address. LTI_DYNAMIC_REGISTRATION says
 * who may register (ADR 0810): anyone (`open`, the default), only with a one-time link
 * (`invite`, `?invite=` on the registration URL), or nobody (`off`). A link given in `open` mode
 * is checked and spent the same way.
 */

export const REGISTRATIONS_PER_HOUR = 10;

const serviceUrl = z.string().refine(isServiceUrl, "must be an https URL");

const openIdConfiguration = z.object({
  issuer: serviceUrl,
  authorization_endpoint: serviceUrl,
  token_endpoint: serviceUrl,
  jwks_uri: serviceUrl,
  registration_endpoint: serviceUrl,
  token_endpoint_auth_methods_supported: z.array(z.string()).optional(),
  id_token_signing_alg_values_supported: z.array(z.string()).optional(),
  scopes_supported: z.array(z.string()).optional(),
  authorization_server: z.string().optional(),
  [PLATFORM_CONFIGURATION]: z
    .object({
      product_family_code: z.string().max(255).optional(),
      messages_supported: z.array(z.object({ type: z.string() }).passthrough()).optional(),
    })
    .passthrough()
    .optional(),
});

const registrationResponse = z.object({
  client_id: z.string().min(1).max(255),
  [TOOL_CONFIGURATION]: z.object({ deployment_id: z.string().min(1).max(255).optional() }).passthrough().optional(),
});

export type RegistrationOutcome =
  | { ok: true; platform: RegisteredPlatform; productName: string; deploymentMissing: boolean; frameAncestors: string[] }
  | { ok: false; message: string; refusal: RegistrationRefusal; frameAncestors: string[] }
  | { ok: false; message: string; problem: RegistrationProblem; refusal?: undefined; frameAncestors: string[] };

/** `message` is the English text, for logs and the command line; pages word the refusal or problem in the LMS's language. */
function refused(refusal: RegistrationRefusal, frameAncestors: string[]): RegistrationOutcome {
  return { ok: false, refusal, message: ltiAdminWords("en").registration.refusals[refusal], frameAncestors };
}

function failed(problem: RegistrationProblem, frameAncestors: string[]): RegistrationOutcome {
  return { ok: false, problem, message: ltiAdminWords("en").registration.problem(problem), frameAncestors };
}

/** The registration URL's query parameters; a malformed invitation is an unknown one. */
const registrationParams = z.object({
  openidConfiguration: z.string().max(2048).nullable(),
  registrationToken: z.string().nullable(),
  invite: z.string().nullable().optional(),
});

const WANTED_SCOPES = [SCOPE.lineItem, SCOPE.lineItemReadOnly, SCOPE.resultReadOnly, SCOPE.score, SCOPE.memberships];

/** The client metadata the tool registers with (Dynamic Registration 1.0 §3.4). */
export function toolRegistrationRequest(toolOrigin: string, offeredScopes: readonly string[] | undefined, supportsDeepLinking: boolean) {
  const urls = toolUrls(toolOrigin);
  const scopes = offeredScopes ? WANTED_SCOPES.filter((s) => offeredScopes.includes(s)) : WANTED_SCOPES;
  return {
    application_type: "web",
    response_types: ["id_token"],
    grant_types: ["implicit", "client_credentials"],
    initiate_login_uri: urls.login,
    redirect_uris: [urls.launch],
    client_name: "SYN to FIN",
    "client_name#zh": "SYN to FIN",
    jwks_uri: urls.jwks,
    logo_uri: `${toolOrigin}/icon.svg`,
    client_uri: toolOrigin,
    token_endpoint_auth_method: "private_key_jwt",
    scope: scopes.join(" "),
    [TOOL_CONFIGURATION]: {
      domain: new URL(toolOrigin).host,
      description: "How TCP opens and closes connections: lessons, a real TCP state machine simulator, quizzes and challenges, graded into the LMS.",
      target_link_uri: `${toolOrigin}/lti`,
      claims: ["iss", "sub", "name", "given_name", "family_name", "email"],
      messages: [
        { type: "LtiResourceLinkRequest", target_link_uri: `${toolOrigin}/lti`, label: "SYN to FIN" },
        ...(supportsDeepLinking ? [{ type: "LtiDeepLinkingRequest", target_link_uri: urls.deepLinking, label: "SYN to FIN activities", placements: ["ContentArea", "link_selection", "assignment_selection"] }] : []),
      ],
    },
  };
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

export async function registerDynamically(
  raw: { openidConfiguration: string | null; registrationToken: string | null; invite?: string | null },
  toolOrigin: string,
  clientAddress: string,
  now = new Date(),
  policy: { mode: RegistrationMode; valid: boolean } = currentRegistrationMode(),
): Promise<RegistrationOutcome> {
  const parsedParams = registrationParams.safeParse(raw);
  const params = parsedParams.success ? parsedParams.data : { openidConfiguration: null, registrationToken: null, invite: null };
  const configUrl = params.openidConfiguration;
  const configOrigin = configUrl && isServiceUrl(configUrl) ? [originOf(configUrl) as string] : [];
  if (!policy.valid) return refused("mode-invalid", configOrigin);
  if (policy.mode === "off") return refused("off", configOrigin);
  if (!configUrl || !isServiceUrl(configUrl)) return failed({ kind: "config-url" }, []);
  const frameAncestors = configOrigin;
  if (params.registrationToken !== null && params.registrationToken.length > 4096) return failed({ kind: "token-too-long" }, frameAncestors);
  const invite = params.invite ?? null;
  if (invite === null && policy.mode === "invite") return refused("invite-missing", frameAncestors);
  const limited = await hitRateLimit(`lti-register:ip:${clientAddress}`, { limit: REGISTRATIONS_PER_HOUR, windowMs: 60 * 60 * 1000 }, now);
  if (!limited.allowed) return failed({ kind: "rate-limited", minutes: Math.ceil(limited.retryAfterMs / 60000) }, frameAncestors);
  if (invite === null) return register(params, configUrl, frameAncestors, toolOrigin, null, now);

  if (!inviteToken.safeParse(invite).success) return refused("invite-unknown", frameAncestors);
  const held = await claimRegistrationInvite(invite, now);
  if (!held.ok) return refused(held.refusal, frameAncestors);
  let outcome: RegistrationOutcome | undefined;
  try {
    outcome = await register(params, configUrl, frameAncestors, toolOrigin, held.claim, now);
    return outcome;
  } finally {
    if (!outcome?.ok) await releaseRegistrationInvite(held.claim);
  }
}

async function register(
  params: { registrationToken: string | null },
  configUrl: string,
  frameAncestors: string[],
  toolOrigin: string,
  claim: InviteClaim | null,
  now: Date,
): Promise<RegistrationOutcome> {
  let configResponse;
  try {
    configResponse = await fetchLms(configUrl, { headers: { accept: "application/json" } }, { maxBytes: 256 * 1024 });
  } catch (error) {
    return failed({ kind: "config-unreachable", detail: error instanceof LmsUnreachableError ? error.message : String(error) }, frameAncestors);
  }
  if (configResponse.status !== 200) return failed({ kind: "config-status", status: configResponse.status }, frameAncestors);
  const parsed = openIdConfiguration.safeParse(jsonOf(configResponse));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return failed({ kind: "config-incomplete", detail: `${issue?.path.join(".") || "document"} ${issue?.message ?? ""}`.trim() }, frameAncestors);
  }
  const config = parsed.data;
  if (hostOf(config.issuer) !== hostOf(configUrl)) {
    return failed({ kind: "issuer-host", issuer: config.issuer, configUrl }, frameAncestors);
  }
  if (config.token_endpoint_auth_methods_supported && !config.token_endpoint_auth_methods_supported.includes("private_key_jwt")) {
    return failed({ kind: "no-private-key-jwt" }, frameAncestors);
  }
  if (config.id_token_signing_alg_values_supported && !config.id_token_signing_alg_values_supported.includes("RS256")) {
    return failed({ kind: "no-rs256" }, frameAncestors);
  }
  const platformConfig = config[PLATFORM_CONFIGURATION];
  const supportsDeepLinking = !platformConfig?.messages_supported || platformConfig.messages_supported.some((m) => m.type === "LtiDeepLinkingRequest");
  const request = toolRegistrationRequest(toolOrigin, config.scopes_supported, supportsDeepLinking);

  let registered;
  try {
    registered = await fetchLms(
      config.registration_endpoint,
      {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", ...(params.registrationToken ? { authorization: `Bearer ${params.registrationToken}` } : {}) },
        body: JSON.stringify(request),
      },
      { maxBytes: 256 * 1024 },
    );
  } catch (error) {
    return failed({ kind: "endpoint-unreachable", detail: error instanceof LmsUnreachableError ? error.message : String(error) }, frameAncestors);
  }
  if (registered.status < 200 || registered.status >= 300) {
    return failed({ kind: "lms-refused", status: registered.status, detail: registered.text.replace(/\s+/g, " ").slice(0, 300) }, frameAncestors);
  }
  const answer = registrationResponse.safeParse(jsonOf(registered));
  if (!answer.success) return failed({ kind: "no-client-id" }, frameAncestors);
  const deploymentId = answer.data[TOOL_CONFIGURATION]?.deployment_id;
  const productName = platformConfig?.product_family_code ?? new URL(config.issuer).host;
  // The link is spent before the platform is stored, so one link never stores two platforms.
  if (claim && !(await spendRegistrationInvite(claim, now))) return refused("invite-used", frameAncestors);
  const stored = await registerPlatform(
    {
      name: productName,
      issuer: config.issuer,
      clientId: answer.data.client_id,
      deploymentIds: deploymentId ? [deploymentId] : [],
      authUrl: config.authorization_endpoint,
      tokenUrl: config.token_endpoint,
      jwksUrl: config.jwks_uri,
      tokenAudience: config.authorization_server,
      frameOrigins: [originOf(configUrl) as string],
    },
    "dynamic",
  );
  if (!stored.ok) return failed({ kind: "not-stored", detail: Object.values(stored.errors).join("; ") }, frameAncestors);
  if (claim) await recordRegisteredPlatform(claim, stored.platform.id);
  return { ok: true, platform: stored.platform, productName, deploymentMissing: !deploymentId, frameAncestors: platformFrameOrigins(stored.platform) };
}
