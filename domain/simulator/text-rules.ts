/**
 * Messages written in English by code that speaks no other language (the capture reader, the
 * playground link's checks), put into another language by pattern: each rule matches one
 * message and writes it again from the parts it captured.
 */
export type TextRule = readonly [RegExp, (...groups: string[]) => string];

/** The first rule that matches `text`, applied to it; null when none does (the caller keeps the English). */
export function applyTextRules(rules: readonly TextRule[], text: string): string | null {
  for (const [pattern, write] of rules) {
    const match = pattern.exec(text);
    if (match) return write(...match.slice(1).map((group) => group ?? ""));
  }
  return null;
}
