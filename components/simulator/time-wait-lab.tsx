"use client";

import { useEffect, useMemo, useState } from "react";
import { LINUX_DEFAULTS } from "@/domain/tcp";
import { formatCount } from "@/domain/simulator/format";
import { DEFAULT_TIME_WAIT_INPUT, timeWaitInputSchema, type TimeWaitInput } from "@/domain/simulator/labs";
import { Choice, NumberSlider } from "./lab-controls";
import { LineChart } from "./line-chart";
import { useWorkerTask } from "./use-worker-task";

export interface TimeWaitLabProps {
  requestsPerSecond?: number;
  durationSeconds?: number;
  closer?: "client" | "server";
  requestsPerConnection?: number;
  /** ip_local_port_range as "low-high", e.g. "32768-60999". */
  portRange?: string;
  tcp_tw_reuse?: 0 | 1 | 2;
  loopback?: boolean;
  tcp_max_tw_buckets?: number;
  title?: string;
  /** For the playground: the whole input at once, and a callback as it changes. */
  initial?: TimeWaitInput;
  onChange?: (input: TimeWaitInput) => void;
}

function initialInput(props: TimeWaitLabProps): TimeWaitInput {
  if (props.initial) return props.initial;
  const [low, high] = (props.portRange ?? "").split("-").map(Number);
  const candidate = {
    ...DEFAULT_TIME_WAIT_INPUT,
    ...(props.requestsPerSecond === undefined ? {} : { requestsPerSecond: props.requestsPerSecond }),
    ...(props.durationSeconds === undefined ? {} : { durationSeconds: props.durationSeconds }),
    ...(props.closer === undefined ? {} : { closer: props.closer }),
    ...(props.requestsPerConnection === undefined ? {} : { requestsPerConnection: props.requestsPerConnection }),
    ...(low && high ? { portLow: low, portHigh: high } : {}),
    ...(props.tcp_tw_reuse === undefined ? {} : { tcp_tw_reuse: props.tcp_tw_reuse }),
    ...(props.loopback === undefined ? {} : { loopback: props.loopback }),
    ...(props.tcp_max_tw_buckets === undefined ? {} : { tcp_max_tw_buckets: props.tcp_max_tw_buckets }),
  };
  const parsed = timeWaitInputSchema.safeParse(candidate);
  return parsed.success ? parsed.data : DEFAULT_TIME_WAIT_INPUT;
}

