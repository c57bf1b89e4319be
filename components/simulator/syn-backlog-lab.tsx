"use client";

import { useEffect, useMemo, useState } from "react";
import { LINUX_DEFAULTS } from "@/domain/tcp";
import { formatCount } from "@/domain/simulator/format";
import { DEFAULT_SYN_BACKLOG_INPUT, synBacklogInputSchema, type SynBacklogInput } from "@/domain/simulator/labs";
import { Choice, NumberSlider } from "./lab-controls";
import { LineChart } from "./line-chart";
import { useWorkerTask } from "./use-worker-task";

export interface SynBacklogLabProps {
  attackSynPerSecond?: number;
  legitConnectsPerSecond?: number;
  durationSeconds?: number;
  tcp_max_syn_backlog?: number;
  somaxconn?: number;
  backlog?: number;
  tcp_syncookies?: 0 | 1 | 2;
  acceptPerSecond?: number;
  title?: string;
  initial?: SynBacklogInput;
  onChange?: (input: SynBacklogInput) => void;
}

function initialInput(props: SynBacklogLabProps): SynBacklogInput {
  if (props.initial) return props.initial;
  const { title: _title, initial: _initial, onChange: _onChange, ...rest } = props;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  const parsed = synBacklogInputSchema.safeParse({ ...DEFAULT_SYN_BACKLOG_INPUT, ...defined });
  return parsed.success ? parsed.data : DEFAULT_SYN_BACKLOG_INPUT;
}

