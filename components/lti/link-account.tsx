"use client";

import { useState, useTransition } from "react";
import { linkAccountAction } from "@/lib/lti/actions";
import { ltiWords } from "@/lib/i18n/words/lti";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import type { Locale } from "@/domain/locale";

export function LinkAccount({ token, locale, platformName, alreadyLinked }: { token: string; locale: Locale; platformName: string; alreadyLinked: boolean }) {
  const words = ltiWords(locale).link;
  const [done, setDone] = useState(alreadyLinked);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (done) return <Alert tone="success" className="mt-4">{words.done(platformName)}</Alert>;
  return (
    <div className="mt-4">
      {refusal ? (
        <Alert tone="danger" className="mb-3">
          {refusal}
        </Alert>
      ) : null}
      <Button
        disabled={pending}
        onClick={() =>
          start(async () => {
            const outcome = await linkAccountAction(token, locale).catch(() => null);
            if (outcome?.ok) return setDone(true);
            setRefusal(outcome?.message ?? ltiWords(locale).sync.failed);
          })
        }
      >
        {words.confirm}
      </Button>
    </div>
  );
}
