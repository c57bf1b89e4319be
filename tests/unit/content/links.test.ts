import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { LessonBody } from "@/components/lesson/lesson-body";
import { lessonComponents } from "@/components/mdx/lesson-components";
import { GLOSSARY } from "@/content/glossary";
import { LOCALES, type Locale } from "@/domain/content/frontmatter";
import { CONTENT_DIR, getLesson, listLessons } from "@/lib/content/lessons.server";
import { componentNames } from "@/lib/search/lesson-sections";

type Page = { slug: string; locale: Locale; file: string; source: string; html: string; ids: Set<string> };

const pages: Page[] = [];
const fileOf = (slug: string, locale: Locale) => path.join(CONTENT_DIR, slug, locale === "en" ? "index.mdx" : `index.${locale}.mdx`);
const pageOf = (slug: string, locale: Locale) => pages.find((p) => p.slug === slug && p.locale === locale);
const glossaryIds = new Set(GLOSSARY.map((entry) => entry.id));

/** The quiz registry's ids, or null while content/quizzes.ts does not exist yet. */
async function registeredQuizIds(): Promise<Set<string> | null> {
  if (!existsSync(path.join(CONTENT_DIR, "quizzes.ts"))) return null;
  const registry = (await import("@/content/quizzes")) as { quizFiles: ReadonlyArray<{ quiz: { id: string } }> };
  return new Set(registry.quizFiles.map((file) => file.quiz.id));
}

/** Does a site path (no anchor) name a page of the app? Lessons and the glossary are checked separately. */
function appPageExists(pathname: string): boolean {
  const segments = pathname.split("/").filter(Boolean);
  return existsSync(path.join(process.cwd(), "app", ...segments, "page.tsx"));
}

beforeAll(async () => {
  for (const locale of LOCALES) {
    for (const summary of listLessons(locale)) {
      const lesson = (await getLesson(summary.slug, locale))!;
      const html = renderToStaticMarkup(createElement(LessonBody, { code: lesson.code, locale }));
      const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => decodeEntities(m[1]!)));
      const file = fileOf(summary.slug, locale);
      pages.push({ slug: summary.slug, locale, file, source: readFileSync(file, "utf8"), html, ids });
    }
  }
  // Compiling every lesson from scratch (an empty cache) takes a while on a busy machine.
}, 120_000);

function decodeEntities(text: string): string {
  return text.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}

/** Why an internal link from `page` does not resolve, or null when it does. */
function brokenLink(page: Page, href: string): string | null {
  const [rawPath = "", rawAnchor] = href.split("#");
  const anchor = rawAnchor === undefined ? undefined : decodeURIComponent(rawAnchor);
  if (rawPath === "") return anchor && page.ids.has(anchor) ? null : `no heading or element with id "${anchor}" on this page`;
  const lesson = /^(\/zh)?\/course\/([a-z0-9-]+)$/.exec(rawPath);
  if (lesson) {
    const locale: Locale = lesson[1] ? "zh" : "en";
    if (page.locale === "zh" && locale === "en") return "a Chinese lesson links to the English lesson; use /zh/course/…";
    const target = pageOf(lesson[2]!, locale);
    // An untranslated lesson still has a page (it links to the English one); its anchors are
    // checked once the translation exists (lessons.test.ts requires every translation).
    if (!target) return pageOf(lesson[2]!, "en") ? null : `no lesson "${lesson[2]}"`;
    return anchor === undefined || target.ids.has(anchor) ? null : `lesson "${lesson[2]}" (${locale}) has no section "#${anchor}"`;
  }
  const glossary = /^(\/zh)?\/glossary$/.exec(rawPath);
  if (glossary) {
    if (page.locale === "zh" && !glossary[1]) return "a Chinese lesson links to the English glossary; use /zh/glossary";
    return anchor === undefined || glossaryIds.has(anchor) ? null : `no glossary entry "${anchor}"`;
  }
  return appPageExists(rawPath) ? null : `no page at ${rawPath}`;
}

describe("links and references in every lesson", () => {
  it("finds lessons to check", () => {
    expect(pages.length).toBeGreaterThan(0);
  });

  it("resolves every internal link and anchor to a real page, section or glossary entry", () => {
    const problems: string[] = [];
    for (const page of pages) {
      for (const [, href] of page.html.matchAll(/\shref="([^"]*)"/g)) {
        const target = decodeEntities(href!);
        if (!target.startsWith("/") && !target.startsWith("#")) continue;
        const problem = brokenLink(page, target);
        if (problem) problems.push(`${path.relative(process.cwd(), page.file)}: ${target}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("uses only components from the lesson component map", () => {
    const known = new Set(Object.keys(lessonComponents));
    const problems = pages.flatMap((page) =>
      // Code (fenced or inline, e.g. `<SEQ=SND.NXT><CTL=RST>`) shows tags; it does not use them.
      componentNames(page.source.replace(/^(```|~~~)[\s\S]*?^\1/gm, "").replace(/`[^`\n]+`/g, ""))
        .filter((name) => !known.has(name))
        .map((name) => `${path.relative(process.cwd(), page.file)}: <${name}> is not in components/mdx/lesson-components.tsx`),
    );
    expect(problems).toEqual([]);
  });

  it("embeds only registered quizzes", async () => {
    const registered = await registeredQuizIds();
    const used = pages.flatMap((page) => [...page.source.matchAll(/<Quiz\s+id="([^"]+)"/g)].map((m) => ({ page, id: m[1]! })));
    if (registered === null) {
      expect(used, "lessons embed quizzes but content/quizzes.ts does not exist").toEqual([]);
      return;
    }
    expect(used.filter(({ id }) => !registered.has(id)).map(({ page, id }) => `${path.relative(process.cwd(), page.file)}: <Quiz id="${id}">`)).toEqual([]);
  });

  it("uses the same interactive components, in the same order, in both languages", () => {
    const interactive = (source: string) =>
      [...source.replace(/^(```|~~~)[\s\S]*?^\1/gm, "").matchAll(/<([A-Z][A-Za-z0-9]*)([^>]*)>/g)]
        .filter((m) => !["Term", "Fact", "Callout", "Original"].includes(m[1]!))
        .map((m) => (m[1] === "Quiz" ? `Quiz ${/id="([^"]+)"/.exec(m[2]!)?.[1]}` : m[1]!));
    for (const zh of pages.filter((p) => p.locale === "zh")) {
      const en = pageOf(zh.slug, "en");
      expect(interactive(zh.source), zh.slug).toEqual(interactive(en?.source ?? ""));
    }
  });
});