/** A SYN flood against a listener: SYN queue, cookies and accept queue, run in a worker. */
export function SynBacklogLab(props: SynBacklogLabProps) {
  const [input, setInput] = useState<SynBacklogInput>(() => initialInput(props));
  const { onChange } = props;
  useEffect(() => onChange?.(input), [input, onChange]);
  const set = <K extends keyof SynBacklogInput>(key: K, value: SynBacklogInput[K]) => setInput((previous) => ({ ...previous, [key]: value }));
  const { response, pending } = useWorkerTask({ kind: "synbacklog", input });
  const result = response?.kind === "synbacklog" ? response : null;

  const charts = useMemo(() => {
    if (result === null) return null;
    const series = result.result.series;
    const first = result.result.summary.firstLegitDropAt;
    return {
      seconds: series.map((row) => row.t),
      series,
      marker: first === null ? null : { at: first, label: `legitimate SYNs dropped from ${first} s` },
    };
  }, [result]);

  return (
    <section aria-label="SYN backlog lab" className="not-prose my-8 @container rounded-xl border border-border bg-bg-elevated p-3 text-fg shadow-sm sm:p-4">
      <p className="font-semibold">{props.title ?? "SYN flood and the listen backlog"}</p>
      <p className="text-sm text-fg-muted">
        Spoofed SYNs that never complete the handshake arrive alongside real clients. Change the rates and the sysctls and watch dropped SYNs,
        cookies and completed handshakes.
      </p>
      <div className="mt-3 grid gap-4 @3xl:grid-cols-[minmax(0,20rem)_minmax(0,1fr)]">
        <div className="space-y-3">
          <NumberSlider label="Spoofed SYNs per second" value={input.attackSynPerSecond} min={0} max={200_000} log onChange={(v) => set("attackSynPerSecond", v)} />
          <NumberSlider
            label="Legitimate connects per second"
            value={input.legitConnectsPerSecond}
            min={0}
            max={10_000}
            log
            onChange={(v) => set("legitConnectsPerSecond", v)}
          />
          <NumberSlider label="listen() backlog argument" value={input.backlog} min={0} max={1_000_000} log onChange={(v) => set("backlog", v)} />
          <NumberSlider
            label="somaxconn"
            value={input.somaxconn}
            min={0}
            max={1_000_000}
            log
            hint={`Linux default: ${formatCount(LINUX_DEFAULTS.somaxconn)}.`}
            onChange={(v) => set("somaxconn", v)}
          />
          <NumberSlider
            label="tcp_max_syn_backlog"
            value={input.tcp_max_syn_backlog}
            min={0}
            max={1_000_000}
            log
            hint={`Default here: ${formatCount(LINUX_DEFAULTS.tcp_max_syn_backlog)} (scales with memory).`}
            onChange={(v) => set("tcp_max_syn_backlog", v)}
          />
          <Choice
            label="tcp_syncookies"
            value={input.tcp_syncookies}
            options={[
              { value: 0, label: "0 (off)" },
              { value: 1, label: "1 (when the queue is full)" },
              { value: 2, label: "2 (always)" },
            ]}
            onChange={(v) => set("tcp_syncookies", v)}
          />
          <NumberSlider
            label="accept() calls per second"
            value={input.acceptPerSecond}
            min={0}
            max={1_000_000}
            log
            hint="0: the application accepts connections as fast as they complete."
            onChange={(v) => set("acceptPerSecond", v)}
          />
          <NumberSlider label="Duration" unit="s" value={input.durationSeconds} min={5} max={300} onChange={(v) => set("durationSeconds", v)} />
        </div>
        <div className="min-w-0 space-y-3">
          <p role="status" aria-live="polite" className="min-h-[4.5rem] rounded-lg bg-bg-sunken px-3 py-2 text-sm">
            {result ? result.explanation : response?.kind === "error" ? response.message : "Running the lab…"}
          </p>
          <p className="text-xs text-fg-muted">
            {pending ? "Recomputing…" : result ? `Computed in ${result.elapsedMs.toFixed(0)} ms in a background worker.` : ""}
          </p>
          {charts ? (
            <>
              <LineChart
                title="SYNs per second"
                description={`${formatCount(result?.result.summary.totalSynDropped ?? 0)} SYNs dropped and ${formatCount(result?.result.summary.totalCookiesSent ?? 0)} cookies sent in all.`}
                seconds={charts.seconds}
                yLabel="per second"
                marker={charts.marker}
                series={[
                  { name: "SYNs received", colour: "var(--syn)", values: charts.series.map((row) => row.synReceived) },
                  { name: "SYNs dropped", colour: "var(--rst)", values: charts.series.map((row) => row.synDropped), area: true },
                  { name: "SYN cookies sent", colour: "var(--fin)", values: charts.series.map((row) => row.cookiesSent) },
                ]}
              />
              <LineChart
                title="Completed handshakes per second"
                description={`${formatCount(result?.result.summary.totalHandshakesCompleted ?? 0)} legitimate handshakes completed, ${formatCount(result?.result.summary.totalConnectTimeouts ?? 0)} connects timed out.`}
                seconds={charts.seconds}
                yLabel="per second"
                marker={charts.marker}
                series={[
                  { name: "Handshakes completed", colour: "var(--ack)", values: charts.series.map((row) => row.handshakesCompleted), area: true },
                  { name: "Accepted", colour: "var(--accent)", values: charts.series.map((row) => row.accepted) },
                  { name: "connect() timed out", colour: "var(--rst)", values: charts.series.map((row) => row.connectTimeouts) },
                ]}
              />
              <LineChart
                title="Queue lengths"
                description={`The SYN queue peaked at ${formatCount(result?.result.summary.peakSynQueue ?? 0)}, the accept queue at ${formatCount(result?.result.summary.peakAcceptQueue ?? 0)}.`}
                seconds={charts.seconds}
                yLabel="sockets"
                series={[
                  { name: "SYN queue (SYN-RECEIVED)", colour: "var(--syn)", values: charts.series.map((row) => row.synQueue), area: true },
                  { name: "Accept queue", colour: "var(--ack)", values: charts.series.map((row) => row.acceptQueue), area: true },
                ]}
              />
            </>
          ) : null}
        </div>
      </div>
    </section>
  );
}
