"use client";

import { useState, useTransition } from "react";
import { linkAccountAction } from "@/lib/lti/actions";
import { ltiWords } from "@/lib/i18n/words/lti";
import type { Locale } from "@/lib/i18n/paths";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";

export function LinkAccount({ token, locale, platformName, alreadyLinked }: { token: string; locale: Locale; platformName: string; alreadyLinked: boolean }) {
  const words = ltiWords(locale).link;
  const [result, setResult] = useState<"done" | "expired" | "elsewhere" | "failed" | null>(alreadyLinked ? "done" : null);
  const [pending, start] = useTransition();
  if (result === "done") return <Alert tone="success" className="mt-4">{words.done(platformName)}</Alert>;
  return (
    <div className="mt-4">
      {result ? (
        <Alert tone="danger" className="mb-3">
          {result === "expired" ? words.expired : result === "elsewhere" ? words.elsewhere : ltiWords(locale).sync.failed}
        </Alert>
      ) : null}
      <Button
        disabled={pending}
        onClick={() =>
          start(async () => {
            const outcome = await linkAccountAction(token).catch(() => null);
            if (!outcome) return setResult("failed");
            setResult(outcome.ok ? "done" : outcome.error === "linked-elsewhere" ? "elsewhere" : outcome.error === "signed-out" ? "failed" : "expired");
          })
        }
      >
        {words.confirm}
      </Button>
    </div>
  );
}
