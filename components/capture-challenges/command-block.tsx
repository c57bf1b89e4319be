"use client";

import { useState } from "react";
import type { CommandStep } from "@/domain/capture-challenges";
import { captureChallengeWords } from "@/lib/i18n/words/capture-challenges";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { Locale } from "@/domain/locale";

/** One step: what it does, the exact command (copyable), and whether it keeps running. */
export function CommandBlock({ step, number, locale }: { step: CommandStep; number: number; locale: Locale }) {
  const words = captureChallengeWords(locale);
  const hydrated = useHydrated();
  const [copied, setCopied] = useState(false);
  const labelId = `command-${number}-label`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(step.command);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // Clipboard refused (permissions, insecure origin): the text stays selectable.
    }
  }

  return (
    <div className="rounded-xl border border-border bg-bg-elevated">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-border px-4 py-2">
        <p id={labelId} className="text-[0.95rem]">
          <span className="font-semibold">
            {words.step(number)} · {words.roles[step.role]}
          </span>
          {words.colon}
          {step.label[locale]}
        </p>
        <Button variant="ghost" size="sm" onClick={copy} disabled={!hydrated} aria-describedby={labelId}>
          {copied ? words.copied : words.copy}
        </Button>
      </div>
      <pre className="overflow-x-auto px-4 py-3 text-sm" tabIndex={0} aria-labelledby={labelId}>
        <code>{step.command}</code>
      </pre>
      {step.background ? <p className="border-t border-border px-4 py-2 text-sm text-fg-muted">{words.keepsRunning}</p> : null}
      {copied ? (
        <span className="sr-only" role="status">
          {words.copied}
        </span>
      ) : null}
    </div>
  );
}
