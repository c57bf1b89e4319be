/**
 * Words in every language, declared side by side: a component family's labels or a domain rule's
 * messages. The Chinese must have exactly the English keys, with the same function signatures:
 * TypeScript enforces it through `zh: T`. Client components import only the family they show (the
 * site chrome's words, chrome.ts, load on every page), so no page ships all of them.
 */
import type { Locale } from "@/domain/locale";

export function defineWords<T>(words: { en: T; zh: NoInfer<T> }): (locale: Locale) => T {
  return (locale) => words[locale];
}
