"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut, useSession } from "@/lib/auth/browser-session";
import { chromeWords } from "@/lib/i18n/words/chrome";
import { accountPagePath, basePath, localePath } from "@/lib/i18n/paths";
import { buttonClass } from "../ui/button";
import { useLocale } from "./use-locale";

/** Signing in from a page returns to it; from the home page (or the sign-in pages) to the dashboard. */
function returnTo(pathname: string): string | null {
  const base = basePath(pathname);
  return base === "/" || base === "/signin" || base === "/signup" ? null : pathname;
}

export function UserMenu() {
  const { data: session, status } = useSession();
  const locale = useLocale();
  const back = returnTo(usePathname() ?? "/");
  const words = chromeWords(locale).account;

  if (status === "loading") return <span className="h-8 w-24" aria-hidden="true" />;

  if (!session?.user) {
    return (
      <div className="flex items-center gap-1 sm:gap-2">
        <Link href={accountPagePath(locale, "/signin", back)} className={buttonClass("ghost", "sm")}>
          {words.signIn}
        </Link>
        <Link href={accountPagePath(locale, "/signup", back)} className={buttonClass("primary", "sm")}>
          {words.signUp}
        </Link>
      </div>
    );
  }

  const teaches = session.user.role === "INSTRUCTOR" || session.user.role === "ADMIN";
  return (
    <div className="flex items-center gap-1 sm:gap-2">
      <Link href={localePath(locale, "/dashboard")} className={buttonClass("ghost", "sm", "max-sm:px-2")}>
        {words.dashboard}
      </Link>
      {teaches ? (
        <Link href="/instructor" className={buttonClass("ghost", "sm", "max-sm:px-2")}>
          {words.teach}
        </Link>
      ) : null}
      <Link
        href={localePath(locale, "/account")}
        className="hidden max-w-40 truncate text-sm text-fg-muted underline-offset-2 hover:text-fg hover:underline md:inline"
        title={`${words.account}: ${session.user.email ?? ""}`}
      >
        {session.user.name ?? session.user.email}
      </Link>
      {/* On a phone the button is an icon (named for screen readers), so an instructor's header fits 360 px. */}
      <button type="button" onClick={() => signOut({ callbackUrl: localePath(locale, "/") })} className={buttonClass("secondary", "sm", "max-sm:px-2")} title={words.signOut}>
        <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" className="size-4 sm:hidden" aria-hidden="true">
          <path d="M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4" />
          <path d="m16 17 5-5-5-5" />
          <path d="M21 12H9" />
        </svg>
        <span className="max-sm:sr-only">{words.signOut}</span>
      </button>
    </div>
  );
}
