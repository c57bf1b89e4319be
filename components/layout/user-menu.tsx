"use client";

import Link from "next/link";
import { signOut, useSession } from "next-auth/react";
import { dictionary } from "@/lib/i18n/dictionary";
import { buttonClass } from "../ui/button";
import { useLocale } from "./use-locale";

export function UserMenu() {
  const { data: session, status } = useSession();
  const words = dictionary(useLocale()).account;

  if (status === "loading") return <span className="h-8 w-24" aria-hidden="true" />;

  if (!session?.user) {
    return (
      <div className="flex items-center gap-1 sm:gap-2">
        <Link href="/signin" className={buttonClass("ghost", "sm")}>
          {words.signIn}
        </Link>
        <Link href="/signup" className={buttonClass("primary", "sm")}>
          {words.signUp}
        </Link>
      </div>
    );
  }

  const teaches = session.user.role === "INSTRUCTOR" || session.user.role === "ADMIN";
  return (
    <div className="flex items-center gap-1 sm:gap-2">
      <Link href="/dashboard" className={buttonClass("ghost", "sm")}>
        {words.dashboard}
      </Link>
      {teaches ? (
        <Link href="/instructor" className={buttonClass("ghost", "sm")}>
          {words.teach}
        </Link>
      ) : null}
      <span className="hidden max-w-40 truncate text-sm text-fg-muted md:inline" title={session.user.email ?? undefined}>
        {session.user.name ?? session.user.email}
      </span>
      <button type="button" onClick={() => signOut({ callbackUrl: "/" })} className={buttonClass("secondary", "sm")}>
        {words.signOut}
      </button>
    </div>
  );
}
