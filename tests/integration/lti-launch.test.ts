import { generateKeyPairSync } from "node:crypto";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.LTI_KEYS_FILE = `${process.env.TMPDIR ?? "/tmp"}/lti-launch-keys-${process.pid}-${Date.now()}.json`;
});

import { db } from "@/lib/db.server";
import { stateCookieName } from "@/lib/lti/cookies.server";
import { hashToken, handleLaunch, redeemHandoff } from "@/lib/lti/launch.server";
import { linkPendingIdentity, pendingLinkView, settlePendingIdentity } from "@/lib/lti/identity.server";
import { continueLogin, initiateLogin } from "@/lib/lti/login.server";
import { createUser } from "../factories/users";
import type { TestPlatform } from "../support/lti-platform/platform";
import { expectLaunched, launch, platformWithTool, ROLE, seedCourse, TOOL_ORIGIN, unique } from "./lti-helpers";

let setup: Awaited<ReturnType<typeof platformWithTool>>;
let platform: TestPlatform;

beforeAll(async () => {
  setup = await platformWithTool();
  platform = setup.platform;
});
afterAll(async () => {
  await platform.stop();
});

async function counts() {
  const [users, classes, enrollments, links, contexts] = await Promise.all([db.user.count(), db.classroom.count(), db.enrollment.count(), db.ltiUserLink.count(), db.ltiContext.count()]);
  return { users, classes, enrollments, links, contexts };
}

function linkTo(courseId: string, target: string, title = "Handshake quiz") {
  return platform.addResourceLink({ id: unique("rl"), courseId, title, targetLinkUri: `${TOOL_ORIGIN}${target}` });
}

describe("LTI login initiation", () => {
  it("refuses an unknown issuer, an unknown deployment and a target on another site, writing nothing", async () => {
    const before = await db.ltiLoginState.count();
    const unknown = await initiateLogin({ iss: "https://lms.unknown.test", login_hint: "u", target_link_uri: `${TOOL_ORIGIN}/lti` }, TOOL_ORIGIN);
    expect(unknown).toMatchObject({ kind: "problem", problem: { code: "unknown-platform" } });
    const deployment = await initiateLogin({ iss: platform.issuer, client_id: setup.clientId, login_hint: "u", target_link_uri: `${TOOL_ORIGIN}/lti`, lti_deployment_id: "nope" }, TOOL_ORIGIN);
    expect(deployment).toMatchObject({ kind: "problem", problem: { code: "unknown-deployment" } });
    const foreign = await initiateLogin({ iss: platform.issuer, client_id: setup.clientId, login_hint: "u", target_link_uri: "https://evil.test/lti" }, TOOL_ORIGIN);
    expect(foreign).toMatchObject({ kind: "problem", problem: { code: "foreign-target" } });
    const incomplete = await initiateLogin({ iss: platform.issuer }, TOOL_ORIGIN);
    expect(incomplete).toMatchObject({ kind: "problem", problem: { code: "invalid-login-request" } });
    expect(await db.ltiLoginState.count()).toBe(before);
  });

  it("sends the OIDC authentication request the spec describes, and offers a new window when the state cookie is not kept", async () => {
    const { courseId, learners } = seedCourse(platform);
    const link = linkTo(courseId, "/lti/quiz/three-way-handshake");
    const params = platform.loginParameters({ userId: learners[0]!.id, resourceLinkId: link.id });
    const login = await initiateLogin(params, TOOL_ORIGIN);
    expect(login.kind).toBe("check-cookie");
    if (login.kind !== "check-cookie") return;
    expect(login.setCookie).toMatch(/; HttpOnly; Secure; SameSite=None$/);
    expect(login.setCookie).not.toContain("Partitioned");
    const state = new URL(login.location).searchParams.get("state") as string;
    const kept = await continueLogin(state, new Map([[stateCookieName(state), "1"]]), TOOL_ORIGIN);
    expect(kept.kind).toBe("redirect");
    if (kept.kind !== "redirect") return;
    const auth = new URL(kept.location);
    expect(auth.origin + auth.pathname).toBe(platform.urls.auth);
    expect(Object.fromEntries(auth.searchParams)).toMatchObject({
      scope: "openid",
      response_type: "id_token",
      response_mode: "form_post",
      prompt: "none",
      client_id: setup.clientId,
      redirect_uri: `${TOOL_ORIGIN}/api/lti/launch`,
      login_hint: learners[0]!.id,
      lti_message_hint: params.lti_message_hint,
      state,
    });
    expect(auth.searchParams.get("nonce")).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const blocked = await continueLogin(state, new Map(), TOOL_ORIGIN);
    expect(blocked.kind).toBe("new-window");
    if (blocked.kind !== "new-window") return;
    expect(blocked.loginUrl.startsWith(`${TOOL_ORIGIN}/api/lti/login?`)).toBe(true);
    expect(Object.fromEntries(new URL(blocked.loginUrl).searchParams)).toEqual(params);
  });
});

