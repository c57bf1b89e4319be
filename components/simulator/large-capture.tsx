"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { CaptureAnalysis, CaptureAnalysisSummary } from "@/domain/tcp/pcap";
import { problemText } from "@/domain/tcp/pcap/problem-words";
import { formatCount } from "@/domain/simulator/format";
import { labWords } from "@/lib/i18n/words/labs";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import type { CaptureStreamRequest, CaptureStreamResponse } from "./worker-protocol";
import type { Locale } from "@/domain/locale";

/** Height of one row of the connection list, in pixels; the list draws only the rows in view. */
const ROW = 36;
const VISIBLE_ROWS = 10;
const OVERSCAN = 5;

type Reading = { what: "summary" | "connection"; bytes: number } | null;

/**
 * Runs one streamed read in a worker of its own: progress as it goes, the result at the end.
 * Returns a function that cancels it (the worker is terminated: nothing more is read).
 */
function streamRead(
  request: CaptureStreamRequest,
  onProgress: (bytes: number) => void,
  onDone: (response: Exclude<CaptureStreamResponse, { kind: "progress" }>) => void,
): () => void {
  const worker = new Worker(/* webpackChunkName: "capture-stream.worker" */ new URL("./capture-stream.worker.ts", import.meta.url), { type: "module" });
  worker.onmessage = (event: MessageEvent<CaptureStreamResponse>) => {
    const response = event.data;
    if (response.kind === "progress") return onProgress(response.bytes);
    worker.terminate();
    onDone(response);
  };
  worker.onerror = (event) => {
    worker.terminate();
    onDone({ kind: "error", message: event.message || "the capture reader stopped" });
  };
  worker.postMessage(request);
  return () => worker.terminate();
}

/**
 * A capture too large to read whole (1 GB and more): read through File.stream() in a worker with
 * a progress bar and a cancel button, its connections in a list that draws only the rows in view,
 * and the connection the reader opens read once more for its segments, handed to the viewer.
 */
