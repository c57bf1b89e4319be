import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "../db.server";
import type { Locale } from "@/domain/locale";
import type { LaunchMessage } from "./claims";
import { MAX_ID_TOKEN_LENGTH, MESSAGE_TYPE } from "./constants";
import { clearStateCookie, launchSessionCookie, stateCookieName, type CookieJar } from "./cookies.server";
import { ltiLocale } from "./html";
import { verifyIdToken } from "./id-token.server";
import { getPlatform, learnFrameOrigin, platformFrameOrigins, type RegisteredPlatform } from "./platforms.server";
import { problem, type Problem } from "./problems";
import { provisionLaunch, type IdentityChoice, type Provisioned } from "./provision.server";
import { originOf } from "./urls";

/**
 * The launch (LTI Core 1.3 §5.1.2): the LMS POSTs id_token and state. Verified in full before
 * anything is written (ADR 0800, 0802); then the state is consumed (a launch works once), the
 * account, class and link are provisioned, and the browser gets a session.
 */

export const HANDOFF_TTL_MS = 2 * 60 * 1000;
const PENDING_IDENTITY_TTL_MS = 30 * 60 * 1000;

const launchForm = z.object({
  id_token: z.string().min(1).max(MAX_ID_TOKEN_LENGTH),
  state: z.string().min(1).max(100),
  lti_storage_state: z.string().max(200).optional(),
  lti_storage_nonce: z.string().max(200).optional(),
});

export type LaunchRequest = {
  form: Record<string, string>;
  cookies: CookieJar;
  /** The request's Origin and Sec-Fetch-Site headers (the storage-checked second step must come from this tool's own page). */
  origin: string | null;
  fetchSite: string | null;
  framed: boolean;
  acceptLanguage: string | null;
  toolOrigin: string;
};

export type Launched = {
  kind: "launched";
  provisioned: Provisioned;
  message: LaunchMessage;
  platformId: string;
  setCookies: string[];
  /** Opens the same place in a window of its own when the frame cannot keep the session (framed launches). */
  handoffUrl: string | null;
  framed: boolean;
  frameAncestors: string[];
  locale: Locale;
};

export type LaunchOutcome =
  | { kind: "problem"; problem: Problem; locale: Locale; frameAncestors: string[]; setCookies: string[] }
  | {
      kind: "storage-check";
      locale: Locale;
      frameAncestors: string[];
      idToken: string;
      state: string;
      nonce: string;
      storageTarget: string;
      authOrigin: string;
    }
  | { kind: "pending-identity"; token: string; email: string; platformName: string; locale: Locale; frameAncestors: string[]; setCookies: string[] }
  | Launched;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const newSecret = () => randomBytes(24).toString("base64url");

export { hashToken };

function fail(code: Parameters<typeof problem>[0], detail: string, locale: Locale, frameAncestors: string[] = [], setCookies: string[] = []): LaunchOutcome {
  return { kind: "problem", problem: problem(code, detail), locale, frameAncestors, setCookies };
}

export async function handleLaunch(request: LaunchRequest, now = new Date()): Promise<LaunchOutcome> {
  const fallbackLocale = ltiLocale(request.acceptLanguage);
  const parsed = launchForm.safeParse(request.form);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const code = issue?.path[0] === "id_token" && issue.code === "too_big" ? "token-malformed" : "invalid-launch-request";
    return fail(code, `${issue?.path.join(".") || "form"}: ${issue?.message ?? "invalid"}`, fallbackLocale);
  }
  const form = parsed.data;
  const row = await db.ltiLoginState.findUnique({ where: { state: form.state }, select: { nonce: true, platformId: true, storageTarget: true, targetLinkUri: true, expiresAt: true } });
  if (!row || row.expiresAt.getTime() <= now.getTime()) return fail("state-unknown", "no login is waiting for this state (used, expired, or never started here)", fallbackLocale);
  const platform = (await getPlatform(row.platformId)) as RegisteredPlatform;
  let frameAncestors = platformFrameOrigins(platform);

  const verified = await verifyIdToken(form.id_token, platform.jwksUrl, {
    issuer: platform.issuer,
    clientId: platform.clientId,
    nonce: row.nonce,
    deploymentIds: new Set(platform.deploymentIds),
    toolOrigin: request.toolOrigin,
    loginTargetLinkUri: row.targetLinkUri,
    now: Math.floor(now.getTime() / 1000),
  });
  if (!verified.ok) return { kind: "problem", problem: verified.problem, locale: fallbackLocale, frameAncestors, setCookies: [] };
  const message = verified.message;
  const locale = ltiLocale(message.presentation.locale, request.acceptLanguage);

  // Bound to this browser: the state cookie came back, or the LMS frame's storage held state and nonce.
  const cookieBound = request.cookies.has(stateCookieName(form.state));
  if (!cookieBound) {
    if (form.lti_storage_state !== undefined || form.lti_storage_nonce !== undefined) {
      const sameOrigin = request.origin === request.toolOrigin && (request.fetchSite === null || request.fetchSite === "same-origin");
      if (!sameOrigin) return fail("state-not-bound", `the storage confirmation came from ${request.origin ?? "an unknown origin"}, not from this tool's page`, locale, frameAncestors);
      if (form.lti_storage_state !== form.state || form.lti_storage_nonce !== row.nonce) {
        return fail("storage-mismatch", "the LMS's storage did not return this launch's state and nonce", locale, frameAncestors);
      }
    } else if (row.storageTarget) {
      return {
        kind: "storage-check",
        locale,
        frameAncestors,
        idToken: form.id_token,
        state: form.state,
        nonce: row.nonce,
        storageTarget: row.storageTarget,
        authOrigin: originOf(platform.authUrl) as string,
      };
    } else {
      return fail("state-not-bound", "the login state cookie did not come back with the launch", locale, frameAncestors);
    }
  }

  // Used once: whoever deletes the state owns the launch.
  const consumed = await db.ltiLoginState.deleteMany({ where: { state: form.state, expiresAt: { gt: now } } });
  const clearCookie = clearStateCookie(form.state);
  if (consumed.count !== 1) return fail("state-unknown", "this launch was already used", locale, frameAncestors, [clearCookie]);

  for (const url of [message.presentation.returnUrl, message.deepLinking?.returnUrl ?? null]) {
    if (url) await learnFrameOrigin(platform.id, url);
  }
  frameAncestors = platformFrameOrigins((await getPlatform(platform.id)) ?? platform);
  return completeLaunch(platform, message, locale, request.framed, request.toolOrigin, { kind: "auto" }, frameAncestors, [clearCookie], now);
}

