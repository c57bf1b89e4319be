"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type ReactNode } from "react";
import { resendClassScoresAction, resendScoreAction, syncRosterAction } from "@/lib/lti/actions";
import { ltiWords } from "@/lib/i18n/words/lti";
import { formatDateTime } from "@/lib/format/date";
import type { ScoreSync, StudentSync } from "@/lib/lti/views.server";
import type { ActionResult } from "@/lib/http/action-result";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { TableHead } from "../ui/table";
import { scoreText } from "./assignment-panel";
import { LOCALE_LANG, type Locale } from "@/domain/locale";

const TONE = { DELIVERED: "success", PENDING: "warning", FAILED: "danger" } as const;

function when(date: Date | null, lang: string): string {
  return date ? formatDateTime(new Date(date).toISOString(), undefined, lang) : "";
}

/** One score's sync state in words: status badge, score, attempts, next try or error. */
export function SyncCell({ sync, locale }: { sync: ScoreSync | null; locale: Locale }) {
  const words = ltiWords(locale);
  const lang = LOCALE_LANG[locale];
  if (!sync) return <span className="text-fg-muted">{words.sync.none}</span>;
  const details = [
    scoreText(sync, words.assignment),
    sync.status === "DELIVERED" && sync.deliveredAt ? words.sync.sentAt(when(sync.deliveredAt, lang)) : null,
    sync.status !== "DELIVERED" && sync.attempts ? words.sync.attempts(sync.attempts) : null,
    sync.status === "PENDING" && sync.attempts && sync.nextAttemptAt ? words.sync.nextTry(when(sync.nextAttemptAt, lang)) : null,
  ].filter(Boolean);
  return (
    <span className="flex flex-col gap-1">
      <span className="flex flex-wrap items-center gap-2">
        <Badge tone={TONE[sync.status]}>{words.sync.status[sync.status]}</Badge>
        <span>{details.join(" · ")}</span>
      </span>
      {sync.lastError && sync.status !== "DELIVERED" ? <span className="break-words text-xs text-fg-muted">{sync.lastError}</span> : null}
    </span>
  );
}

type Done = (ok: boolean, message?: string) => void;

/**
 * A sync button: runs one Server Action, disabled while it runs, and hands its answer to `onDone`
 * (a failed request counts as not ok, with no message), which announces it.
 */
function SyncActionButton({ send, onDone, label, children }: { send: () => Promise<ActionResult>; onDone: Done; label?: string; children: ReactNode }) {
  const [pending, start] = useTransition();
  return (
    <Button
      size="sm"
      variant="secondary"
      aria-label={label}
      disabled={pending}
      onClick={() =>
        start(async () => {
          const result = await send().catch(() => null);
          onDone(result?.ok ?? false, result?.message);
        })
      }
    >
      {children}
    </Button>
  );
}

/**
 * The latest sync answer, announced above the table (`fallback` words an answer that came with no
 * message), and `done`, which records an answer and refreshes the page to show the new states.
 */
function useSyncAnswer(fallback: (ok: boolean) => string): { announcement: ReactNode; done: Done } {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const done = (ok: boolean, text?: string) => {
    setMessage({ ok, text: text ?? fallback(ok) });
    router.refresh();
  };
  const announcement = message ? (
    <Alert tone={message.ok ? "success" : "danger"} className="mt-3">
      {message.text}
    </Alert>
  ) : null;
  return { announcement, done };
}

export function ResendButton({ jobId, label, locale, onDone }: { jobId: string; label: string; locale: Locale; onDone: Done }) {
  return (
    <SyncActionButton send={() => resendScoreAction(jobId, locale)} onDone={onDone} label={label}>
      {ltiWords(locale).sync.resend}
    </SyncActionButton>
  );
}

/** An instructor's table of every student's score on one link, as sent to the LMS, with resend. */
export function LinkSyncTable({ students, platformName, classId, locale }: { students: StudentSync[]; platformName: string; classId: string; locale: Locale }) {
  const words = ltiWords(locale).sync;
  const { announcement, done } = useSyncAnswer((ok) => (ok ? words.sent : words.failed));
  return (
    <section aria-labelledby="lti-sync" className="mb-6 rounded-xl border border-border bg-bg-elevated p-4 text-sm">
      <h2 id="lti-sync" className="font-semibold">
        {words.heading}
      </h2>
      <p className="mt-1 text-fg-muted">{words.intro(platformName)}</p>
      {announcement}
      {students.length === 0 ? (
        <p className="mt-3">{words.empty}</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <TableHead rowClassName="border-b border-border" headings={[words.student, words.state, words.action]} cellClassName="py-2 pr-3 font-medium last:pr-0" />
            <tbody>
              {students.map((student) => {
                const name = student.name ?? student.email;
                return (
                  <tr key={student.userId} className="border-b border-border align-top" data-student={student.userId}>
                    <th scope="row" className="py-2 pr-3 font-normal">
                      {name}
                    </th>
                    <td className="py-2 pr-3">
                      <SyncCell sync={student.sync} locale={locale} />
                    </td>
                    <td className="py-2">{student.sync ? <ResendButton jobId={student.sync.jobId} label={words.resendLabel(name)} locale={locale} onDone={done} /> : null}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="mt-3 flex flex-wrap gap-2">
        <SyncActionButton send={() => resendClassScoresAction(classId, locale)} onDone={done}>
          {words.resendAll}
        </SyncActionButton>
      </p>
    </section>
  );
}

/** Roster sync status and the "sync now" button of an LMS class. */
export function RosterPanel({
  classId,
  rosterService,
  syncedAt,
  error,
  locale,
}: {
  classId: string;
  rosterService: boolean;
  syncedAt: Date | null;
  error: string | null;
  locale: Locale;
}) {
  const words = ltiWords(locale).sync;
  const lang = LOCALE_LANG[locale];
  const { announcement, done } = useSyncAnswer(() => words.failed);
  return (
    <section aria-labelledby="lti-roster" className="rounded-xl border border-border bg-bg-elevated p-4 text-sm">
      <h2 id="lti-roster" className="font-semibold">
        {words.roster}
      </h2>
      {!rosterService ? (
        <p className="mt-1">{words.rosterNone}</p>
      ) : (
        <>
          <p className="mt-1">{syncedAt ? words.rosterSynced(when(syncedAt, lang)) : words.rosterNever}</p>
          {error ? <p className="mt-1 text-danger">{words.rosterError(error)}</p> : null}
          {announcement}
          <p className="mt-3">
            <SyncActionButton send={() => syncRosterAction(classId, locale)} onDone={done}>
              {words.syncRoster}
            </SyncActionButton>
          </p>
        </>
      )}
    </section>
  );
}
