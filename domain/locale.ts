/**
 * The site's languages: the one locale type every floor uses (domain, lib, components, content).
 * Kept apart from its zod schema (domain/locale-schema.ts) so that client code that needs only
 * these constants does not pull the schema library into every page's JavaScript.
 */
export const LOCALES = ["en", "zh"] as const;
export type Locale = (typeof LOCALES)[number];

/** The `lang` attribute of each language. */
export const LOCALE_LANG: Record<Locale, string> = { en: "en", zh: "zh-CN" };

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}
