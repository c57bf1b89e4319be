/**
 * Drives the tool's LTI functions (the same ones the route handlers call) against the test
 * platform (tests/support/lti-platform), on the real test database.
 */
import { toolJwks } from "@/lib/lti/keys.server";
import { handleLaunch, type LaunchOutcome } from "@/lib/lti/launch.server";
import { continueLogin, initiateLogin } from "@/lib/lti/login.server";
import { stateCookieName } from "@/lib/lti/cookies.server";
import { registerPlatform } from "@/lib/lti/platforms.server";
import { toolUrls } from "@/lib/lti/urls";
import { ROLE, SCOPES, startTestPlatform, type TestPlatform } from "../support/lti-platform/platform";

export const TOOL_ORIGIN = "http://localhost:4320";
export { ROLE, SCOPES };

let counter = 0;
export function unique(prefix: string) {
  counter++;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

/** A test platform registered both ways: the tool in the platform, the platform in the tool's registry. */
export async function platformWithTool(options: { grantedScopes?: string[]; offeredAgsScopes?: string[]; deploymentId?: string } = {}) {
  const platform = await startTestPlatform();
  const clientId = unique("client");
  const deploymentId = options.deploymentId ?? unique("deployment");
  const urls = toolUrls(TOOL_ORIGIN);
  platform.registerTool({
    clientId,
    deploymentId,
    loginUrl: urls.login,
    redirectUris: [urls.launch],
    jwks: () => toolJwks(),
    grantedScopes: options.grantedScopes ?? [SCOPES.lineItem, SCOPES.lineItemReadOnly, SCOPES.score, SCOPES.resultReadOnly, SCOPES.memberships],
    offeredAgsScopes: options.offeredAgsScopes ?? [SCOPES.lineItem, SCOPES.lineItemReadOnly, SCOPES.score, SCOPES.resultReadOnly],
    deepLinkingUrl: urls.deepLinking,
  });
  const registered = await registerPlatform(
    { name: "Test LMS", issuer: platform.issuer, clientId, deploymentIds: [deploymentId], authUrl: platform.urls.auth, tokenUrl: platform.urls.token, jwksUrl: platform.urls.jwks },
    "cli",
  );
  if (!registered.ok) throw new Error(JSON.stringify(registered.errors));
  return { platform, clientId, deploymentId, registered: registered.platform };
}

/** A course with an instructor and learners on the platform. */
export function seedCourse(platform: TestPlatform, options: { learners?: number; withEmail?: boolean } = {}) {
  const courseId = unique("course");
  const instructor = platform.addUser({ id: unique("teacher"), name: "Grace Hopper", email: `${unique("grace")}@lms.test` });
  const learners = Array.from({ length: options.learners ?? 2 }, (_, i) =>
    platform.addUser({ id: unique("learner"), name: `Learner ${i + 1}`, ...(options.withEmail === false ? {} : { email: `${unique("learner")}@lms.test` }) }),
  );
  platform.addCourse({
    id: courseId,
    title: "Networks 101",
    label: "NET101",
    members: [{ userId: instructor.id, roles: [ROLE.instructor] }, ...learners.map((l) => ({ userId: l.id, roles: [ROLE.learner] }))],
  });
  return { courseId, instructor, learners };
}

export type FlowOptions = {
  userId: string;
  resourceLinkId?: string;
  deepLinkCourseId?: string;
  storage?: boolean;
  /** Whether the state cookie comes back (false: third-party cookies blocked in the frame). */
  cookies?: boolean;
  framed?: boolean;
  /** Replaces the id_token the platform issued. */
  tamper?: (idToken: string) => Promise<string> | string;
  overrides?: Record<string, unknown>;
};

/** Login initiation → authorization → launch, as a browser would carry them. */
export async function launch(platform: TestPlatform, options: FlowOptions): Promise<{ outcome: LaunchOutcome; state: string; idToken: string }> {
  const params = platform.loginParameters({
    userId: options.userId,
    resourceLinkId: options.resourceLinkId,
    deepLinkCourseId: options.deepLinkCourseId,
    storageTarget: options.storage ? "lti-storage" : undefined,
    overrides: options.overrides,
  });
  const login = await initiateLogin(params, TOOL_ORIGIN);
  if (login.kind === "problem") throw new Error(`login refused: ${login.problem.code} ${login.problem.detail}`);
  const state = new URL(login.kind === "check-cookie" ? login.location : login.continueUrl).searchParams.get("state") as string;
  const keepsCookies = options.cookies !== false;
  const jar = new Map<string, string>(keepsCookies ? [[stateCookieName(state), "1"]] : []);
  let authRequestUrl: string;
  if (login.kind === "storage") authRequestUrl = login.authRequestUrl;
  else {
    const next = await continueLogin(state, jar, TOOL_ORIGIN);
    if (next.kind !== "redirect") throw new Error(`login did not continue: ${next.kind}`);
    authRequestUrl = next.location;
  }
  const auth = await platform.authorize(authRequestUrl, options.userId);
  if (!auth.ok) throw new Error(`authorization refused: ${auth.error}`);
  const idToken = options.tamper ? await options.tamper(auth.idToken) : auth.idToken;
  const outcome = await handleLaunch({
    form: { id_token: idToken, state: auth.state },
    cookies: jar,
    origin: platform.origin,
    fetchSite: "cross-site",
    framed: options.framed ?? true,
    acceptLanguage: null,
    toolOrigin: TOOL_ORIGIN,
  });
  return { outcome, state: auth.state, idToken };
}

export function expectLaunched(outcome: LaunchOutcome) {
  if (outcome.kind !== "launched") throw new Error(`expected a launch, got ${outcome.kind}${outcome.kind === "problem" ? `: ${outcome.problem.code} ${outcome.problem.detail}` : ""}`);
  return outcome;
}
