import type { Locale } from "../paths";

/**
 * One component family's words in every language. The Chinese must have exactly the English
 * keys, with the same function signatures: TypeScript enforces it through `zh: T`. Client
 * components import only the family they show (the site chrome's words, chrome.ts, load on every
 * page), so each component's words load with its own code and no page ships all of them.
 */
export function defineWords<T>(words: { en: T; zh: NoInfer<T> }): (locale: Locale) => T {
  return (locale) => words[locale];
}
