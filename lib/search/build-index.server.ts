import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import MiniSearch from "minisearch";
import { GLOSSARY } from "@/content/glossary";
import { CONTENT_DIR, getLesson, listLessons } from "@/lib/content/lessons.server";
import { dictionary } from "@/lib/i18n/dictionary";
import { glossaryPlainText } from "@/lib/i18n/glossary-text";
import { glossaryPath, lessonPath, type Locale } from "@/lib/i18n/paths";
import { componentNames, lessonSections } from "./lesson-sections";
import { SEARCH_OPTIONS, type SearchDocument } from "@/domain/search/options";

const EXCERPT_LENGTH = 180;

function excerpt(text: string): string {
  if (text.length <= EXCERPT_LENGTH) return text;
  const cut = text.slice(0, EXCERPT_LENGTH);
  const space = cut.lastIndexOf(" ");
  return `${space > EXCERPT_LENGTH * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** One document per lesson section (h2 and h3) and per glossary entry, in one language. */
export async function searchDocuments(locale: Locale): Promise<SearchDocument[]> {
  const documents: SearchDocument[] = [];
  for (const summary of listLessons(locale)) {
    const lesson = await getLesson(summary.slug, locale);
    if (!lesson) continue;
    const file = path.join(CONTENT_DIR, summary.slug, locale === "en" ? "index.mdx" : `index.${locale}.mdx`);
    const sections = lessonSections(lesson.code, componentNames(readFileSync(file, "utf8")), locale, lesson.frontmatter.title);
    for (const section of sections) {
      const text = section.anchor === "" ? `${lesson.frontmatter.summary} ${section.text}` : section.text;
      documents.push({
        id: `${summary.slug}#${section.anchor}`,
        kind: "section",
        url: section.anchor ? `${lessonPath(locale, summary.slug)}#${section.anchor}` : lessonPath(locale, summary.slug),
        group: lesson.frontmatter.title,
        heading: section.heading,
        text,
        excerpt: excerpt(text),
      });
    }
  }
  const glossaryName = dictionary(locale).glossary.title;
  for (const entry of GLOSSARY) {
    const short = glossaryPlainText(entry.short[locale], locale);
    documents.push({
      id: `glossary#${entry.id}`,
      kind: "glossary",
      url: glossaryPath(locale, entry.id),
      group: glossaryName,
      heading: [entry.term[locale], entry.term.en, ...entry.aliases].filter((v, i, all) => all.indexOf(v) === i).join(" · "),
      text: `${short} ${glossaryPlainText(entry.body[locale], locale)}`,
      excerpt: excerpt(short),
    });
  }
  return documents;
}

/** The serialised MiniSearch index the search page loads (built once, at build time). */
export async function buildSearchIndex(locale: Locale): Promise<string> {
  const index = new MiniSearch<SearchDocument>(SEARCH_OPTIONS);
  index.addAll(await searchDocuments(locale));
  return JSON.stringify(index);
}
