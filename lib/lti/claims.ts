/**
 * Validation of a launch's id_token claims after its signature was checked (LTI Core 1.3 §5.1.3
 * "Authentication Response Validation", Deep Linking 2.0 §4.4). Pure: the caller passes what
 * the claims must match and the clock. Each rule fails on its own with its own code, so an
 * administrator reading the error page knows exactly which claim is wrong.
 */
import { z } from "zod";
import { CLAIM, CLOCK_SKEW_S, LTI_VERSION, MAX_ID_TOKEN_AGE_S, MESSAGE_TYPE } from "./constants";
import { problem, type Problem } from "./problems";
import { isServiceUrl } from "./urls";

export type LaunchExpectations = {
  issuer: string;
  clientId: string;
  nonce: string;
  /** Deployment ids registered for this platform. */
  deploymentIds: ReadonlySet<string>;
  /** The tool's own origin: target_link_uri must be on it. */
  toolOrigin: string;
  /** The login initiation's target_link_uri, used when an (older) platform leaves the claim out. */
  loginTargetLinkUri?: string;
  /** Seconds since the epoch. */
  now: number;
};

export type DeepLinkingSettings = {
  returnUrl: string;
  acceptTypes: string[];
  acceptPresentationDocumentTargets: string[];
  acceptMultiple: boolean;
  acceptLineItem: boolean;
  autoCreate: boolean;
  title: string | null;
  text: string | null;
  /** Opaque value to echo back unchanged (usually a string), or null. */
  data: unknown;
};

export type LaunchMessage = {
  messageType: typeof MESSAGE_TYPE.resourceLink | typeof MESSAGE_TYPE.deepLinkingRequest;
  issuer: string;
  subject: string;
  deploymentId: string;
  targetLinkUri: string;
  name: string | null;
  email: string | null;
  roles: string[];
  context: { id: string; title: string | null; label: string | null } | null;
  resourceLink: { id: string; title: string | null } | null;
  custom: Record<string, string>;
  platform: { name: string | null; guid: string | null; productFamilyCode: string | null };
  presentation: { locale: string | null; returnUrl: string | null; documentTarget: string | null };
  ags: { scopes: string[]; lineItemsUrl: string | null; lineItemUrl: string | null } | null;
  nrps: { membershipsUrl: string } | null;
  deepLinking: DeepLinkingSettings | null;
};

const MAX_ID = 255;
const MAX_TEXT = 1000;

const id = z.string().min(1).max(MAX_ID);
const text = z.string().max(MAX_TEXT);
const optionalText = text.nullish().transform((v) => v ?? null);
const serviceUrl = z.string().refine(isServiceUrl, "must be an https URL");
/**
 * A service endpoint in a launch: a URL that is not https (a misconfigured self-hosted LMS) turns
 * the service off rather than refusing the launch; the tool never sends tokens over plain HTTP.
 */
const endpoint = z
  .string()
  .max(2048)
  .nullish()
  .transform((value) => (value && isServiceUrl(value) ? value : null));

const rolesClaim = z.array(z.string().max(MAX_TEXT)).max(100);
const contextClaim = z.object({ id, title: optionalText, label: optionalText, type: z.array(text).max(20).optional() });
const resourceLinkClaim = z.object({ id, title: optionalText, description: z.string().max(10_000).nullish() });
// Custom parameters are strings by the spec; numbers and booleans from lenient LMSs are kept as text.
const customClaim = z
  .record(z.string().max(MAX_TEXT), z.union([z.string().max(10_000), z.number(), z.boolean()]).transform(String))
  .refine((value) => Object.keys(value).length <= 100, "at most 100 custom parameters");
const toolPlatformClaim = z.object({
  guid: optionalText,
  name: optionalText,
  product_family_code: optionalText,
});
const presentationClaim = z.object({
  locale: optionalText,
  return_url: z.string().max(2048).nullish(),
  document_target: optionalText,
});
const agsClaim = z.object({
  scope: z.array(z.string().max(MAX_TEXT)).max(20).default([]),
  lineitems: endpoint,
  lineitem: endpoint,
});
const nrpsClaim = z.object({
  context_memberships_url: z.string().max(2048),
  service_versions: z.array(z.string().max(20)).max(10).optional(),
});
const deepLinkingClaim = z.object({
  deep_link_return_url: serviceUrl,
  accept_types: z.array(z.string().max(100)).min(1).max(20),
  accept_presentation_document_targets: z.array(z.string().max(100)).max(20).default([]),
  accept_media_types: z.string().max(MAX_TEXT).nullish(),
  accept_multiple: z.boolean().nullish(),
  accept_lineitem: z.boolean().nullish(),
  auto_create: z.boolean().nullish(),
  title: optionalText,
  text: optionalText,
  // Opaque to the tool and echoed back; Moodle and others send a string, some send JSON.
  data: z.unknown().optional(),
});

