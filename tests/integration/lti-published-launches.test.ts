import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.LTI_KEYS_FILE = `${process.env.TMPDIR ?? "/tmp"}/lti-published-keys-${process.pid}-${Date.now()}.json`;
});

import { db } from "@/lib/db.server";
import { answerDeepLink } from "@/lib/lti/deep-linking.server";
import { initiateLogin } from "@/lib/lti/login.server";
import { syncRoster } from "@/lib/lti/nrps.server";
import { publishedClaims, publishedPayload } from "../support/lti-fixtures";
import { expectLaunched, launch, platformWithTool, seedCourse, TOOL_ORIGIN, unique } from "./lti-helpers";

/**
 * The launches the 1EdTech specifications and the LMSs publish (tests/fixtures/lti), signed by
 * the test platform with everything but the registration-binding claims as published, go through
 * the whole launch: verification, account, class, role and link.
 */

let setup: Awaited<ReturnType<typeof platformWithTool>>;
beforeAll(async () => {
  setup = await platformWithTool();
});
afterAll(async () => {
  await setup.platform.stop();
});

async function launchPublished(name: string) {
  const { courseId, learners } = seedCourse(setup.platform, { learners: 1 });
  const link = setup.platform.addResourceLink({ id: unique("rl"), courseId, title: "x", targetLinkUri: `${TOOL_ORIGIN}/lti/quiz/three-way-handshake` });
  const { outcome } = await launch(setup.platform, { userId: learners[0]!.id, resourceLinkId: link.id, overrides: publishedClaims(name) });
  return expectLaunched(outcome);
}

async function membership(classId: string | null, userId: string) {
  if (!classId) return "none";
  const [enrolled, teaching] = await Promise.all([
    db.enrollment.findUnique({ where: { classId_userId: { classId, userId } } }),
    db.classInstructor.findUnique({ where: { classId_userId: { classId, userId } } }),
  ]);
  return teaching ? "teach" : enrolled ? "learn" : "none";
}

describe("published launches, end to end", () => {
  it.each([
    ["lti-core-1.3-example-resource-link", "learn", "Economics as a Social Science", "jane@platform.example.edu"],
    ["canvas-teacher", "teach", "LTI 1.3 Test Course", "canvasteacher@russfeld.me"],
    ["canvas-student", "learn", "LTI 1.3 Test Course", "canvasstudent@russfeld.me"],
    ["canvas-student-without-advantage", "learn", "LTI 1.3 Test Course", "canvasstudent@russfeld.me"],
    ["canvas-administrator", "none", "LTI 1.3 Test Course", "canvasadmin@russfeld.me"],
    ["lti-ri-institution-role-only", "none", "Organic Chemistry CS0074", "kieth.marquardt@example.org"],
    ["moodle-resource-link", "teach", "Curso 1", "spam1@gammu.com"],
  ])("%s: a %s launch into “%s”", async (name, role, className, email) => {
    const launched = await launchPublished(name);
    const user = await db.user.findUniqueOrThrow({ where: { id: launched.provisioned.user.id } });
    expect(user.email).toBe(email);
    expect(launched.provisioned.role).toBe(role);
    expect(await membership(launched.provisioned.classId, user.id)).toBe(role);
    const classroom = await db.classroom.findUniqueOrThrow({ where: { id: launched.provisioned.classId as string } });
    expect(classroom.name).toBe(className);
    if (role === "teach") expect(user.role).toBe("INSTRUCTOR");
  });

  it("keeps Canvas's line item for grades, and does not use the line item container it serves over http", async () => {
    const launched = await launchPublished("canvas-teacher");
    const link = await db.ltiResourceLink.findUniqueOrThrow({ where: { id: launched.provisioned.resourceLinkRowId as string }, include: { context: true } });
    expect(link.lineItemUrl).toBe("https://canvas.home.russfeld.me/api/lti/courses/3/line_items/1");
    expect(link.context.lineItemsUrl).toBeNull();
    expect(link.context.membershipsUrl).toBe("https://canvas.home.russfeld.me/api/lti/courses/3/names_and_roles");
  });

  it("answers the Deep Linking 2.0 example request, echoing its data claim unchanged", async () => {
    const { courseId, instructor } = seedCourse(setup.platform, { learners: 0 });
    const { outcome } = await launch(setup.platform, { userId: instructor.id, deepLinkCourseId: courseId, overrides: publishedClaims("lti-dl-2.0-example-request") });
    const launched = expectLaunched(outcome);
    const teacher = await db.user.findUniqueOrThrow({ where: { id: launched.provisioned.user.id }, select: { id: true, email: true, name: true, role: true } });
    const answer = await answerDeepLink(teacher, { requestId: launched.provisioned.deepLinkRequestId as string, items: [{ target: "QUIZ:three-way-handshake", title: "Quiz", points: 5 }] }, TOOL_ORIGIN);
    if (!answer.ok) throw new Error(JSON.stringify(answer));
    expect(answer.returnUrl).toBe("https://platform.example/deep_links");
    expect(decodeJwt(answer.jwt)["https://purl.imsglobal.org/spec/lti-dl/claim/data"]).toBe("csrftoken:c7fbba78-7b75-46e3-9201-11e6d5f36f53");
    // Shaped like the specification's own response example.
    const example = publishedPayload("lti-dl-2.0-example-response").payload;
    const ours = decodeJwt(answer.jwt);
    for (const claim of Object.keys(example).filter((k) => k !== "azp")) expect(ours, claim).toHaveProperty([claim]);
    const item = (ours["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"] as Array<Record<string, unknown>>)[0]!;
    const exampleItem = (example["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"] as Array<Record<string, unknown>>)[0]!;
    expect(item.type).toBe(exampleItem.type);
    expect(Object.keys(item.lineItem as object).sort()).toEqual(["label", "resourceId", "scoreMaximum", "tag"]);
  });

  it("reads the NRPS 2.0 example membership container: its member's email belongs to the Core example's learner, so it waits to be linked", async () => {
    // The Core example's learner (another sub) already has the account with the example's email.
    const jane = await launchPublished("lti-core-1.3-example-resource-link");
    const { courseId, instructor } = seedCourse(setup.platform, { learners: 0 });
    const launched = expectLaunched((await launch(setup.platform, { userId: instructor.id, deepLinkCourseId: courseId })).outcome);
    setup.platform.publishedMemberships = { body: publishedPayload("lti-nrps-2.0-example-membership").payload };
    try {
      expect(await syncRoster(launched.provisioned.contextId as string)).toMatchObject({ members: 1, added: 0, skipped: 0, waitingToLink: 1 });
    } finally {
      setup.platform.publishedMemberships = null;
    }
    expect(await membership(launched.provisioned.classId, jane.provisioned.user.id)).toBe("none");
    expect(await db.ltiUserLink.findFirst({ where: { subject: "0ae836b9-7fc9-4060-006f-27b2066ac545" } })).toBeNull();
  });

  it("starts Canvas's login with its postMessage storage frame", async () => {
    const params = { ...(publishedPayload("canvas-login-initiation").payload as Record<string, string>), iss: setup.platform.issuer, client_id: setup.clientId, lti_deployment_id: setup.deploymentId, target_link_uri: `${TOOL_ORIGIN}/lti` };
    const login = await initiateLogin(params, TOOL_ORIGIN);
    expect(login).toMatchObject({ kind: "storage", storageTarget: "post_message_forwarding", authOrigin: setup.platform.origin });
  });
});
