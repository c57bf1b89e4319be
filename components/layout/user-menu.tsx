"use client";

import { usePathname } from "next/navigation";
import { lazy, Suspense } from "react";
import { useSession } from "@/lib/auth/browser-session";
import type { ChromeWords } from "@/lib/i18n/words/chrome";
import { accountPagePath, basePath } from "@/lib/i18n/paths";
import { buttonClass } from "../ui/button-class";
import { IntentLink } from "../ui/intent-link";
import type { Locale } from "@/domain/locale";

/** Visitors never download the signed-in links: they come in a chunk of their own once a session is known. */
const SignedInMenu = lazy(() => import("./signed-in-menu"));

/** Signing in from a page returns to it; from the home page (or the sign-in pages) to the dashboard. */
function returnTo(pathname: string): string | null {
  const base = basePath(pathname);
  return base === "/" || base === "/signin" || base === "/signup" ? null : pathname;
}

/** `locale` and `words` come from the server, for the route's language (components/layout/site-header.tsx). */
export function UserMenu({ locale, words }: { locale: Locale; words: ChromeWords["account"] }) {
  const { data: session, status } = useSession();
  const back = returnTo(usePathname() ?? "/");
  const waiting = <span className="h-8 w-24" aria-hidden="true" />;

  if (status === "loading") return waiting;

  if (!session?.user) {
    return (
      <div className="flex items-center gap-1 sm:gap-2">
        <IntentLink href={accountPagePath(locale, "/signin", back)} className={buttonClass("ghost", "sm")}>
          {words.signIn}
        </IntentLink>
        <IntentLink href={accountPagePath(locale, "/signup", back)} className={buttonClass("primary", "sm")}>
          {words.signUp}
        </IntentLink>
      </div>
    );
  }

  return (
    <Suspense fallback={waiting}>
      <SignedInMenu user={session.user} locale={locale} words={words} />
    </Suspense>
  );
}
