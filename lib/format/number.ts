import { LOCALE_LANG, type Locale } from "@/domain/locale";

/** A share (0..1) as a whole percentage in the reader's language: "42%". */
export function formatPercent(share: number, locale: Locale): string {
  return new Intl.NumberFormat(LOCALE_LANG[locale], { style: "percent", maximumFractionDigits: 0 }).format(share);
}
