/** A heading counts as the one being read once it is above this fraction of the window. */
const READING_LINE = 0.35;

/**
 * Of `headings` in page order, the last one scrolled above the reading line: the section the
 * reader is in (undefined at the top of the page). One rule for the signed-in and the visitor's
 * position and for the language switch's section.
 */
export function headingBeingRead<H extends { id: string }>(headings: readonly H[]): H | undefined {
  const line = window.innerHeight * READING_LINE;
  return headings.filter(({ id }) => (document.getElementById(id)?.getBoundingClientRect().top ?? Infinity) < line).at(-1);
}
