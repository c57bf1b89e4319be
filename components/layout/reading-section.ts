import { headingBeingRead } from "./reading-line";

/** Element a lesson page renders with its section anchors mapped to the other language's. */
export const ANCHOR_MAP_ELEMENT_ID = "lesson-anchor-map";

/**
 * The section the reader is in, as the other language names it (or null at the top or off a
 * lesson). Fetched by the language switch when the reader heads for it (language-link.tsx).
 */
export function mappedSection(): string | null {
  const element = document.getElementById(ANCHOR_MAP_ELEMENT_ID);
  if (!element?.dataset.map) return null;
  let map: Record<string, string>;
  try {
    map = JSON.parse(element.dataset.map) as Record<string, string>;
  } catch {
    return null;
  }
  const hash = decodeURIComponent(window.location.hash.slice(1));
  if (hash && map[hash]) {
    const target = document.getElementById(hash);
    // The hash still describes where the reader is unless they scrolled far away from it.
    if (target && Math.abs(target.getBoundingClientRect().top) < window.innerHeight) return map[hash];
  }
  const current = headingBeingRead(Object.keys(map).map((id) => ({ id })));
  return current ? (map[current.id] ?? null) : null;
}