describe("LTI resource link launch", () => {
  it("creates the learner's account, the course's class and the enrollment, and opens the linked quiz", async () => {
    const { courseId, instructor, learners } = seedCourse(platform);
    const link = linkTo(courseId, "/lti/quiz/three-way-handshake");
    // The instructor launches first: the link gets its assignment and the instructor owns the class.
    const teacher = expectLaunched((await launch(platform, { userId: instructor.id, resourceLinkId: link.id })).outcome);
    expect(teacher.provisioned.role).toBe("teach");
    const teacherAccount = await db.user.findUniqueOrThrow({ where: { id: teacher.provisioned.user.id } });
    expect(teacherAccount).toMatchObject({ role: "INSTRUCTOR", email: instructor.email, name: "Grace Hopper", passwordHash: null });
    const owner = await db.classInstructor.findFirstOrThrow({ where: { classId: teacher.provisioned.classId as string } });
    expect(owner).toMatchObject({ userId: teacherAccount.id, isOwner: true });

    const { outcome } = await launch(platform, { userId: learners[0]!.id, resourceLinkId: link.id });
    const launched = expectLaunched(outcome);
    expect(launched.provisioned.role).toBe("learn");
    expect(launched.provisioned.classId).toBe(teacher.provisioned.classId);
    expect(launched.provisioned.target).toBe(`/lti/quiz/three-way-handshake?link=${launched.provisioned.resourceLinkRowId}`);
    const account = await db.user.findUniqueOrThrow({ where: { id: launched.provisioned.user.id } });
    expect(account).toMatchObject({ role: "STUDENT", email: learners[0]!.email, name: "Learner 1" });
    const classroom = await db.classroom.findUniqueOrThrow({ where: { id: launched.provisioned.classId as string }, include: { enrollments: true, ltiContext: true } });
    expect(classroom.name).toBe("Networks 101");
    expect(classroom.enrollments.map((e) => e.userId)).toEqual([account.id]);
    expect(classroom.ltiContext).toMatchObject({ issuer: platform.issuer, deploymentId: setup.deploymentId, contextId: courseId, membershipsUrl: platform.urls.memberships(courseId) });
    const row = await db.ltiResourceLink.findUniqueOrThrow({ where: { id: launched.provisioned.resourceLinkRowId as string }, include: { assignment: true } });
    expect(row).toMatchObject({ resourceLinkId: link.id, targetType: "QUIZ", targetId: "three-way-handshake" });
    expect(row.assignment).toMatchObject({ classId: classroom.id, targetType: "QUIZ", targetId: "three-way-handshake", title: "Handshake quiz", points: 100 });

    // The session is the site's own cookie, partitioned for the LMS frame.
    const session = launched.setCookies.find((c) => c.startsWith("next-auth.session-token="));
    expect(session).toMatch(/; HttpOnly; Secure; SameSite=None; Partitioned$/);
    expect(launched.handoffUrl).toMatch(/^http:\/\/localhost:4320\/api\/lti\/handoff\?token=/);

    // The same person launching again is the same account; a second class is never created.
    const again = expectLaunched((await launch(platform, { userId: learners[0]!.id, resourceLinkId: link.id })).outcome);
    expect(again.provisioned.user.id).toBe(account.id);
    expect(await db.ltiContext.count({ where: { contextId: courseId } })).toBe(1);
  });

  it("gives a window of its own an ordinary first-party session cookie", async () => {
    const { courseId, learners } = seedCourse(platform);
    const link = linkTo(courseId, "/lti/lesson/three-way-handshake", "Read: the handshake");
    const launched = expectLaunched((await launch(platform, { userId: learners[0]!.id, resourceLinkId: link.id, framed: false })).outcome);
    const session = launched.setCookies.find((c) => c.startsWith("next-auth.session-token="));
    expect(session).toMatch(/; HttpOnly; SameSite=Lax$/);
    expect(launched.handoffUrl).toBeNull();
    expect(launched.provisioned.target).toMatch(/^\/lti\/lesson\/three-way-handshake\?link=/);
  });

  it("refuses a replayed launch: the state and nonce work once", async () => {
    const { courseId, learners } = seedCourse(platform);
    const link = linkTo(courseId, "/lti/quiz/three-way-handshake");
    const first = await launch(platform, { userId: learners[0]!.id, resourceLinkId: link.id });
    expectLaunched(first.outcome);
    const before = await counts();
    const replay = await handleLaunch({
      form: { id_token: first.idToken, state: first.state },
      cookies: new Map([[stateCookieName(first.state), "1"]]),
      origin: platform.origin,
      fetchSite: "cross-site",
      framed: true,
      acceptLanguage: null,
      toolOrigin: TOOL_ORIGIN,
    });
    expect(replay).toMatchObject({ kind: "problem", problem: { code: "state-unknown" } });
    expect(await counts()).toEqual(before);
  });

  it("refuses a launch whose state cookie did not come back and no storage was offered", async () => {
    const { courseId, learners } = seedCourse(platform);
    const link = linkTo(courseId, "/lti/quiz/three-way-handshake");
    // The login step was done in a window that kept the cookie; the launch arrives without it.
    const params = platform.loginParameters({ userId: learners[0]!.id, resourceLinkId: link.id });
    const login = await initiateLogin(params, TOOL_ORIGIN);
    if (login.kind !== "check-cookie") throw new Error(login.kind);
    const state = new URL(login.location).searchParams.get("state") as string;
    const next = await continueLogin(state, new Map([[stateCookieName(state), "1"]]), TOOL_ORIGIN);
    if (next.kind !== "redirect") throw new Error(next.kind);
    const auth = await platform.authorize(next.location, learners[0]!.id);
    if (!auth.ok) throw new Error(auth.error);
    const before = await counts();
    const outcome = await handleLaunch({ form: { id_token: auth.idToken, state }, cookies: new Map(), origin: platform.origin, fetchSite: "cross-site", framed: true, acceptLanguage: null, toolOrigin: TOOL_ORIGIN });
    expect(outcome).toMatchObject({ kind: "problem", problem: { code: "state-not-bound" } });
    expect(await counts()).toEqual(before);
  });
});

