/**
 * How lesson text is cut into search terms, shared by the index builder (at build time) and the
 * browser (for queries), which must agree exactly. Latin text splits into words; Chinese, which
 * has no spaces, into overlapping character pairs (bigrams), so "半关闭" is found through
 * "半关" and "关闭" without a dictionary. Bigrams behave the same in every JavaScript engine,
 * unlike Intl.Segmenter, whose word lists differ between Node and browsers (ADR 0503).
 */
import type { Options, SearchOptions } from "minisearch";

const CJK_CHAR = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const RUNS = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[A-Za-z0-9_\u00c0-\u024f]+/g;

export function isCjk(term: string): boolean {
  return CJK_CHAR.test(term);
}

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const [run] of text.matchAll(RUNS)) {
    if (!isCjk(run)) {
      tokens.push(run);
    } else if (run.length === 1) {
      tokens.push(run);
    } else {
      for (let i = 0; i < run.length - 1; i++) tokens.push(run.slice(i, i + 2));
    }
  }
  return tokens;
}

/** Lower case; `TIME_WAIT` and `tcp_fin_timeout` are also found by their parts ("time wait"). */
export function processTerm(term: string): string[] {
  const lower = term.toLowerCase();
  if (!lower.includes("_")) return [lower];
  return [lower, ...lower.split("_").filter((part) => part.length > 1)];
}

export type SearchDocument = {
  /** `slug#anchor` for lesson sections, `glossary#id` for glossary entries. */
  id: string;
  kind: "section" | "glossary";
  url: string;
  /** Lesson title, or the glossary's name. */
  group: string;
  heading: string;
  text: string;
  excerpt: string;
};

export type SearchResultFields = Pick<SearchDocument, "kind" | "url" | "group" | "heading" | "excerpt">;

export const SEARCH_OPTIONS: Options<SearchDocument> = {
  fields: ["heading", "group", "text"],
  storeFields: ["kind", "url", "group", "heading", "excerpt"],
  tokenize,
  processTerm,
};

export const QUERY_OPTIONS: SearchOptions = {
  // Whole words only: the parts of `time_wait` are in the index already, and splitting a word
  // being typed ("time_wa") would break prefix search.
  processTerm: (term) => term.toLowerCase(),
  boost: { heading: 3, group: 1.5 },
  combineWith: "AND",
  prefix: (term, index, terms) => index === terms.length - 1 && !isCjk(term) && term.length >= 2,
  fuzzy: (term) => (!isCjk(term) && term.length >= 5 ? 0.2 : false),
};
