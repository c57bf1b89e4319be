"use client";

import { useEffect } from "react";
import { isLtiPath } from "@/lib/lti/paths";

/**
 * Inside an LMS frame only the LTI pages may be shown (every other page refuses to be framed).
 * A link to any other page of the site, or to another site, opens in a new tab instead of
 * breaking the frame.
 */
export function LtiLinkGuard() {
  useEffect(() => {
    function onClick(event: MouseEvent) {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>("a[href]") : null;
      if (!anchor || anchor.target === "_blank" || anchor.hasAttribute("download")) return;
      const url = new URL(anchor.href, window.location.href);
      const here = window.location;
      if (url.origin === here.origin && (isLtiPath(url.pathname) || (url.pathname === here.pathname && url.hash))) return;
      event.preventDefault();
      window.open(url.toString(), "_blank", "noopener");
    }
    document.addEventListener("click", onClick, true);
    return () => document.removeEventListener("click", onClick, true);
  }, []);
  return null;
}
