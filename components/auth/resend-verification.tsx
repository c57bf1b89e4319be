"use client";

import { useState } from "react";
import { resendVerificationAction } from "@/lib/auth/account-actions";
import type { Locale } from "@/lib/i18n/paths";
import { authWords } from "@/lib/i18n/words/auth";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";

export function ResendVerification({ locale }: { locale: Locale }) {
  const words = authWords(locale).verification;
  const [state, setState] = useState<"idle" | "pending" | "sent" | "failed">("idle");
  async function onClick() {
    setState("pending");
    try {
      setState((await resendVerificationAction(locale)).ok ? "sent" : "failed");
    } catch {
      setState("failed");
    }
  }
  return (
    <div className="space-y-3">
      {state === "sent" ? <Alert tone="success">{words.resent}</Alert> : null}
      {state === "failed" ? <Alert tone="danger">{words.sendFailed}</Alert> : null}
      <Button variant="secondary" onClick={onClick} disabled={state === "pending"}>
        {words.resend}
      </Button>
    </div>
  );
}
