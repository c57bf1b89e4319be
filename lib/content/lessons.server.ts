import "server-only";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { compileLesson, LessonCompileError, type CompiledLesson } from "./compile.server";
import { lessonFrontmatter, type LessonFrontmatter, type Locale } from "@/domain/content/frontmatter";

export const CONTENT_DIR = path.join(process.cwd(), "content");

export type LessonSummary = LessonFrontmatter & { slug: string; locale: Locale };
export type Lesson = CompiledLesson & { slug: string; locale: Locale };

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function lessonFile(slug: string, locale: Locale): string {
  return path.join(CONTENT_DIR, slug, locale === "en" ? "index.mdx" : `index.${locale}.mdx`);
}

export function lessonSlugs(): string[] {
  return readdirSync(CONTENT_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && SLUG.test(entry.name) && existsSync(lessonFile(entry.name, "en")))
    .map((entry) => entry.name);
}

/** Frontmatter only (no compile): enough for the course index and navigation. */
export function listLessons(locale: Locale = "en"): LessonSummary[] {
  const lessons = lessonSlugs()
    .filter((slug) => existsSync(lessonFile(slug, locale)))
    .map((slug) => {
      const file = lessonFile(slug, locale);
      const parsed = lessonFrontmatter.safeParse(matter(readFileSync(file, "utf8")).data);
      if (!parsed.success) throw new LessonCompileError(file, `invalid frontmatter: ${parsed.error.issues[0]?.message}`);
      return { ...parsed.data, slug, locale };
    });
  return lessons.sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
}

export function lessonExists(slug: string, locale: Locale = "en"): boolean {
  return SLUG.test(slug) && existsSync(lessonFile(slug, locale));
}

export async function getLesson(slug: string, locale: Locale = "en"): Promise<Lesson | null> {
  if (!lessonExists(slug, locale)) return null;
  const compiled = await compileLesson(lessonFile(slug, locale));
  return { ...compiled, slug, locale };
}

export function neighbours(slug: string, locale: Locale = "en") {
  const lessons = listLessons(locale);
  const index = lessons.findIndex((lesson) => lesson.slug === slug);
  return { previous: index > 0 ? lessons[index - 1] : undefined, next: index >= 0 ? lessons[index + 1] : undefined };
}
