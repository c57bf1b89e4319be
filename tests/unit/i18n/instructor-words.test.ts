/**
 * The words of the instructor's pages, joining a class and invitations: the same keys in both
 * languages, every Chinese text written in Chinese, and the Chinese using the terms of the
 * learner's dashboard. Functions are called with sample arguments and compared like texts.
 */
import { describe, expect, it } from "vitest";
import { catalogGroups, conceptChoices, findCatalogItem } from "@/lib/catalog.server";
import { dashboardWords } from "@/lib/i18n/words/dashboard";
import { instructorWords } from "@/lib/i18n/words/instructor";

const HAN = /\p{Script=Han}/u;

/** A function's text for sample arguments: strings of digits, or a list where it joins one. */
function sample(fn: (...args: never[]) => unknown): unknown {
  const call = fn as (...args: unknown[]) => unknown;
  try {
    return call("7", "8", "9", "10", "11");
  } catch {
    return call(["甲", "乙"]);
  }
}

function leaves(value: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === "function") out.set(prefix, String(sample(value as (...args: never[]) => unknown)));
  else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) for (const [path, text] of leaves(inner, prefix ? `${prefix}.${key}` : key)) out.set(path, text);
  } else out.set(prefix, String(value));
  return out;
}

/** Texts that are rightly empty around a name in both languages, and a product name. */
const NOT_WORDS = new Set(["home.manage.before", "home.manage.after", "home.gradebook.before", "home.gradebook.after", "join.archived.before", "invitation.archived.before", "shell.nav.lms"]);
/** Punctuation around a name or a number has no words to translate (Chinese uses its own marks). */
const LETTER = /\p{L}/u;

describe("instructor words", () => {
  const en = leaves(instructorWords("en"));
  const zh = leaves(instructorWords("zh"));

  it("has the same keys in both languages", () => {
    expect([...zh.keys()]).toEqual([...en.keys()]);
  });

  it("has Chinese for every text of the Chinese pages, different from the English", () => {
    const problems: string[] = [];
    for (const [path, english] of en) {
      if (NOT_WORDS.has(path) || (english.trim() !== "" && !LETTER.test(english))) continue;
      const chinese = zh.get(path) ?? "";
      if (chinese.trim() === "") problems.push(`${path}: empty`);
      else if (!HAN.test(chinese)) problems.push(`${path}: no Chinese in “${chinese}”`);
      else if (chinese === english) problems.push(`${path}: same as the English`);
      if (english.trim() === "") problems.push(`${path}: empty in English`);
    }
    expect(problems).toEqual([]);
  });

  it("names classes, codes and assignments as the learner's dashboard does", () => {
    const zh = instructorWords("zh");
    const dashboard = dashboardWords("zh").assignments;
    expect(zh.join.title).toBe(dashboard.join);
    expect(zh.home.assignments).toBe(dashboard.heading);
    expect(zh.home.ungraded).toBe(dashboard.ungraded);
    expect(zh.home.points(10)).toBe(dashboard.points(10));
    expect(dashboard.empty).toContain(zh.join.code);
  });

  it("keeps the English texts the English pages have always shown", () => {
    const en = instructorWords("en");
    expect(en.form.lengthHint(1200, "Optional.")).toBe("Optional. At most 1,200 characters.");
    expect(`${en.form.sessionEnded.before}${en.form.sessionEnded.link}${en.form.sessionEnded.after}`).toBe(
      "Your session ended. Sign in again: sign in and you come back here with what you typed.",
    );
    expect(instructorWords("zh").form.lengthHint(1200)).toBe("最多 1,200 个字符。");
  });
});

describe("the assignment catalog in Chinese", () => {
  it("titles groups, items and concepts in the instructor's language, English by default", () => {
    expect(catalogGroups("zh").map((g) => g.label)).toEqual(["课", "测验", "挑战", "课前课后诊断", "间隔复习"]);
    expect(catalogGroups().map((g) => g.label)[0]).toBe("Lessons");
    expect(findCatalogItem("REVIEW", "flags+time-wait", "zh")).toMatchObject({ title: "复习到掌握：标志位、TIME-WAIT" });
    expect(findCatalogItem("REVIEW", "flags+time-wait")).toMatchObject({ title: "Review until mastered: Flags, TIME-WAIT" });
    expect(conceptChoices("zh").find((c) => c.id === "sequence-numbers")?.label).toBe("序列号");
    const lesson = findCatalogItem("LESSON", "tcp-header-and-flags", "zh");
    expect(lesson?.title).toMatch(HAN);
    expect(lesson?.href).toBe("/course/tcp-header-and-flags");
  });
});
