import { describe, expect, it } from "vitest";
import { lineItemOf, lineItemsOf } from "@/lib/lti/ags-json";
import { validateLaunchClaims } from "@/lib/lti/claims";
import { classRole } from "@/lib/lti/roles";
import { publishedPayload, publishedPayloadNames } from "../../support/lti-fixtures";

/**
 * The tool reads the launches the 1EdTech specifications and the LMSs publish (tests/fixtures/lti)
 * with its own rules: each is accepted, and each claim the tool uses comes out as published.
 */

const LTI = "https://purl.imsglobal.org/spec/lti/claim/";
/** Required claims some sources leave out of their excerpt (never target_link_uri: its absence is tested). */
const ENVELOPE = {
  iss: "https://lms.example",
  aud: "tool-client",
  sub: "someone",
  nonce: "n-1",
  [`${LTI}version`]: "1.3.0",
  [`${LTI}message_type`]: "LtiResourceLinkRequest",
  [`${LTI}deployment_id`]: "d-1",
  [`${LTI}roles`]: [],
  [`${LTI}resource_link`]: { id: "supplied" },
};

function readPublished(name: string) {
  const { payload } = publishedPayload(name);
  // Excerpts that stop before the envelope get one; everything published is kept as is.
  const full = { ...ENVELOPE, ...payload } as Record<string, unknown>;
  const iat = typeof full.iat === "number" ? full.iat : 1_800_000_000;
  const aud = full.aud as string | string[];
  const result = validateLaunchClaims({ ...full, iat, exp: typeof full.exp === "number" ? full.exp : iat + 300 }, {
    issuer: full.iss as string,
    clientId: Array.isArray(aud) ? (aud[0] as string) : aud,
    nonce: full.nonce as string,
    deploymentIds: new Set([full[`${LTI}deployment_id`] as string]),
    toolOrigin: new URL((full[`${LTI}target_link_uri`] as string | undefined) ?? "https://platform.example.edu/").origin,
    loginTargetLinkUri: "https://platform.example.edu/launch",
    now: iat + 5,
  });
  if (!result.ok) throw new Error(`${name}: ${result.problem.code} ${result.problem.detail}`);
  return result.message;
}

