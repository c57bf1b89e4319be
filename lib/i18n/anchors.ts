/**
 * Section anchors across languages. Heading ids come from the heading text (rehype-slug), so an
 * English and a Chinese lesson have different ids for the same section; translations keep the
 * same heading structure, so the n-th heading of one is the n-th heading of the other.
 */
import type { TocEntry } from "@/lib/content/toc";

export type AnchorMap = Record<string, string>;

/** True when both tables of contents have the same headings at the same depths. */
export function sameStructure(a: readonly TocEntry[], b: readonly TocEntry[]): boolean {
  return a.length === b.length && a.every((entry, index) => entry.depth === b[index]?.depth);
}

/**
 * Maps each heading id in `from` to the id of the same section in `to`. When the structures
 * differ (a translation out of step), only top-level sections are mapped, and only if their
 * number agrees; otherwise nothing is, and readers land at the top of the page.
 */
export function mapAnchors(from: readonly TocEntry[], to: readonly TocEntry[]): AnchorMap {
  if (sameStructure(from, to)) return Object.fromEntries(from.map((entry, index) => [entry.id, to[index]!.id]));
  const fromSections = from.filter((entry) => entry.depth === 2);
  const toSections = to.filter((entry) => entry.depth === 2);
  if (fromSections.length !== toSections.length) return {};
  return Object.fromEntries(fromSections.map((entry, index) => [entry.id, toSections[index]!.id]));
}
