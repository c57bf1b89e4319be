"use client";

import { useId } from "react";
import { explainTransition, transitionsOfSegment } from "@/domain/simulator/capture-explanations";
import type { CaptureConnection, StateTransition } from "@/domain/tcp/pcap";
import { captureExplanationWords } from "@/lib/i18n/words/capture-explanations";
import { LazyDetails } from "./lazy-details";
import { useViewLocale } from "./locale";
import type { Locale } from "@/domain/locale";

/**
 * Why each inferred state changed: the segment, the RFC 9293 rule (and the Linux function behind
 * it) and, for a received segment, how its arrival was placed among the receiver's own segments
 * (acknowledgement numbers, TCP timestamps). Shows the selected segment's changes, and all of
 * them on request. Rendered by the capture viewer.
 */
export function CaptureStateChanges({ connection, selected, locale: localeProp }: { connection: CaptureConnection; selected: number | null; locale?: Locale }) {
  const locale = useViewLocale(localeProp);
  const words = captureExplanationWords(locale);
  const headingId = useId();
  const index = selected === null ? null : selected - 1;
  const frame = index === null ? null : (connection.segments[index]?.frame ?? selected);
  const changes = index === null ? [] : transitionsOfSegment(connection, index);
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-border p-3 text-sm">
      <h3 id={headingId} className="font-semibold">
        {words.heading}
      </h3>
      <p className="text-xs text-fg-muted">{words.intro}</p>
      {index !== null && frame !== null ? (
        <div className="mt-2" aria-live="polite">
          <p className="font-medium">{words.ofSegment(frame)}</p>
          {changes.length === 0 ? (
            <p className="text-fg-muted">{words.none}</p>
          ) : (
            <ul className="mt-1 space-y-2">
              {changes.map((transition, position) => (
                <Explanation key={position} connection={connection} transition={transition} locale={locale} />
              ))}
            </ul>
          )}
        </div>
      ) : null}
      <LazyDetails summary={words.all(connection.transitions.length)} className="mt-2">
        {() => (
          <ol className="mt-1 space-y-2">
            {connection.transitions.map((transition, position) => (
              <Explanation key={position} connection={connection} transition={transition} locale={locale} />
            ))}
          </ol>
        )}
      </LazyDetails>
    </section>
  );
}

function Explanation({ connection, transition, locale }: { connection: CaptureConnection; transition: StateTransition; locale: Locale }) {
  const words = captureExplanationWords(locale);
  const text = explainTransition(connection, transition, locale);
  return (
    <li>
      <p className="font-medium">{text.headline}</p>
      <p>
        <span className="text-fg-muted">{words.rule}: </span>
        {text.rule} <span className="text-xs text-fg-muted">({text.source})</span>
      </p>
      {text.arrival ? (
        <p>
          <span className="text-fg-muted">{words.arrival}: </span>
          {text.arrival}
        </p>
      ) : null}
    </li>
  );
}
