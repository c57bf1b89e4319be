import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "../db.server";
import { LOGIN_STATE_TTL_MS } from "./constants";
import { stateCookie, stateCookieName, type CookieJar } from "./cookies.server";
import { findPlatformForLogin, platformFrameOrigins, type RegisteredPlatform } from "./platforms.server";
import { problem, type Problem } from "./problems";
import { originOf, toolUrls } from "./urls";

/**
 * OIDC third-party initiated login (LTI Core 1.3 §5.1.1): the LMS names itself and the user; the
 * tool answers with an authentication request to the LMS carrying a fresh state and nonce, and
 * binds that state to this browser: with a cookie, and with the LMS's postMessage storage when
 * the initiation offers one (lti_storage_target). See ADR 0800.
 */

const text = (max: number) => z.string().min(1).max(max);

export const loginParams = z.object({
  iss: text(255),
  login_hint: text(2048),
  target_link_uri: text(2048),
  lti_message_hint: text(4096).optional(),
  lti_deployment_id: text(255).optional(),
  client_id: text(255).optional(),
  lti_storage_target: text(255).optional(),
});

export type LoginParams = z.infer<typeof loginParams>;

export type LoginOutcome =
  | { kind: "problem"; problem: Problem; frameAncestors: string[] }
  /** No postMessage storage offered: check the state cookie was kept (one redirect) before going on. */
  | { kind: "check-cookie"; location: string; setCookie: string; frameAncestors: string[] }
  /** Store state and nonce in the LMS frame, then go to the LMS. */
  | {
      kind: "storage";
      setCookie: string;
      frameAncestors: string[];
      storageTarget: string;
      authOrigin: string;
      authRequestUrl: string;
      continueUrl: string;
      state: string;
      nonce: string;
    };

const random = () => randomBytes(32).toString("base64url");

/** Values of a GET query or POST form, first value of each name. */
export function firstValues(entries: Iterable<[string, FormDataEntryValue | string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of entries) if (typeof value === "string" && !(name in out)) out[name] = value;
  return out;
}

function continueUrl(toolOrigin: string, state: string): string {
  return `${toolOrigin}/api/lti/login/continue?state=${encodeURIComponent(state)}`;
}

export async function initiateLogin(raw: Record<string, string>, toolOrigin: string, now = new Date()): Promise<LoginOutcome> {
  const parsed = loginParams.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: "problem", problem: problem("invalid-login-request", `${issue?.path.join(".") || "request"}: ${issue?.message ?? "invalid"}`), frameAncestors: [] };
  }
  const params = parsed.data;
  const { platform, ambiguous } = await findPlatformForLogin(params.iss, params.client_id ?? null);
  if (ambiguous) return { kind: "problem", problem: problem("ambiguous-platform", `issuer ${params.iss} has several registrations; the login named no client_id`), frameAncestors: [] };
  if (!platform) {
    const who = params.client_id ? `issuer ${params.iss} with client id ${params.client_id}` : `issuer ${params.iss}`;
    return { kind: "problem", problem: problem("unknown-platform", `${who} is not registered`), frameAncestors: [] };
  }
  const frameAncestors = platformFrameOrigins(platform);
  if (params.lti_deployment_id && !platform.deploymentIds.includes(params.lti_deployment_id)) {
    return { kind: "problem", problem: problem("unknown-deployment", `lti_deployment_id ${JSON.stringify(params.lti_deployment_id)} is not registered for ${platform.issuer}`), frameAncestors };
  }
  if (originOf(params.target_link_uri) !== toolOrigin) {
    return { kind: "problem", problem: problem("foreign-target", `target_link_uri ${params.target_link_uri} is not on ${toolOrigin}`), frameAncestors };
  }

  const state = random();
  const nonce = random();
  const authRequestUrl = authenticationRequest(platform, params, toolOrigin, state, nonce);
  const loginQuery = new URLSearchParams(Object.entries(params).filter(([name]) => name !== "lti_storage_target") as Array<[string, string]>).toString();
  await db.ltiLoginState.create({
    data: {
      state,
      nonce,
      platformId: platform.id,
      targetLinkUri: params.target_link_uri,
      authRequestUrl,
      loginQuery,
      storageTarget: params.lti_storage_target ?? null,
      expiresAt: new Date(now.getTime() + LOGIN_STATE_TTL_MS),
    },
  });
  const setCookie = stateCookie(state);
  if (params.lti_storage_target) {
    return {
      kind: "storage",
      setCookie,
      frameAncestors,
      storageTarget: params.lti_storage_target,
      authOrigin: originOf(platform.authUrl) as string,
      authRequestUrl,
      continueUrl: continueUrl(toolOrigin, state),
      state,
      nonce,
    };
  }
  return { kind: "check-cookie", location: continueUrl(toolOrigin, state), setCookie, frameAncestors };
}

/** The OIDC authentication request (LTI Core 1.3 §5.1.1.2), sent as a GET redirect. */
function authenticationRequest(platform: RegisteredPlatform, params: LoginParams, toolOrigin: string, state: string, nonce: string): string {
  const url = new URL(platform.authUrl);
  const query: Record<string, string> = {
    scope: "openid",
    response_type: "id_token",
    response_mode: "form_post",
    prompt: "none",
    client_id: platform.clientId,
    redirect_uri: toolUrls(toolOrigin).launch,
    login_hint: params.login_hint,
    state,
    nonce,
  };
  if (params.lti_message_hint) query.lti_message_hint = params.lti_message_hint;
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.toString();
}

export type ContinueOutcome =
  | { kind: "problem"; problem: Problem; frameAncestors: string[] }
  | { kind: "redirect"; location: string }
  /** The state cookie was not kept: this frame cannot hold the login; offer a new window. */
  | { kind: "new-window"; loginUrl: string; frameAncestors: string[] };

/** The second step of a cookie-bound login: the state cookie came back, so the browser keeps it. */
export async function continueLogin(state: string | null, cookies: CookieJar, toolOrigin: string, now = new Date()): Promise<ContinueOutcome> {
  if (!state || state.length > 100) return { kind: "problem", problem: problem("invalid-login-request", "state: missing"), frameAncestors: [] };
  const row = await db.ltiLoginState.findUnique({
    where: { state },
    select: { authRequestUrl: true, loginQuery: true, expiresAt: true, platform: { select: { issuer: true, authUrl: true, frameOrigins: true } } },
  });
  if (!row || row.expiresAt.getTime() <= now.getTime()) return { kind: "problem", problem: problem("state-unknown", "the login state is unknown or expired"), frameAncestors: [] };
  const frameAncestors = platformFrameOrigins({ ...row.platform, frameOrigins: JSON.parse(row.platform.frameOrigins) as string[] });
  if (cookies.has(stateCookieName(state))) return { kind: "redirect", location: row.authRequestUrl };
  return { kind: "new-window", loginUrl: `${toolUrls(toolOrigin).login}?${row.loginQuery}`, frameAncestors };
}
