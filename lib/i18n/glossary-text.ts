/**
 * The small markup glossary entries are written in: `code`, [[id]] / [[id|label]] links to
 * other entries and {fact:name} numbers from the engine. Parsed once, rendered as React by
 * components/lesson/glossary-text.tsx and as plain text for tooltips and the search index.
 */
import { findGlossaryEntry, type GlossaryEntry } from "@/content/glossary";
import { formatFact } from "@/domain/content/facts";
import type { Locale } from "./paths";

export type GlossaryToken =
  | { type: "text"; text: string }
  | { type: "code"; text: string }
  | { type: "link"; id: string; label?: string }
  | { type: "fact"; name: string };

const TOKEN = /`([^`]+)`|\[\[([^\]|]+)(?:\|([^\]]+))?\]\]|\{fact:([\w.]+)\}/g;

export function parseGlossaryText(text: string): GlossaryToken[] {
  const tokens: GlossaryToken[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    if (match.index > last) tokens.push({ type: "text", text: text.slice(last, match.index) });
    if (match[1] !== undefined) tokens.push({ type: "code", text: match[1] });
    else if (match[2] !== undefined) tokens.push({ type: "link", id: match[2], label: match[3] });
    else tokens.push({ type: "fact", name: match[4]! });
    last = match.index + match[0].length;
  }
  if (last < text.length) tokens.push({ type: "text", text: text.slice(last) });
  return tokens;
}

/** How an entry is named inside a sentence: "MSL (…)" → "MSL", "Half-close" → "half-close". */
export function inlineName(entry: GlossaryEntry, locale: Locale): string {
  const name = entry.term[locale].replace(/\s*[(（].*[)）]\s*$/, "");
  if (locale === "en" && /^[A-Z][a-z]/.test(name)) return name[0]!.toLowerCase() + name.slice(1);
  return name;
}

export function tokenText(token: GlossaryToken, locale: Locale): string {
  switch (token.type) {
    case "text":
    case "code":
      return token.text;
    case "fact":
      return formatFact(token.name, locale);
    case "link": {
      if (token.label) return token.label;
      const entry = findGlossaryEntry(token.id);
      return entry ? inlineName(entry, locale) : token.id;
    }
  }
}

export function glossaryPlainText(text: string, locale: Locale): string {
  return parseGlossaryText(text)
    .map((token) => tokenText(token, locale))
    .join("");
}
