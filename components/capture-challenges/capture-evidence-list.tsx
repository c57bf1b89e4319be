"use client";

import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { deleteKeptCaptureAction } from "@/lib/capture-challenges/actions";
import type { CaptureEvidenceItem } from "@/domain/capture-challenges/evidence-item";
import { accountPagePath } from "@/lib/i18n/paths";
import { captureChallengeWords } from "@/lib/i18n/words/capture-challenges";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { useHydrated } from "@/components/ui/use-hydrated";
import { LOCALE_LANG, type Locale } from "@/domain/locale";

/** The learner's successful captures for a challenge: what is kept of each, with download and delete of kept packets. */
export function CaptureEvidenceList({ evidence, locale }: { evidence: CaptureEvidenceItem[]; locale: Locale }) {
  const words = captureChallengeWords(locale);
  const router = useRouter();
  const pathname = usePathname() ?? "/";
  const hydrated = useHydrated();
  /** What the last delete answered: done, or refused with the server's explanation. */
  const [outcome, setOutcome] = useState<{ ok: boolean; message?: string; sessionEnded?: boolean } | null>(null);

  async function remove(evidenceId: string) {
    const result = await deleteKeptCaptureAction({ evidenceId }, locale).catch(() => ({ ok: false, message: words.deleteFailed, sessionEnded: false }));
    setOutcome(result);
    if (result.ok) router.refresh();
  }

  return (
    <section aria-labelledby="evidence-heading">
      <h2 id="evidence-heading" className="text-xl font-semibold">
        {words.evidence}
      </h2>
      <p className="mt-2 text-fg-muted">{words.evidenceIntro}</p>
      {outcome ? (
        <Alert tone={outcome.ok ? "info" : "danger"} className="mt-3">
          {outcome.message ?? (outcome.ok ? words.deleted : words.deleteFailed)}
          {outcome.sessionEnded ? (
            <>
              {" "}
              <a href={accountPagePath(locale, "/signin", pathname)} className="font-medium underline">
                {words.signIn}
              </a>
            </>
          ) : null}
        </Alert>
      ) : null}
      <ul className="mt-4 flex flex-col gap-3" data-testid="capture-evidence">
        {evidence.map((item) => (
          <li key={item.id} className="rounded-xl border border-border bg-bg-elevated p-4">
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className="text-fg-muted">{words.checkedAt}</dt>
              <dd>
                <LocalTime iso={item.checkedAt} lang={LOCALE_LANG[locale]} />
              </dd>
              <dt className="text-fg-muted">{words.sha}</dt>
              <dd className="font-mono break-all">{item.fileSha256}</dd>
              <dt className="text-fg-muted">{words.file}</dt>
              <dd>{words.size(item.fileBytes)}</dd>
            </dl>
            {item.summary ? (
              <p className="mt-2 text-sm break-all">
                {words.examined(item.summary.client, item.summary.server)} · {words.framesMeeting(item.summary.frames.join(", "))}
              </p>
            ) : null}
            <div className="mt-3 flex flex-wrap items-center gap-3">
              {item.keptBytes !== null ? (
                <>
                  <a href={`/api/capture-challenges/evidence/${encodeURIComponent(item.id)}`} className="text-sm font-medium underline" download>
                    {words.download} ({words.size(item.keptBytes)})
                  </a>
                  <Button variant="secondary" size="sm" disabled={!hydrated} onClick={() => remove(item.id)}>
                    {words.deleteKept}
                  </Button>
                </>
              ) : (
                <span className="text-sm text-fg-muted">{words.nothingKept}</span>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
