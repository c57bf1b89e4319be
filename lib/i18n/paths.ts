/**
 * Where each language lives: English at the site root, Chinese under /zh. Pure functions, safe
 * in client and server code.
 */
import { LOCALES, LOCALE_LANG, type Locale } from "@/domain/locale";

const PREFIX: Record<Locale, string> = { en: "", zh: "/zh" };

/** Pages that exist in every language; everything else is English only. */
const LOCALIZED_PAGES = [
  /^\/$/,
  /^\/course(?:\/[a-z0-9-]+)?$/,
  /^\/glossary$/,
  /^\/search$/,
  /^\/about$/,
  /^\/playground$/,
  /^\/capture-challenges(?:\/[a-z0-9-]+)?$/,
  /^\/signin$/,
  /^\/signup$/,
  /^\/dashboard$/,
  /^\/account$/,
  /^\/verify-email$/,
  /^\/review$/,
  /^\/diagnostic\/[a-z0-9-]+$/,
  // The instructor's classes and assignments; joining a class and a roster invitation.
  /^\/instructor$/,
  /^\/instructor\/classes\/[^/]+(?:\/lti|\/assignments\/[^/]+)?$/,
  /^\/join(?:\/[^/]+)?$/,
  /^\/invite\/[^/]+$/,
  // A class's grade views (gradebook, a student's work, learning gain, analytics) and the LMS admin page.
  /^\/instructor\/classes\/[A-Za-z0-9_-]+\/(?:gradebook|learning|analytics)$/,
  /^\/instructor\/classes\/[A-Za-z0-9_-]+\/students\/[A-Za-z0-9_-]+$/,
  /^\/admin\/lti$/,
];

/** Pages whose query is part of what the reader is looking at: the other language keeps it. */
const PAGES_KEEPING_QUERY = new Set(["/playground", "/signin", "/signup", "/review", "/join"]);

export function keepsQuery(path: string): boolean {
  return PAGES_KEEPING_QUERY.has(basePath(path));
}

export function localeFromPath(pathname: string): Locale {
  return pathname === "/zh" || pathname.startsWith("/zh/") ? "zh" : "en";
}

/** The language-neutral path: "/zh/course/x" → "/course/x", "/zh" → "/". */
export function basePath(pathname: string): string {
  if (localeFromPath(pathname) === "en") return pathname;
  const rest = pathname.slice(PREFIX.zh.length);
  return rest === "" ? "/" : rest;
}

/** A language-neutral path in `locale`: ("/course/x", "zh") → "/zh/course/x"; ("/", "zh") → "/zh". */
export function localePath(locale: Locale, path: string): string {
  if (locale === "en" || PREFIX[locale] === "") return path;
  return path === "/" ? PREFIX[locale] : `${PREFIX[locale]}${path}`;
}

/** Sign-in or sign-up in `locale` that returns to `returnTo` afterwards (without one: the dashboard). */
export function accountPagePath(locale: Locale, page: "/signin" | "/signup", returnTo?: string | null): string {
  const path = localePath(locale, page);
  return returnTo ? `${path}?callbackUrl=${encodeURIComponent(returnTo)}` : path;
}

export function hasTranslation(path: string): boolean {
  const [pathOnly] = path.split(/[?#]/);
  return LOCALIZED_PAGES.some((pattern) => pattern.test(pathOnly ?? ""));
}

/** The same page in the other language, or that language's home when the page has no translation. */
export function switchLocalePath(pathname: string, target: Locale): string {
  const base = basePath(pathname);
  return localePath(target, hasTranslation(base) ? base : "/");
}

/**
 * `hreflang` alternates of a page that exists in every language (`path` is its English, neutral
 * address): its canonical address in `locale`, its address in each language, English by default.
 */
export function pageAlternates(path: string, locale: Locale) {
  return {
    canonical: localePath(locale, path),
    languages: { ...Object.fromEntries(LOCALES.map((l) => [LOCALE_LANG[l], localePath(l, path)])), "x-default": path },
  };
}

export function otherLocale(locale: Locale): Locale {
  return locale === "en" ? "zh" : "en";
}

export const lessonPath = (locale: Locale, slug: string) => localePath(locale, `/course/${slug}`);
export const courseIndexPath = (locale: Locale) => localePath(locale, "/course");
export const glossaryPath = (locale: Locale, id?: string) => `${localePath(locale, "/glossary")}${id ? `#${id}` : ""}`;
export const searchPath = (locale: Locale) => localePath(locale, "/search");
export const aboutPath = (locale: Locale) => localePath(locale, "/about");
export const playgroundPath = (locale: Locale) => localePath(locale, "/playground");
