/**
 * Addresses of the pages shown inside an LMS (pure; safe in client code and the proxy). They
 * live under /lti (and /zh/lti in Chinese): the only pages an LMS may frame.
 */
import type { Locale } from "@/domain/locale";

export type LtiTargetType = "LESSON" | "QUIZ" | "CHALLENGE";

/** Targets an LMS can launch into (review and diagnostic assignments are not framed). */
export function isLtiTarget(type: string): type is LtiTargetType {
  return type === "LESSON" || type === "QUIZ" || type === "CHALLENGE";
}

const SEGMENT: Record<LtiTargetType, string> = { LESSON: "lesson", QUIZ: "quiz", CHALLENGE: "challenge" };
const TYPE_OF_SEGMENT: Record<string, LtiTargetType> = { lesson: "LESSON", quiz: "QUIZ", challenge: "CHALLENGE" };

export function ltiPrefix(locale: Locale): string {
  return locale === "zh" ? "/zh/lti" : "/lti";
}

/** Paths that may be framed by a registered LMS: the LTI pages and the LTI endpoints. */
export function isLtiPath(pathname: string): boolean {
  return /^\/(zh\/)?lti(\/|$)/.test(pathname) || /^\/api\/lti(\/|$)/.test(pathname);
}

export function ltiContentPath(locale: Locale, type: LtiTargetType, id: string, linkId?: string | null): string {
  const path = `${ltiPrefix(locale)}/${SEGMENT[type]}/${encodeURIComponent(id)}`;
  return linkId ? `${path}?link=${encodeURIComponent(linkId)}` : path;
}

export function ltiHomePath(locale: Locale): string {
  return ltiPrefix(locale);
}

export function ltiDeepLinkPath(locale: Locale, requestId: string): string {
  return `${ltiPrefix(locale)}/deep-link/${encodeURIComponent(requestId)}`;
}

/** The lesson, quiz or challenge a tool URL names (a deep-linked item's url, a target_link_uri), if any. */
export function targetFromUrl(url: string): { type: LtiTargetType; id: string } | null {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return null;
  }
  const match = pathname.match(/^\/(?:zh\/)?lti\/(lesson|quiz|challenge)\/([^/]+)\/?$/);
  if (!match) return null;
  const type = TYPE_OF_SEGMENT[match[1] as string] as LtiTargetType;
  let id: string;
  try {
    id = decodeURIComponent(match[2] as string);
  } catch {
    return null;
  }
  return id.length > 0 && id.length <= 100 ? { type, id } : null;
}
