"use client";

import { useCallback, useEffect, useId, useMemo, useRef, useState, type DragEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import { LiveControls } from "@/components/ui/live-controls";
import { useScrollAnchorExclusion } from "@/components/ui/use-scroll-anchor-exclusion";
import type { HostId, TcpState } from "@/domain/tcp";
import type { CaptureAnalysis, CaptureConnection } from "@/domain/tcp/pcap";
import { CAPTURE_SAMPLES, captureSampleText, findCaptureSample } from "@/domain/simulator/capture-samples";
import { RunItYourself } from "./run-it-yourself";
import { captureMessageZh, captureNoteZh } from "@/domain/simulator/capture-text";
import { flagHex, flagList, flagString, formatCount, formatSeconds, segmentKind } from "@/domain/simulator/format";
import { captureLadderModel } from "@/domain/simulator/ladder-model";
import { labWords, type LabWords } from "@/lib/i18n/words/labs";
import { simulatorWords } from "@/lib/i18n/words/simulator";
import { CaptureStateChanges } from "./capture-state-changes";
import { Ladder } from "./ladder";
import { LazyDetails } from "./lazy-details";
import { LiveStateDiagram } from "./live-state-diagram";
import { SimulatorLocale, useViewLocale } from "./locale";
import { PacketList, type PacketRow } from "./packet-list";
import { LargeCapture } from "./large-capture";
import { CAPTURE_SEGMENT_LIMIT, STREAMED_CAPTURE_BYTES } from "./worker-protocol";
import { runInWorker } from "./worker-client";
import type { Locale } from "@/domain/locale";


type Status =
  | { kind: "idle" }
  | { kind: "loading"; name: string }
  | { kind: "ready"; name: string; analysis: CaptureAnalysis; elapsedMs: number }
  /** `message` as the reader wrote it (English); shown translated. */
  | { kind: "error"; name: string; message: string };

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

/** Each host's state after the segment at `index` (before any segment when index is -1). */
function statesAfter(connection: CaptureConnection, index: number): Record<HostId, { state: TcpState; from: TcpState | null }> {
  const result: Record<HostId, { state: TcpState; from: TcpState | null }> = {
    client: { state: connection.states.client[0] ?? "CLOSED", from: null },
    server: { state: connection.states.server[0] ?? "CLOSED", from: null },
  };
  for (const transition of connection.transitions) {
    if (transition.segment > index) break;
    result[transition.host] = { state: transition.to, from: transition.from };
  }
  return result;
}

/** A request to read: a shipped sample or a file of the reader's own. Each request is a new object, so asking again reads again. */
type Source = { kind: "sample"; id: string } | { kind: "file"; file: File };

/** The name shown while reading and how to get the bytes. */
function reader(source: Source, locale: Locale): { name: string; read: () => Promise<ArrayBuffer> } {
  if (source.kind === "file") return { name: source.file.name, read: () => source.file.arrayBuffer() };
  const file = findCaptureSample(source.id)?.file ?? source.id;
  return {
    name: file,
    read: async () => {
      const response = await fetch(`/captures/${file}`);
      if (!response.ok) throw new Error(labWords(locale).capture.sampleFailed(response.status));
      return response.arrayBuffer();
    },
  };
}

/** Room a read connection takes besides its ladder: the packet list and the state diagram. */
const LOADING_ROOM_BELOW_LADDER = 850;

/** Opens .pcap and .pcapng files in the browser (nothing is uploaded) and draws their TCP connections. */
export function CaptureViewer({ sample, samples = true, upload = true, title, height = 360, onSampleChange, locale: localeProp }: CaptureViewerProps) {
  const locale = useViewLocale(localeProp);
  const words = labWords(locale).capture;
  const hosts = simulatorWords(locale).host;
  /** The reader's messages and notes in the viewer's language (offsets and names kept). */
  const message = locale === "zh" ? captureMessageZh : (text: string) => text;
  const note = locale === "zh" ? captureNoteZh : (text: string) => text;
  const ids = useId();
  const [sampleId, setSampleId] = useState<string | null>(sample && findCaptureSample(sample) ? sample : null);
  // What the reader last asked to read (the sample given as a prop to begin with). Reading is an
  // effect of this state, so only the latest request shows, whichever order the browser runs
  // the first load and the reader's first choice in.
  const [source, setSource] = useState<Source | null>(() => (sampleId === null ? null : { kind: "sample", id: sampleId }));
  const [status, setStatus] = useState<Status>(() => (source === null ? { kind: "idle" } : { kind: "loading", name: reader(source, locale).name }));
  const [connectionIndex, setConnectionIndex] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const [absolute, setAbsolute] = useState(false);
  const [dragging, setDragging] = useState(false);
  // The sample that opens with the page grows the viewer once read: the reader's place is kept.
  const region = useRef<HTMLElement>(null);
  useScrollAnchorExclusion(region, status.kind === "loading");
  const [fileName, setFileName] = useState<string | null>(null);
  // A file too large to read whole: LargeCapture streams it and hands over the connection opened.
  const [largeFile, setLargeFile] = useState<File | null>(null);

  useEffect(() => {
    if (source === null) return;
    let superseded = false;
    const { name, read } = reader(source, locale);
    void (async () => {
      try {
        const bytes = await read();
        const response = await runInWorker({ kind: "capture", bytes }, [bytes]);
        if (superseded) return;
        if (response.kind === "capture") setStatus({ kind: "ready", name, analysis: response.analysis, elapsedMs: response.elapsedMs });
        else if (response.kind === "error") setStatus({ kind: "error", name, message: response.message });
      } catch (error) {
        if (superseded) return;
        setStatus({ kind: "error", name, message: error instanceof Error ? error.message : String(error) });
      }
    })();
    return () => {
      superseded = true;
    };
  }, [source, locale]);

  const startLoading = (next: Source) => {
    setLargeFile(null);
    setSource(next);
    setStatus({ kind: "loading", name: reader(next, locale).name });
    setConnectionIndex(0);
    setSelected(null);
  };

  useEffect(() => onSampleChange?.(sampleId), [sampleId, onSampleChange]);

  const chooseSample = (id: string | null) => {
    setSampleId(id);
    if (id !== null && findCaptureSample(id) !== null) startLoading({ kind: "sample", id });
  };

  const openFile = (file: File | undefined) => {
    if (file === undefined) return;
    setSampleId(null);
    if (file.size > STREAMED_CAPTURE_BYTES) {
      setSource(null);
      setStatus({ kind: "idle" });
      setConnectionIndex(0);
      setSelected(null);
      setLargeFile(file);
      return;
    }
    startLoading({ kind: "file", file });
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) setFileName(file.name);
    openFile(file);
  };

  const analysis = status.kind === "ready" ? status.analysis : null;
  const connection = analysis?.connections[connectionIndex] ?? null;
  const model = useMemo(() => (connection ? captureLadderModel(connection, absolute, locale) : null), [connection, absolute, locale]);
  const rows: PacketRow[] = useMemo(() => {
    if (connection === null) return [];
    const direction = simulatorWords(locale).direction;
    return connection.segments.map((segment, index) => {
      const to: HostId = segment.from === "client" ? "server" : "client";
      const base = connection.isn[segment.from];
      const peer = connection.isn[to];
      const flags = [...segment.flags, ...(segment.ecn ?? [])];
      return {
        id: index + 1,
        no: segment.frame,
        time: formatSeconds(segment.t),
        direction: direction(segment.from),
        from: segment.from,
        flagHex: flagHex(flags),
        flagString: flagString(flags),
        flagNames: flagList(segment.flags),
        seq: absolute && base !== null ? (base + segment.seq) >>> 0 : segment.seq,
        ack: segment.ack === null ? null : absolute && peer !== null ? (peer + segment.ack) >>> 0 : segment.ack,
        len: segment.len,
        kind: segmentKind(segment.flags),
        retransmission: segment.retransmission === true,
      };
    });
  }, [connection, absolute, locale]);
  const statusOf = useCallback(() => "delivered" as const, []);
  const states = connection ? statesAfter(connection, selected === null ? connection.segments.length : selected - 1) : null;
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
                  {captureSampleText(option, locale).title}
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
      {current ? <p className="mt-2 text-sm text-fg-muted">{captureSampleText(current, locale).description}</p> : null}
      {current ? <RunItYourself sample={current.id} locale={locale} /> : null}
      {largeFile ? (
        <LargeCapture
          key={`${largeFile.name}:${largeFile.size}:${largeFile.lastModified}`}
          file={largeFile}
          locale={locale}
          onConnection={(opened, elapsedMs) => {
            setConnectionIndex(0);
            setSelected(null);
            setStatus(opened ? { kind: "ready", name: largeFile.name, analysis: opened, elapsedMs } : { kind: "idle" });
          }}
        />
      ) : null}

      {/* While a capture is read this holds about the room its connection takes (the ladder plus
          the packet list and state diagram, measured at phone to desktop widths). */}
      <div className="mt-3" aria-live="polite" style={status.kind === "loading" ? { minHeight: height + LOADING_ROOM_BELOW_LADDER } : undefined}>
        {status.kind === "loading" ? <p className="text-sm text-fg-muted">{words.reading(status.name)}</p> : null}
        {status.kind === "error" ? (
          <Alert tone="danger">
            <strong>{words.couldNotRead(status.name)}</strong> {message(status.message)}
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
              <li key={index}>{message(warning.message)}</li>
            ))}
          </ul>
          {analysis.warnings.length > 3 ? (
            <LazyDetails summary={words.more(analysis.warnings.length - 3)}>
              {() => (
                <ul className="mt-1 list-disc pl-5">
                  {analysis.warnings.slice(3).map((warning, index) => (
                    <li key={index}>{message(warning.message)}</li>
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
                onChange={(event) => {
                  setConnectionIndex(Number(event.target.value));
                  setSelected(null);
                }}
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
              {connection.notes.map((text) => (
                <li key={text}>{note(text)}</li>
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
          <PacketList rows={rows} count={rows.length} statusOf={statusOf} selected={selected} onSelect={setSelected} caption={words.packetsCaption} follow={false} />
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
