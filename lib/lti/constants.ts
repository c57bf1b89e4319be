/**
 * Names from the 1EdTech specifications this tool implements: LTI Core 1.3, Deep Linking 2.0,
 * Assignment and Grade Services 2.0, Names and Role Provisioning Services 2.0, Dynamic
 * Registration 1.0. docs/lti.md says what each claim is used for.
 */

export const LTI_VERSION = "1.3.0";

const LTI = "https://purl.imsglobal.org/spec/lti/claim/";
const DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";

export const CLAIM = {
  messageType: `${LTI}message_type`,
  version: `${LTI}version`,
  deploymentId: `${LTI}deployment_id`,
  targetLinkUri: `${LTI}target_link_uri`,
  resourceLink: `${LTI}resource_link`,
  roles: `${LTI}roles`,
  context: `${LTI}context`,
  toolPlatform: `${LTI}tool_platform`,
  launchPresentation: `${LTI}launch_presentation`,
  custom: `${LTI}custom`,
  lis: `${LTI}lis`,
  roleScopeMentor: `${LTI}role_scope_mentor`,
  deepLinkingSettings: `${DL}deep_linking_settings`,
  contentItems: `${DL}content_items`,
  deepLinkingData: `${DL}data`,
  deepLinkingMessage: `${DL}msg`,
  deepLinkingLog: `${DL}log`,
  ags: "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
  nrps: "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice",
} as const;

export const MESSAGE_TYPE = {
  resourceLink: "LtiResourceLinkRequest",
  deepLinkingRequest: "LtiDeepLinkingRequest",
  deepLinkingResponse: "LtiDeepLinkingResponse",
} as const;

export const SCOPE = {
  lineItem: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
  lineItemReadOnly: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
  resultReadOnly: "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
  score: "https://purl.imsglobal.org/spec/lti-ags/scope/score",
  memberships: "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
} as const;

export const MEDIA_TYPE = {
  score: "application/vnd.ims.lis.v1.score+json",
  lineItem: "application/vnd.ims.lis.v2.lineitem+json",
  lineItemContainer: "application/vnd.ims.lis.v2.lineitemcontainer+json",
  membershipContainer: "application/vnd.ims.lti-nrps.v2.membershipcontainer+json",
} as const;

export const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** Dynamic Registration's tool configuration claim (in the registration request and response). */
export const TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration";
export const PLATFORM_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-platform-configuration";

/** Custom parameter a deep-linked item carries so its first launch finds the assignment it created. */
export const ASSIGNMENT_CUSTOM_PARAMETER = "syntofin_assignment";

/** Clock skew accepted on iat/exp/nbf (seconds). */
export const CLOCK_SKEW_S = 60;
/** An id_token issued longer ago than this is refused even if its exp is later. */
export const MAX_ID_TOKEN_AGE_S = 10 * 60;
/** How long an OIDC login may take between initiation and launch. */
export const LOGIN_STATE_TTL_MS = 10 * 60 * 1000;
/** Largest id_token accepted (form field), in characters. */
export const MAX_ID_TOKEN_LENGTH = 64 * 1024;
/** Session lifetime given by a launch. */
export const LAUNCH_SESSION_MAX_AGE_S = 8 * 60 * 60;
