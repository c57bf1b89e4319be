import { chromeWords } from "@/lib/i18n/words/chrome";
import { localePath, playgroundPath, searchPath } from "@/lib/i18n/paths";
import { IntentLink } from "../ui/intent-link";
import { LanguageSwitch } from "./language-switch";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";
import type { Locale } from "@/domain/locale";

function Logo({ href }: { href: string }) {
  return (
    <IntentLink href={href} className="flex shrink-0 items-center gap-2 whitespace-nowrap font-semibold tracking-tight">
      <svg aria-hidden="true" width="26" height="26" viewBox="0 0 32 32">
        <rect width="32" height="32" rx="8" className="fill-accent" />
        <path d="M9 10h14M9 16h9M9 22h14" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" className="text-accent-fg" />
      </svg>
      {/* On the narrowest phones the mark alone stands for the name, leaving room for the controls. */}
      <span lang="en" className="max-[420px]:sr-only">
        SYN <span className="text-fg-muted">to</span> FIN
      </span>
    </IntentLink>
  );
}

/**
 * The site's header in one language, rendered on the server (the root layout renders both and
 * components/layout/route-language.tsx shows the route's). Its links fetch their page when the
 * reader heads for them, so a page that is only read never downloads the search page's code.
 */
export function SiteHeader({ locale }: { locale: Locale }) {
  const all = chromeWords(locale);
  const words = all.nav;
  const nav = [
    { href: localePath(locale, "/course"), label: words.course },
    { href: playgroundPath(locale), label: words.playground },
    { href: localePath(locale, "/capture-challenges"), label: words.captureChallenges },
    { href: localePath(locale, "/review"), label: words.review },
    { href: localePath(locale, "/glossary"), label: words.glossary },
    { href: localePath(locale, "/about"), label: words.about },
  ];
  return (
    <header className="sticky top-0 z-30 border-b border-border bg-bg/90 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-3 sm:gap-4 sm:px-4">
        <Logo href={localePath(locale, "/")} />
        <nav aria-label={words.main} className="hidden items-center gap-0.5 xl:flex">
          {nav.map((item) => (
            <IntentLink key={item.href} href={item.href} className="whitespace-nowrap rounded-md px-2 py-1.5 text-sm text-fg-muted hover:bg-bg-sunken hover:text-fg">
              {item.label}
            </IntentLink>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-0.5 whitespace-nowrap sm:gap-1">
          <IntentLink
            href={searchPath(locale)}
            className="inline-flex h-9 min-w-9 items-center justify-center gap-1.5 rounded-lg px-2 text-sm text-fg-muted hover:bg-bg-sunken hover:text-fg md:px-2.5"
            data-search-entry
          >
            <svg aria-hidden="true" width="17" height="17" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
              <circle cx="11" cy="11" r="7" />
              <path d="m20 20-3.5-3.5" />
            </svg>
            <span className="sr-only md:not-sr-only xl:sr-only">{words.search}</span>
          </IntentLink>
          <LanguageSwitch locale={locale} />
          <ThemeToggle words={all.theme} />
          <UserMenu locale={locale} />
        </div>
      </div>
      <nav aria-label={words.mainCompact} className="flex gap-1 overflow-x-auto border-t border-border px-3 py-1.5 sm:px-4 xl:hidden">
        {nav.map((item) => (
          <IntentLink key={item.href} href={item.href} className="shrink-0 whitespace-nowrap rounded-md px-2.5 py-1 text-sm text-fg-muted hover:bg-bg-sunken">
            {item.label}
          </IntentLink>
        ))}
      </nav>
    </header>
  );
}
