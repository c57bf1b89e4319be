import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileLesson, LessonCompileError } from "@/lib/content/compile.server";
import { LOCALES } from "@/domain/content/frontmatter";
import { getLesson, listLessons } from "@/lib/content/lessons.server";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { LessonBody } from "@/components/lesson/lesson-body";
import type { TocEntry } from "@/lib/content/toc";
import { sameStructure } from "@/lib/i18n/anchors";

// Compiling every lesson from scratch (an empty cache) takes a while on a busy machine.
const COMPILE_TIMEOUT = 120_000;

describe("course content", () => {
  it("has lessons with unique orders", () => {
    const lessons = listLessons("en");
    expect(lessons.length).toBeGreaterThan(0);
    expect(new Set(lessons.map((l) => l.order)).size).toBe(lessons.length);
  });

  it.each(LOCALES)("compiles every %s lesson with a table of contents", async (locale) => {
    for (const summary of listLessons(locale)) {
      const lesson = await getLesson(summary.slug, locale);
      expect(lesson?.code.length).toBeGreaterThan(100);
      expect(lesson?.toc.length).toBeGreaterThan(0);
      expect(new Set(lesson?.toc.map((t) => t.id)).size).toBe(lesson?.toc.length);
    }
  }, COMPILE_TIMEOUT);

  it.each(LOCALES)("renders every %s lesson with the lesson component map", async (locale) => {
    for (const summary of listLessons(locale)) {
      const lesson = await getLesson(summary.slug, locale);
      // MDX throws "Expected component `X` to be defined" for a component missing from the map.
      const html = renderToStaticMarkup(createElement(LessonBody, { code: lesson!.code, locale }));
      expect(html).toContain("<h2");
      for (const entry of lesson!.toc) expect(html).toContain(`id="${entry.id}"`);
    }
  }, COMPILE_TIMEOUT);

  it("has a Chinese version of every English lesson, in step with it: order, length and heading structure", async () => {
    const chinese = new Map(listLessons("zh").map((lesson) => [lesson.slug, lesson]));
    for (const english of listLessons("en")) {
      const translation = chinese.get(english.slug);
      expect(translation, `content/${english.slug}/index.zh.mdx is missing`).toBeDefined();
      expect(translation?.order).toBe(english.order);
      expect(translation?.minutes).toBe(english.minutes);
      expect(translation?.objectives.length).toBe(english.objectives.length);
      const [en, zh] = await Promise.all([getLesson(english.slug, "en"), getLesson(english.slug, "zh")]);
      const outline = (toc: TocEntry[] | undefined) => toc?.map((entry) => `${"#".repeat(entry.depth)} ${entry.title}`);
      expect(
        zh?.toc.map((entry) => entry.depth),
        `headings of ${english.slug}: English ${JSON.stringify(outline(en?.toc))}, Chinese ${JSON.stringify(outline(zh?.toc))}`,
      ).toEqual(en?.toc.map((entry) => entry.depth));
      expect(sameStructure(en!.toc, zh!.toc)).toBe(true);
    }
  }, COMPILE_TIMEOUT);

  it("fails loudly when a lesson uses a component that is not in the map", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lesson-"));
    const file = path.join(dir, "index.mdx");
    writeFileSync(file, `---\ntitle: Missing\nsummary: A lesson using an unknown component.\norder: 1\nminutes: 1\nobjectives: [Notice]\n---\n\n## Hi\n\n<NoSuchWidget />\n`);
    const { code } = await compileLesson(file);
    expect(() => renderToStaticMarkup(createElement(LessonBody, { code }))).toThrow(/NoSuchWidget/);
  });

  it("attributes the first lesson's source and highlights code", async () => {
    const lesson = await getLesson("tcp-header-and-flags");
    expect(lesson?.frontmatter.title).toBe("The TCP header and its flags");
    expect(lesson?.code).toContain("data-language");
  });

  it("rejects a lesson with invalid frontmatter, naming the file and the field", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lesson-"));
    mkdirSync(path.join(dir, "broken"));
    const file = path.join(dir, "broken", "index.mdx");
    writeFileSync(file, "---\ntitle: Hi\norder: first\n---\n\n# Body\n");
    const error = await compileLesson(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LessonCompileError);
    expect(String(error)).toContain(file);
    expect(String(error)).toMatch(/title|order|summary/);
  });
});
