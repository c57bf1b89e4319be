"use client";

import Link from "next/link";
import { signOut, useSession } from "next-auth/react";
import { buttonClass } from "../ui/button";

export function UserMenu() {
  const { data: session, status } = useSession();

  if (status === "loading") return <span className="h-8 w-24" aria-hidden="true" />;

  if (!session?.user) {
    return (
      <div className="flex items-center gap-2">
        <Link href="/signin" className={buttonClass("ghost", "sm")}>
          Sign in
        </Link>
        <Link href="/signup" className={buttonClass("primary", "sm")}>
          Sign up
        </Link>
      </div>
    );
  }

  const teaches = session.user.role === "INSTRUCTOR" || session.user.role === "ADMIN";
  return (
    <div className="flex items-center gap-1 sm:gap-2">
      <Link href="/dashboard" className={buttonClass("ghost", "sm")}>
        Dashboard
      </Link>
      {teaches ? (
        <Link href="/instructor" className={buttonClass("ghost", "sm")}>
          Teach
        </Link>
      ) : null}
      <span className="hidden max-w-40 truncate text-sm text-fg-muted md:inline" title={session.user.email ?? undefined}>
        {session.user.name ?? session.user.email}
      </span>
      <button type="button" onClick={() => signOut({ callbackUrl: "/" })} className={buttonClass("secondary", "sm")}>
        Sign out
      </button>
    </div>
  );
}
