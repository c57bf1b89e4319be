"use client";

import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { accountPagePath, basePath } from "@/lib/i18n/paths";
import { IntentLink } from "../ui/intent-link";
import type { Locale } from "@/domain/locale";

/** Signing in from a page returns to it; from the home page (or the sign-in pages) to the dashboard. */
function returnTo(pathname: string): string | null {
  const base = basePath(pathname);
  return base === "/" || base === "/signin" || base === "/signup" ? null : pathname;
}

/** The header's link to signing in or up, carrying the page to return to. */
export function ReturnLink({ locale, page, className, children }: { locale: Locale; page: "/signin" | "/signup"; className: string; children: ReactNode }) {
  return (
    <IntentLink href={accountPagePath(locale, page, returnTo(usePathname() ?? "/"))} className={className}>
      {children}
    </IntentLink>
  );
}
