"use client";

import { usePathname } from "next/navigation";
import type { MouseEvent } from "react";
import type { ChromeWords } from "@/lib/i18n/words/chrome";
import { keepsQuery, localeFromPath, otherLocale, switchLocalePath } from "@/lib/i18n/paths";
import { cn } from "../ui/cn";
import { useHydrated } from "../ui/use-hydrated";
import { LOCALE_LANG } from "@/domain/locale";

/** Element a lesson page renders with its section anchors mapped to the other language's. */
export const ANCHOR_MAP_ELEMENT_ID = "lesson-anchor-map";

/** A heading counts as the one being read once it is above this fraction of the window. */
const READING_LINE = 0.35;

/** The section the reader is in, as the other language names it (or null at the top). */
function mappedSection(): string | null {
  const element = document.getElementById(ANCHOR_MAP_ELEMENT_ID);
  if (!element?.dataset.map) return null;
  let map: Record<string, string>;
  try {
    map = JSON.parse(element.dataset.map) as Record<string, string>;
  } catch {
    return null;
  }
  const hash = decodeURIComponent(window.location.hash.slice(1));
  if (hash && map[hash]) {
    const target = document.getElementById(hash);
    // The hash still describes where the reader is unless they scrolled far away from it.
    if (target && Math.abs(target.getBoundingClientRect().top) < window.innerHeight) return map[hash];
  }
  const line = window.innerHeight * READING_LINE;
  let current: string | null = null;
  for (const id of Object.keys(map)) {
    const top = document.getElementById(id)?.getBoundingClientRect().top;
    if (top !== undefined && top < line) current = id;
  }
  return current ? (map[current] ?? null) : null;
}

/**
 * Link to the same page in the other language. On a lesson it also keeps the section being
 * read: the anchor is added when the link is followed, from the lesson's anchor map. `words` are
 * the page language's, passed from the server.
 */
export function LanguageSwitch({ words, variant = "header", className }: { words: ChromeWords["language"]; variant?: "header" | "lesson"; className?: string }) {
  const pathname = usePathname() ?? "/";
  const locale = localeFromPath(pathname);
  const target = otherLocale(locale);
  const href = switchLocalePath(pathname, target);
  // False in the prerendered HTML, true once React has attached the click handler.
  const hydrated = useHydrated();

  function follow(event: MouseEvent<HTMLAnchorElement>) {
    // The playground keeps its state in the query (a shared link), sign-in where to return to:
    // the other language opens the same.
    if (keepsQuery(pathname)) {
      event.currentTarget.href = `${href}${window.location.search}`;
      return;
    }
    const section = mappedSection();
    if (section) event.currentTarget.href = `${href}#${encodeURIComponent(section)}`;
  }

  return (
    <a
      href={href}
      hrefLang={LOCALE_LANG[target]}
      onClick={follow}
      data-language-switch={variant}
      data-hydrated={hydrated ? "" : undefined}
      className={cn(
        variant === "header"
          ? "inline-flex h-9 items-center whitespace-nowrap rounded-lg px-2 text-sm text-fg-muted hover:bg-bg-sunken hover:text-fg sm:px-2.5"
          : "inline-flex items-center gap-1.5 rounded-md border border-border px-2.5 py-1 text-sm hover:bg-bg-sunken",
        className,
      )}
    >
      <span className="sr-only">{words.switchHint}: </span>
      {variant === "lesson" ? (
        <svg aria-hidden="true" width="15" height="15" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M4 5h8M8 3v2m-2.5 0c.8 3.5 3 6 6 7.5M11 5c-.8 3.6-3.3 6.7-7 8.5M13 21l4-9 4 9m-6.8-3h5.6" />
        </svg>
      ) : null}
      <span lang={LOCALE_LANG[target]}>{variant === "lesson" ? words.switchTo : words.switchLabel}</span>
    </a>
  );
}
