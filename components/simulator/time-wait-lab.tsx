"use client";

import { LINUX_DEFAULTS } from "@/domain/tcp";
import { formatCount } from "@/domain/simulator/format";
import { DEFAULT_TIME_WAIT_INPUT, keepPortRangeOrdered, labInputFrom, timeWaitInputSchema, type TimeWaitInput } from "@/domain/simulator/labs";
import type { LabWords } from "@/lib/i18n/words/labs";
import { Lab, type LabLayout, type LabProps } from "./lab";

export interface TimeWaitLabProps extends LabProps<TimeWaitInput> {
  requestsPerSecond?: number;
  durationSeconds?: number;
  closer?: "client" | "server";
  requestsPerConnection?: number;
  /** ip_local_port_range as "low-high", e.g. "32768-60999". */
  portRange?: string;
  tcp_tw_reuse?: 0 | 1 | 2;
  loopback?: boolean;
  tcp_max_tw_buckets?: number;
}

function inputFromSettings(props: TimeWaitLabProps): TimeWaitInput {
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
  return <Lab kind="timewait" props={props} fromSettings={() => inputFromSettings(props)} adjust={keepPortRangeOrdered} layout={timeWaitLayout} />;
}

function timeWaitLayout(all: LabWords): LabLayout<"timewait"> {
  const words = all.timeWait;
  const controls: LabLayout<"timewait">["controls"] = [
    { kind: "number", setting: "requestsPerSecond", label: words.requestsPerSecond, min: 1, max: 50_000, log: true },
    { kind: "number", setting: "requestsPerConnection", label: words.requestsPerConnection, min: 1, max: 10_000, log: true },
    {
      kind: "choice",
      setting: "closer",
      label: words.closer,
      options: [
        { value: "client", label: all.host.client },
        { value: "server", label: all.host.server },
      ],
    },
    { kind: "number", setting: "portLow", label: words.portLow, min: 1024, max: 65535 },
    { kind: "number", setting: "portHigh", label: words.portHigh, min: 1024, max: 65535 },
    { kind: "choice", setting: "tcp_tw_reuse", label: "tcp_tw_reuse", options: ([0, 1, 2] as const).map((value) => ({ value, label: words.reuse[value] })) },
    { kind: "switch", setting: "loopback", label: words.loopback },
    { kind: "number", setting: "tcp_max_tw_buckets", label: "tcp_max_tw_buckets", min: 0, max: 1_000_000, log: true, hint: words.bucketsHint(formatCount(LINUX_DEFAULTS.tcp_max_tw_buckets)) },
    { kind: "number", setting: "durationSeconds", label: words.duration, unit: all.secondsUnit, min: 10, max: 600 },
  ];
  return {
    text: words,
    controls,
    marker: ({ firstFailureAt }) => (firstFailureAt === null ? null : { at: firstFailureAt, label: words.firstFailure(firstFailureAt.toFixed(1)) }),
    charts: [
      {
        title: words.timeWaitChart,
        describe: (summary) => words.timeWaitDescription(formatCount(summary.peakClientTimeWait), formatCount(summary.peakServerTimeWait)),
        yLabel: words.sockets,
        marked: true,
        series: [{ name: words.clientTimeWait, colour: "var(--syn)", value: "clientTimeWait", area: true }, { name: words.serverTimeWait, colour: "var(--fin)", value: "serverTimeWait", area: true }],
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
        series: [{ name: words.established, colour: "var(--ack)", value: "established" }, { name: words.failed, colour: "var(--rst)", value: "failed", area: true }, { name: words.reused, colour: "var(--syn)", value: "reused" }],
      },
    ],
  };
}