describe("LTI launch with the platform's postMessage storage", () => {
  it("asks the page to read state and nonce back from the LMS frame, and accepts them only from the tool's own page", async () => {
    const { courseId, learners } = seedCourse(platform);
    const link = linkTo(courseId, "/lti/challenge/both-closing");
    const params = platform.loginParameters({ userId: learners[0]!.id, resourceLinkId: link.id, storageTarget: "lti-storage" });
    const login = await initiateLogin(params, TOOL_ORIGIN);
    expect(login.kind).toBe("storage");
    if (login.kind !== "storage") return;
    expect(login.storageTarget).toBe("lti-storage");
    expect(login.authOrigin).toBe(platform.origin);
    const auth = await platform.authorize(login.authRequestUrl, learners[0]!.id);
    if (!auth.ok) throw new Error(auth.error);
    const base = { cookies: new Map<string, string>(), framed: true, acceptLanguage: null, toolOrigin: TOOL_ORIGIN };

    const first = await handleLaunch({ ...base, form: { id_token: auth.idToken, state: auth.state }, origin: platform.origin, fetchSite: "cross-site" });
    expect(first).toMatchObject({ kind: "storage-check", state: login.state, nonce: login.nonce, storageTarget: "lti-storage", authOrigin: platform.origin });

    const before = await counts();
    const confirmed = { id_token: auth.idToken, state: auth.state, lti_storage_state: login.state, lti_storage_nonce: login.nonce };
    // A page of another site posting the same values is not the tool's own page.
    const forged = await handleLaunch({ ...base, form: confirmed, origin: "https://evil.test", fetchSite: "cross-site" });
    expect(forged).toMatchObject({ kind: "problem", problem: { code: "state-not-bound" } });
    const wrong = await handleLaunch({ ...base, form: { ...confirmed, lti_storage_nonce: "something else" }, origin: TOOL_ORIGIN, fetchSite: "same-origin" });
    expect(wrong).toMatchObject({ kind: "problem", problem: { code: "storage-mismatch" } });
    expect(await counts()).toEqual(before);

    const launched = expectLaunched(await handleLaunch({ ...base, form: confirmed, origin: TOOL_ORIGIN, fetchSite: "same-origin" }));
    expect(launched.provisioned.target).toMatch(/^\/lti\/challenge\/both-closing\?link=/);
  });
});

