"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut, useSession } from "@/lib/auth/browser-session";
import { dictionary } from "@/lib/i18n/dictionary";
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
  const words = dictionary(locale).account;

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
      <Link href={localePath(locale, "/dashboard")} className={buttonClass("ghost", "sm")}>
        {words.dashboard}
      </Link>
      {teaches ? (
        <Link href="/instructor" className={buttonClass("ghost", "sm")}>
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
      <button type="button" onClick={() => signOut({ callbackUrl: localePath(locale, "/") })} className={buttonClass("secondary", "sm")}>
        {words.signOut}
      </button>
    </div>
  );
}
