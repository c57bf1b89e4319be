"use client";

import type { MouseEvent } from "react";
import { chromeWords } from "@/lib/i18n/words/chrome";
import { pushAddress } from "./browser-address";
import { useLocale } from "./use-locale";

/**
 * Before hydration the plain fragment link works. After it, the jump is recorded with
 * pushAddress, because a fragment Next.js did not see would be dropped by its next refresh.
 */
function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  const main = document.getElementById("main");
  if (!main || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  pushAddress("#main");
  if (!main.hasAttribute("tabindex")) main.setAttribute("tabindex", "-1");
  main.focus({ preventScroll: true });
  main.scrollIntoView();
}

export function SkipLink() {
  const locale = useLocale();
  return (
    <a
      href="#main"
      onClick={skipToMain}
      className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded-md focus:bg-bg-elevated focus:px-3 focus:py-2 focus:shadow"
    >
      {chromeWords(locale).skipToContent}
    </a>
  );
}
