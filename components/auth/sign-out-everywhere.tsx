"use client";

import { signOut } from "@/lib/auth/browser-session";
import { useState } from "react";
import { signOutEverywhereAction } from "@/lib/auth/account-actions";
import { localePath } from "@/lib/i18n/paths";
import { authWords } from "@/lib/i18n/words/auth";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import type { Locale } from "@/domain/locale";

/** Ends every session of the account, then this browser's, and goes to the home page. */
export function SignOutEverywhere({ locale }: { locale: Locale }) {
  const words = authWords(locale);
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  async function onClick() {
    setPending(true);
    setRefusal(null);
    try {
      const result = await signOutEverywhereAction(locale);
      // An ended session is signed out already: this browser's sign-out still runs.
      if (!result.ok && !result.sessionEnded) {
        setRefusal(result.message ?? words.errors.serverFailed);
        setPending(false);
        return;
      }
      await signOut({ callbackUrl: localePath(locale, "/") });
    } catch {
      setRefusal(words.errors.serverFailed);
      setPending(false);
    }
  }

  return (
    <div className="space-y-3">
      {refusal ? <Alert tone="danger">{refusal}</Alert> : null}
      <Button variant="secondary" onClick={onClick} disabled={pending}>
        {pending ? words.account.signingOutEverywhere : words.account.signOutEverywhere}
      </Button>
    </div>
  );
}
