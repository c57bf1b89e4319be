/**
 * The site's languages. Kept apart from the frontmatter schema so that client code that needs
 * only these constants does not pull the schema library into every page's JavaScript.
 */
export const LOCALES = ["en", "zh"] as const;
export type Locale = (typeof LOCALES)[number];

export const LOCALE_LANG: Record<Locale, string> = { en: "en", zh: "zh-CN" };
