/**
 * A test LMS implementing the platform side of LTI 1.3 and LTI Advantage, run by the test suite
 * in-process (docs/lti.md, "Testing"). It behaves as the 1EdTech specifications say a platform
 * must, and checks what a platform checks:
 *
 * - its own RSA keys and JWKS (rotation; outage, junk and hang modes);
 * - OIDC authorization endpoint: validates client_id, redirect_uri, login_hint against the
 *   user signed in to the platform, then posts a signed id_token (resource link or deep
 *   linking request) to the tool with the state, from an auto-submitting form;
 * - token endpoint: client_credentials with a JWT assertion verified against the tool's JWKS
 *   (iss = sub = client id, aud, exp, jti used once); grants the configured scopes only;
 * - AGS line items and scores (media types both ways: Content-Type checked, Accept answered
 *   with 406 when it names another type; bearer token and scope; score validation; older
 *   timestamps ignored, a repeated timestamp recorded as a violation), line item containers in
 *   pages (`limit`, Link rel="next" among other relations), with fault injection (401, 429,
 *   500, hang);
 * - NRPS memberships in pages (Link rel="next" beside "first", "last" and "differences"), or a
 *   published membership container served as it is;
 * - the tool's key set fetched from its JWKS URL and cached as its Cache-Control says, with no
 *   refetch for an unknown kid (the strictest platform behaviour: a tool that signs with a key
 *   it has not published long enough is refused);
 * - deep-linking return endpoint verifying the tool's signed LtiDeepLinkingResponse, creating
 *   resource links and line items from its items;
 * - Dynamic Registration (openid configuration + registration endpoint);
 * - a course page framing the tool, with a hidden storage frame implementing the LTI
 *   client-side postMessage storage (lti.capabilities, lti.put_data, lti.get_data).
 */
import { randomUUID, generateKeyPairSync, type KeyObject } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { calculateJwkThumbprint, createLocalJWKSet, exportJWK, jwtVerify, SignJWT, type JWK } from "jose";

export type PlatformUser = { id: string; name?: string; givenName?: string; familyName?: string; email?: string };
export type Membership = { userId: string; roles: string[]; status?: "Active" | "Inactive" | "Deleted" };
export type Course = { id: string; title: string; label: string; members: Membership[] };
export type ResourceLink = { id: string; courseId: string; title: string; targetLinkUri?: string; custom?: Record<string, string>; lineItemId?: string };
export type LineItem = { id: string; courseId: string; label: string; scoreMaximum: number; resourceId?: string; resourceLinkId?: string; tag?: string; endDateTime?: string };
export type ReceivedScore = { lineItemId: string; body: Record<string, unknown>; receivedAt: Date; accepted: boolean };
export type ToolRegistration = {
  clientId: string;
  deploymentId: string;
  loginUrl: string;
  redirectUris: string[];
  /** The tool's key set: a URL the platform fetches, or the keys themselves (tests without an HTTP tool). */
  jwks: string | (() => Promise<{ keys: JWK[] }>);
  /** Scopes the token endpoint grants. */
  grantedScopes: string[];
  /** Scopes offered in launches' AGS claim. */
  offeredAgsScopes: string[];
  deepLinkingUrl?: string;
  name?: string;
};
export type Fault = { status?: number; retryAfter?: string; hang?: boolean; body?: string };
export type DeepLinkResult = { payload: Record<string, unknown>; items: Array<Record<string, unknown>>; createdLinks: ResourceLink[] };

const ROLE = {
  instructor: "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
  learner: "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
  teachingAssistant: "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant",
  contentDeveloper: "http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper",
  mentor: "http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor",
  institutionStudent: "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student",
};
export { ROLE };

const SCOPES = {
  lineItem: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
  lineItemReadOnly: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
  resultReadOnly: "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
  score: "https://purl.imsglobal.org/spec/lti-ags/scope/score",
  memberships: "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
};
export { SCOPES };

type SigningKey = { kid: string; privateKey: KeyObject; publicJwk: JWK };

async function newSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, privateKey, publicJwk: { ...jwk, kid, alg: "RS256", use: "sig" } };
}

function html(res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", ...headers });
  res.end(body);
}

function json(res: http.ServerResponse, status: number, body: unknown, type = "application/json", headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": type, ...headers });
  res.end(JSON.stringify(body));
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function cookies(req: http.IncomingMessage): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) jar.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
  }
  return jar;
}

/** What the storage frame of the platform page does (LTI client-side postMessage storage). */
const STORAGE_FRAME_SCRIPT = `
var store = {};
window.addEventListener("message", function (event) {
  var data = event.data;
  if (!data || typeof data !== "object" || typeof data.subject !== "string") return;
  var reply = { message_id: data.message_id };
  if (data.subject === "lti.capabilities") {
    reply.subject = "lti.capabilities.response";
    reply.supported_messages = [{ subject: "lti.put_data", frame: "lti-storage" }, { subject: "lti.get_data", frame: "lti-storage" }];
  } else if (data.subject === "lti.put_data") {
    reply.subject = "lti.put_data.response";
    if (typeof data.key !== "string" || data.value === undefined) { reply.error = { code: "bad_request", message: "key and value are required" }; }
    else { store[event.origin] = store[event.origin] || {}; store[event.origin][data.key] = data.value; reply.key = data.key; reply.value = data.value; }
  } else if (data.subject === "lti.get_data") {
    reply.subject = "lti.get_data.response";
    reply.key = data.key;
    var mine = store[event.origin] || {};
    if (Object.prototype.hasOwnProperty.call(mine, data.key)) reply.value = mine[data.key];
    else reply.error = { code: "not_found", message: "no value for this key" };
  } else { return; }
  window.parent.__ltiMessages = (window.parent.__ltiMessages || []).concat([{ subject: data.subject, key: data.key, origin: event.origin }]);
  event.source.postMessage(reply, event.origin);
});
`;

