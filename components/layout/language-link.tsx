"use client";

import { usePathname } from "next/navigation";
import type { MouseEvent, ReactNode } from "react";
import { keepsQuery, localeFromPath, otherLocale, switchLocalePath } from "@/lib/i18n/paths";
import { useHydrated } from "../ui/use-hydrated";
import { LOCALE_LANG } from "@/domain/locale";

type SectionReader = typeof import("./reading-section");
let sectionReader: SectionReader | null = null;
/** The code that finds the section being read comes when the reader heads for the link. */
const loadSectionReader = () => import("./reading-section").then((reader) => (sectionReader = reader));

/**
 * The language switch's code: the address of this page in the other language and, when it is
 * followed, the section being read (or the playground's and sign-in's query). What it shows is
 * the server's (language-switch.tsx).
 */
export function LanguageLink({ variant, className, children }: { variant: "header" | "lesson"; className: string; children: ReactNode }) {
  const pathname = usePathname() ?? "/";
  const target = otherLocale(localeFromPath(pathname));
  const href = switchLocalePath(pathname, target);
  // False in the prerendered HTML, true once React has attached the click handler.
  const hydrated = useHydrated();

  function follow(event: MouseEvent<HTMLAnchorElement>) {
    const link = event.currentTarget;
    // The playground keeps its state in the query (a shared link), sign-in where to return to:
    // the other language opens the same.
    if (keepsQuery(pathname)) {
      link.href = `${href}${window.location.search}`;
      return;
    }
    const withSection = (reader: SectionReader) => {
      const section = reader.mappedSection();
      return section ? `${href}#${encodeURIComponent(section)}` : href;
    };
    if (sectionReader) {
      link.href = withSection(sectionReader);
      return;
    }
    // Followed without pointing at it or focusing it first (a script's click): go once the code is here.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    void loadSectionReader().then((reader) => window.location.assign(withSection(reader)));
  }

  return (
    <a
      href={href}
      hrefLang={LOCALE_LANG[target]}
      onClick={follow}
      onMouseEnter={loadSectionReader}
      onFocus={loadSectionReader}
      onTouchStart={loadSectionReader}
      data-language-switch={variant}
      data-hydrated={hydrated ? "" : undefined}
      className={className}
    >
      {children}
    </a>
  );
}
