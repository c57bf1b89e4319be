"use client";

import { useEffect, useMemo, useState } from "react";
import type { Locale } from "@/domain/locale";
import { findCaptureSample } from "@/domain/simulator/capture-samples";
import type { HostId, TcpState } from "@/domain/tcp";
import type { CaptureAnalysis, CaptureConnection, CaptureProblem } from "@/domain/tcp/pcap";
import { flagHex, flagList, flagString, formatSeconds, segmentKind } from "@/domain/simulator/format";
import { captureLadderModel } from "@/domain/simulator/ladder-model";
import { simulatorWords } from "@/lib/i18n/words/simulator";
import type { PacketRow } from "./packet-list";
import { labWords } from "@/lib/i18n/words/labs";
import { STREAMED_CAPTURE_BYTES } from "./worker-protocol";
import { runInWorker } from "./worker-client";

export type CaptureStatus =
  | { kind: "idle" }
  | { kind: "loading"; name: string }
  | { kind: "ready"; name: string; analysis: CaptureAnalysis; elapsedMs: number }
  /** `problem`: the reader's report, worded in the page's language; otherwise `message` as it came. */
  | { kind: "error"; name: string; message: string; problem?: CaptureProblem };

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

/** Each host's state after the segment at `index` (before any segment when index is -1). */
export function statesAfter(connection: CaptureConnection, index: number): Record<HostId, { state: TcpState; from: TcpState | null }> {
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

/** The packet list's rows for a captured connection, with relative or absolute numbers (when the capture saw the ISNs). */
export function capturePacketRows(connection: CaptureConnection, absolute: boolean, locale: Locale): PacketRow[] {
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
}

/**
 * The capture viewer's reading: which sample or file is open, reading it in the shared worker
 * (a read overtaken by a newer choice is dropped, whichever finishes first), a file too large to
 * read whole handed to the streaming reader, and which connection and segment are picked.
 */
export function useCaptureReading(sample: string | undefined, locale: Locale, onSampleChange?: (id: string | null) => void) {
  const [sampleId, setSampleId] = useState<string | null>(sample && findCaptureSample(sample) ? sample : null);
  // What the reader last asked to read (the sample given as a prop to begin with). Reading is an
  // effect of this state, so only the latest request shows, whichever order the browser runs
  // the first load and the reader's first choice in.
  const [source, setSource] = useState<Source | null>(() => (sampleId === null ? null : { kind: "sample", id: sampleId }));
  const [status, setStatus] = useState<CaptureStatus>(() => (source === null ? { kind: "idle" } : { kind: "loading", name: reader(source, locale).name }));
  const [connectionIndex, setConnectionIndex] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  // A file too large to read whole: LargeCapture streams it and hands over the connection opened.
  const [largeFile, setLargeFile] = useState<File | null>(null);
  const [absolute, setAbsolute] = useState(false);

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
        else if (response.kind === "error") setStatus({ kind: "error", name, message: response.message, problem: response.problem });
      } catch (error) {
        if (superseded) return;
        setStatus({ kind: "error", name, message: error instanceof Error ? error.message : String(error) });
      }
    })();
    return () => {
      superseded = true;
    };
  }, [source, locale]);

  useEffect(() => onSampleChange?.(sampleId), [sampleId, onSampleChange]);

  const startLoading = (next: Source) => {
    setLargeFile(null);
    setSource(next);
    setStatus({ kind: "loading", name: reader(next, locale).name });
    setConnectionIndex(0);
    setSelected(null);
  };

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

  /** The streaming reader opened a connection of a large file (or closed it). */
  const openLargeConnection = (opened: CaptureAnalysis | null, elapsedMs: number) => {
    setConnectionIndex(0);
    setSelected(null);
    setStatus(opened && largeFile ? { kind: "ready", name: largeFile.name, analysis: opened, elapsedMs } : { kind: "idle" });
  };

  const chooseConnection = (index: number) => {
    setConnectionIndex(index);
    setSelected(null);
  };

  const analysis = status.kind === "ready" ? status.analysis : null;
  const connection = analysis?.connections[connectionIndex] ?? null;
  const model = useMemo(() => (connection ? captureLadderModel(connection, absolute, locale) : null), [connection, absolute, locale]);
  const rows = useMemo(() => (connection === null ? [] : capturePacketRows(connection, absolute, locale)), [connection, absolute, locale]);
  // The states at the end of the connection, or after the segment picked.
  const states = connection ? statesAfter(connection, selected === null ? connection.segments.length : selected - 1) : null;

  return {
    sampleId,
    status,
    chooseSample,
    openFile,
    largeFile,
    openLargeConnection,
    analysis,
    connectionIndex,
    chooseConnection,
    connection,
    selected,
    setSelected,
    absolute,
    setAbsolute,
    model,
    rows,
    states,
  };
}
