import type { Ref } from "react";
import type { ExplainedSegment } from "@/domain/capture-challenges";
import type { UploadResponse } from "@/domain/capture-challenges/upload-response";
import { captureChallengeWords } from "@/lib/i18n/words/capture-challenges";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { Locale } from "@/domain/locale";

/**
 * The server's verdict on an upload: the goal met or not and why, then the examined connection
 * segment by segment as a list (it reads on a phone without sideways scrolling), each with what
 * the goal makes of it and the state changes it caused.
 */
export function CaptureVerdictView({
  result,
  locale,
  headingRef,
}: {
  result: Extract<UploadResponse, { ok: true }>;
  locale: Locale;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  const words = captureChallengeWords(locale);
  const { verdict } = result;
  const connection = verdict.connection;
  const stored =
    result.stored === "new" ? words.storedNew : result.stored === "existing" ? words.storedExisting : result.stored === "signed-out" ? words.storedSignedOut : null;
  return (
    <section aria-labelledby="verdict-heading" data-testid="capture-verdict" data-outcome={verdict.outcome}>
      <h3 id="verdict-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold">
        {verdict.reached ? words.reached : words.notReached}
      </h3>
      <Alert tone={verdict.reached ? "success" : "warning"} className="mt-2">
        <p>{verdict.summary}</p>
        {stored ? <p className="mt-1 font-medium">{stored}</p> : null}
        {result.kept ? <p className="mt-1">{words.keptNote}</p> : null}
      </Alert>
      <p className="mt-2 text-sm text-fg-muted">{words.captureFacts(verdict.capture.format, verdict.capture.packets, verdict.capture.connections)}</p>
      {connection ? (
        <div className="mt-4">
          <p className="font-medium break-all">{words.examined(connection.client, connection.server)}</p>
          <h4 className="mt-3 font-semibold">{words.statePaths}</h4>
          <ul className="mt-1 text-sm">
            {(["client", "server"] as const).map((role) => (
              <li key={role} className="break-words">
                <span className="font-medium">{words.host[role]}</span>
                {words.colon}
                {connection.states[role].join(" → ")}
              </li>
            ))}
          </ul>
          {connection.notes.length > 0 ? (
            <>
              <h4 className="mt-3 font-semibold">{words.readerNotes}</h4>
              <ul className="mt-1 list-disc pl-5 text-sm">
                {connection.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            </>
          ) : null}
          <h4 className="mt-4 font-semibold">{words.segments}</h4>
          <ol className="mt-2 flex flex-col gap-2" data-testid="capture-segments">
            {connection.segments.map((segment) => (
              <SegmentItem key={segment.index} segment={segment} locale={locale} />
            ))}
          </ol>
          {connection.segmentsOmitted > 0 ? <p className="mt-2 text-sm text-fg-muted">{words.omitted(connection.segmentsOmitted)}</p> : null}
        </div>
      ) : null}
      {verdict.others.length > 0 ? (
        <details className="mt-4">
          <summary className="cursor-pointer font-medium">{words.others(verdict.others.length)}</summary>
          <ul className="mt-2 text-sm">
            {verdict.others.map((other, index) => (
              <li key={index} className="break-all">
                {other.client} → {other.server} ({other.segments})
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {verdict.warnings.length > 0 ? (
        <>
          <h4 className="mt-4 font-semibold">{words.warnings}</h4>
          <ul className="mt-1 list-disc pl-5 text-sm">
            {verdict.warnings.map((warning, index) => (
              <li key={index} className="break-words">
                {warning}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function SegmentItem({ segment, locale }: { segment: ExplainedSegment; locale: Locale }) {
  const words = captureChallengeWords(locale);
  const to = segment.from === "client" ? "server" : "client";
  return (
    <li
      className={cn(
        "rounded-lg border px-3 py-2",
        segment.mark === "meets" ? "border-success/50 bg-success-soft/40" : segment.mark === "misses" ? "border-warning/60 bg-warning-soft/40" : "border-border",
      )}
      data-frame={segment.frame}
      data-mark={segment.mark}
    >
      <p className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
        <span className="font-semibold">{words.frame(segment.frame)}</span>
        <span className="text-fg-muted">{segment.t.toFixed(1)} ms</span>
        <span>{words.from(words.host[segment.from]!, words.host[to]!)}</span>
        <span className="font-mono font-semibold">{segment.flags}</span>
        <span className="font-mono">
          seq {segment.seq} ack {segment.ack ?? "–"} len {segment.len}
        </span>
        {segment.retransmission ? <Badge tone="warning">{words.retransmission}</Badge> : null}
        {segment.mark ? <Badge tone={segment.mark === "meets" ? "success" : "warning"}>{segment.mark === "meets" ? words.meets : words.misses}</Badge> : null}
      </p>
      {segment.notes.length > 0 ? (
        <ul className="mt-1 text-[0.95rem]">
          {segment.notes.map((note, index) => (
            <li key={index}>{note}</li>
          ))}
        </ul>
      ) : null}
      {segment.changes.length > 0 ? (
        <ul className="mt-1 text-sm text-fg-muted">
          {segment.changes.map((change, index) => (
            <li key={index}>{change}</li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
