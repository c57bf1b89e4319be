"use client";

import { useEffect, useMemo, useState } from "react";
import { LINUX_DEFAULTS } from "@/domain/tcp";
import { formatCount } from "@/domain/simulator/format";
import { DEFAULT_TIME_WAIT_INPUT, timeWaitInputSchema, type TimeWaitInput } from "@/domain/simulator/labs";
import { labWords } from "@/lib/i18n/words/labs";
import { chartRows, Choice, LabFrame, NumberSlider } from "./lab-controls";
import { LineChart } from "./line-chart";
import { useViewLocale } from "./locale";
import { useWorkerTask } from "./use-worker-task";
import type { Locale } from "@/domain/locale";

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
  /** The lesson's language (set by the lesson page or the playground). */
  locale?: Locale;
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
  const locale = useViewLocale(props.locale);
  const all = labWords(locale);
  const words = all.timeWait;
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
  const { response, pending } = useWorkerTask({ kind: "timewait", input, locale });
  const result = response?.kind === "timewait" ? response : null;

  const summary = result?.result.summary ?? null;
  const charts = useMemo(() => {
    const failure = result?.result.summary.firstFailureAt ?? null;
    const marker = failure === null ? null : { at: failure, label: labWords(locale).timeWait.firstFailure(failure.toFixed(1)) };
    return { ...chartRows(result?.result.series ?? null, input.durationSeconds), marker };
  }, [result, locale, input.durationSeconds]);

  return (
    <LabFrame
      locale={locale}
      region={words.region}
      title={props.title ?? words.title}
      intro={words.intro}
      response={response}
      pending={pending}
      elapsedMs={result ? result.elapsedMs : null}
      prediction={{ lab: "timewait", input }}
      controls={
        <>
          <NumberSlider label={words.requestsPerSecond} value={input.requestsPerSecond} min={1} max={50_000} log onChange={(v) => set("requestsPerSecond", v)} />
          <NumberSlider
            label={words.requestsPerConnection}
            value={input.requestsPerConnection}
            min={1}
            max={10_000}
            log
            onChange={(v) => set("requestsPerConnection", v)}
          />
          <Choice
            label={words.closer}
            value={input.closer}
            options={[
              { value: "client", label: all.host.client },
              { value: "server", label: all.host.server },
            ]}
            onChange={(v) => set("closer", v)}
          />
          <NumberSlider label={words.portLow} value={input.portLow} min={1024} max={65535} onChange={(v) => set("portLow", v)} />
          <NumberSlider label={words.portHigh} value={input.portHigh} min={1024} max={65535} onChange={(v) => set("portHigh", v)} />
          <Choice
            label="tcp_tw_reuse"
            value={input.tcp_tw_reuse}
            options={[
              { value: 0, label: words.reuse[0] },
              { value: 1, label: words.reuse[1] },
              { value: 2, label: words.reuse[2] },
            ]}
            onChange={(v) => set("tcp_tw_reuse", v)}
          />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={input.loopback} onChange={(event) => set("loopback", event.target.checked)} />
            {words.loopback}
          </label>
          <NumberSlider
            label="tcp_max_tw_buckets"
            value={input.tcp_max_tw_buckets}
            min={0}
            max={1_000_000}
            log
            hint={words.bucketsHint(formatCount(LINUX_DEFAULTS.tcp_max_tw_buckets))}
            onChange={(v) => set("tcp_max_tw_buckets", v)}
          />
          <NumberSlider label={words.duration} unit={all.secondsUnit} value={input.durationSeconds} min={10} max={600} onChange={(v) => set("durationSeconds", v)} />
        </>
      }
    >
      <LineChart
        title={words.timeWaitChart}
        description={summary ? words.timeWaitDescription(formatCount(summary.peakClientTimeWait), formatCount(summary.peakServerTimeWait)) : all.running}
        seconds={charts.seconds}
        yLabel={words.sockets}
        marker={charts.marker}
        series={[
          { name: words.clientTimeWait, colour: "var(--syn)", values: charts.series.map((row) => row.clientTimeWait), area: true },
          { name: words.serverTimeWait, colour: "var(--fin)", values: charts.series.map((row) => row.serverTimeWait), area: true },
        ]}
      />
      <LineChart
        title={words.portsChart}
        description={summary ? words.portsDescription(formatCount(summary.capacity)) : all.running}
        seconds={charts.seconds}
        yLabel={words.ports}
        marker={charts.marker}
        series={[{ name: words.freePorts, colour: "var(--ack)", values: charts.series.map((row) => row.freePorts), area: true }]}
      />
      <LineChart
        title={words.connectsChart}
        description={summary ? words.connectsDescription(formatCount(summary.totalFailed)) : all.running}
        seconds={charts.seconds}
        yLabel={words.perSecond}
        marker={charts.marker}
        series={[
          { name: words.established, colour: "var(--ack)", values: charts.series.map((row) => row.established) },
          { name: words.failed, colour: "var(--rst)", values: charts.series.map((row) => row.failed), area: true },
          { name: words.reused, colour: "var(--syn)", values: charts.series.map((row) => row.reused) },
        ]}
      />
    </LabFrame>
  );
}
