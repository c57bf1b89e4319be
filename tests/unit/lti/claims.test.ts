import { describe, expect, it } from "vitest";
import { validateLaunchClaims, type LaunchExpectations } from "@/lib/lti/claims";

const NOW = 1_800_000_000;
const TOOL = "https://tool.example";
const LTI = "https://purl.imsglobal.org/spec/lti/claim/";

const expected: LaunchExpectations = {
  issuer: "https://lms.example",
  clientId: "client-1",
  nonce: "nonce-1",
  deploymentIds: new Set(["deployment-1"]),
  toolOrigin: TOOL,
  now: NOW,
};

/** A valid resource link launch; each test breaks one rule. */
function valid(): Record<string, unknown> {
  return {
    iss: "https://lms.example",
    aud: "client-1",
    sub: "user-1",
    exp: NOW + 300,
    iat: NOW - 10,
    nonce: "nonce-1",
    name: "Ada Lovelace",
    email: "Ada@Example.org",
    [`${LTI}message_type`]: "LtiResourceLinkRequest",
    [`${LTI}version`]: "1.3.0",
    [`${LTI}deployment_id`]: "deployment-1",
    [`${LTI}target_link_uri`]: `${TOOL}/lti/quiz/three-way-handshake`,
    [`${LTI}resource_link`]: { id: "rl-1", title: "Quiz" },
    [`${LTI}roles`]: ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
  };
}

function without(name: string) {
  const payload = valid();
  delete payload[name];
  return payload;
}

const cases: Array<[string, Record<string, unknown>, string]> = [
  ["another issuer", { ...valid(), iss: "https://other.example" }, "wrong-issuer"],
  ["another audience", { ...valid(), aud: "client-2" }, "wrong-audience"],
  ["an audience array without this tool", { ...valid(), aud: ["client-2", "client-3"], azp: "client-2" }, "wrong-audience"],
  ["several audiences and no azp", { ...valid(), aud: ["client-1", "client-2"] }, "wrong-azp"],
  ["an azp naming another tool", { ...valid(), azp: "client-2" }, "wrong-azp"],
  ["no exp", without("exp"), "invalid-claim"],
  ["no iat", without("iat"), "invalid-claim"],
  ["an exp past the skew", { ...valid(), exp: NOW - 61, iat: NOW - 100 }, "expired"],
  ["an iat ahead of the skew", { ...valid(), iat: NOW + 61 }, "issued-in-future"],
  ["an iat older than ten minutes", { ...valid(), iat: NOW - 601 }, "too-old"],
  ["an nbf in the future", { ...valid(), nbf: NOW + 120 }, "not-yet-valid"],
  ["no nonce", without("nonce"), "nonce-mismatch"],
  ["another nonce", { ...valid(), nonce: "nonce-2" }, "nonce-mismatch"],
  ["no sub (an anonymous launch)", without("sub"), "anonymous-launch"],
  ["a sub over 255 characters", { ...valid(), sub: "x".repeat(256) }, "invalid-claim"],
  ["another LTI version", { ...valid(), [`${LTI}version`]: "1.1" }, "wrong-version"],
  ["an unsupported message type", { ...valid(), [`${LTI}message_type`]: "LtiSubmissionReviewRequest" }, "unsupported-message-type"],
  ["no deployment id", without(`${LTI}deployment_id`), "invalid-claim"],
  ["an unknown deployment", { ...valid(), [`${LTI}deployment_id`]: "deployment-9" }, "unknown-deployment"],
  ["no roles claim", without(`${LTI}roles`), "invalid-claim"],
  ["roles that are not an array", { ...valid(), [`${LTI}roles`]: "Learner" }, "invalid-claim"],
  ["no target_link_uri", without(`${LTI}target_link_uri`), "invalid-claim"],
  ["a target on another site", { ...valid(), [`${LTI}target_link_uri`]: "https://evil.example/lti" }, "foreign-target"],
  ["no resource link on a resource link request", without(`${LTI}resource_link`), "invalid-claim"],
  ["a resource link id over 255 characters", { ...valid(), [`${LTI}resource_link`]: { id: "x".repeat(256) } }, "invalid-claim"],
  ["a context without id", { ...valid(), [`${LTI}context`]: { title: "Course" } }, "invalid-claim"],
  ["more than 100 custom parameters", { ...valid(), [`${LTI}custom`]: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, "v"])) }, "invalid-claim"],
  ["an AGS scope that is not a list", { ...valid(), "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": { scope: "score" } }, "invalid-claim"],
  ["an NRPS claim without its URL", { ...valid(), "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": { service_versions: ["2.0"] } }, "invalid-claim"],
  [
    "a deep-linking request without settings",
    { ...valid(), [`${LTI}message_type`]: "LtiDeepLinkingRequest" },
    "invalid-claim",
  ],
  [
    "deep-linking settings without accept_types",
    {
      ...valid(),
      [`${LTI}message_type`]: "LtiDeepLinkingRequest",
      "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings": { deep_link_return_url: "https://lms.example/return" },
    },
    "invalid-claim",
  ],
];