describe("LTI launch verification", () => {
  async function refused(tamper: (token: string) => Promise<string> | string, overrides?: Record<string, unknown>) {
    const { courseId, learners } = seedCourse(platform);
    const link = linkTo(courseId, "/lti/quiz/three-way-handshake");
    const before = await counts();
    const { outcome } = await launch(platform, { userId: learners[0]!.id, resourceLinkId: link.id, tamper, overrides });
    expect(await counts()).toEqual(before);
    if (outcome.kind !== "problem") throw new Error(`expected a refusal, got ${outcome.kind}`);
    return outcome.problem;
  }

  it("refuses a token signed by another key under the platform's kid", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const problem = await refused((token) => platform.signIdToken(decodeJwt(token), { key: privateKey }));
    expect(problem.code).toBe("bad-signature");
  });

  it("refuses a token whose kid is not in the platform's key set, after fetching it again", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const problem = await refused((token) => platform.signIdToken(decodeJwt(token), { key: privateKey, kid: "made-up" }));
    expect(problem).toMatchObject({ code: "unknown-kid" });
    expect(problem.detail).toContain("made-up");
  });

  it("refuses an expired token, a changed nonce, another audience and an unknown deployment", async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await refused((t) => platform.signIdToken({ ...decodeJwt(t), exp: now - 600, iat: now - 900 }))).code).toBe("expired");
    expect((await refused((t) => platform.signIdToken({ ...decodeJwt(t), nonce: "another" }))).code).toBe("nonce-mismatch");
    expect((await refused((t) => platform.signIdToken({ ...decodeJwt(t), aud: "another-tool", azp: undefined }))).code).toBe("wrong-audience");
    expect((await refused(async (t) => t, { "https://purl.imsglobal.org/spec/lti/claim/deployment_id": "other-deployment" })).code).toBe("unknown-deployment");
  });

  it("refuses an oversized or malformed claim", async () => {
    const problem = await refused(async (t) => t, { "https://purl.imsglobal.org/spec/lti/claim/roles": "Instructor" });
    expect(problem).toMatchObject({ code: "invalid-claim" });
    expect(problem.detail).toContain("roles");
    const big = await refused(async (t) => t, { "https://purl.imsglobal.org/spec/lti/claim/resource_link": { id: "x".repeat(300) } });
    expect(big).toMatchObject({ code: "invalid-claim" });
  });

  it("refuses a token from another registered platform presented with this platform's state", async () => {
    const other = await platformWithTool();
    try {
      const { courseId, learners } = seedCourse(other.platform);
      other.platform.addResourceLink({ id: "rl-other", courseId, title: "x", targetLinkUri: `${TOOL_ORIGIN}/lti/quiz/three-way-handshake` });
      const params = other.platform.loginParameters({ userId: learners[0]!.id, resourceLinkId: "rl-other" });
      const otherLogin = await initiateLogin(params, TOOL_ORIGIN);
      if (otherLogin.kind !== "check-cookie") throw new Error(otherLogin.kind);
      const otherNext = await continueLogin(new URL(otherLogin.location).searchParams.get("state") as string, new Map([[stateCookieName(new URL(otherLogin.location).searchParams.get("state") as string), "1"]]), TOOL_ORIGIN);
      if (otherNext.kind !== "redirect") throw new Error(otherNext.kind);
      const otherAuth = await other.platform.authorize(otherNext.location, learners[0]!.id);
      if (!otherAuth.ok) throw new Error(otherAuth.error);
      const problem = await refused(() => otherAuth.idToken);
      // Signed by the other platform's key, unknown to this platform's key set.
      expect(["unknown-kid", "wrong-issuer"]).toContain(problem.code);
    } finally {
      await other.platform.stop();
    }
  });

  it("reports a key set that is down or answers junk, and recovers when it is back", async () => {
    const { courseId, learners } = seedCourse(platform);
    const link = linkTo(courseId, "/lti/quiz/three-way-handshake");
    await platform.rotateKey({ keepOld: false });
    await new Promise((resolve) => setTimeout(resolve, 2_100)); // past the refetch cooldown
    platform.jwksMode = "down";
    const down = await launch(platform, { userId: learners[0]!.id, resourceLinkId: link.id });
    expect(down.outcome).toMatchObject({ kind: "problem", problem: { code: "jwks-unavailable" } });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    platform.jwksMode = "junk";
    const junk = await launch(platform, { userId: learners[0]!.id, resourceLinkId: link.id });
    expect(junk.outcome).toMatchObject({ kind: "problem", problem: { code: "jwks-invalid" } });
    platform.jwksMode = "ok";
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expectLaunched((await launch(platform, { userId: learners[0]!.id, resourceLinkId: link.id })).outcome);
  });
});

