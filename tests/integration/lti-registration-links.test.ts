import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.LTI_KEYS_FILE = `${process.env.TMPDIR ?? "/tmp"}/lti-registration-links-keys-${process.pid}-${Date.now()}.json`;
});

import { GET as registerRoute } from "@/app/api/lti/register/route";
import { db } from "@/lib/db.server";
import { NotAllowedError } from "@/lib/classes/errors";
import { adminIssueRegistrationInvite, issueRegistrationInvite } from "@/lib/lti/registration-invites.server";
import { registerDynamically } from "@/lib/lti/registration.server";
import { createUser } from "../factories/users";
import { startTestPlatform, type TestPlatform } from "../support/lti-platform/platform";
import { TOOL_ORIGIN, unique } from "./lti-helpers";

/** One-time Dynamic Registration links (LTI_DYNAMIC_REGISTRATION=invite, ADR 0810). */

const INVITE = { mode: "invite", valid: true } as const;
const OPEN = { mode: "open", valid: true } as const;
const OFF = { mode: "off", valid: true } as const;
const HOUR = 60 * 60 * 1000;

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.stop();
});
afterEach(() => {
  delete process.env.LTI_DYNAMIC_REGISTRATION;
});

const tokenOf = (url: string) => new URL(url).searchParams.get("invite")!;
const platformsOfTheLms = () => db.ltiPlatform.count({ where: { issuer: platform.issuer } });

function register(invite: string | null, policy: { mode: "open" | "invite" | "off"; valid: boolean }, options: { registrationToken?: string; now?: Date } = {}) {
  return registerDynamically(
    { openidConfiguration: platform.urls.openidConfiguration, registrationToken: options.registrationToken ?? platform.newRegistrationToken(), invite },
    TOOL_ORIGIN,
    unique("addr"),
    options.now ?? new Date(),
    policy,
  );
}

