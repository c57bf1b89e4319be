/**
 * The LTI endpoint pages' words (lib/i18n/words/lti-pages.ts): the same keys in both languages,
 * Chinese for every text, and the pages render them in the language they are given.
 */
import { describe, expect, it } from "vitest";
import { ltiPageWords } from "@/lib/i18n/words/lti-pages";
import { newWindowPage, pendingIdentityPage } from "@/lib/lti/pages";

const HAN = /\p{Script=Han}/u;

function leaves(words: object): Map<string, string> {
  return new Map(Object.entries(words).map(([key, value]) => [key, typeof value === "function" ? String(value("ada@example.test", "Moodle")) : String(value)]));
}

describe("LTI page words", () => {
  const en = leaves(ltiPageWords("en"));
  const zh = leaves(ltiPageWords("zh"));

  it("has the same keys in both languages, and every Chinese text is Chinese", () => {
    expect([...zh.keys()]).toEqual([...en.keys()]);
    for (const [key, text] of zh) expect(HAN.test(text), key).toBe(true);
    expect(zh.get("pendingHelp")).toContain("ada@example.test");
  });

  it("is what the pages say in each language", () => {
    expect(newWindowPage("https://tool.example/lti/login", "zh", []).html).toContain(ltiPageWords("zh").newWindowButton);
    expect(newWindowPage("https://tool.example/lti/login", "en", []).html).toContain("Open SYN to FIN in a new window");
    const pending = pendingIdentityPage({ token: "t", email: "ada@example.test", platformName: "Moodle", linkUrl: "/l", identityUrl: "/i" }, "zh", []).html;
    expect(pending).toContain(ltiPageWords("zh").pendingTitle);
  });
});