describe("LTI identity", () => {
  it("never links an LMS identity to an existing account by email: the person links it or takes a separate account", async () => {
    const existing = await createUser({ email: `${unique("ada")}@example.test`, name: "Ada (local)" });
    const person = platform.addUser({ id: unique("ada-lms"), name: "Ada", email: existing.email });
    const { courseId } = seedCourse(platform);
    platform.enroll(courseId, { userId: person.id, roles: [ROLE.learner] });
    const link = linkTo(courseId, "/lti/quiz/three-way-handshake");
    const before = await counts();
    const { outcome } = await launch(platform, { userId: person.id, resourceLinkId: link.id });
    expect(outcome).toMatchObject({ kind: "pending-identity", email: existing.email });
    expect(await counts()).toEqual(before);
    expect(await db.ltiUserLink.findFirst({ where: { userId: existing.id } })).toBeNull();
    if (outcome.kind !== "pending-identity") return;
    const settle = (action: string, origin = TOOL_ORIGIN) => settlePendingIdentity({ token: outcome.token, action, origin, toolOrigin: TOOL_ORIGIN, acceptLocale: "en" });

    // Continuing before linking changes nothing and says so; a page of another site cannot settle it.
    expect(await settle("continue")).toMatchObject({ notLinkedYet: true, outcome: { kind: "pending-identity" } });
    expect((await settle("separate", "https://evil.test")).outcome).toMatchObject({ kind: "problem", problem: { code: "link-invalid" } });
    expect(await counts()).toEqual(before);

    // The person signs in to their account (in a new window) and links it.
    expect(await pendingLinkView(outcome.token)).toMatchObject({ email: existing.email, platformName: "Test LMS", alreadyLinkedTo: null });
    // Signed out, the link action answers an ended session before lib runs (tests/integration/action-results.test.ts).
    expect(await linkPendingIdentity(existing, outcome.token)).toEqual({ ok: true });
    const { outcome: settled } = await settle("continue");
    const launched = expectLaunched(settled);
    expect(launched.provisioned.user.id).toBe(existing.id);
    expect(launched.provisioned.target).toMatch(/^\/lti\/quiz\/three-way-handshake/);
    expect(await db.enrollment.count({ where: { userId: existing.id, classId: launched.provisioned.classId as string } })).toBe(1);
    // The choice is used up.
    expect((await settle("continue")).outcome).toMatchObject({ kind: "problem", problem: { code: "link-invalid" } });
    // Next time the same LMS person goes straight to the linked account.
    const again = expectLaunched((await launch(platform, { userId: person.id, resourceLinkId: link.id })).outcome);
    expect(again.provisioned.user.id).toBe(existing.id);
  });

  it("gives a person who prefers it a separate account, with an address no mail reaches", async () => {
    const existing = await createUser({ email: `${unique("grace")}@example.test` });
    const person = platform.addUser({ id: unique("grace-lms"), name: "Grace", email: existing.email });
    const { courseId } = seedCourse(platform);
    platform.enroll(courseId, { userId: person.id, roles: [ROLE.learner] });
    const link = linkTo(courseId, "/lti/quiz/three-way-handshake");
    const { outcome } = await launch(platform, { userId: person.id, resourceLinkId: link.id });
    if (outcome.kind !== "pending-identity") throw new Error(outcome.kind);
    const { outcome: settled } = await settlePendingIdentity({ token: outcome.token, action: "separate", origin: TOOL_ORIGIN, toolOrigin: TOOL_ORIGIN, acceptLocale: "en" });
    const launched = expectLaunched(settled);
    expect(launched.provisioned.user.id).not.toBe(existing.id);
    expect(launched.provisioned.user.email).toMatch(/^lti-[0-9a-f]{24}@lti\.invalid$/);
    expect(await db.ltiPendingIdentity.count({ where: { tokenHash: hashToken(outcome.token) } })).toBe(0);
  });

  it("opens a framed launch in a new window once, with a two-minute ticket", async () => {
    const { courseId, learners } = seedCourse(platform);
    const link = linkTo(courseId, "/lti/quiz/three-way-handshake");
    const launched = expectLaunched((await launch(platform, { userId: learners[0]!.id, resourceLinkId: link.id })).outcome);
    const token = new URL(launched.handoffUrl as string).searchParams.get("token");
    const late = await redeemHandoff(token, new Date(Date.now() + 3 * 60 * 1000));
    expect(late).toMatchObject({ ok: false, problem: { code: "handoff-invalid" } });
    const second = expectLaunched((await launch(platform, { userId: learners[0]!.id, resourceLinkId: link.id })).outcome);
    const ticket = new URL(second.handoffUrl as string).searchParams.get("token");
    const redeemed = await redeemHandoff(ticket);
    expect(redeemed).toMatchObject({ ok: true, target: second.provisioned.target });
    if (redeemed.ok) expect(redeemed.setCookie).toMatch(/SameSite=Lax$/);
    expect(await redeemHandoff(ticket)).toMatchObject({ ok: false, problem: { code: "handoff-invalid" } });
  });
});
