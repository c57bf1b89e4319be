"use client";

import { dictionary } from "@/lib/i18n/dictionary";
import { useLocale } from "./use-locale";

export function SkipLink() {
  const locale = useLocale();
  return (
    <a
      href="#main"
      className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded-md focus:bg-bg-elevated focus:px-3 focus:py-2 focus:shadow"
    >
      {dictionary(locale).skipToContent}
    </a>
  );
}
