import type { ReactNode } from "react";
import { getCurrentUser } from "@/lib/auth/session.server";
import { chromeWords } from "@/lib/i18n/words/chrome";
import { ltiWords } from "@/lib/i18n/words/lti";
import { ThemeToggle } from "../layout/theme-toggle";
import { LtiLinkGuard } from "./link-guard";
import type { Locale } from "@/domain/locale";

/** The chrome of pages shown inside an LMS: the name, who is signed in, the theme; no site navigation. */
export async function LtiFrame({ locale, children }: { locale: Locale; children: ReactNode }) {
  const words = ltiWords(locale);
  const user = await getCurrentUser();
  return (
    <div className="min-h-screen">
      <LtiLinkGuard />
      <header className="border-b border-border bg-bg/90">
        <div className="mx-auto flex h-12 max-w-4xl items-center gap-3 px-3 sm:px-4">
          <span className="flex items-center gap-2 font-semibold tracking-tight" lang="en">
            <svg aria-hidden="true" width="22" height="22" viewBox="0 0 32 32">
              <rect width="32" height="32" rx="8" className="fill-accent" />
              <path d="M9 10h14M9 16h9M9 22h14" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" className="text-accent-fg" />
            </svg>
            SYN <span className="text-fg-muted">to</span> FIN
          </span>
          <span className="sr-only">{words.frameLabel}</span>
          <div className="ml-auto flex min-w-0 items-center gap-2">
            {user ? <span className="truncate text-sm text-fg-muted">{words.signedInAs(user.name ?? user.email)}</span> : null}
            <ThemeToggle words={chromeWords(locale).theme} />
          </div>
        </div>
      </header>
      <div className="mx-auto max-w-4xl px-3 py-6 sm:px-4">{children}</div>
    </div>
  );
}

/** Shown when a page inside the LMS is opened without a launch session. */
export function NotSignedIn({ locale, publicHref }: { locale: Locale; publicHref: string }) {
  const words = ltiWords(locale).notSignedIn;
  return (
    <section aria-labelledby="not-signed-in" className="rounded-xl border border-border bg-bg-elevated p-5">
      <h1 id="not-signed-in" className="text-xl font-semibold">
        {words.title}
      </h1>
      <p className="mt-2 text-fg-muted">{words.body}</p>
      <p className="mt-3">
        <a href={publicHref} target="_blank" rel="noopener" className="text-accent underline underline-offset-2">
          {words.publicLink}
          <span className="sr-only"> {ltiWords(locale).opensInNewTab}</span>
        </a>
      </p>
    </section>
  );
}
