"use client";

import { lazy, Suspense, type ReactNode } from "react";
import { useSession } from "@/lib/auth/browser-session";
import type { ChromeWords } from "@/lib/i18n/words/chrome";
import type { Locale } from "@/domain/locale";

/** Visitors never download the signed-in links: they come in a chunk of their own once a session is known. */
const SignedInMenu = lazy(() => import("./signed-in-menu"));

/** Shows the visitor's links (server HTML, user-menu.tsx) or the signed-in menu, once the session is known. */
export function AccountSlot({ locale, words, visitor }: { locale: Locale; words: ChromeWords["account"]; visitor: ReactNode }) {
  const { data: session, status } = useSession();
  const waiting = <span className="h-8 w-24" aria-hidden="true" />;
  if (status === "loading") return waiting;
  if (!session?.user) return visitor;
  return (
    <Suspense fallback={waiting}>
      <SignedInMenu user={session.user} locale={locale} words={words} />
    </Suspense>
  );
}