type Payload = Record<string, unknown>;

/** Parses one optional claim; a present but malformed claim is an error naming it. */
function claim<T extends z.ZodType>(payload: Payload, name: string, schema: T): { ok: true; value: z.output<T> | null } | { ok: false; problem: Problem } {
  const raw = payload[name];
  if (raw === undefined || raw === null) return { ok: true, value: null };
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `.${issue.path.join(".")}` : "";
  return { ok: false, problem: problem("invalid-claim", `${name}${where}: ${issue?.message ?? "malformed"}`) };
}

const shortName = (name: string) => name.replace(/^https:\/\/purl\.imsglobal\.org\/spec\//, "");

function isNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function stringOrNull(value: unknown, max = MAX_TEXT): string | null {
  return typeof value === "string" && value.length > 0 && value.length <= max ? value : null;
}

/** A plausible email address (the LMS vouches for it; it is only ever shown and used to offer linking). */
function emailOrNull(value: unknown): string | null {
  const email = stringOrNull(value, 254);
  return email && /^[^\s@]+@[^\s@]+$/.test(email) ? email.toLowerCase() : null;
}

export function validateLaunchClaims(payload: Payload, expected: LaunchExpectations): { ok: true; message: LaunchMessage } | { ok: false; problem: Problem } {
  const fail = (code: Parameters<typeof problem>[0], detail: string) => ({ ok: false as const, problem: problem(code, detail) });

  // Who issued it and for whom.
  if (payload.iss !== expected.issuer) return fail("wrong-issuer", `iss is ${JSON.stringify(payload.iss)}, expected ${JSON.stringify(expected.issuer)}`);
  const aud = payload.aud;
  const audiences = typeof aud === "string" ? [aud] : Array.isArray(aud) && aud.every((a) => typeof a === "string") ? (aud as string[]) : [];
  if (!audiences.includes(expected.clientId)) return fail("wrong-audience", `aud is ${JSON.stringify(aud)}, expected to contain ${JSON.stringify(expected.clientId)}`);
  if (payload.azp !== undefined && payload.azp !== expected.clientId) return fail("wrong-azp", `azp is ${JSON.stringify(payload.azp)}, expected ${JSON.stringify(expected.clientId)}`);
  if (audiences.length > 1 && payload.azp === undefined) return fail("wrong-azp", `aud has ${audiences.length} values and azp is missing`);

  // When.
  const { now } = expected;
  if (!isNumber(payload.exp)) return fail("invalid-claim", "exp: missing or not a number");
  if (!isNumber(payload.iat)) return fail("invalid-claim", "iat: missing or not a number");
  if (now > payload.exp + CLOCK_SKEW_S) return fail("expired", `exp ${payload.exp} is ${now - payload.exp} s in the past`);
  if (payload.iat > now + CLOCK_SKEW_S) return fail("issued-in-future", `iat ${payload.iat} is ${payload.iat - now} s ahead of this server's clock`);
  if (now - payload.iat > MAX_ID_TOKEN_AGE_S) return fail("too-old", `issued ${now - payload.iat} s ago`);
  if (payload.nbf !== undefined && (!isNumber(payload.nbf) || payload.nbf > now + CLOCK_SKEW_S)) return fail("not-yet-valid", `nbf is ${JSON.stringify(payload.nbf)}`);

  // This login's nonce.
  if (typeof payload.nonce !== "string" || payload.nonce.length === 0) return fail("nonce-mismatch", "nonce is missing");
  if (payload.nonce !== expected.nonce) return fail("nonce-mismatch", "the nonce differs from the one sent with this login");

  // Who.
  if (payload.sub === undefined || payload.sub === null || payload.sub === "") return fail("anonymous-launch", "sub is missing");
  if (typeof payload.sub !== "string" || payload.sub.length > MAX_ID) return fail("invalid-claim", "sub: must be a string of at most 255 characters");

  // What.
  if (payload[CLAIM.version] !== LTI_VERSION) return fail("wrong-version", `version is ${JSON.stringify(payload[CLAIM.version])}`);
  const messageType = payload[CLAIM.messageType];
  if (messageType !== MESSAGE_TYPE.resourceLink && messageType !== MESSAGE_TYPE.deepLinkingRequest) {
    return fail("unsupported-message-type", `message_type is ${JSON.stringify(messageType)}`);
  }
  const deploymentId = payload[CLAIM.deploymentId];
  if (typeof deploymentId !== "string" || deploymentId.length === 0 || deploymentId.length > MAX_ID) return fail("invalid-claim", "deployment_id: missing or longer than 255 characters");
  if (!expected.deploymentIds.has(deploymentId)) return fail("unknown-deployment", `deployment_id ${JSON.stringify(deploymentId)} is not registered for ${expected.issuer}`);

  const roles = claim(payload, CLAIM.roles, rolesClaim);
  if (!roles.ok) return { ok: false, problem: { ...roles.problem, detail: shortName(roles.problem.detail) } };
  if (roles.value === null) return fail("invalid-claim", "lti/claim/roles: missing (an empty array is allowed)");

  const targetLinkUri = payload[CLAIM.targetLinkUri] ?? expected.loginTargetLinkUri;
  if (typeof targetLinkUri !== "string" || targetLinkUri.length > 2048) return fail("invalid-claim", "lti/claim/target_link_uri: missing");
  let targetOrigin: string | null = null;
  try {
    targetOrigin = new URL(targetLinkUri).origin;
  } catch {
    return fail("invalid-claim", "lti/claim/target_link_uri: not a URL");
  }
  if (targetOrigin !== expected.toolOrigin) return fail("foreign-target", `target_link_uri ${targetLinkUri} is not on ${expected.toolOrigin}`);

  const parsed = {
    context: claim(payload, CLAIM.context, contextClaim),
    resourceLink: claim(payload, CLAIM.resourceLink, resourceLinkClaim),
    custom: claim(payload, CLAIM.custom, customClaim),
    platform: claim(payload, CLAIM.toolPlatform, toolPlatformClaim),
    presentation: claim(payload, CLAIM.launchPresentation, presentationClaim),
    ags: claim(payload, CLAIM.ags, agsClaim),
    nrps: claim(payload, CLAIM.nrps, nrpsClaim),
    deepLinking: claim(payload, CLAIM.deepLinkingSettings, deepLinkingClaim),
  };
  for (const result of Object.values(parsed)) {
    if (!result.ok) return { ok: false, problem: { ...result.problem, detail: shortName(result.problem.detail) } };
  }
  const value = <T>(result: { ok: true; value: T | null } | { ok: false }): T | null => (result.ok ? result.value : null);
  const context = value(parsed.context);
  const resourceLink = value(parsed.resourceLink);
  const deepLinking = value(parsed.deepLinking);

  if (messageType === MESSAGE_TYPE.resourceLink && !resourceLink) return fail("invalid-claim", "lti/claim/resource_link: missing (required for LtiResourceLinkRequest)");
  if (messageType === MESSAGE_TYPE.deepLinkingRequest && !deepLinking) return fail("invalid-claim", "lti-dl/claim/deep_linking_settings: missing (required for LtiDeepLinkingRequest)");

  const ags = value(parsed.ags);
  const nrps = value(parsed.nrps);
  const platform = value(parsed.platform);
  const presentation = value(parsed.presentation);
  const name =
    stringOrNull(payload.name) ?? ([stringOrNull(payload.given_name), stringOrNull(payload.family_name)].filter(Boolean).join(" ") || null);
  const data = deepLinking?.data;

  return {
    ok: true,
    message: {
      messageType,
      issuer: expected.issuer,
      subject: payload.sub,
      deploymentId,
      targetLinkUri,
      name: name ? name.slice(0, 120) : null,
      email: emailOrNull(payload.email),
      roles: roles.value,
      context: context ? { id: context.id, title: context.title, label: context.label } : null,
      resourceLink: resourceLink ? { id: resourceLink.id, title: resourceLink.title } : null,
      custom: value(parsed.custom) ?? {},
      platform: { name: platform?.name ?? null, guid: platform?.guid ?? null, productFamilyCode: platform?.product_family_code ?? null },
      presentation: {
        locale: presentation?.locale ?? null,
        returnUrl: presentation?.return_url && isServiceUrl(presentation.return_url) ? presentation.return_url : null,
        documentTarget: presentation?.document_target ?? null,
      },
      ags: ags ? { scopes: ags.scope, lineItemsUrl: ags.lineitems, lineItemUrl: ags.lineitem } : null,
      nrps: nrps && isServiceUrl(nrps.context_memberships_url) ? { membershipsUrl: nrps.context_memberships_url } : null,
      deepLinking: deepLinking
        ? {
            returnUrl: deepLinking.deep_link_return_url,
            acceptTypes: deepLinking.accept_types,
            acceptPresentationDocumentTargets: deepLinking.accept_presentation_document_targets,
            acceptMultiple: deepLinking.accept_multiple ?? true,
            acceptLineItem: deepLinking.accept_lineitem ?? true,
            autoCreate: deepLinking.auto_create ?? false,
            title: deepLinking.title,
            text: deepLinking.text,
            data: data === undefined ? null : data,
          }
        : null,
    },
  };
}
