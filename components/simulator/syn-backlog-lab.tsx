"use client";

import { useEffect, useMemo, useState } from "react";
import { LINUX_DEFAULTS } from "@/domain/tcp";
import { formatCount } from "@/domain/simulator/format";
import { DEFAULT_SYN_BACKLOG_INPUT, synBacklogInputSchema, type SynBacklogInput } from "@/domain/simulator/labs";
import { labWords } from "@/lib/i18n/words/labs";
import { chartRows, Choice, LabFrame, NumberSlider } from "./lab-controls";
import { LineChart } from "./line-chart";
import { useViewLocale } from "./locale";
import { useWorkerTask } from "./use-worker-task";
import type { Locale } from "@/domain/locale";

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
  /** The lesson's language (set by the lesson page or the playground). */
  locale?: Locale;
}

function initialInput(props: SynBacklogLabProps): SynBacklogInput {
  if (props.initial) return props.initial;
  const { title: _title, initial: _initial, onChange: _onChange, locale: _locale, ...rest } = props;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  const parsed = synBacklogInputSchema.safeParse({ ...DEFAULT_SYN_BACKLOG_INPUT, ...defined });
  return parsed.success ? parsed.data : DEFAULT_SYN_BACKLOG_INPUT;
}

/** A SYN flood against a listener: SYN queue, cookies and accept queue, run in a worker. */
export function SynBacklogLab(props: SynBacklogLabProps) {
  const locale = useViewLocale(props.locale);
  const all = labWords(locale);
  const words = all.synBacklog;
  const [input, setInput] = useState<SynBacklogInput>(() => initialInput(props));
  const { onChange } = props;
  useEffect(() => onChange?.(input), [input, onChange]);
  const set = <K extends keyof SynBacklogInput>(key: K, value: SynBacklogInput[K]) => setInput((previous) => ({ ...previous, [key]: value }));
  const { response, pending } = useWorkerTask({ kind: "synbacklog", input, locale });
  const result = response?.kind === "synbacklog" ? response : null;

  const summary = result?.result.summary ?? null;
  const charts = useMemo(() => {
    const first = result?.result.summary.firstLegitDropAt ?? null;
    const marker = first === null ? null : { at: first, label: labWords(locale).synBacklog.firstLegitDrop(String(first)) };
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
      prediction={{ lab: "synflood", input }}
      controls={
        <>
          <NumberSlider label={words.attack} value={input.attackSynPerSecond} min={0} max={200_000} log onChange={(v) => set("attackSynPerSecond", v)} />
          <NumberSlider
            label={words.legit}
            value={input.legitConnectsPerSecond}
            min={0}
            max={10_000}
            log
            onChange={(v) => set("legitConnectsPerSecond", v)}
          />
          <NumberSlider label={words.backlog} value={input.backlog} min={0} max={1_000_000} log onChange={(v) => set("backlog", v)} />
          <NumberSlider
            label="somaxconn"
            value={input.somaxconn}
            min={0}
            max={1_000_000}
            log
            hint={words.somaxconnHint(formatCount(LINUX_DEFAULTS.somaxconn))}
            onChange={(v) => set("somaxconn", v)}
          />
          <NumberSlider
            label="tcp_max_syn_backlog"
            value={input.tcp_max_syn_backlog}
            min={0}
            max={1_000_000}
            log
            hint={words.synBacklogHint(formatCount(LINUX_DEFAULTS.tcp_max_syn_backlog))}
            onChange={(v) => set("tcp_max_syn_backlog", v)}
          />
          <Choice
            label="tcp_syncookies"
            value={input.tcp_syncookies}
            options={[
              { value: 0, label: words.cookies[0] },
              { value: 1, label: words.cookies[1] },
              { value: 2, label: words.cookies[2] },
            ]}
            onChange={(v) => set("tcp_syncookies", v)}
          />
          <NumberSlider
            label={words.accept}
            value={input.acceptPerSecond}
            min={0}
            max={1_000_000}
            log
            hint={words.acceptHint}
            onChange={(v) => set("acceptPerSecond", v)}
          />
          <NumberSlider label={words.duration} unit={all.secondsUnit} value={input.durationSeconds} min={5} max={300} onChange={(v) => set("durationSeconds", v)} />
        </>
      }
    >
      <LineChart
        title={words.synChart}
        description={summary ? words.synDescription(formatCount(summary.totalSynDropped), formatCount(summary.totalCookiesSent)) : all.running}
        seconds={charts.seconds}
        yLabel={words.perSecond}
        marker={charts.marker}
        series={[
          { name: words.synReceived, colour: "var(--syn)", values: charts.series.map((row) => row.synReceived) },
          { name: words.synDropped, colour: "var(--rst)", values: charts.series.map((row) => row.synDropped), area: true },
          { name: words.cookiesSent, colour: "var(--fin)", values: charts.series.map((row) => row.cookiesSent) },
        ]}
      />
      <LineChart
        title={words.handshakeChart}
        description={summary ? words.handshakeDescription(formatCount(summary.totalHandshakesCompleted), formatCount(summary.totalConnectTimeouts)) : all.running}
        seconds={charts.seconds}
        yLabel={words.perSecond}
        marker={charts.marker}
        series={[
          { name: words.handshakes, colour: "var(--ack)", values: charts.series.map((row) => row.handshakesCompleted), area: true },
          { name: words.accepted, colour: "var(--accent)", values: charts.series.map((row) => row.accepted) },
          { name: words.timedOut, colour: "var(--rst)", values: charts.series.map((row) => row.connectTimeouts) },
        ]}
      />
      <LineChart
        title={words.queueChart}
        description={summary ? words.queueDescription(formatCount(summary.peakSynQueue), formatCount(summary.peakAcceptQueue)) : all.running}
        seconds={charts.seconds}
        yLabel={words.sockets}
        series={[
          { name: words.synQueue, colour: "var(--syn)", values: charts.series.map((row) => row.synQueue), area: true },
          { name: words.acceptQueue, colour: "var(--ack)", values: charts.series.map((row) => row.acceptQueue), area: true },
        ]}
      />
    </LabFrame>
  );
}