describe("validateLaunchClaims", () => {
  it("accepts the valid launch and reads its claims", () => {
    const result = validateLaunchClaims(valid(), expected);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.message).toMatchObject({
      messageType: "LtiResourceLinkRequest",
      subject: "user-1",
      deploymentId: "deployment-1",
      name: "Ada Lovelace",
      email: "ada@example.org",
      resourceLink: { id: "rl-1", title: "Quiz" },
      context: null,
      ags: null,
      nrps: null,
    });
  });

  it.each(cases)("refuses %s", (_, payload, code) => {
    const result = validateLaunchClaims(payload, expected);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.code).toBe(code);
    expect(result.problem.detail.length).toBeGreaterThan(0);
  });

  it("accepts an audience array naming this tool with azp, and clock skew up to a minute", () => {
    expect(validateLaunchClaims({ ...valid(), aud: ["client-1", "other"], azp: "client-1" }, expected).ok).toBe(true);
    expect(validateLaunchClaims({ ...valid(), exp: NOW - 59, iat: NOW - 100 }, expected).ok).toBe(true);
    expect(validateLaunchClaims({ ...valid(), iat: NOW + 59 }, expected).ok).toBe(true);
  });

  it("turns off a service whose endpoint is not https instead of refusing the launch", () => {
    const result = validateLaunchClaims(
      {
        ...valid(),
        "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": { scope: ["https://purl.imsglobal.org/spec/lti-ags/scope/score"], lineitem: "https://lms.example/li/1", lineitems: "http://lms.example/li" },
        "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": { context_memberships_url: "http://lms.example/members", service_versions: ["2.0"] },
      },
      expected,
    );
    if (!result.ok) throw new Error(result.problem.detail);
    expect(result.message.ags).toEqual({ scopes: ["https://purl.imsglobal.org/spec/lti-ags/scope/score"], lineItemUrl: "https://lms.example/li/1", lineItemsUrl: null });
    expect(result.message.nrps).toBeNull();
  });

  it("takes the login's target_link_uri when the launch leaves the claim out", () => {
    const payload = without(`${LTI}target_link_uri`);
    expect(validateLaunchClaims(payload, { ...expected, loginTargetLinkUri: `${TOOL}/lti/quiz/x` })).toMatchObject({ ok: true, message: { targetLinkUri: `${TOOL}/lti/quiz/x` } });
  });

  it("keeps the name from given and family names, drops an unusable email, and keeps custom values as text", () => {
    const result = validateLaunchClaims(
      { ...without("name"), given_name: "Grace", family_name: "Hopper", email: "not an email", [`${LTI}custom`]: { points: 10, graded: true, label: "x" } },
      expected,
    );
    if (!result.ok) throw new Error(result.problem.detail);
    expect(result.message.name).toBe("Grace Hopper");
    expect(result.message.email).toBeNull();
    expect(result.message.custom).toEqual({ points: "10", graded: "true", label: "x" });
  });

  it("reads deep-linking settings with the spec's defaults and echoes data unchanged", () => {
    const result = validateLaunchClaims(
      {
        ...without(`${LTI}resource_link`),
        [`${LTI}message_type`]: "LtiDeepLinkingRequest",
        "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings": {
          deep_link_return_url: "https://lms.example/return",
          accept_types: ["ltiResourceLink"],
          data: { opaque: [1, 2] },
        },
      },
      expected,
    );
    if (!result.ok) throw new Error(result.problem.detail);
    expect(result.message.deepLinking).toMatchObject({ returnUrl: "https://lms.example/return", acceptMultiple: true, acceptLineItem: true, data: { opaque: [1, 2] } });
  });
});
