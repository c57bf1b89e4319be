/**
 * Hygiene for text people type and other people read (class names, assignment titles and
 * instructions, excuse notes). Invisible characters that change how text around them is shown
 * are removed before anything is stored:
 * - C0 control characters (U+0000 to U+001F), DEL and the C1 controls (U+0080 to U+009F); a
 *   multi-line field keeps line feeds (CR LF and lone CR become LF) and tabs;
 * - bidirectional embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069), which
 *   can make a line read backwards ("fake a date or points"). The marks U+200E and U+200F stay:
 *   they only affect the character next to them, and right-to-left text needs them.
 * Pages also render these strings in isolation (<bdi>), so text already stored, or a name typed
 * elsewhere, cannot reorder what is around it.
 */

const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const CONTROLS_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]/g;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** Removes controls and bidi overrides; `multiline` keeps line feeds and tabs (CR LF becomes LF). */
export function cleanText(value: string, { multiline = false }: { multiline?: boolean } = {}): string {
  const text = multiline ? value.replace(/\r\n?/g, "\n") : value.replace(/[\r\n\t]+/g, " ");
  return text.replace(multiline ? CONTROLS : CONTROLS_SINGLE_LINE, "").replace(BIDI_CONTROLS, "").normalize("NFC");
}

/** Whether `value` holds a character `cleanText` would remove (for tests and stored-data checks). */
export function hasUnsafeCharacters(value: string, { multiline = false }: { multiline?: boolean } = {}): boolean {
  return cleanText(value, { multiline }) !== (multiline ? value.replace(/\r\n?/g, "\n") : value).normalize("NFC");
}

/**
 * Length as people count it: user-perceived characters (a flag emoji or "é" written as e + accent
 * is one), so the bound shown next to a field means what it says.
 */
export function textLength(value: string): number {
  if (typeof Intl !== "undefined" && "Segmenter" in Intl) {
    let count = 0;
    for (const _ of new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(value)) count += 1;
    return count;
  }
  return [...value].length;
}

/** The bounds of every free-text field, shown next to it and checked on the server. */
export const TEXT_LIMITS = {
  className: 120,
  assignmentTitle: 200,
  assignmentInstructions: 5000,
  excuseNote: 300,
} as const;