/** Provisions a verified launch and signs the person in; also used when a pending identity is settled. */
export async function completeLaunch(
  platform: Pick<RegisteredPlatform, "id" | "issuer" | "name">,
  message: LaunchMessage,
  locale: Locale,
  framed: boolean,
  toolOrigin: string,
  choice: IdentityChoice,
  frameAncestors: string[],
  setCookies: string[],
  now = new Date(),
): Promise<LaunchOutcome> {
  let outcome;
  try {
    outcome = await provisionLaunch(platform, message, locale, choice, now);
  } catch (error) {
    console.error("LTI launch could not be provisioned", error);
    return fail("internal", "the launch could not be saved", locale, frameAncestors, setCookies);
  }
  if (!outcome.ok && "problem" in outcome) return { kind: "problem", problem: outcome.problem, locale, frameAncestors, setCookies };
  if (!outcome.ok) {
    const token = newSecret();
    await db.ltiPendingIdentity.create({
      data: {
        tokenHash: hashToken(token),
        platformId: platform.id,
        issuer: message.issuer,
        subject: message.subject,
        email: outcome.pendingEmail,
        launch: JSON.stringify({ message, locale }),
        framed,
        expiresAt: new Date(now.getTime() + PENDING_IDENTITY_TTL_MS),
      },
    });
    return { kind: "pending-identity", token, email: outcome.pendingEmail, platformName: platform.name, locale, frameAncestors, setCookies };
  }
  const { provisioned } = outcome;
  const session = await launchSessionCookie(provisioned.user.id, framed);
  if (!session) return fail("internal", "the account disappeared during the launch", locale, frameAncestors, setCookies);
  let handoffUrl: string | null = null;
  if (framed) {
    const token = newSecret();
    await db.ltiHandoff.create({ data: { tokenHash: hashToken(token), userId: provisioned.user.id, target: provisioned.target, expiresAt: new Date(now.getTime() + HANDOFF_TTL_MS) } });
    handoffUrl = `${toolOrigin}/api/lti/handoff?token=${token}`;
  }
  return { kind: "launched", provisioned, message, platformId: platform.id, setCookies: [...setCookies, session], handoffUrl, framed, frameAncestors, locale };
}

/** What a launch leaves to do after answering: the roster of an instructor's course, the learner's score. */
export function followUps(launched: Launched): { rosterContextId: string | null; scoreUserId: string | null } {
  const { provisioned, message } = launched;
  return {
    rosterContextId: provisioned.role === "teach" && provisioned.contextId && message.nrps ? provisioned.contextId : null,
    scoreUserId: message.messageType === MESSAGE_TYPE.resourceLink && provisioned.role === "learn" ? provisioned.user.id : null,
  };
}

/** Exchanges a handoff ticket (single use, two minutes) for a first-party session in a new window. */
export async function redeemHandoff(token: string | null, now = new Date()): Promise<{ ok: true; setCookie: string; target: string } | { ok: false; problem: Problem }> {
  if (!token || token.length > 100) return { ok: false, problem: problem("handoff-invalid", "the link carries no ticket") };
  const tokenHash = hashToken(token);
  const row = await db.ltiHandoff.findUnique({ where: { tokenHash }, select: { userId: true, target: true, expiresAt: true } });
  const used = await db.ltiHandoff.deleteMany({ where: { tokenHash } });
  if (!row || used.count !== 1 || row.expiresAt.getTime() <= now.getTime()) return { ok: false, problem: problem("handoff-invalid", "the ticket is unknown, used or expired") };
  const setCookie = await launchSessionCookie(row.userId, false);
  if (!setCookie) return { ok: false, problem: problem("handoff-invalid", "the account no longer exists") };
  return { ok: true, setCookie, target: row.target };
}
