"use client";

import Link from "next/link";
import type { Session } from "next-auth";
import { signOut } from "@/lib/auth/browser-session";
import type { ChromeWords } from "@/lib/i18n/words/chrome";
import { localePath } from "@/lib/i18n/paths";
import { buttonClass } from "../ui/button-class";
import type { Locale } from "@/domain/locale";

/** The header's account links for someone signed in: loaded only once the session says so (components/layout/user-menu.tsx). */
export default function SignedInMenu({ user, locale, words }: { user: NonNullable<Session["user"]>; locale: Locale; words: ChromeWords["account"] }) {
  const teaches = user.role === "INSTRUCTOR" || user.role === "ADMIN";
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
        title={`${words.account}: ${user.email ?? ""}`}
      >
        {user.name ?? user.email}
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