export class TestPlatform {
  readonly server: http.Server;
  origin = "";
  issuer = "";
  keys: SigningKey[] = [];
  jwksMode: "ok" | "down" | "junk" | "hang" = "ok";
  readonly users = new Map<string, PlatformUser>();
  readonly courses = new Map<string, Course>();
  readonly resourceLinks = new Map<string, ResourceLink>();
  readonly lineItems = new Map<string, LineItem>();
  readonly scores: ReceivedScore[] = [];
  readonly results = new Map<string, Map<string, Record<string, unknown>>>();
  readonly deepLinkResults: DeepLinkResult[] = [];
  readonly tokenRequests: Array<{ scopes: string[]; granted: string[] }> = [];
  readonly faults = { token: [] as Fault[], scores: [] as Fault[], lineItems: [] as Fault[], memberships: [] as Fault[] };
  readonly usedJtis = new Set<string>();
  readonly tokens = new Map<string, { scopes: string[]; expiresAt: number; clientId: string }>();
  readonly registrationTokens = new Set<string>();
  readonly registrations: Array<Record<string, unknown>> = [];
  /** Things the tool did that the specifications forbid (a repeated score timestamp, …); tests expect none. */
  readonly violations: string[] = [];
  /** Line items per page of the container (AGS 2.0 §3.2.4); a request's `limit` may ask for fewer. */
  lineItemPageSize = 50;
  /** A published membership container served instead of the course's members (its own Link header optional). */
  publishedMemberships: { body: unknown; link?: string } | null = null;
  /** How long the tool's key set is kept when its answer names no max-age. */
  toolKeysDefaultMaxAgeMs = 5 * 60 * 1000;
  private toolKeysCache: { set: ReturnType<typeof createLocalJWKSet>; kids: string[]; expiresAt: number } | null = null;
  /** Requests to the tool's JWKS URL (or calls of its key function). */
  toolKeyFetches = 0;
  /** Messages (by login hint) waiting for the authorization step. */
  private readonly messageHints = new Map<string, { userId: string; kind: "resource" | "deep-link"; resourceLinkId?: string; courseId: string; overrides?: Record<string, unknown> }>();
  tool: ToolRegistration | null = null;
  membershipPageSize = 50;
  tokenLifetimeS = 3600;
  private readonly hanging = new Set<http.ServerResponse>();

  constructor() {
    this.server = http.createServer((req, res) => {
      this.route(req, res).catch((error) => {
        if (!res.headersSent) json(res, 500, { error: String(error) });
        else res.end();
      });
    });
  }

