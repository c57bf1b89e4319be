/**
 * The LMS administration and the Dynamic Registration pages in both languages
 * (lib/i18n/words/lti-admin.ts): the same keys, Chinese for every text, and every refusal and
 * every kind of failure worded in each language.
 */
import { describe, expect, it } from "vitest";
import { ltiAdminWords } from "@/lib/i18n/words/lti-admin";
import type { RegistrationProblem, RegistrationRefusal } from "@/lib/lti/registration-mode";

const HAN = /\p{Script=Han}/u;
/** Texts that are only punctuation: after the command in the intro, between listed ids and URLs. */
const PUNCTUATION = ["intro.after", "platforms.listSeparator"];

function leaves(value: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === "function") {
    if (prefix.endsWith("problem")) return out;
    out.set(prefix, String((value as (...args: unknown[]) => unknown)("Moodle", "client-7")));
  } else if (typeof value === "object" && value !== null) {
    for (const [key, inner] of Object.entries(value)) for (const [path, text] of leaves(inner, prefix ? `${prefix}.${key}` : key)) out.set(path, text);
  } else out.set(prefix, String(value));
  return out;
}

/** Every kind of registration failure, with sample details. */
const PROBLEMS: RegistrationProblem[] = [
  { kind: "config-url" },
  { kind: "token-too-long" },
  { kind: "rate-limited", minutes: 42 },
  { kind: "config-unreachable", detail: "ECONNREFUSED" },
  { kind: "config-status", status: 404 },
  { kind: "config-incomplete", detail: "jwks_uri Required" },
  { kind: "issuer-host", issuer: "https://lms.example", configUrl: "https://other.example/config" },
  { kind: "no-private-key-jwt" },
  { kind: "no-rs256" },
  { kind: "endpoint-unreachable", detail: "timeout" },
  { kind: "lms-refused", status: 401, detail: "bad token" },
  { kind: "no-client-id" },
  { kind: "not-stored", detail: "Enter at least one deployment id" },
  { kind: "unexpected" },
];
const REFUSALS: RegistrationRefusal[] = ["off", "mode-invalid", "invite-missing", "invite-unknown", "invite-expired", "invite-used", "invite-busy"];

describe("LMS admin words", () => {
  const en = leaves(ltiAdminWords("en"));
  const zh = leaves(ltiAdminWords("zh"));

  it("has the same keys in both languages", () => {
    expect([...zh.keys()]).toEqual([...en.keys()]);
  });

  it("has Chinese for every text of the Chinese pages, different from the English", () => {
    const problems: string[] = [];
    for (const [path, english] of en) {
      const chinese = zh.get(path) ?? "";
      if (PUNCTUATION.includes(path)) continue;
      if (!HAN.test(chinese)) problems.push(`${path}: no Chinese in “${chinese}”`);
      else if (chinese === english) problems.push(`${path}: same as the English`);
      if (english.trim() === "") problems.push(`${path}: empty in English`);
    }
    expect(problems).toEqual([]);
  });

  it("words every refusal and every failure in both languages, quoting the LMS's details as they are", () => {
    for (const refusal of REFUSALS) expect(HAN.test(ltiAdminWords("zh").registration.refusals[refusal])).toBe(true);
    for (const problem of PROBLEMS) {
      const english = ltiAdminWords("en").registration.problem(problem);
      const chinese = ltiAdminWords("zh").registration.problem(problem);
      expect(english, problem.kind).toMatch(/^[^\p{Script=Han}]+$/u);
      expect(HAN.test(chinese), problem.kind).toBe(true);
      for (const detail of Object.values(problem).filter((v) => v !== problem.kind)) {
        expect(english).toContain(String(detail));
        expect(chinese).toContain(String(detail));
      }
    }
    expect(ltiAdminWords("zh").registration.problem({ kind: "lms-refused", status: 401, detail: "bad token" })).toBe("LMS 拒绝了这次注册（HTTP 401）：bad token");
  });
});