export function LargeCapture({
  file,
  locale,
  onConnection,
}: {
  file: File;
  locale: Locale;
  /** The opened connection as a one-connection analysis (null while another is being read). */
  onConnection: (analysis: CaptureAnalysis | null, elapsedMs: number) => void;
}) {
  const words = labWords(locale).capture;
  /** The reader's problem or a missing connection in the page's language; any other failure as it came. */
  const failureText = (failure: Extract<CaptureStreamResponse, { kind: "error" }>) =>
    failure.problem
      ? problemText(failure.problem, locale)
      : failure.missingConnection !== undefined
        ? words.noSuchConnection(failure.missingConnection)
        : failure.message;
  const ids = useId();
  const [reading, setReading] = useState<Reading>({ what: "summary", bytes: 0 });
  const [summary, setSummary] = useState<CaptureAnalysisSummary | null>(null);
  const [problem, setProblem] = useState<Extract<CaptureStreamResponse, { kind: "error" }> | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [active, setActive] = useState(0);
  const [opened, setOpened] = useState<number | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const cancel = useRef<(() => void) | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const report = useRef(onConnection);
  useEffect(() => {
    report.current = onConnection;
  });

  // One component per file (the viewer keys it by file), so its state starts fresh with each.
  useEffect(() => {
    const stop = streamRead(
      { kind: "summary", file },
      (bytes) => setReading({ what: "summary", bytes }),
      (response) => {
        setReading(null);
        if (response.kind === "summary") setSummary(response.summary);
        else if (response.kind === "error") setProblem(response);
      },
    );
    cancel.current = stop;
    return stop;
  }, [file]);

  const open = (index: number) => {
    cancel.current?.();
    setOpened(index);
    setActive(index);
    report.current(null, 0);
    setReading({ what: "connection", bytes: 0 });
    cancel.current = streamRead(
      { kind: "connection", file, index },
      (bytes) => setReading({ what: "connection", bytes }),
      (response) => {
        setReading(null);
        if (response.kind === "connection") report.current(response.analysis, response.elapsedMs);
        else if (response.kind === "error") setProblem(response);
      },
    );
  };

  const stopReading = () => {
    cancel.current?.();
    cancel.current = null;
    setReading(null);
    setCancelled(true);
  };

  const rows = summary?.connections ?? [];
  /** Keeps the active row in view when the keyboard moves it. */
  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setActive(next);
    const element = list.current;
    if (!element) return;
    if (next * ROW < element.scrollTop) element.scrollTop = next * ROW;
    else if ((next + 1) * ROW > element.scrollTop + element.clientHeight) element.scrollTop = (next + 1) * ROW - element.clientHeight;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + VISIBLE_ROWS,
      PageUp: active - VISIBLE_ROWS,
      Home: 0,
      End: rows.length - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key]!);
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      open(active);
    }
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil(scrollTop / ROW) + VISIBLE_ROWS + OVERSCAN);
  const mb = (bytes: number) => formatCount(Math.round(bytes / 1024 / 1024));

  return (
    <div className="mt-3 space-y-3">
      <p className="text-sm text-fg-muted">{words.streamed(file.name, mb(file.size))}</p>
      {reading ? (
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <label htmlFor={`${ids}-progress`} className="min-w-0">
            {reading.what === "connection" && opened !== null ? words.readingConnection(opened + 1) : words.reading(file.name)}{" "}
            <span className="text-fg-muted">{words.progress(mb(reading.bytes), mb(file.size))}</span>
          </label>
          <progress id={`${ids}-progress`} value={reading.bytes} max={file.size} className="h-2 w-48 max-w-full" />
          <Button type="button" variant="secondary" size="sm" onClick={stopReading}>
            {words.cancel}
          </Button>
        </div>
      ) : null}
      {cancelled ? <p className="text-sm text-fg-muted">{words.cancelled(file.name)}</p> : null}
      {problem ? (
        <Alert tone="danger">
          <strong>{words.couldNotRead(file.name)}</strong>
          {words.sentenceGap}
          {failureText(problem)}
        </Alert>
      ) : null}
      {summary ? (
        <div>
          <p id={`${ids}-list-label`} className="text-sm font-medium">
            {words.connectionList(formatCount(rows.length))}
          </p>
          <p id={`${ids}-list-hint`} className="text-xs text-fg-muted">
            {words.listHint}
          </p>
          {rows.length === 0 ? (
            <p className="text-sm text-fg-muted">{words.noConnections}</p>
          ) : (
            <div
              ref={list}
              role="listbox"
              tabIndex={0}
              aria-labelledby={`${ids}-list-label`}
              aria-describedby={`${ids}-list-hint`}
              aria-activedescendant={`${ids}-row-${active}`}
              onKeyDown={onKeyDown}
              onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
              className="relative mt-1 overflow-y-auto rounded-lg border border-border bg-bg focus-visible:outline-2 focus-visible:outline-accent"
              style={{ height: ROW * VISIBLE_ROWS }}
            >
              <div style={{ height: rows.length * ROW }}>
                {rows.slice(first, last).map((row, offset) => {
                  const index = first + offset;
                  return (
                    <div
                      key={index}
                      id={`${ids}-row-${index}`}
                      role="option"
                      aria-selected={index === opened}
                      aria-setsize={rows.length}
                      aria-posinset={index + 1}
                      onClick={() => open(index)}
                      className={`absolute inset-x-0 cursor-pointer truncate px-2 font-mono text-xs leading-9 ${
                        index === active ? "bg-accent-soft" : ""
                      } ${index === opened ? "font-semibold" : ""}`}
                      style={{ top: index * ROW, height: ROW }}
                    >
                      {words.connectionLabel({
                        index: index + 1,
                        client: row.client,
                        server: row.server,
                        segments: row.packets.client + row.packets.server,
                        clientState: row.final.client,
                        serverState: row.final.server,
                      })}
                    </div>
                  );
                })}
              </div>
            </div>
          )}
        </div>
      ) : null}
    </div>
  );
}
