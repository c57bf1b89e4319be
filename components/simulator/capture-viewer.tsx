"use client";

import { useId, useRef, useState, type DragEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import { LiveControls } from "@/components/ui/live-controls";
import { useScrollAnchorExclusion } from "@/components/ui/use-scroll-anchor-exclusion";
import type { HostId } from "@/domain/tcp";
import type { CaptureConnection } from "@/domain/tcp/pcap";
// The words alone, not the reader: the page reads captures in a worker.
import { noteText, problemText } from "@/domain/tcp/pcap/problem-words";
import { CAPTURE_SAMPLES, findCaptureSample } from "@/domain/simulator/capture-samples";
import { RunItYourself } from "./run-it-yourself";
import { formatCount } from "@/domain/simulator/format";
import { labWords, type LabWords } from "@/lib/i18n/words/labs";
import { simulatorWords } from "@/lib/i18n/words/simulator";
import { CaptureStateChanges } from "./capture-state-changes";
import { Ladder } from "./ladder";
import { LazyDetails } from "./lazy-details";
import { LiveStateDiagram } from "./live-state-diagram";
import { SimulatorLocale, useViewLocale } from "./locale";
import { PacketList } from "./packet-list";
import { LargeCapture } from "./large-capture";
import { useCaptureReading } from "./use-capture-reading";
import { CAPTURE_SEGMENT_LIMIT } from "./worker-protocol";
import type { Locale } from "@/domain/locale";

export interface CaptureViewerProps {
  /** A shipped sample to open (see docs/simulators.md for the ids). */
  sample?: string;
  /** Offer the list of samples (default true). */
  samples?: boolean;
  /** Offer opening a file of the reader's own (default true). */
  upload?: boolean;
  title?: string;
  /** Height of the sequence diagram (px). */
  height?: number;
  onSampleChange?: (id: string | null) => void;
  /** The lesson's language (set by the lesson page or the playground). */
  locale?: Locale;
}

function connectionLabel(connection: CaptureConnection, index: number, words: LabWords["capture"]): string {
  const last = (host: HostId) => connection.states[host][connection.states[host].length - 1] ?? "CLOSED";
  return words.connectionLabel({
    index: index + 1,
    client: connection.client,
    server: connection.server,
    segments: connection.segments.length,
    clientState: last("client"),
    serverState: last("server"),
  });
}

/** A read capture shows every segment as delivered. */
const delivered = () => "delivered" as const;

/** Room a read connection takes besides its ladder: the packet list and the state diagram. */
const LOADING_ROOM_BELOW_LADDER = 850;

/** Opens .pcap and .pcapng files in the browser (nothing is uploaded) and draws their TCP connections. */
export function CaptureViewer({ sample, samples = true, upload = true, title, height = 360, onSampleChange, locale: localeProp }: CaptureViewerProps) {
  const locale = useViewLocale(localeProp);
  const words = labWords(locale).capture;
  const hosts = simulatorWords(locale).host;
  const ids = useId();
  const reading = useCaptureReading(sample, locale, onSampleChange);
  const { sampleId, status, connectionIndex, selected, setSelected, largeFile, chooseSample, openFile, openLargeConnection, chooseConnection } = reading;
  const { absolute, setAbsolute, analysis, connection, model, rows, states } = reading;
  const [dragging, setDragging] = useState(false);
  // The sample that opens with the page grows the viewer once read: the reader's place is kept.
  const region = useRef<HTMLElement>(null);
  useScrollAnchorExclusion(region, status.kind === "loading");
  const [fileName, setFileName] = useState<string | null>(null);

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) setFileName(file.name);
    openFile(file);
  };

  const current = sampleId === null ? null : findCaptureSample(sampleId);

  return (
    <SimulatorLocale value={locale}>
    <section ref={region} aria-label={words.region} className="not-prose my-8 @container rounded-xl border border-border bg-bg-elevated p-3 text-fg shadow-sm sm:p-4">
      <LiveControls>
      <p className="font-semibold">{title ?? words.title}</p>
      <p className="text-sm text-fg-muted">{words.intro}</p>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        {samples ? (
          <div className="flex flex-col text-sm">
            <label htmlFor={`${ids}-sample`} className="font-medium">
              {words.sample}
            </label>
            <select
              id={`${ids}-sample`}
              value={sampleId ?? ""}
              onChange={(event) => chooseSample(event.target.value === "" ? null : event.target.value)}
              className="mt-1 h-9 rounded-lg border border-border bg-bg px-2"
            >
              <option value="">{words.chooseSample}</option>
              {CAPTURE_SAMPLES.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.text[locale].title}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {upload ? (
          <div
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            className={cn(
              "flex min-h-[4rem] flex-1 flex-col justify-center rounded-lg border-2 border-dashed px-3 py-2 text-sm",
              dragging ? "border-accent bg-accent-soft" : "border-border",
            )}
          >
            <label id={`${ids}-file-label`} htmlFor={`${ids}-file`} className="font-medium">
              {words.openFile}
            </label>
            {/* The browser words its own file button in its interface language: this one speaks the page's. */}
            <span className="mt-1 flex flex-wrap items-center gap-2 text-sm">
              <input
                id={`${ids}-file`}
                type="file"
                accept=".pcap,.pcapng,.cap,application/vnd.tcpdump.pcap"
                aria-labelledby={`${ids}-file-label`}
                  onChange={(event) => {
                  const file = event.target.files?.[0];
                  if (file) setFileName(file.name);
                  openFile(file);
                }}
                className="peer sr-only"
              />
              <label
                htmlFor={`${ids}-file`}
                aria-hidden="true"
                className="cursor-pointer rounded-md border border-border bg-bg-elevated px-2 py-1 text-fg hover:bg-bg-sunken peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-accent"
              >
                {words.chooseFile}
              </label>
              <span className="min-w-0 break-all text-fg-muted">{fileName ?? words.noFile}</span>
            </span>
            <span className="text-xs text-fg-muted">{words.orDrop}</span>
          </div>
        ) : null}
      </div>
      {current ? <p className="mt-2 text-sm text-fg-muted">{current.text[locale].description}</p> : null}
      {current ? <RunItYourself sample={current.id} locale={locale} /> : null}
      {largeFile ? (
        <LargeCapture
          key={`${largeFile.name}:${largeFile.size}:${largeFile.lastModified}`}
          file={largeFile}
          locale={locale}
          onConnection={openLargeConnection}
        />
      ) : null}

      {/* While a capture is read this holds about the room its connection takes (the ladder plus
          the packet list and state diagram, measured at phone to desktop widths). */}
      <div className="mt-3" aria-live="polite" style={status.kind === "loading" ? { minHeight: height + LOADING_ROOM_BELOW_LADDER } : undefined}>
        {status.kind === "loading" ? <p className="text-sm text-fg-muted">{words.reading(status.name)}</p> : null}
        {status.kind === "error" ? (
          <Alert tone="danger">
            <strong>{words.couldNotRead(status.name)}</strong>
            {words.sentenceGap}
            {status.problem ? problemText(status.problem, locale) : status.message}
          </Alert>
        ) : null}
        {analysis && status.kind === "ready" ? (
          <p className="text-sm text-fg-muted">
            {words.summary({
              name: status.name,
              format: analysis.capture.format,
              packets: formatCount(analysis.capture.packets),
              segments: formatCount(analysis.capture.tcpSegments),
              connections: analysis.connections.length,
              readMs: status.elapsedMs < 1 ? "<1" : status.elapsedMs.toFixed(0),
            })}
          </p>
        ) : null}
      </div>
      {analysis && analysis.warnings.length > 0 ? (
        <Alert tone="warning" className="mt-2">
          <strong>{words.problems(analysis.warnings.length)}</strong>
          <ul className="mt-1 list-disc pl-5">
            {analysis.warnings.slice(0, 3).map((warning, index) => (
              <li key={index}>{problemText(warning, locale)}</li>
            ))}
          </ul>
          {analysis.warnings.length > 3 ? (
            <LazyDetails summary={words.more(analysis.warnings.length - 3)}>
              {() => (
                <ul className="mt-1 list-disc pl-5">
                  {analysis.warnings.slice(3).map((warning, index) => (
                    <li key={index}>{problemText(warning, locale)}</li>
                  ))}
                </ul>
              )}
            </LazyDetails>
          ) : null}
        </Alert>
      ) : null}
      {analysis && analysis.connections.length === 0 ? <Alert className="mt-2">{words.noConnections}</Alert> : null}

      {connection && model && states ? (
        <div className="mt-3 space-y-3">
          <div className="flex flex-wrap items-end gap-3">
            <div className="flex min-w-0 flex-1 flex-col text-sm">
              <label htmlFor={`${ids}-connection`} className="font-medium">
                {words.connection}
              </label>
              <select
                id={`${ids}-connection`}
                value={connectionIndex}
                onChange={(event) => chooseConnection(Number(event.target.value))}
                className="mt-1 h-9 max-w-full rounded-lg border border-border bg-bg px-2"
              >
                {analysis?.connections.map((candidate, index) => (
                  <option key={index} value={index}>
                    {connectionLabel(candidate, index, words)}
                  </option>
                ))}
              </select>
            </div>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={absolute} onChange={(event) => setAbsolute(event.target.checked)} disabled={connection.isn.client === null} />
              {words.absolute}
            </label>
          </div>
          <dl className="grid gap-1 text-sm @2xl:grid-cols-2">
            {(["client", "server"] as const).map((host) => (
              <div key={host}>
                <dt className="font-semibold">
                  {hosts[host]} <span className="font-mono text-xs font-normal text-fg-muted">{connection[host]}</span>
                </dt>
                <dd className="font-mono text-xs">{connection.states[host].join(" → ")}</dd>
              </div>
            ))}
          </dl>
          {connection.notes.length > 0 ? (
            <ul className="list-disc pl-5 text-xs text-fg-muted">
              {connection.notes.map((note) => (
                <li key={note.message}>{noteText(note, locale)}</li>
              ))}
            </ul>
          ) : null}
          {connection.segmentsOmitted ? (
            <p className="text-xs text-warning">
              {words.omitted(formatCount(CAPTURE_SEGMENT_LIMIT), formatCount(connection.segmentsOmitted))}
            </p>
          ) : null}
          <div className="rounded-lg border border-border">
            <Ladder model={model} cursor={Infinity} selected={selected} onSelect={setSelected} height={height} />
          </div>
          <PacketList rows={rows} count={rows.length} statusOf={delivered} selected={selected} onSelect={setSelected} caption={words.packetsCaption} follow={false} />
          <div className="grid items-start gap-3 @2xl:grid-cols-2">
            <figure>
              <LiveStateDiagram client={states.client} server={states.server} />
              <figcaption className="mt-1 text-center text-xs text-fg-muted">
                {selected === null ? words.statesAtEnd : words.statesAfter(rows[selected - 1]?.no ?? selected)}
                {words.inferred}
              </figcaption>
            </figure>
            <LazyDetails summary={words.asText}>
              {() => (
                <ol className="mt-1 list-decimal space-y-0.5 pl-6">
                  {model.arrows.map((arrow) => (
                    <li key={arrow.id}>{arrow.description}</li>
                  ))}
                </ol>
              )}
            </LazyDetails>
          </div>
          <CaptureStateChanges connection={connection} selected={selected} locale={locale} />
        </div>
      ) : null}
      </LiveControls>
    </section>
    </SimulatorLocale>
  );
}
