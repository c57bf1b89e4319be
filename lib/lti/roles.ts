/**
 * LMS roles → the person's place in the class (LTI Core 1.3 §A.2 role vocabularies). Only
 * context (membership) roles count: an institution role says who someone is at the school, not
 * in this course. Instructor (and its sub-roles such as TeachingAssistant) and ContentDeveloper
 * teach; Learner learns; anything else (Mentor, Member, no role) neither.
 */

export type ClassRole = "teach" | "learn" | "none";

const MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership";
const LEGACY_ROLE = "urn:lti:role:ims/lis/";

/** The principal context role named by one role value, or null when it is not a context role. */
export function contextRole(role: string): string | null {
  const value = role.trim();
  if (value.startsWith(`${MEMBERSHIP}#`)) return value.slice(MEMBERSHIP.length + 1);
  // Sub-role: http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant
  const sub = value.match(/^http:\/\/purl\.imsglobal\.org\/vocab\/lis\/v2\/membership\/([A-Za-z]+)#([A-Za-z]+)$/);
  if (sub) return sub[1] ?? null;
  if (value.startsWith(LEGACY_ROLE)) return value.slice(LEGACY_ROLE.length).split("/")[0] ?? null;
  // Simple names are deprecated in LTI 1.3 but still sent by NRPS services and some LMSs.
  if (/^[A-Za-z]+$/.test(value)) return value;
  return null;
}

const TEACHING = new Set(["Instructor", "TeachingAssistant", "ContentDeveloper"]);

export function classRole(roles: readonly string[]): ClassRole {
  const names = roles.map(contextRole).filter((name): name is string => name !== null);
  if (names.some((name) => TEACHING.has(name))) return "teach";
  if (names.includes("Learner")) return "learn";
  return "none";
}
