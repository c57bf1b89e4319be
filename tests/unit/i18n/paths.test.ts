import { describe, expect, it } from "vitest";
import { mapAnchors, sameStructure } from "@/lib/i18n/anchors";
import { dictionary } from "@/lib/i18n/dictionary";
import { accountPagePath, basePath, glossaryPath, keepsQuery, lessonPath, localeFromPath, localePath, pageAlternates, switchLocalePath } from "@/lib/i18n/paths";
import type { TocEntry } from "@/lib/content/toc";

describe("language paths", () => {
  it("puts Chinese under /zh and English at the root", () => {
    expect(localeFromPath("/zh")).toBe("zh");
    expect(localeFromPath("/zh/course/x")).toBe("zh");
    expect(localeFromPath("/zhong")).toBe("en");
    expect(localeFromPath("/course")).toBe("en");
    expect(localePath("zh", "/")).toBe("/zh");
    expect(localePath("zh", "/glossary")).toBe("/zh/glossary");
    expect(basePath("/zh/course/x")).toBe("/course/x");
    expect(basePath("/zh")).toBe("/");
    expect(lessonPath("zh", "time-wait")).toBe("/zh/course/time-wait");
    expect(glossaryPath("en", "time-wait")).toBe("/glossary#time-wait");
  });

  it("switches to the same page in the other language, or to its home when there is none", () => {
    expect(switchLocalePath("/course/three-way-handshake", "zh")).toBe("/zh/course/three-way-handshake");
    expect(switchLocalePath("/zh/course/three-way-handshake", "en")).toBe("/course/three-way-handshake");
    expect(switchLocalePath("/zh/glossary", "en")).toBe("/glossary");
    expect(switchLocalePath("/", "zh")).toBe("/zh");
    expect(switchLocalePath("/zh", "en")).toBe("/");
    expect(switchLocalePath("/dashboard", "zh")).toBe("/zh/dashboard");
    expect(switchLocalePath("/no-such-page", "zh")).toBe("/zh");
    expect(switchLocalePath("/signin", "zh")).toBe("/zh/signin");
    expect(switchLocalePath("/zh/signup", "en")).toBe("/signup");
  });

  it("declares a page's address in each language, English by default", () => {
    expect(pageAlternates("/about", "zh")).toEqual({ canonical: "/zh/about", languages: { en: "/about", "zh-CN": "/zh/about", "x-default": "/about" } });
    expect(pageAlternates("/", "en")).toEqual({ canonical: "/", languages: { en: "/", "zh-CN": "/zh", "x-default": "/" } });
  });

  it("sends to sign-in or sign-up in a language, coming back to an encoded path or to the dashboard", () => {
    expect(accountPagePath("zh", "/signin", "/zh/course/x#a b")).toBe("/zh/signin?callbackUrl=%2Fzh%2Fcourse%2Fx%23a%20b");
    expect(accountPagePath("en", "/signup", "/join/abc?x=1&y=2")).toBe("/signup?callbackUrl=%2Fjoin%2Fabc%3Fx%3D1%26y%3D2");
    expect(accountPagePath("zh", "/signup", null)).toBe("/zh/signup");
    expect(accountPagePath("en", "/signin")).toBe("/signin");
  });

  it("keeps the query of pages whose query is what the reader looks at", () => {
    expect(keepsQuery("/zh/playground")).toBe(true);
    expect(keepsQuery("/signin")).toBe(true);
    expect(keepsQuery("/zh/signup")).toBe(true);
    expect(keepsQuery("/course/time-wait")).toBe(false);
  });

  it("maps the instructor's classes and assignments, joining and invitations to their /zh twins and back", () => {
    for (const path of [
      "/instructor",
      "/instructor/classes/abc",
      "/instructor/classes/abc/assignments/new",
      "/instructor/classes/abc/assignments/xyz",
      "/instructor/classes/abc/lti",
      "/join",
      "/join/tok_123",
      "/invite/tok_456",
    ]) {
      expect(switchLocalePath(path, "zh")).toBe(`/zh${path}`);
      expect(switchLocalePath(`/zh${path}`, "en")).toBe(path);
    }
    expect(switchLocalePath("/instructor/classes/abc/assignments/xyz/more", "zh")).toBe("/zh");
    expect(keepsQuery("/zh/join")).toBe(true);
    expect(keepsQuery("/join/tok_123")).toBe(false);
  });
});

describe("section anchors across languages", () => {
  const en: TocEntry[] = [
    { id: "why-three", title: "Why three", depth: 2 },
    { id: "old-syns", title: "Old SYNs", depth: 3 },
    { id: "summary", title: "Summary", depth: 2 },
  ];
  const zh: TocEntry[] = [
    { id: "为什么是三次", title: "为什么是三次", depth: 2 },
    { id: "旧的-syn", title: "旧的 SYN", depth: 3 },
    { id: "小结", title: "小结", depth: 2 },
  ];

  it("maps headings by position when the structure matches", () => {
    expect(sameStructure(en, zh)).toBe(true);
    expect(mapAnchors(en, zh)).toEqual({ "why-three": "为什么是三次", "old-syns": "旧的-syn", summary: "小结" });
    expect(mapAnchors(zh, en)["小结"]).toBe("summary");
  });

  it("falls back to top-level sections, then to nothing, when a translation is out of step", () => {
    const shorter = zh.filter((entry) => entry.depth === 2);
    expect(mapAnchors(en, shorter)).toEqual({ "why-three": "为什么是三次", summary: "小结" });
    expect(mapAnchors(en, shorter.slice(0, 1))).toEqual({});
  });
});

describe("the dictionary", () => {
  it("has every key in both languages, with Chinese words for the Chinese interface", () => {
    const keys = (value: unknown, prefix = ""): string[] =>
      typeof value === "object" && value !== null
        ? Object.entries(value).flatMap(([key, inner]) => keys(inner, `${prefix}${key}.`))
        : [prefix];
    expect(keys(dictionary("zh"))).toEqual(keys(dictionary("en")));
    expect(dictionary("zh").lesson.objectives).toBe("学完本课，你将能够");
    expect(dictionary("zh").callout.correction).toBe("对原文的更正");
    expect(dictionary("zh").lesson.lesson(3)).toBe("第 3 课");
  });
});
