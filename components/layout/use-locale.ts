"use client";

import { usePathname } from "next/navigation";
import { localeFromPath, type Locale } from "@/lib/i18n/paths";

/** The language of the page being shown, from its path (known during prerendering too). */
export function useLocale(): Locale {
  return localeFromPath(usePathname() ?? "/");
}
