import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.LTI_KEYS_FILE = `${process.env.TMPDIR ?? "/tmp"}/lti-registration-keys-${process.pid}-${Date.now()}.json`;
});

import { db } from "@/lib/db.server";
import { adminAddPlatform, adminPlatforms, adminRemovePlatform } from "@/lib/lti/admin.server";
import { toolJwks } from "@/lib/lti/keys.server";
import { registerDynamically, REGISTRATIONS_PER_HOUR } from "@/lib/lti/registration.server";
import { NotAllowedError } from "@/lib/classes/errors";
import { createUser } from "../factories/users";
import { startTestPlatform, type TestPlatform } from "../support/lti-platform/platform";
import { expectLaunched, launch, ROLE, TOOL_ORIGIN, unique } from "./lti-helpers";

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.stop();
});

describe("LTI Dynamic Registration", () => {
  it("reads the LMS's configuration, registers at its registration endpoint and stores the platform; launches then work", async () => {
    const outcome = await registerDynamically({ openidConfiguration: platform.urls.openidConfiguration, registrationToken: platform.newRegistrationToken() }, TOOL_ORIGIN, unique("addr"));
    if (!outcome.ok) throw new Error(outcome.message);
    // What the LMS received is the tool's configuration as Dynamic Registration 1.0 describes it.
    const request = platform.registrations.at(-1)!;
    expect(request).toMatchObject({
      application_type: "web",
      response_types: ["id_token"],
      grant_types: ["implicit", "client_credentials"],
      initiate_login_uri: `${TOOL_ORIGIN}/api/lti/login`,
      redirect_uris: [`${TOOL_ORIGIN}/api/lti/launch`],
      jwks_uri: `${TOOL_ORIGIN}/api/lti/jwks`,
      token_endpoint_auth_method: "private_key_jwt",
      "https://purl.imsglobal.org/spec/lti-tool-configuration": {
        domain: "localhost:4320",
        target_link_uri: `${TOOL_ORIGIN}/lti`,
        messages: [expect.objectContaining({ type: "LtiResourceLinkRequest" }), expect.objectContaining({ type: "LtiDeepLinkingRequest", target_link_uri: `${TOOL_ORIGIN}/lti/deep-link` })],
      },
    });
    expect(String(request.scope).split(" ")).toEqual(expect.arrayContaining(["https://purl.imsglobal.org/spec/lti-ags/scope/score", "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"]));
    const tool = platform.tool!;
    expect(outcome.platform).toMatchObject({ issuer: platform.issuer, clientId: tool.clientId, deploymentIds: [tool.deploymentId], authUrl: platform.urls.auth, tokenUrl: platform.urls.token, jwksUrl: platform.urls.jwks, registeredVia: "dynamic" });
    expect(outcome.frameAncestors).toContain(platform.origin);

    // No HTTP tool runs in this test: the LMS reads the tool's keys directly.
    tool.jwks = () => toolJwks();
    const teacher = platform.addUser({ id: unique("t"), name: "Teacher" });
    const courseId = unique("course");
    platform.addCourse({ id: courseId, title: "Dyn course", label: "DYN", members: [{ userId: teacher.id, roles: [ROLE.instructor] }] });
    const link = platform.addResourceLink({ id: unique("rl"), courseId, title: "Lesson", targetLinkUri: `${TOOL_ORIGIN}/lti/lesson/three-way-handshake` });
    expectLaunched((await launch(platform, { userId: teacher.id, resourceLinkId: link.id })).outcome);
  });

  it("refuses an LMS that refuses the token, a configuration from another host, and a flood of registrations", async () => {
    const refused = await registerDynamically({ openidConfiguration: platform.urls.openidConfiguration, registrationToken: "not-a-token" }, TOOL_ORIGIN, unique("addr"));
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining("HTTP 401") });
    const elsewhere = await registerDynamically({ openidConfiguration: platform.urls.openidConfiguration.replace("127.0.0.1", "localhost"), registrationToken: platform.newRegistrationToken() }, TOOL_ORIGIN, unique("addr"));
    expect(elsewhere).toMatchObject({ ok: false, message: expect.stringContaining("is not on the host") });
    const notUrl = await registerDynamically({ openidConfiguration: "ftp://lms.example/config", registrationToken: null }, TOOL_ORIGIN, unique("addr"));
    expect(notUrl.ok).toBe(false);
    const address = unique("flood");
    for (let i = 0; i < REGISTRATIONS_PER_HOUR; i++) await registerDynamically({ openidConfiguration: "https://lms.invalid/config", registrationToken: null }, TOOL_ORIGIN, address).catch(() => null);
    const limited = await registerDynamically({ openidConfiguration: platform.urls.openidConfiguration, registrationToken: platform.newRegistrationToken() }, TOOL_ORIGIN, address);
    expect(limited).toMatchObject({ ok: false, message: expect.stringContaining("Too many registrations") });
  }, 60_000);
});

describe("the admin page's platform registry", () => {
  it("is for administrators only", async () => {
    const instructor = await createUser({ role: "INSTRUCTOR" });
    await expect(adminPlatforms(instructor)).rejects.toBeInstanceOf(NotAllowedError);
    await expect(adminAddPlatform(instructor, {})).rejects.toBeInstanceOf(NotAllowedError);
    await expect(adminPlatforms(null)).rejects.toBeInstanceOf(NotAllowedError);
  });

  it("registers, lists and removes a platform with the CLI's rules; its classes stay", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const bad = await adminAddPlatform(admin, { issuer: "https://lms.example", clientId: "", deploymentIds: "", authUrl: "http://lms.example/auth", tokenUrl: "https://lms.example/token", jwksUrl: "https://lms.example/jwks" });
    expect(bad).toMatchObject({ ok: false, errors: { clientId: expect.any(String), deploymentIds: expect.any(String), authUrl: expect.stringContaining("https://") } });
    const issuer = `https://${unique("lms")}.example`;
    const added = await adminAddPlatform(admin, {
      issuer,
      clientId: "c-1",
      deploymentIds: "d-1, d-2",
      authUrl: `${issuer}/auth`,
      tokenUrl: `${issuer}/token`,
      jwksUrl: `${issuer}/jwks`,
      frameOrigins: "https://school.example.edu",
    });
    expect(added).toMatchObject({ ok: true, created: true });
    const listed = (await adminPlatforms(admin)).find((p) => p.issuer === issuer)!;
    expect(listed).toMatchObject({ deploymentIds: ["d-1", "d-2"], allFrameOrigins: [issuer, "https://school.example.edu"] });
    expect(await adminRemovePlatform(admin, listed.id)).toEqual({ ok: true });
    expect(await db.ltiPlatform.count({ where: { issuer } })).toBe(0);
  });
});
