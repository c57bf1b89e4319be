"use client";

import { useCallback, useEffect, useId, useMemo, useRef, useState, type DragEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import type { HostId, TcpState } from "@/domain/tcp";
import type { CaptureAnalysis, CaptureConnection } from "@/domain/tcp/pcap";
import { CAPTURE_SAMPLES, findCaptureSample } from "@/domain/simulator/capture-samples";
import { flagHex, flagList, flagString, formatCount, formatSeconds, segmentKind } from "@/domain/simulator/format";
import { captureLadderModel } from "@/domain/simulator/ladder-model";
import { Ladder } from "./ladder";
import { LazyDetails } from "./lazy-details";
import { LiveStateDiagram } from "./live-state-diagram";
import { PacketList, type PacketRow } from "./packet-list";
import { CAPTURE_SEGMENT_LIMIT } from "./worker-protocol";
import { runInWorker } from "./use-worker-task";

/** Larger files would have to be held in memory twice; tcpdump can cut them down first. */
const MAX_FILE_BYTES = 200 * 1024 * 1024;

type Status =
  | { kind: "idle" }
  | { kind: "loading"; name: string }
  | { kind: "ready"; name: string; analysis: CaptureAnalysis; elapsedMs: number }
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
}

function connectionLabel(connection: CaptureConnection, index: number): string {
  const last = (host: HostId) => connection.states[host][connection.states[host].length - 1] ?? "CLOSED";
  return `${index + 1}. ${connection.client} → ${connection.server} · ${connection.segments.length} segments · client ${last("client")}, server ${last("server")}`;
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

/** Opens .pcap and .pcapng files in the browser (nothing is uploaded) and draws their TCP connections. */
export function CaptureViewer({ sample, samples = true, upload = true, title, height = 360, onSampleChange }: CaptureViewerProps) {
  const ids = useId();
  const [sampleId, setSampleId] = useState<string | null>(sample && findCaptureSample(sample) ? sample : null);
  const [status, setStatus] = useState<Status>(() => {
    const found = sample ? findCaptureSample(sample) : null;
    return found ? { kind: "loading", name: found.file } : { kind: "idle" };
  });
  const [connectionIndex, setConnectionIndex] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const [absolute, setAbsolute] = useState(false);
  const [dragging, setDragging] = useState(false);
  const generation = useRef(0);

  /** Reads and analyses in the worker; the caller has already shown that loading started. */
  const analyse = useCallback(async (name: string, read: () => Promise<ArrayBuffer>) => {
    const current = ++generation.current;
    try {
      const bytes = await read();
      const response = await runInWorker({ kind: "capture", bytes }, [bytes]);
      if (current !== generation.current) return;
      if (response.kind === "capture") setStatus({ kind: "ready", name, analysis: response.analysis, elapsedMs: response.elapsedMs });
      else if (response.kind === "error") setStatus({ kind: "error", name, message: response.message });
    } catch (error) {
      if (current === generation.current) setStatus({ kind: "error", name, message: error instanceof Error ? error.message : String(error) });
    }
  }, []);

  const startLoading = (name: string) => {
    setStatus({ kind: "loading", name });
    setConnectionIndex(0);
    setSelected(null);
  };

  const loadSample = useCallback(
    (id: string) => {
      const found = findCaptureSample(id);
      if (found === null) return;
      void analyse(found.file, async () => {
        const response = await fetch(`/captures/${found.file}`);
        if (!response.ok) throw new Error(`could not load the sample (${response.status})`);
        return response.arrayBuffer();
      });
    },
    [analyse],
  );

  // The sample given as a prop opens on arrival (its loading state is the initial state).
  const initialSample = useRef(sampleId);
  useEffect(() => {
    if (initialSample.current !== null) loadSample(initialSample.current);
  }, [loadSample]);

  useEffect(() => onSampleChange?.(sampleId), [sampleId, onSampleChange]);

  const chooseSample = (id: string | null) => {
    setSampleId(id);
    if (id === null) return;
    const found = findCaptureSample(id);
    if (found === null) return;
    startLoading(found.file);
    loadSample(id);
  };

  const openFile = (file: File | undefined) => {
    if (file === undefined) return;
    setSampleId(null);
    if (file.size > MAX_FILE_BYTES) {
      generation.current++;
      setStatus({
        kind: "error",
        name: file.name,
        message: `The file is ${formatCount(file.size / 1024 / 1024)} MB; the viewer opens captures up to ${MAX_FILE_BYTES / 1024 / 1024} MB. Cut it down first, e.g. tcpdump -r big.pcap -w small.pcap 'tcp port 80'.`,
      });
      return;
    }
    startLoading(file.name);
    void analyse(file.name, () => file.arrayBuffer());
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    openFile(event.dataTransfer.files[0]);
  };

  const analysis = status.kind === "ready" ? status.analysis : null;
  const connection = analysis?.connections[connectionIndex] ?? null;
  const model = useMemo(() => (connection ? captureLadderModel(connection, absolute) : null), [connection, absolute]);
  const rows: PacketRow[] = useMemo(() => {
    if (connection === null) return [];
    return connection.segments.map((segment, index) => {
      const to: HostId = segment.from === "client" ? "server" : "client";
      const base = connection.isn[segment.from];
      const peer = connection.isn[to];
      const flags = [...segment.flags, ...(segment.ecn ?? [])];
      return {
        id: index + 1,
        no: segment.frame,
        time: formatSeconds(segment.t),
        direction: segment.from === "client" ? "client → server" : "server → client",
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
  }, [connection, absolute]);
  const statusOf = useCallback(() => "delivered" as const, []);
  const states = connection ? statesAfter(connection, selected === null ? connection.segments.length : selected - 1) : null;
  const current = sampleId === null ? null : findCaptureSample(sampleId);

  return (
    <section aria-label="Capture viewer" className="not-prose my-8 @container rounded-xl border border-border bg-bg-elevated p-3 text-fg shadow-sm sm:p-4">
      <p className="font-semibold">{title ?? "Capture viewer"}</p>
      <p className="text-sm text-fg-muted">
        Open a .pcap or .pcapng file: it is read in your browser and never uploaded. Pick a connection to see its ladder diagram, its
        packets and the states each end went through.
      </p>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        {samples ? (
          <div className="flex flex-col text-sm">
            <label htmlFor={`${ids}-sample`} className="font-medium">
              Sample capture
            </label>
            <select
              id={`${ids}-sample`}
              value={sampleId ?? ""}
              onChange={(event) => chooseSample(event.target.value === "" ? null : event.target.value)}
              className="mt-1 h-9 rounded-lg border border-border bg-bg px-2"
            >
              <option value="">Choose a sample…</option>
              {CAPTURE_SAMPLES.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.title}
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
            <label htmlFor={`${ids}-file`} className="font-medium">
              Open a capture file (.pcap, .pcapng)
            </label>
            <input
              id={`${ids}-file`}
              type="file"
              accept=".pcap,.pcapng,.cap,application/vnd.tcpdump.pcap"
              onChange={(event) => openFile(event.target.files?.[0])}
              className="mt-1 text-sm file:mr-2 file:rounded-md file:border file:border-border file:bg-bg-elevated file:px-2 file:py-1 file:text-fg"
            />
            <span className="text-xs text-fg-muted">or drop it here</span>
          </div>
        ) : null}
      </div>
      {current ? <p className="mt-2 text-sm text-fg-muted">{current.description}</p> : null}

      <div className="mt-3" aria-live="polite">
        {status.kind === "loading" ? <p className="text-sm text-fg-muted">Reading {status.name}…</p> : null}
        {status.kind === "error" ? (
          <Alert tone="danger">
            <strong>{status.name} could not be read.</strong> {status.message}
          </Alert>
        ) : null}
        {analysis ? (
          <p className="text-sm text-fg-muted">
            {status.kind === "ready" ? status.name : ""}: {analysis.capture.format}, {formatCount(analysis.capture.packets)} packets,{" "}
            {formatCount(analysis.capture.tcpSegments)} TCP segments, {analysis.connections.length} connection
            {analysis.connections.length === 1 ? "" : "s"}
            {status.kind === "ready" ? ` (read in ${status.elapsedMs < 1 ? "under 1" : status.elapsedMs.toFixed(0)} ms)` : ""}.
          </p>
        ) : null}
      </div>
      {analysis && analysis.warnings.length > 0 ? (
        <Alert tone="warning" className="mt-2">
          <strong>
            {analysis.warnings.length === 1 ? "One problem" : `${analysis.warnings.length} problems`} while reading; what could be read is shown.
          </strong>
          <ul className="mt-1 list-disc pl-5">
            {analysis.warnings.slice(0, 3).map((warning, index) => (
              <li key={index}>{warning.message}</li>
            ))}
          </ul>
          {analysis.warnings.length > 3 ? (
            <LazyDetails summary={`${analysis.warnings.length - 3} more`}>
              {() => (
                <ul className="mt-1 list-disc pl-5">
                  {analysis.warnings.slice(3).map((warning, index) => (
                    <li key={index}>{warning.message}</li>
                  ))}
                </ul>
              )}
            </LazyDetails>
          ) : null}
        </Alert>
      ) : null}
      {analysis && analysis.connections.length === 0 ? <Alert className="mt-2">The capture holds no TCP connection.</Alert> : null}

      {connection && model && states ? (
        <div className="mt-3 space-y-3">
          <div className="flex flex-wrap items-end gap-3">
            <div className="flex min-w-0 flex-1 flex-col text-sm">
              <label htmlFor={`${ids}-connection`} className="font-medium">
                Connection
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
                    {connectionLabel(candidate, index)}
                  </option>
                ))}
              </select>
            </div>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={absolute} onChange={(event) => setAbsolute(event.target.checked)} disabled={connection.isn.client === null} />
              Absolute sequence numbers
            </label>
          </div>
          <dl className="grid gap-1 text-sm @2xl:grid-cols-2">
            {(["client", "server"] as const).map((host) => (
              <div key={host}>
                <dt className="font-semibold">
                  {host === "client" ? "Client" : "Server"} <span className="font-mono text-xs font-normal text-fg-muted">{connection[host]}</span>
                </dt>
                <dd className="font-mono text-xs">{connection.states[host].join(" → ")}</dd>
              </div>
            ))}
          </dl>
          {connection.notes.length > 0 ? (
            <ul className="list-disc pl-5 text-xs text-fg-muted">
              {connection.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          ) : null}
          {connection.segmentsOmitted ? (
            <p className="text-xs text-warning">
              Showing the first {formatCount(CAPTURE_SEGMENT_LIMIT)} segments; {formatCount(connection.segmentsOmitted)} more were analysed but are not listed.
            </p>
          ) : null}
          <div className="rounded-lg border border-border">
            <Ladder model={model} cursor={Infinity} selected={selected} onSelect={setSelected} height={height} />
          </div>
          <PacketList rows={rows} count={rows.length} statusOf={statusOf} selected={selected} onSelect={setSelected} caption="Packets of the connection" follow={false} />
          <div className="grid items-start gap-3 @2xl:grid-cols-2">
            <figure>
              <LiveStateDiagram client={states.client} server={states.server} />
              <figcaption className="mt-1 text-center text-xs text-fg-muted">
                {selected === null ? "States at the end of the capture" : `States after segment ${rows[selected - 1]?.no ?? selected} (frame number)`}, as
                inferred from the packets.
              </figcaption>
            </figure>
            <LazyDetails summary="Sequence diagram as text">
              {() => (
                <ol className="mt-1 list-decimal space-y-0.5 pl-6">
                  {model.arrows.map((arrow) => (
                    <li key={arrow.id}>{arrow.description}</li>
                  ))}
                </ol>
              )}
            </LazyDetails>
          </div>
        </div>
      ) : null}
    </section>
  );
}
