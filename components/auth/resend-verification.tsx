"use client";

import { useState } from "react";
import { resendVerificationAction } from "@/lib/auth/account-actions";
import { authWords } from "@/lib/i18n/words/auth";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import type { Locale } from "@/domain/locale";

export function ResendVerification({ locale }: { locale: Locale }) {
  const words = authWords(locale).verification;
  const [pending, setPending] = useState(false);
  const [answer, setAnswer] = useState<{ ok: boolean; message: string } | null>(null);
  async function onClick() {
    setPending(true);
    setAnswer(null);
    const result = await resendVerificationAction(locale).catch(() => null);
    setAnswer({ ok: result?.ok ?? false, message: result?.message ?? words.sendFailed });
    setPending(false);
  }
  return (
    <div className="space-y-3">
      {answer ? <Alert tone={answer.ok ? "success" : "danger"}>{answer.message}</Alert> : null}
      <Button variant="secondary" onClick={onClick} disabled={pending}>
        {words.resend}
      </Button>
    </div>
  );
}
