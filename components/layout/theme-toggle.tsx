import type { ChromeWords } from "@/lib/i18n/words/chrome";
import { ThemeButton } from "./theme-button";

/**
 * The theme toggle. Its icon and its name follow the `dark` class the theme script sets before the
 * first paint, by CSS: the name and the icon for the other theme are `display: none`, so they are
 * out of the accessibility tree too, and the browser runs only the click handler (ADR 1510).
 */
export function ThemeToggle({ words }: { words: ChromeWords["theme"] }) {
  return (
    <ThemeButton className="inline-flex h-9 w-9 items-center justify-center rounded-lg text-fg-muted hover:bg-bg-sunken hover:text-fg">
      <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" className="hidden dark:block">
        <circle cx="12" cy="12" r="4" />
        <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
      </svg>
      <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" className="dark:hidden">
        <path d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z" />
      </svg>
      <span className="sr-only">
        <span className="dark:hidden">{words.toDark}</span>
        <span className="hidden dark:inline">{words.toLight}</span>
      </span>
    </ThemeButton>
  );
}
