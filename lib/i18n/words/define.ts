import type { Locale } from "../paths";

/**
 * One component family's words in every language. The Chinese must have exactly the English
 * keys, with the same function signatures: TypeScript enforces it through `zh: T`. Kept apart
 * from lib/i18n/dictionary.ts (the site chrome, loaded on every page) so each interactive
 * component's words load with its own code.
 */
export function defineWords<T>(words: { en: T; zh: NoInfer<T> }): (locale: Locale) => T {
  return (locale) => words[locale];
}
