"use client";

import { signOut } from "@/lib/auth/browser-session";
import { useState } from "react";
import { signOutEverywhereAction } from "@/lib/auth/account-actions";
import { localePath, type Locale } from "@/lib/i18n/paths";
import { authWords } from "@/lib/i18n/words/auth";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";

/** Ends every session of the account, then this browser's, and goes to the home page. */
export function SignOutEverywhere({ locale }: { locale: Locale }) {
  const words = authWords(locale);
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  async function onClick() {
    setPending(true);
    setFailed(false);
    try {
      await signOutEverywhereAction();
      await signOut({ callbackUrl: localePath(locale, "/") });
    } catch {
      setFailed(true);
      setPending(false);
    }
  }

  return (
    <div className="space-y-3">
      {failed ? <Alert tone="danger">{words.errors.serverFailed}</Alert> : null}
      <Button variant="secondary" onClick={onClick} disabled={pending}>
        {pending ? words.account.signingOutEverywhere : words.account.signOutEverywhere}
      </Button>
    </div>
  );
}