  async start(port = 0, host = "127.0.0.1"): Promise<this> {
    this.keys = [await newSigningKey()];
    await new Promise<void>((resolve) => this.server.listen(port, host, resolve));
    const address = this.server.address() as AddressInfo;
    this.origin = `http://${host}:${address.port}`;
    this.issuer = this.origin;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections?.();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get urls() {
    return {
      auth: `${this.origin}/auth`,
      token: `${this.origin}/token`,
      jwks: `${this.origin}/jwks`,
      deepLinkReturn: `${this.origin}/deep-link-return`,
      openidConfiguration: `${this.origin}/.well-known/openid-configuration`,
      registration: `${this.origin}/register`,
      lineItems: (courseId: string) => `${this.origin}/courses/${courseId}/lineitems`,
      lineItem: (courseId: string, id: string) => `${this.origin}/courses/${courseId}/lineitems/${id}`,
      memberships: (courseId: string) => `${this.origin}/courses/${courseId}/memberships`,
    };
  }

  get signingKey(): SigningKey {
    return this.keys[this.keys.length - 1] as SigningKey;
  }

  async rotateKey({ keepOld = true } = {}): Promise<void> {
    const fresh = await newSigningKey();
    this.keys = keepOld ? [...this.keys, fresh] : [fresh];
  }

  addUser(user: PlatformUser) {
    this.users.set(user.id, user);
    return user;
  }

  addCourse(course: Omit<Course, "members"> & { members?: Membership[] }) {
    const full = { ...course, members: course.members ?? [] };
    this.courses.set(course.id, full);
    return full;
  }

  enroll(courseId: string, membership: Membership) {
    const course = this.courses.get(courseId);
    if (!course) throw new Error(`no course ${courseId}`);
    course.members = [...course.members.filter((m) => m.userId !== membership.userId), membership];
  }

  addResourceLink(link: ResourceLink) {
    this.resourceLinks.set(link.id, link);
    return link;
  }

  addLineItem(item: Omit<LineItem, "id"> & { id?: string }): LineItem {
    const full = { ...item, id: item.id ?? randomUUID() };
    this.lineItems.set(full.id, full);
    return full;
  }

  registerTool(tool: ToolRegistration) {
    this.tool = tool;
  }

  private requireTool(): ToolRegistration {
    if (!this.tool) throw new Error("no tool registered on the test platform");
    return this.tool;
  }

  /** The parameters of a third-party initiated login for a resource link launch or a deep-linking request. */
  loginParameters(options: { userId: string; resourceLinkId?: string; deepLinkCourseId?: string; storageTarget?: string; targetLinkUri?: string; overrides?: Record<string, unknown>; includeClientId?: boolean }): Record<string, string> {
    const tool = this.requireTool();
    const hint = randomUUID();
    let courseId: string;
    let target: string;
    if (options.resourceLinkId) {
      const link = this.resourceLinks.get(options.resourceLinkId);
      if (!link) throw new Error(`no resource link ${options.resourceLinkId}`);
      courseId = link.courseId;
      target = options.targetLinkUri ?? link.targetLinkUri ?? tool.redirectUris[0] ?? "";
      this.messageHints.set(hint, { userId: options.userId, kind: "resource", resourceLinkId: link.id, courseId, overrides: options.overrides });
    } else {
      courseId = options.deepLinkCourseId as string;
      target = options.targetLinkUri ?? tool.deepLinkingUrl ?? tool.redirectUris[0] ?? "";
      this.messageHints.set(hint, { userId: options.userId, kind: "deep-link", courseId, overrides: options.overrides });
    }
    const params: Record<string, string> = {
      iss: this.issuer,
      login_hint: options.userId,
      target_link_uri: target,
      lti_message_hint: hint,
      lti_deployment_id: tool.deploymentId,
    };
    if (options.includeClientId !== false) params.client_id = tool.clientId;
    if (options.storageTarget) params.lti_storage_target = options.storageTarget;
    return params;
  }

  /** The claims of the message named by a hint (the spec's example launch, with this platform's values). */
  private claimsFor(entry: { userId: string; kind: "resource" | "deep-link"; resourceLinkId?: string; courseId: string; overrides?: Record<string, unknown> }, nonce: string): Record<string, unknown> {
    const tool = this.requireTool();
    const user = this.users.get(entry.userId);
    const course = this.courses.get(entry.courseId);
    if (!user || !course) throw new Error("unknown user or course");
    const membership = course.members.find((m) => m.userId === user.id);
    const roles = membership?.roles ?? [];
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      iss: this.issuer,
      sub: user.id,
      aud: tool.clientId,
      azp: tool.clientId,
      exp: now + 300,
      iat: now,
      nonce,
      name: user.name,
      given_name: user.givenName,
      family_name: user.familyName,
      email: user.email,
      locale: "en-US",
      "https://purl.imsglobal.org/spec/lti/claim/deployment_id": tool.deploymentId,
      "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
      "https://purl.imsglobal.org/spec/lti/claim/roles": roles,
      "https://purl.imsglobal.org/spec/lti/claim/context": { id: course.id, label: course.label, title: course.title, type: ["http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"] },
      "https://purl.imsglobal.org/spec/lti/claim/tool_platform": { guid: "test-platform", name: "Test LMS", product_family_code: "test-lms", version: "1.0" },
      "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": { document_target: "iframe", return_url: `${this.origin}/courses/${course.id}`, locale: "en-US" },
      "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": { context_memberships_url: this.urls.memberships(course.id), service_versions: ["2.0"] },
    };
    const ags: Record<string, unknown> = { scope: tool.offeredAgsScopes, lineitems: this.urls.lineItems(course.id) };
    if (entry.kind === "resource") {
      const link = this.resourceLinks.get(entry.resourceLinkId as string) as ResourceLink;
      claims["https://purl.imsglobal.org/spec/lti/claim/message_type"] = "LtiResourceLinkRequest";
      claims["https://purl.imsglobal.org/spec/lti/claim/target_link_uri"] = link.targetLinkUri ?? tool.redirectUris[0];
      claims["https://purl.imsglobal.org/spec/lti/claim/resource_link"] = { id: link.id, title: link.title, description: "" };
      if (link.custom) claims["https://purl.imsglobal.org/spec/lti/claim/custom"] = link.custom;
      const lineItem = link.lineItemId ? this.lineItems.get(link.lineItemId) : [...this.lineItems.values()].find((item) => item.resourceLinkId === link.id);
      if (lineItem) ags.lineitem = this.urls.lineItem(course.id, lineItem.id);
    } else {
      claims["https://purl.imsglobal.org/spec/lti/claim/message_type"] = "LtiDeepLinkingRequest";
      claims["https://purl.imsglobal.org/spec/lti/claim/target_link_uri"] = tool.deepLinkingUrl ?? tool.redirectUris[0];
      claims["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"] = {
        deep_link_return_url: this.urls.deepLinkReturn,
        accept_types: ["ltiResourceLink"],
        accept_presentation_document_targets: ["iframe", "window"],
        accept_multiple: true,
        accept_lineitem: true,
        auto_create: true,
        title: "Add an activity",
        data: `course:${course.id}`,
      };
    }
    claims["https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"] = ags;
    return { ...claims, ...(entry.overrides ?? {}) };
  }

