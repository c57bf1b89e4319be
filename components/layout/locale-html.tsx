"use client";

import type { ReactNode } from "react";
import { useLocale } from "./use-locale";
import { LOCALE_LANG } from "@/domain/locale";

/**
 * The document element, with `lang` set from the route: "zh-CN" under /zh, "en" elsewhere. It
 * renders during prerendering, so the served HTML already carries the right language, and it
 * follows client-side navigation. See docs/decisions/0501-html-lang-from-the-route.md.
 */
export function LocaleHtml({ className, children }: { className?: string; children: ReactNode }) {
  const locale = useLocale();
  return (
    // The theme script adds `dark` to the class before hydration.
    <html lang={LOCALE_LANG[locale]} className={className} suppressHydrationWarning>
      {children}
    </html>
  );
}