describe("one-time Dynamic Registration links", () => {
  it("in invite mode registers with a link, stores only its hash, and refuses the link a second time", async () => {
    const issued = await issueRegistrationInvite(TOOL_ORIGIN, { lifetimeMs: 2 * HOUR, issuedVia: "cli" });
    expect(issued.url).toMatch(new RegExp(`^${TOOL_ORIGIN}/api/lti/register\\?invite=[A-Za-z0-9_-]{43}$`));
    const token = tokenOf(issued.url);
    const row = await db.ltiRegistrationInvite.findUniqueOrThrow({ where: { tokenHash: createHash("sha256").update(token).digest("hex") } });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row).toMatchObject({ issuedVia: "cli", usedAt: null, platformId: null });

    const before = await platformsOfTheLms();
    const outcome = await register(token, INVITE);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(await platformsOfTheLms()).toBe(before + 1);
    expect(await db.ltiRegistrationInvite.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ usedAt: expect.any(Date), platformId: outcome.platform.id, claimId: null });

    const requestsBefore = platform.registrations.length;
    const again = await register(token, INVITE);
    expect(again).toMatchObject({ ok: false, refusal: "invite-used" });
    // Refused before the LMS was asked anything; nothing stored.
    expect(platform.registrations.length).toBe(requestsBefore);
    expect(await platformsOfTheLms()).toBe(before + 1);
  });

  it("is spent exactly once when several registrations use it at the same time", async () => {
    const token = tokenOf((await issueRegistrationInvite(TOOL_ORIGIN, { issuedVia: "cli" })).url);
    const before = await platformsOfTheLms();
    const requestsBefore = platform.registrations.length;
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => register(token, INVITE)));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    for (const refused of outcomes.filter((o) => !o.ok)) expect(refused).toMatchObject({ refusal: expect.stringMatching(/^invite-(used|busy)$/) });
    expect(platform.registrations.length).toBe(requestsBefore + 1);
    expect(await platformsOfTheLms()).toBe(before + 1);
    expect(await register(token, INVITE)).toMatchObject({ ok: false, refusal: "invite-used" });
  });

  it("is not spent by a registration that fails, so the LMS can try again", async () => {
    const token = tokenOf((await issueRegistrationInvite(TOOL_ORIGIN, { issuedVia: "cli" })).url);
    const before = await platformsOfTheLms();
    const failed = await register(token, INVITE, { registrationToken: "a-token-the-lms-never-issued" });
    expect(failed).toMatchObject({ ok: false, message: expect.stringContaining("HTTP 401") });
    expect(failed.ok ? null : failed.refusal).toBeUndefined();
    expect(await db.ltiRegistrationInvite.findFirstOrThrow({ where: { tokenHash: createHash("sha256").update(token).digest("hex") } })).toMatchObject({ usedAt: null, claimId: null, claimedUntil: null });
    expect(await platformsOfTheLms()).toBe(before);
    expect((await register(token, INVITE)).ok).toBe(true);
  });

  it("refuses an expired link, an unknown one and a malformed one, asking the LMS nothing", async () => {
    const issuedAt = new Date();
    const token = tokenOf((await issueRegistrationInvite(TOOL_ORIGIN, { lifetimeMs: HOUR, issuedVia: "cli", now: issuedAt })).url);
    const requestsBefore = platform.registrations.length;
    expect(await register(token, INVITE, { now: new Date(issuedAt.getTime() + HOUR + 1000) })).toMatchObject({ ok: false, refusal: "invite-expired" });
    const unknown = tokenOf((await issueRegistrationInvite(TOOL_ORIGIN, { issuedVia: "cli" })).url).replace(/^./, (c) => (c === "A" ? "B" : "A"));
    expect(await register(unknown, INVITE)).toMatchObject({ ok: false, refusal: "invite-unknown" });
    expect(await register("not-a-token'; drop table", INVITE)).toMatchObject({ ok: false, refusal: "invite-unknown" });
    expect(await register("x".repeat(10_000), INVITE)).toMatchObject({ ok: false, refusal: "invite-unknown" });
    expect(await register(null, INVITE)).toMatchObject({ ok: false, refusal: "invite-missing" });
    expect(platform.registrations.length).toBe(requestsBefore);
    // The expired link still works inside its hour.
    expect((await register(token, INVITE, { now: new Date(issuedAt.getTime() + HOUR - 60_000) })).ok).toBe(true);
  });

  it("with registration off refuses everything, links included, and spends nothing", async () => {
    const token = tokenOf((await issueRegistrationInvite(TOOL_ORIGIN, { issuedVia: "cli" })).url);
    const requestsBefore = platform.registrations.length;
    expect(await register(token, OFF)).toMatchObject({ ok: false, refusal: "off" });
    expect(await register(null, OFF)).toMatchObject({ ok: false, refusal: "off" });
    expect(await register(null, { mode: "off", valid: false })).toMatchObject({ ok: false, refusal: "mode-invalid" });
    expect(platform.registrations.length).toBe(requestsBefore);
    expect(await db.ltiRegistrationInvite.count({ where: { tokenHash: createHash("sha256").update(token).digest("hex"), usedAt: null } })).toBe(1);
  });

  it("in open mode (the default) registers without a link as before; a link given is still used once", async () => {
    const before = await platformsOfTheLms();
    expect((await register(null, OPEN)).ok).toBe(true);
    // No policy argument: the environment, unset here, means open.
    const byDefault = await registerDynamically({ openidConfiguration: platform.urls.openidConfiguration, registrationToken: platform.newRegistrationToken() }, TOOL_ORIGIN, unique("addr"));
    expect(byDefault.ok).toBe(true);
    expect(await platformsOfTheLms()).toBe(before + 2);
    const token = tokenOf((await issueRegistrationInvite(TOOL_ORIGIN, { issuedVia: "cli" })).url);
    expect((await register(token, OPEN)).ok).toBe(true);
    expect(await register(token, OPEN)).toMatchObject({ ok: false, refusal: "invite-used" });
  });

  it("the registration URL answers each refusal with a page in the LMS's language, never a 500", async () => {
    const url = (query: Record<string, string>) => `${TOOL_ORIGIN}/api/lti/register?${new URLSearchParams({ openid_configuration: platform.urls.openidConfiguration, registration_token: platform.newRegistrationToken(), ...query })}`;
    process.env.LTI_DYNAMIC_REGISTRATION = "invite";
    const missing = await registerRoute(new Request(url({}), { headers: { "accept-language": "zh-CN,zh;q=0.9" } }));
    expect(missing.status).toBe(403);
    const missingPage = await missing.text();
    expect(missingPage).toContain('lang="zh');
    expect(missingPage).toContain("本站只接受使用一次性注册链接的 LMS 注册");
    expect(missing.headers.get("content-security-policy")).toContain(`frame-ancestors ${platform.origin}`);

    const token = tokenOf((await issueRegistrationInvite(TOOL_ORIGIN, { issuedVia: "cli" })).url);
    const first = await registerRoute(new Request(url({ invite: token }), { headers: { "accept-language": "en" } }));
    expect(first.status).toBe(200);
    expect(await first.text()).toContain("SYN to FIN is registered");
    const second = await registerRoute(new Request(url({ invite: token }), { headers: { "accept-language": "en" } }));
    expect(second.status).toBe(403);
    expect(await second.text()).toContain("This registration link has already been used");

    process.env.LTI_DYNAMIC_REGISTRATION = "off";
    const off = await registerRoute(new Request(url({}), { headers: { "accept-language": "en" } }));
    expect(off.status).toBe(403);
    expect(await off.text()).toContain("Dynamic registration is turned off on this site");
    process.env.LTI_DYNAMIC_REGISTRATION = "sometimes";
    const misconfigured = await registerRoute(new Request(url({}), { headers: { "accept-language": "zh" } }));
    expect(misconfigured.status).toBe(403);
    expect(await misconfigured.text()).toContain("LTI_DYNAMIC_REGISTRATION 取值无法识别");
  });

  it("the registration URL words a failure, not only a refusal, in the LMS's language", async () => {
    const url = `${TOOL_ORIGIN}/api/lti/register?${new URLSearchParams({ openid_configuration: platform.urls.openidConfiguration, registration_token: "not-a-token" })}`;
    const chinese = await registerRoute(new Request(url, { headers: { "accept-language": "zh-CN,zh;q=0.9" } }));
    expect(chinese.status).toBe(400);
    const page = await chinese.text();
    expect(page).toContain("<h1>注册没有完成</h1>");
    expect(page).toContain("LMS 拒绝了这次注册（HTTP 401）");
    expect(page).not.toContain("The LMS refused");
    const english = await registerRoute(new Request(url, { headers: { "accept-language": "en" } }));
    expect(english.status).toBe(400);
    expect(await english.text()).toContain("The LMS refused the registration (HTTP 401)");
  });

  it("are issued from the admin page by administrators only", async () => {
    const instructor = await createUser({ role: "INSTRUCTOR" });
    await expect(adminIssueRegistrationInvite(instructor, TOOL_ORIGIN, HOUR)).rejects.toBeInstanceOf(NotAllowedError);
    // Signed out, the admin page's action answers an ended session before lib runs (tests/integration/action-results.test.ts).
    const admin = await createUser({ role: "ADMIN" });
    const issued = await adminIssueRegistrationInvite(admin, TOOL_ORIGIN, HOUR);
    const row = await db.ltiRegistrationInvite.findUniqueOrThrow({ where: { tokenHash: createHash("sha256").update(tokenOf(issued.url)).digest("hex") } });
    expect(row).toMatchObject({ issuedVia: "admin", issuedById: admin.id });
    expect(Math.abs(row.expiresAt.getTime() - (row.createdAt.getTime() + HOUR))).toBeLessThan(1000);
  });
});