  /** Signs claims with the platform's current key (or any key, to forge). */
  async signIdToken(claims: Record<string, unknown>, options: { key?: KeyObject; kid?: string; alg?: string } = {}): Promise<string> {
    const key = this.signingKey;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: options.alg ?? "RS256", kid: options.kid ?? key.kid, typ: "JWT" })
      .sign(options.key ?? key.privateKey);
  }

  /**
   * The authorization step (LTI Core 1.3 §5.1.1.3): validates the tool's authentication request
   * and answers with the id_token and state to post to the redirect URI.
   */
  async authorize(authRequestUrl: string, signedInUserId: string | null): Promise<{ ok: true; action: string; idToken: string; state: string } | { ok: false; error: string }> {
    const tool = this.requireTool();
    const url = new URL(authRequestUrl);
    const q = (name: string) => url.searchParams.get(name);
    if (q("scope") !== "openid") return { ok: false, error: "invalid_scope" };
    if (q("response_type") !== "id_token") return { ok: false, error: "unsupported_response_type" };
    if (q("response_mode") !== "form_post") return { ok: false, error: "invalid_request: response_mode" };
    if (q("prompt") !== "none") return { ok: false, error: "invalid_request: prompt" };
    if (q("client_id") !== tool.clientId) return { ok: false, error: "unauthorized_client" };
    const redirectUri = q("redirect_uri") ?? "";
    if (!tool.redirectUris.includes(redirectUri)) return { ok: false, error: "invalid_request: redirect_uri" };
    const nonce = q("nonce");
    const state = q("state");
    if (!nonce || !state) return { ok: false, error: "invalid_request: nonce and state" };
    const loginHint = q("login_hint");
    if (!signedInUserId || loginHint !== signedInUserId) return { ok: false, error: "login_required" };
    const hint = this.messageHints.get(q("lti_message_hint") ?? "");
    if (!hint || hint.userId !== signedInUserId) return { ok: false, error: "invalid_request: lti_message_hint" };
    const idToken = await this.signIdToken(this.claimsFor(hint, nonce));
    return { ok: true, action: redirectUri, idToken, state };
  }

  /**
   * The tool's key set, cached until its max-age runs out (Cache-Control from the tool's JWKS
   * URL) and never refetched for an unknown kid before then.
   */
  private async toolKeySet() {
    const tool = this.requireTool();
    if (this.toolKeysCache && this.toolKeysCache.expiresAt > Date.now()) return this.toolKeysCache.set;
    let keys: { keys: JWK[] };
    let maxAgeMs = this.toolKeysDefaultMaxAgeMs;
    this.toolKeyFetches++;
    if (typeof tool.jwks === "function") keys = await tool.jwks();
    else {
      const response = await fetch(tool.jwks, { headers: { accept: "application/json" } });
      if (!response.ok) throw new Error(`tool JWKS answered ${response.status}`);
      keys = (await response.json()) as { keys: JWK[] };
      const maxAge = (response.headers.get("cache-control") ?? "").match(/max-age=(\d+)/);
      if (maxAge) maxAgeMs = Number(maxAge[1]) * 1000;
    }
    const set = createLocalJWKSet(keys);
    this.toolKeysCache = { set, kids: keys.keys.map((k) => String(k.kid)), expiresAt: Date.now() + maxAgeMs };
    return set;
  }

  /** Requests the platform holds open without an answer (a `hang` fault or key set mode). */
  get hangingRequests(): number {
    return this.hanging.size;
  }

  /** Forgets the cached tool key set (as a platform does when its cache time is over). */
  expireToolKeys() {
    this.toolKeysCache = null;
  }

  /** 406 unless the request's Accept names `type` (or a wildcard); AGS and NRPS tools send the media type. */
  private acceptable(req: http.IncomingMessage, res: http.ServerResponse, type: string): boolean {
    const accept = (req.headers.accept ?? "").split(",").map((part) => part.split(";")[0]?.trim().toLowerCase());
    if (accept.some((value) => value === type || value === "*/*" || value === "application/*")) return true;
    this.violations.push(`${req.method} ${req.url} with Accept ${JSON.stringify(req.headers.accept ?? "")} instead of ${type}`);
    json(res, 406, { error: `not acceptable: this endpoint answers ${type}` });
    return false;
  }

  private takeFault(kind: keyof TestPlatform["faults"], res: http.ServerResponse): boolean {
    const fault = this.faults[kind].shift();
    if (!fault) return false;
    if (fault.hang) {
      this.hanging.add(res);
      res.on("close", () => this.hanging.delete(res));
      return true;
    }
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (fault.retryAfter) headers["retry-after"] = fault.retryAfter;
    res.writeHead(fault.status ?? 500, headers);
    res.end(fault.body ?? JSON.stringify({ error: "injected fault" }));
    return true;
  }

  private bearer(req: http.IncomingMessage, scope: string | string[]): { ok: true } | { ok: false; status: number } {
    const header = req.headers.authorization ?? "";
    const token = header.startsWith("Bearer ") ? this.tokens.get(header.slice(7)) : undefined;
    if (!token || token.expiresAt < Date.now()) return { ok: false, status: 401 };
    const needed = Array.isArray(scope) ? scope : [scope];
    if (!needed.some((s) => token.scopes.includes(s))) return { ok: false, status: 403 };
    return { ok: true };
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.origin);
    const path = url.pathname;
    const method = req.method ?? "GET";

    if (path === "/jwks") {
      if (this.jwksMode === "down") return json(res, 503, { error: "unavailable" });
      if (this.jwksMode === "junk") return html(res, 200, "<html>not a key set</html>");
      if (this.jwksMode === "hang") {
        this.hanging.add(res);
        res.on("close", () => this.hanging.delete(res));
        return;
      }
      return json(res, 200, { keys: this.keys.map((key) => key.publicJwk) });
    }
    if (path === "/auth") return this.authEndpoint(req, res, url);
    if (path === "/token" && method === "POST") return this.tokenEndpoint(req, res);
    if (path === "/deep-link-return" && method === "POST") return this.deepLinkReturn(req, res);
    if (path === "/.well-known/openid-configuration") return json(res, 200, this.openidConfiguration());
    if (path === "/register" && method === "POST") return this.registrationEndpoint(req, res);
    if (path === "/frame") {
      // Any page framed by this origin (tests of frame-ancestors).
      const src = url.searchParams.get("src") ?? "about:blank";
      return html(res, 200, `<!doctype html><html lang="en"><head><title>Frame</title></head><body><iframe name="framed" title="framed" src="${esc(src)}" width="800" height="600"></iframe></body></html>`);
    }
    if (path === "/storage-frame") return html(res, 200, `<!doctype html><html lang="en"><title>storage</title><script>${STORAGE_FRAME_SCRIPT}</script></html>`);
    if (path === "/signin") {
      const user = url.searchParams.get("user") ?? "";
      return html(res, 200, "<!doctype html><title>signed in</title>", { "set-cookie": `platform-session=${encodeURIComponent(user)}; Path=/; HttpOnly; Secure; SameSite=None` });
    }
    const page = path.match(/^\/courses\/([^/]+)\/(launch|deep-link|register-tool)$/);
    if (page && method === "GET") return this.coursePage(res, url, page[1] as string, page[2] as string);

    const lineItems = path.match(/^\/courses\/([^/]+)\/lineitems$/);
    if (lineItems) return this.lineItemsEndpoint(req, res, url, lineItems[1] as string);
    const lineItem = path.match(/^\/courses\/([^/]+)\/lineitems\/([^/]+)(\/scores|\/results)?$/);
    if (lineItem) return this.lineItemEndpoint(req, res, url, lineItem[1] as string, lineItem[2] as string, lineItem[3]);
    const memberships = path.match(/^\/courses\/([^/]+)\/memberships$/);
    if (memberships) return this.membershipsEndpoint(req, res, url, memberships[1] as string);
    return json(res, 404, { error: "not found" });
  }

  /** GET (or POST) from the browser: checks the platform session, then posts the id_token to the tool. */
  private async authEndpoint(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    let requestUrl = url.toString();
    if (req.method === "POST") {
      const form = new URLSearchParams(await readBody(req));
      const u = new URL(url.toString());
      for (const [k, v] of form) u.searchParams.set(k, v);
      requestUrl = u.toString();
    }
    const session = cookies(req).get("platform-session") ?? null;
    const result = await this.authorize(requestUrl, session);
    if (!result.ok) return html(res, 400, `<!doctype html><html lang="en"><title>Error</title><h1>Authorization failed: ${esc(result.error)}</h1></html>`);
    return html(
      res,
      200,
      `<!doctype html><html lang="en"><title>Launching</title><body><form id="f" method="post" action="${esc(result.action)}">` +
        `<input type="hidden" name="id_token" value="${esc(result.idToken)}"><input type="hidden" name="state" value="${esc(result.state)}"></form>` +
        `<script>document.getElementById("f").submit()</script></body></html>`,
    );
  }

  private async tokenEndpoint(req: http.IncomingMessage, res: http.ServerResponse) {
    if (this.takeFault("token", res)) return;
    const tool = this.requireTool();
    const form = new URLSearchParams(await readBody(req));
    if (form.get("grant_type") !== "client_credentials") return json(res, 400, { error: "unsupported_grant_type" });
    if (form.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") return json(res, 400, { error: "invalid_request" });
    const assertion = form.get("client_assertion") ?? "";
    try {
      const { payload } = await jwtVerify(assertion, await this.toolKeySet(), { algorithms: ["RS256"], issuer: tool.clientId, subject: tool.clientId, audience: this.urls.token, maxTokenAge: "10m" });
      if (typeof payload.jti !== "string" || this.usedJtis.has(payload.jti)) return json(res, 400, { error: "invalid_grant", error_description: "jti reused" });
      this.usedJtis.add(payload.jti);
    } catch (error) {
      return json(res, 401, { error: "invalid_client", error_description: (error as Error).message });
    }
    const requested = (form.get("scope") ?? "").split(/\s+/).filter(Boolean);
    const granted = requested.filter((s) => tool.grantedScopes.includes(s));
    this.tokenRequests.push({ scopes: requested, granted });
    if (!granted.length) return json(res, 400, { error: "invalid_scope" });
    const token = randomUUID();
    this.tokens.set(token, { scopes: granted, expiresAt: Date.now() + this.tokenLifetimeS * 1000, clientId: tool.clientId });
    return json(res, 200, { access_token: token, token_type: "Bearer", expires_in: this.tokenLifetimeS, scope: granted.join(" ") });
  }

  private lineItemJson(item: LineItem) {
    const { id, courseId, ...rest } = item;
    return { id: this.urls.lineItem(courseId, id), ...rest };
  }

  private async lineItemsEndpoint(req: http.IncomingMessage, res: http.ServerResponse, url: URL, courseId: string) {
    if (this.takeFault("lineItems", res)) return;
    if (!this.courses.has(courseId)) return json(res, 404, { error: "no such course" });
    if (req.method === "GET") {
      const auth = this.bearer(req, [SCOPES.lineItem, SCOPES.lineItemReadOnly]);
      if (!auth.ok) return json(res, auth.status, { error: "unauthorized" });
      if (!this.acceptable(req, res, "application/vnd.ims.lis.v2.lineitemcontainer+json")) return;
      const items = [...this.lineItems.values()].filter(
        (item) =>
          item.courseId === courseId &&
          (!url.searchParams.get("resource_link_id") || item.resourceLinkId === url.searchParams.get("resource_link_id")) &&
          (!url.searchParams.get("resource_id") || item.resourceId === url.searchParams.get("resource_id")) &&
          (!url.searchParams.get("tag") || item.tag === url.searchParams.get("tag")),
      );
      // Pages (AGS 2.0 §3.2.4): the next URL carries the filters, the tool uses it as it is.
      const limit = Math.min(this.lineItemPageSize, Number(url.searchParams.get("limit")) || this.lineItemPageSize);
      const page = Number(url.searchParams.get("page") ?? "0");
      const headers: Record<string, string> = {};
      if ((page + 1) * limit < items.length) {
        const next = new URL(url.toString());
        next.searchParams.set("page", String(page + 1));
        next.searchParams.set("limit", String(limit));
        const first = new URL(next.toString());
        first.searchParams.set("page", "0");
        headers.link = `<${first.toString()}>; rel="first", <${next.toString()}>; rel="next"`;
      }
      const slice = items.slice(page * limit, page * limit + limit);
      return json(res, 200, slice.map((item) => this.lineItemJson(item)), "application/vnd.ims.lis.v2.lineitemcontainer+json", headers);
    }
    if (req.method === "POST") {
      const auth = this.bearer(req, SCOPES.lineItem);
      if (!auth.ok) return json(res, auth.status, { error: "unauthorized" });
      if (!(req.headers["content-type"] ?? "").startsWith("application/vnd.ims.lis.v2.lineitem+json")) return json(res, 415, { error: "unsupported media type" });
      if (!this.acceptable(req, res, "application/vnd.ims.lis.v2.lineitem+json")) return;
      const body = JSON.parse(await readBody(req)) as Partial<LineItem>;
      // §3.2.9: a resource link the tool names must exist in this context.
      if (body.resourceLinkId !== undefined && this.resourceLinks.get(body.resourceLinkId)?.courseId !== courseId) return json(res, 404, { error: "no such resource link in this context" });
      if (typeof body.label !== "string" || !body.label || typeof body.scoreMaximum !== "number" || body.scoreMaximum <= 0) return json(res, 400, { error: "label and a positive scoreMaximum are required" });
      const item = this.addLineItem({ courseId, label: body.label, scoreMaximum: body.scoreMaximum, resourceId: body.resourceId, resourceLinkId: body.resourceLinkId, tag: body.tag, endDateTime: body.endDateTime });
      return json(res, 201, this.lineItemJson(item), "application/vnd.ims.lis.v2.lineitem+json");
    }
    return json(res, 405, { error: "method not allowed" });
  }

  private async lineItemEndpoint(req: http.IncomingMessage, res: http.ServerResponse, _url: URL, courseId: string, id: string, sub: string | undefined) {
    const item = this.lineItems.get(id);
    if (!item || item.courseId !== courseId) return json(res, 404, { error: "no such line item" });
    if (sub === "/scores") {
      if (req.method !== "POST") return json(res, 405, { error: "method not allowed" });
      if (this.takeFault("scores", res)) return;
      const auth = this.bearer(req, SCOPES.score);
      if (!auth.ok) return json(res, auth.status, { error: "unauthorized" });
      if (!(req.headers["content-type"] ?? "").startsWith("application/vnd.ims.lis.v1.score+json")) return json(res, 415, { error: "unsupported media type" });
      const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
      const problems: string[] = [];
      const course = this.courses.get(courseId) as Course;
      if (typeof body.userId !== "string" || !course.members.some((m) => m.userId === body.userId)) problems.push("userId is not a member");
      if (typeof body.timestamp !== "string" || Number.isNaN(Date.parse(body.timestamp))) problems.push("timestamp");
      if (!["Initialized", "Started", "InProgress", "Submitted", "Completed"].includes(body.activityProgress as string)) problems.push("activityProgress");
      if (!["FullyGraded", "Pending", "PendingManual", "Failed", "NotReady"].includes(body.gradingProgress as string)) problems.push("gradingProgress");
      if (body.scoreGiven !== undefined && (typeof body.scoreGiven !== "number" || body.scoreGiven < 0)) problems.push("scoreGiven");
      if (body.scoreGiven !== undefined && typeof body.scoreMaximum !== "number") problems.push("scoreMaximum is required with scoreGiven");
      if (problems.length) return json(res, 400, { error: problems.join(", ") });
      const byUser = this.results.get(id) ?? new Map<string, Record<string, unknown>>();
      const previous = byUser.get(body.userId as string);
      // AGS 2.0 §3.4.9: timestamps strictly increase per line item and user; an older score is ignored.
      const sameTimestamp = this.scores.some((s) => s.lineItemId === id && s.body.userId === body.userId && Date.parse(s.body.timestamp as string) === Date.parse(body.timestamp as string));
      if (sameTimestamp) this.violations.push(`a second score for ${String(body.userId)} on line item ${id} with timestamp ${String(body.timestamp)}`);
      if (!/\.\d+(Z|[+-]\d\d(:?\d\d)?)$/.test(body.timestamp as string)) this.violations.push(`timestamp ${String(body.timestamp)} has no sub-second precision or no time zone`);
      const submission = body.submission as Record<string, unknown> | undefined;
      if (submission !== undefined) {
        const started = submission.startedAt === undefined ? null : Date.parse(String(submission.startedAt));
        const submitted = submission.submittedAt === undefined ? null : Date.parse(String(submission.submittedAt));
        if (Number.isNaN(started) || Number.isNaN(submitted) || (started !== null && submitted !== null && submitted < started)) return json(res, 400, { error: "submission" });
      }
      const accepted = !previous || Date.parse(previous.timestamp as string) < Date.parse(body.timestamp as string);
      this.scores.push({ lineItemId: id, body, receivedAt: new Date(), accepted });
      if (accepted) byUser.set(body.userId as string, body);
      this.results.set(id, byUser);
      res.writeHead(204);
      res.end();
      return;
    }
    if (sub === "/results") {
      const auth = this.bearer(req, SCOPES.resultReadOnly);
      if (!auth.ok) return json(res, auth.status, { error: "unauthorized" });
      if (!this.acceptable(req, res, "application/vnd.ims.lis.v2.resultcontainer+json")) return;
      const list = [...(this.results.get(id)?.values() ?? [])].map((score) => ({ userId: score.userId, resultScore: score.scoreGiven, resultMaximum: score.scoreMaximum, scoreOf: this.urls.lineItem(courseId, id) }));
      return json(res, 200, list, "application/vnd.ims.lis.v2.resultcontainer+json");
    }
    if (req.method === "GET") {
      const auth = this.bearer(req, [SCOPES.lineItem, SCOPES.lineItemReadOnly]);
      if (!auth.ok) return json(res, auth.status, { error: "unauthorized" });
      if (!this.acceptable(req, res, "application/vnd.ims.lis.v2.lineitem+json")) return;
      return json(res, 200, this.lineItemJson(item), "application/vnd.ims.lis.v2.lineitem+json");
    }
    return json(res, 405, { error: "method not allowed" });
  }

  private async membershipsEndpoint(req: http.IncomingMessage, res: http.ServerResponse, url: URL, courseId: string) {
    if (this.takeFault("memberships", res)) return;
    const auth = this.bearer(req, SCOPES.memberships);
    if (!auth.ok) return json(res, auth.status, { error: "unauthorized" });
    if (!this.acceptable(req, res, "application/vnd.ims.lti-nrps.v2.membershipcontainer+json")) return;
    if (this.publishedMemberships) {
      const { body, link } = this.publishedMemberships;
      return json(res, 200, body, "application/vnd.ims.lti-nrps.v2.membershipcontainer+json", link ? { link } : {});
    }
    const course = this.courses.get(courseId);
    if (!course) return json(res, 404, { error: "no such course" });
    const role = url.searchParams.get("role");
    const members = course.members.filter((m) => !role || m.roles.some((r) => r === role || r.endsWith(`#${role}`)));
    const page = Number(url.searchParams.get("page") ?? "0");
    const size = this.membershipPageSize;
    const slice = members.slice(page * size, page * size + size);
    const headers: Record<string, string> = {};
    if ((page + 1) * size < members.length) {
      // Several relations in one header, as Moodle and Canvas send them (NRPS 2.0 §2.4).
      const at = (p: number) => {
        const u = new URL(url.toString());
        u.searchParams.set("page", String(p));
        return u.toString();
      };
      const differences = new URL(url.toString());
      differences.search = `?since=${Date.now()}`;
      headers.link = [`<${differences.toString()}>; rel="differences"`, `<${at(page + 1)}>; rel="next"`, `<${at(0)}>; rel="first"`, `<${at(Math.ceil(members.length / size) - 1)}>; rel="last"`].join(",");
    }
    return json(
      res,
      200,
      {
        id: url.toString(),
        context: { id: course.id, label: course.label, title: course.title },
        members: slice.map((m) => {
          const user = this.users.get(m.userId);
          return { status: m.status ?? "Active", name: user?.name, given_name: user?.givenName, family_name: user?.familyName, email: user?.email, user_id: m.userId, roles: m.roles };
        }),
      },
      "application/vnd.ims.lti-nrps.v2.membershipcontainer+json",
      headers,
    );
  }

  /** Verifies the tool's LtiDeepLinkingResponse (Deep Linking 2.0 §4.5) and creates what it names. */
  async acceptDeepLinkingResponse(jwt: string): Promise<DeepLinkResult> {
    const tool = this.requireTool();
    const { payload } = await jwtVerify(jwt, await this.toolKeySet(), { algorithms: ["RS256"], issuer: tool.clientId, audience: this.issuer, maxTokenAge: "10m" });
    if (payload["https://purl.imsglobal.org/spec/lti/claim/message_type"] !== "LtiDeepLinkingResponse") throw new Error("message_type");
    if (payload["https://purl.imsglobal.org/spec/lti/claim/version"] !== "1.3.0") throw new Error("version");
    if (payload["https://purl.imsglobal.org/spec/lti/claim/deployment_id"] !== tool.deploymentId) throw new Error("deployment_id");
    if (typeof payload.nonce !== "string") throw new Error("nonce");
    const items = (payload["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"] ?? []) as Array<Record<string, unknown>>;
    if (!Array.isArray(items)) throw new Error("content_items");
    const data = payload["https://purl.imsglobal.org/spec/lti-dl/claim/data"];
    const courseId = typeof data === "string" && data.startsWith("course:") ? data.slice(7) : null;
    if (!courseId || !this.courses.has(courseId)) throw new Error("data was not echoed");
    const createdLinks: ResourceLink[] = [];
    for (const item of items) {
      if (item.type !== "ltiResourceLink") throw new Error(`unsupported item type ${String(item.type)}`);
      const link = this.addResourceLink({
        id: randomUUID(),
        courseId,
        title: String(item.title ?? "Untitled"),
        targetLinkUri: typeof item.url === "string" ? item.url : undefined,
        custom: (item.custom as Record<string, string>) ?? undefined,
      });
      const lineItem = item.lineItem as Record<string, unknown> | undefined;
      if (lineItem) {
        if (typeof lineItem.scoreMaximum !== "number" || lineItem.scoreMaximum <= 0) throw new Error("lineItem.scoreMaximum");
        const created = this.addLineItem({
          courseId,
          label: String(lineItem.label ?? link.title),
          scoreMaximum: lineItem.scoreMaximum,
          resourceId: typeof lineItem.resourceId === "string" ? lineItem.resourceId : undefined,
          tag: typeof lineItem.tag === "string" ? lineItem.tag : undefined,
          resourceLinkId: link.id,
        });
        link.lineItemId = created.id;
      }
      createdLinks.push(link);
    }
    const result = { payload: payload as Record<string, unknown>, items, createdLinks };
    this.deepLinkResults.push(result);
    return result;
  }

  private async deepLinkReturn(req: http.IncomingMessage, res: http.ServerResponse) {
    const form = new URLSearchParams(await readBody(req));
    try {
      const result = await this.acceptDeepLinkingResponse(form.get("JWT") ?? "");
      return html(
        res,
        200,
        `<!doctype html><html lang="en"><title>Added</title><main><h1>Added ${result.createdLinks.length} item(s)</h1><ul>${result.createdLinks.map((l) => `<li data-link-id="${esc(l.id)}">${esc(l.title)}</li>`).join("")}</ul></main></html>`,
      );
    } catch (error) {
      return html(res, 400, `<!doctype html><html lang="en"><title>Rejected</title><main><h1>Deep linking response rejected: ${esc((error as Error).message)}</h1></main></html>`);
    }
  }

  openidConfiguration() {
    return {
      issuer: this.issuer,
      authorization_endpoint: this.urls.auth,
      registration_endpoint: this.urls.registration,
      jwks_uri: this.urls.jwks,
      token_endpoint: this.urls.token,
      token_endpoint_auth_methods_supported: ["private_key_jwt"],
      token_endpoint_auth_signing_alg_values_supported: ["RS256"],
      scopes_supported: ["openid", ...Object.values(SCOPES)],
      response_types_supported: ["id_token"],
      id_token_signing_alg_values_supported: ["RS256"],
      claims_supported: ["sub", "iss", "name", "given_name", "family_name", "email"],
      subject_types_supported: ["public", "pairwise"],
      "https://purl.imsglobal.org/spec/lti-platform-configuration": {
        product_family_code: "test-lms",
        version: "1.0",
        messages_supported: [{ type: "LtiResourceLinkRequest" }, { type: "LtiDeepLinkingRequest", placements: ["ContentArea"] }],
        variables: [],
      },
    };
  }

  newRegistrationToken(): string {
    const token = randomUUID();
    this.registrationTokens.add(token);
    return token;
  }

  private async registrationEndpoint(req: http.IncomingMessage, res: http.ServerResponse) {
    const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    if (!this.registrationTokens.has(token)) return json(res, 401, { error: "invalid_token" });
    this.registrationTokens.delete(token);
    if (!(req.headers["content-type"] ?? "").startsWith("application/json")) return json(res, 415, { error: "content type" });
    const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    const config = body["https://purl.imsglobal.org/spec/lti-tool-configuration"] as Record<string, unknown> | undefined;
    const errors: string[] = [];
    if (body.application_type !== "web") errors.push("application_type");
    if (!Array.isArray(body.response_types) || !body.response_types.includes("id_token")) errors.push("response_types");
    if (!Array.isArray(body.grant_types) || !body.grant_types.includes("implicit") || !body.grant_types.includes("client_credentials")) errors.push("grant_types");
    if (typeof body.initiate_login_uri !== "string") errors.push("initiate_login_uri");
    if (!Array.isArray(body.redirect_uris) || body.redirect_uris.length === 0) errors.push("redirect_uris");
    if (typeof body.jwks_uri !== "string") errors.push("jwks_uri");
    if (body.token_endpoint_auth_method !== "private_key_jwt") errors.push("token_endpoint_auth_method");
    if (!config || typeof config.domain !== "string" || typeof config.target_link_uri !== "string") errors.push("lti-tool-configuration");
    if (errors.length) return json(res, 400, { error: "invalid_client_metadata", error_description: errors.join(", ") });
    const clientId = `client-${randomUUID().slice(0, 8)}`;
    const deploymentId = `deployment-${randomUUID().slice(0, 8)}`;
    this.registrations.push(body);
    const messages = (config?.messages as Array<Record<string, unknown>> | undefined) ?? [];
    this.registerTool({
      clientId,
      deploymentId,
      loginUrl: body.initiate_login_uri as string,
      redirectUris: body.redirect_uris as string[],
      jwks: body.jwks_uri as string,
      grantedScopes: String(body.scope ?? "").split(/\s+/).filter(Boolean),
      offeredAgsScopes: String(body.scope ?? "").split(/\s+/).filter((s) => s.includes("lti-ags")),
      deepLinkingUrl: messages.find((m) => m.type === "LtiDeepLinkingRequest")?.target_link_uri as string | undefined,
      name: typeof body.client_name === "string" ? body.client_name : undefined,
    });
    return json(res, 200, {
      ...body,
      client_id: clientId,
      "https://purl.imsglobal.org/spec/lti-tool-configuration": { ...config, deployment_id: deploymentId },
    });
  }

  /**
   * The LMS's course page: signs the user in to the platform and frames the tool, starting the
   * login with a form POST into the frame (the way LMSs launch tools). `storage=1` offers the
   * postMessage storage frame (lti_storage_target).
   */
  private coursePage(res: http.ServerResponse, url: URL, courseId: string, kind: string) {
    const userId = url.searchParams.get("user") ?? "";
    const storage = url.searchParams.get("storage") === "1";
    // The LMS's interface language, sent as the launch's locale (`locale=zh-CN`, as a Chinese LMS does).
    const locale = url.searchParams.get("locale");
    const overrides = locale
      ? { locale, "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": { document_target: "iframe", return_url: `${this.origin}/courses/${courseId}`, locale } }
      : undefined;
    if (kind === "register-tool") {
      const target = url.searchParams.get("tool") ?? "";
      const token = this.newRegistrationToken();
      const start = new URL(target);
      start.searchParams.set("openid_configuration", this.urls.openidConfiguration);
      start.searchParams.set("registration_token", token);
      return html(
        res,
        200,
        `<!doctype html><html lang="en"><head><title>Register a tool</title></head><body><main><h1>Register a tool</h1><p id="closed" hidden>Registration window closed by the tool.</p>` +
          `<iframe name="registration" title="Tool registration" src="${esc(start.toString())}" width="900" height="700"></iframe></main>` +
          `<script>window.addEventListener("message",function(e){if(e.data&&e.data.subject==="org.imsglobal.lti.close"){document.getElementById("closed").hidden=false;window.__registrationClosed=true;}});</script></body></html>`,
      );
    }
    // Registering needs no tool yet; launches and deep linking need the registered one.
    const tool = this.requireTool();
    const params =
      kind === "launch"
        ? this.loginParameters({ userId, resourceLinkId: url.searchParams.get("link") ?? "", storageTarget: storage ? "lti-storage" : undefined, overrides })
        : this.loginParameters({ userId, deepLinkCourseId: courseId, storageTarget: storage ? "lti-storage" : undefined, overrides });
    const inputs = Object.entries(params)
      .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
      .join("");
    return html(
      res,
      200,
      `<!doctype html><html lang="${locale?.startsWith("zh") ? "zh-CN" : "en"}"><head><title>Test LMS course</title><meta name="viewport" content="width=device-width, initial-scale=1"></head><body style="margin:0"><main style="padding:8px"><h1>Test LMS: ${esc(this.courses.get(courseId)?.title ?? courseId)}</h1>` +
        (storage ? `<iframe name="lti-storage" src="/storage-frame" title="storage" hidden></iframe>` : "") +
        `<form id="launch" method="post" action="${esc(tool.loginUrl)}" target="tool-frame">${inputs}</form>` +
        `<iframe name="tool-frame" title="SYN to FIN" style="display:block;width:100%;max-width:1000px;height:800px;border:1px solid #ccc" allow="clipboard-write"></iframe></main>` +
        `<script>${storage ? 'document.querySelector("iframe[name=lti-storage]").addEventListener("load",function(){document.getElementById("launch").submit();});' : 'document.getElementById("launch").submit();'}</script></body></html>`,
      { "set-cookie": `platform-session=${encodeURIComponent(userId)}; Path=/; HttpOnly; Secure; SameSite=None` },
    );
  }
}

export async function startTestPlatform(port = 0, host = "127.0.0.1"): Promise<TestPlatform> {
  return new TestPlatform().start(port, host);
}
