"use client";

import type { MouseEvent } from "react";
import { pushAddress } from "./browser-address";

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

/** `label`: the words for the route's language, rendered on the server (components/layout/route-language.tsx). */
export function SkipLink({ label }: { label: string }) {
  return (
    <a
      href="#main"
      onClick={skipToMain}
      className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded-md focus:bg-bg-elevated focus:px-3 focus:py-2 focus:shadow"
    >
      {label}
    </a>
  );
}