/** TIME-WAIT and ephemeral ports under load: the engine's aggregated lab, run in a worker. */
export function TimeWaitLab(props: TimeWaitLabProps) {
  const [input, setInput] = useState<TimeWaitInput>(() => initialInput(props));
  const { onChange } = props;
  useEffect(() => onChange?.(input), [input, onChange]);
  const set = <K extends keyof TimeWaitInput>(key: K, value: TimeWaitInput[K]) =>
    setInput((previous) => {
      const next = { ...previous, [key]: value };
      if (key === "portLow" && next.portHigh < next.portLow) next.portHigh = next.portLow;
      if (key === "portHigh" && next.portLow > next.portHigh) next.portLow = next.portHigh;
      return next;
    });
  const { response, pending } = useWorkerTask({ kind: "timewait", input });
  const result = response?.kind === "timewait" ? response : null;

  const charts = useMemo(() => {
    if (result === null) return null;
    const series = result.result.series;
    const seconds = series.map((row) => row.t);
    const failure = result.result.summary.firstFailureAt;
    const marker = failure === null ? null : { at: failure, label: `first failure ${failure.toFixed(1)} s` };
    return { seconds, series, marker };
  }, [result]);

  return (
    <section aria-label="TIME-WAIT lab" className="not-prose my-8 @container rounded-xl border border-border bg-bg-elevated p-3 text-fg shadow-sm sm:p-4">
      <p className="font-semibold">{props.title ?? "TIME-WAIT and ephemeral ports"}</p>
      <p className="text-sm text-fg-muted">
        A client opens connections to one server address and port; each connection carries some requests and is then closed. Change the load and
        the sysctls and watch TIME-WAIT, the free ports and the failed connects.
      </p>
      <div className="mt-3 grid gap-4 @3xl:grid-cols-[minmax(0,20rem)_minmax(0,1fr)]">
        <div className="space-y-3">
          <NumberSlider label="Requests per second" value={input.requestsPerSecond} min={1} max={50_000} log onChange={(v) => set("requestsPerSecond", v)} />
          <NumberSlider
            label="Requests per connection (keep-alive)"
            value={input.requestsPerConnection}
            min={1}
            max={10_000}
            log
            onChange={(v) => set("requestsPerConnection", v)}
          />
          <Choice
            label="Who closes first"
            value={input.closer}
            options={[
              { value: "client", label: "Client" },
              { value: "server", label: "Server" },
            ]}
            onChange={(v) => set("closer", v)}
          />
          <NumberSlider label="ip_local_port_range: low" value={input.portLow} min={1024} max={65535} onChange={(v) => set("portLow", v)} />
          <NumberSlider label="ip_local_port_range: high" value={input.portHigh} min={1024} max={65535} onChange={(v) => set("portHigh", v)} />
          <Choice
            label="tcp_tw_reuse"
            value={input.tcp_tw_reuse}
            options={[
              { value: 0, label: "0 (off)" },
              { value: 1, label: "1 (on)" },
              { value: 2, label: "2 (loopback only)" },
            ]}
            onChange={(v) => set("tcp_tw_reuse", v)}
          />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={input.loopback} onChange={(event) => set("loopback", event.target.checked)} />
            Connections go over loopback
          </label>
          <NumberSlider
            label="tcp_max_tw_buckets"
            value={input.tcp_max_tw_buckets}
            min={0}
            max={1_000_000}
            log
            hint={`Linux default here: ${formatCount(LINUX_DEFAULTS.tcp_max_tw_buckets)} (scales with memory).`}
            onChange={(v) => set("tcp_max_tw_buckets", v)}
          />
          <NumberSlider label="Duration" unit="s" value={input.durationSeconds} min={10} max={600} onChange={(v) => set("durationSeconds", v)} />
        </div>
        <div className="min-w-0 space-y-3">
          <p role="status" aria-live="polite" className="min-h-[4.5rem] rounded-lg bg-bg-sunken px-3 py-2 text-sm">
            {result ? result.explanation : response?.kind === "error" ? response.message : "Running the lab…"}
          </p>
          <p className="text-xs text-fg-muted" aria-hidden={pending ? undefined : true}>
            {pending ? "Recomputing…" : result ? `Computed in ${result.elapsedMs.toFixed(0)} ms in a background worker.` : ""}
          </p>
          {charts ? (
            <>
              <LineChart
                title="Sockets in TIME-WAIT"
                description={`Peak ${formatCount(result?.result.summary.peakClientTimeWait ?? 0)} on the client and ${formatCount(result?.result.summary.peakServerTimeWait ?? 0)} on the server.`}
                seconds={charts.seconds}
                yLabel="sockets"
                marker={charts.marker}
                series={[
                  { name: "Client TIME-WAIT", colour: "var(--syn)", values: charts.series.map((row) => row.clientTimeWait), area: true },
                  { name: "Server TIME-WAIT", colour: "var(--fin)", values: charts.series.map((row) => row.serverTimeWait), area: true },
                ]}
              />
              <LineChart
                title="Free ephemeral ports"
                description={`Ports not held by an open connection or a TIME-WAIT, out of ${formatCount(result?.result.summary.capacity ?? 0)}.`}
                seconds={charts.seconds}
                yLabel="ports"
                marker={charts.marker}
                series={[{ name: "Free ports", colour: "var(--ack)", values: charts.series.map((row) => row.freePorts), area: true }]}
              />
              <LineChart
                title="Connects per second"
                description={`${formatCount(result?.result.summary.totalFailed ?? 0)} connects failed with EADDRNOTAVAIL in all.`}
                seconds={charts.seconds}
                yLabel="per second"
                marker={charts.marker}
                series={[
                  { name: "Established", colour: "var(--ack)", values: charts.series.map((row) => row.established) },
                  { name: "Failed (EADDRNOTAVAIL)", colour: "var(--rst)", values: charts.series.map((row) => row.failed), area: true },
                  { name: "Reused a TIME-WAIT", colour: "var(--syn)", values: charts.series.map((row) => row.reused) },
                ]}
              />
            </>
          ) : null}
        </div>
      </div>
    </section>
  );
}
