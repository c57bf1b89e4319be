import "server-only";
import { LOCALE_LANG, type Locale } from "@/domain/locale";
import { requireInstructor } from "@/lib/auth/session.server";
import { localePath } from "@/lib/i18n/paths";
import { dashboardWords } from "@/lib/i18n/words/dashboard";
import { gradebookWords } from "@/lib/i18n/words/gradebook";

/**
 * Where an instructor's evidence page of one class starts (gradebook, a student, learning): the
 * class's path in the page's language, the signed-in instructor (someone else signs in first and
 * comes back to `page`), and the words those pages speak. Whether this instructor may see the
 * class stays with the lib function each page then asks.
 */
export async function startClassPage(locale: Locale, classId: string, page: string) {
  const base = localePath(locale, `/instructor/classes/${classId}`);
  const user = await requireInstructor(`${base}${page}`);
  return { base, user, words: gradebookWords(locale), concepts: dashboardWords(locale).concepts, lang: LOCALE_LANG[locale] };
}
