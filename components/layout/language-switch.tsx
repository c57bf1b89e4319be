import { chromeWords } from "@/lib/i18n/words/chrome";
import { otherLocale } from "@/lib/i18n/paths";
import { cn } from "../ui/cn";
import { LanguageLink } from "./language-link";
import { LOCALE_LANG, type Locale } from "@/domain/locale";

export { ANCHOR_MAP_ELEMENT_ID } from "./reading-section";

/**
 * Link to the same page in the other language, in the page's language `locale`. On a lesson it
 * also keeps the section being read: the anchor is added when the link is followed, from the
 * lesson's anchor map. Rendered on the server; language-link.tsx is its code.
 */
export function LanguageSwitch({ locale, variant = "header", className }: { locale: Locale; variant?: "header" | "lesson"; className?: string }) {
  const words = chromeWords(locale).language;
  return (
    <LanguageLink
      variant={variant}
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
      <span lang={LOCALE_LANG[otherLocale(locale)]}>{variant === "lesson" ? words.switchTo : words.switchLabel}</span>
    </LanguageLink>
  );
}
