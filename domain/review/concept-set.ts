/**
 * The concepts of a "review until mastered" assignment, as its target id: the concepts in the
 * contract's order joined by "+", e.g. "flags+time-wait". One spelling per set, so the same set
 * is always the same target.
 */
import { CONCEPTS, type Concept } from "../quiz/schema";

export function conceptSetId(concepts: readonly Concept[]): string {
  return CONCEPTS.filter((concept) => concepts.includes(concept)).join("+");
}

/** The concepts a target id names, or null unless it is exactly a set's spelling. */
export function parseConceptSet(id: string): Concept[] | null {
  if (id.length === 0 || id.length > 100) return null;
  const parts = id.split("+");
  if (!parts.every((part): part is Concept => (CONCEPTS as readonly string[]).includes(part))) return null;
  const concepts = parts as Concept[];
  return conceptSetId(concepts) === id ? concepts : null;
}
