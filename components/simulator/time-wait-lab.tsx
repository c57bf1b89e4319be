"use client";

import { LINUX_DEFAULTS } from "@/domain/tcp";
import { formatCount } from "@/domain/simulator/format";
import { DEFAULT_TIME_WAIT_INPUT, keepPortRangeOrdered, labInputFrom, timeWaitInputSchema, type TimeWaitInput } from "@/domain/simulator/labs";
import { labWords } from "@/lib/i18n/words/labs";
import { LabCharts } from "./lab-charts";
import { Choice, LabFrame, NumberSlider } from "./lab-controls";
import { useViewLocale } from "./locale";
import { useLab } from "./use-lab";
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
  const { requestsPerSecond, durationSeconds, closer, requestsPerConnection, tcp_tw_reuse, loopback, tcp_max_tw_buckets } = props;
  const [low, high] = (props.portRange ?? "").split("-").map(Number);
  const ports = low && high ? { portLow: low, portHigh: high } : {};
  return labInputFrom(timeWaitInputSchema, DEFAULT_TIME_WAIT_INPUT, {
    ...{ requestsPerSecond, durationSeconds, closer, requestsPerConnection, tcp_tw_reuse, loopback, tcp_max_tw_buckets },
    ...ports,
  });
}

/** TIME-WAIT and ephemeral ports under load: the engine's aggregated lab, run in a worker. */
export function TimeWaitLab(props: TimeWaitLabProps) {
  const locale = useViewLocale(props.locale);
  const all = labWords(locale);
  const words = all.timeWait;
  const { input, set, result, run } = useLab("timewait", () => initialInput(props), { locale, onChange: props.onChange, adjust: keepPortRangeOrdered });

  return (
    <LabFrame
      locale={locale}
      text={words}
      title={props.title}
      run={run}
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
      <LabCharts
        result={result?.result ?? null}
        durationSeconds={input.durationSeconds}
        running={all.running}
        marker={({ firstFailureAt }) => (firstFailureAt === null ? null : { at: firstFailureAt, label: words.firstFailure(firstFailureAt.toFixed(1)) })}
        charts={[
          {
            title: words.timeWaitChart,
            describe: (summary) => words.timeWaitDescription(formatCount(summary.peakClientTimeWait), formatCount(summary.peakServerTimeWait)),
            yLabel: words.sockets,
            marked: true,
            series: [
              { name: words.clientTimeWait, colour: "var(--syn)", value: "clientTimeWait", area: true },
              { name: words.serverTimeWait, colour: "var(--fin)", value: "serverTimeWait", area: true },
            ],
          },
          {
            title: words.portsChart,
            describe: (summary) => words.portsDescription(formatCount(summary.capacity)),
            yLabel: words.ports,
            marked: true,
            series: [{ name: words.freePorts, colour: "var(--ack)", value: "freePorts", area: true }],
          },
          {
            title: words.connectsChart,
            describe: (summary) => words.connectsDescription(formatCount(summary.totalFailed)),
            yLabel: words.perSecond,
            marked: true,
            series: [
              { name: words.established, colour: "var(--ack)", value: "established" },
              { name: words.failed, colour: "var(--rst)", value: "failed", area: true },
              { name: words.reused, colour: "var(--syn)", value: "reused" },
            ],
          },
        ]}
      />
    </LabFrame>
  );
}
