"use client";

import { usePathname } from "next/navigation";
import { localeFromPath } from "@/lib/i18n/paths";
import type { Locale } from "@/domain/locale";

/** The language of the page being shown, from its path (known during prerendering too). */
export function useLocale(): Locale {
  return localeFromPath(usePathname() ?? "/");
}
