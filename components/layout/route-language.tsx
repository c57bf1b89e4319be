"use client";

import type { ReactNode } from "react";
import { localeFromPath } from "@/lib/i18n/paths";
import { isLtiPath } from "@/lib/lti/paths";
import { usePathname } from "next/navigation";

/**
 * Shows the part of the page rendered on the server for the route's language. The root layout
 * serves both languages and stays static, so it renders the chrome once per language and this
 * picks one: the chrome's words and links reach the browser as HTML, not as code (ADR 1510).
 * Pages inside an LMS frame have their own chrome (components/lti/lti-frame.tsx): `outsideLms`
 * parts show nothing there.
 */
export function ForRouteLanguage({ en, zh, outsideLms = false }: { en: ReactNode; zh: ReactNode; outsideLms?: boolean }) {
  const pathname = usePathname() ?? "/";
  if (outsideLms && isLtiPath(pathname)) return null;
  return localeFromPath(pathname) === "zh" ? zh : en;
}