describe("npm run lti -- registration-link", () => {
  // Asynchronous, so the test LMS in this process keeps serving while the command runs.
  const cli = async (...args: string[]) => (await promisify(execFile)("npx", ["tsx", "--conditions=react-server", "scripts/lti.ts", ...args], { env: process.env, encoding: "utf8" })).stdout;

  it("prints a one-time link as JSON that registers one LMS, and refuses a bad --expires-in", { timeout: 120_000 }, async () => {
    const printed = JSON.parse(await cli("registration-link", "--expires-in", "90m", "--tool-url", TOOL_ORIGIN)) as { url: string; expiresAt: string };
    expect(printed.url).toMatch(new RegExp(`^${TOOL_ORIGIN}/api/lti/register\\?invite=[A-Za-z0-9_-]{43}$`));
    const expiresIn = new Date(printed.expiresAt).getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(85 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(90 * 60_000);
    const row = await db.ltiRegistrationInvite.findUniqueOrThrow({ where: { tokenHash: createHash("sha256").update(tokenOf(printed.url)).digest("hex") } });
    expect(row.issuedVia).toBe("cli");
    const registered = await register(tokenOf(printed.url), INVITE);
    if (!registered.ok) throw new Error(registered.message);
    expect(await register(tokenOf(printed.url), INVITE)).toMatchObject({ ok: false, refusal: "invite-used" });

    const defaultLifetime = JSON.parse(await cli("registration-link", "--tool-url", TOOL_ORIGIN)) as { expiresAt: string };
    expect(new Date(defaultLifetime.expiresAt).getTime() - Date.now()).toBeGreaterThan(23 * HOUR);

    for (const bad of ["2y", "0m", "31d"]) {
      const failure = (await cli("registration-link", "--expires-in", bad).then(
        () => null,
        (error: unknown) => error,
      )) as { code?: number; stderr?: string } | null;
      expect(failure?.code).toBe(2);
      expect(String(failure?.stderr)).toContain("--expires-in");
    }
  });
});