describe("launches published by the 1EdTech specifications and by LMSs", () => {
  it("has a source address for every fixture", () => {
    for (const name of publishedPayloadNames()) expect(publishedPayload(name).source, name).toMatch(/https:\/\//);
  });

  it("reads the LTI Core 1.3 example: a learner (and mentor), the course, the link, no services", () => {
    const message = readPublished("lti-core-1.3-example-resource-link");
    expect(classRole(message.roles)).toBe("learn");
    expect(message).toMatchObject({
      subject: "a6d5c443-1f51-4783-ba1a-7686ffe3b54a",
      name: "Ms Jane Marie Doe",
      email: "jane@platform.example.edu",
      context: { id: "c1d887f0-a1a3-4bca-ae25-c375edcc131a", title: "Economics as a Social Science", label: "ECON 1010" },
      resourceLink: { id: "200d101f-2c14-434a-a0f3-57c2a42369fd", title: "Introduction Assignment" },
      custom: { xstart: "2017-04-21T01:00:00Z" },
      presentation: { documentTarget: "iframe", returnUrl: "https://platform.example.edu/terms/201601/courses/7/sections/1/resources/2" },
      ags: null,
      nrps: null,
    });
    // The example has no target_link_uri claim: the login's is used.
    expect(message.targetLinkUri).toBe("https://platform.example.edu/launch");
  });

  it("reads the Deep Linking 2.0 request example: an instructor, settings with opaque data", () => {
    const message = readPublished("lti-dl-2.0-example-request");
    expect(classRole(message.roles)).toBe("teach");
    expect(message.deepLinking).toEqual({
      returnUrl: "https://platform.example/deep_links",
      acceptTypes: ["link", "file", "html", "ltiResourceLink", "image"],
      acceptPresentationDocumentTargets: ["iframe", "window", "embed"],
      acceptMultiple: true,
      acceptLineItem: true,
      autoCreate: true,
      title: "This is the default title",
      text: "This is the default text",
      data: "csrftoken:c7fbba78-7b75-46e3-9201-11e6d5f36f53",
    });
  });

  it("reads Canvas's teacher and student launches, and turns off the line item container it serves over plain http", () => {
    const teacher = readPublished("canvas-teacher");
    expect(classRole(teacher.roles)).toBe("teach");
    expect(teacher.ags).toEqual({
      scopes: expect.arrayContaining(["https://purl.imsglobal.org/spec/lti-ags/scope/score", "https://canvas.instructure.com/lti-ags/progress/scope/show"]),
      lineItemUrl: "https://canvas.home.russfeld.me/api/lti/courses/3/line_items/1",
      lineItemsUrl: null,
    });
    expect(teacher.nrps).toEqual({ membershipsUrl: "https://canvas.home.russfeld.me/api/lti/courses/3/names_and_roles" });
    expect(teacher.platform.productFamilyCode).toBe("canvas");
    const student = readPublished("canvas-student");
    expect(classRole(student.roles)).toBe("learn");
    expect(student).toMatchObject({ name: "StudentFirst StudentLast", email: "canvasstudent@russfeld.me", custom: { custom1: "value1", custom2: "value2" } });
    const plain = readPublished("canvas-student-without-advantage");
    expect(plain.ags).toBeNull();
    expect(plain.nrps).toBeNull();
  });

  it("gives no class role to an administrator or an institution role alone", () => {
    expect(classRole(readPublished("canvas-administrator").roles)).toBe("none");
    expect(classRole(readPublished("lti-ri-institution-role-only").roles)).toBe("none");
  });

  it("reads Blackboard's sample: its line item container and all four AGS scopes", () => {
    const message = readPublished("blackboard-sample");
    expect(message.issuer).toBe("https://blackboard.com");
    expect(message.ags).toMatchObject({ lineItemsUrl: "https://learn.blackboard.com/learn/api/v1/lti/courses/_4_1/lineItems", lineItemUrl: null });
    expect(message.ags?.scopes).toHaveLength(4);
  });

  it("reads Moodle's launch: an instructor of a CourseSection, extension claims ignored, an http return URL dropped", () => {
    const message = readPublished("moodle-resource-link");
    expect(classRole(message.roles)).toBe("teach");
    expect(message).toMatchObject({ name: "Admin User", context: { id: "2", title: "Curso 1" }, resourceLink: { id: "1", title: "Prueba lti 1" }, presentation: { returnUrl: null, locale: "en" } });
  });
});

describe("the examples of Assignment and Grade Services 2.0", () => {
  const AGS = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
  const claims = publishedPayload("lti-ags-2.0-example-claims").payload as Record<string, { scope: string[]; lineitems?: string; lineitem?: string }>;

  it.each(Object.keys(claims))("reads the endpoint claim example “%s” as published", (name) => {
    const example = claims[name]!;
    const result = validateLaunchClaims(
      { ...ENVELOPE, iat: 1_800_000_000, exp: 1_800_000_300, [`${LTI}target_link_uri`]: "https://tool.example/lti", [AGS]: example },
      { issuer: ENVELOPE.iss, clientId: ENVELOPE.aud, nonce: ENVELOPE.nonce, deploymentIds: new Set(["d-1"]), toolOrigin: "https://tool.example", now: 1_800_000_005 },
    );
    if (!result.ok) throw new Error(`${result.problem.code} ${result.problem.detail}`);
    expect(result.message.ags).toEqual({ scopes: example.scope, lineItemsUrl: example.lineitems ?? null, lineItemUrl: example.lineitem ?? null });
  });

  it("reads the line item representation and the created line item, and finds a link's line item in a container of them", () => {
    const { representation, created } = publishedPayload("lti-ags-2.0-example-line-items").payload as Record<string, Record<string, unknown>>;
    expect(lineItemOf(JSON.stringify(created))).toMatchObject({ id: created!.id, resourceId: "quiz-231", scoreMaximum: 60, label: "Chapter 5 Test" });
    const container = JSON.stringify([created, { label: "no id: skipped" }, representation]);
    const items = lineItemsOf(container);
    expect(items).toHaveLength(2);
    expect(items.find((item) => item.resourceLinkId === "1g3k4dlk49fk")?.id).toBe(representation!.id);
    expect(lineItemsOf("<html>")).toEqual([]);
    expect(lineItemOf(JSON.stringify({ ...created, id: "http://lms.example.com/x" }))).toBeNull();
  });
});
