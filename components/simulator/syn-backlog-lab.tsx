"use client";

import { LINUX_DEFAULTS } from "@/domain/tcp";
import { formatCount } from "@/domain/simulator/format";
import { DEFAULT_SYN_BACKLOG_INPUT, labInputFrom, synBacklogInputSchema, type SynBacklogInput } from "@/domain/simulator/labs";
import { labWords } from "@/lib/i18n/words/labs";
import { LabCharts } from "./lab-charts";
import { Choice, LabFrame, NumberSlider } from "./lab-controls";
import { useViewLocale } from "./locale";
import { useLab } from "./use-lab";
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
  const { title: _title, initial: _initial, onChange: _onChange, locale: _locale, ...given } = props;
  return labInputFrom(synBacklogInputSchema, DEFAULT_SYN_BACKLOG_INPUT, given);
}

/** A SYN flood against a listener: SYN queue, cookies and accept queue, run in a worker. */
export function SynBacklogLab(props: SynBacklogLabProps) {
  const locale = useViewLocale(props.locale);
  const all = labWords(locale);
  const words = all.synBacklog;
  const { input, set, result, run } = useLab("synbacklog", () => initialInput(props), { locale, onChange: props.onChange });

  return (
    <LabFrame
      locale={locale}
      text={words}
      title={props.title}
      run={run}
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
      <LabCharts
        result={result?.result ?? null}
        durationSeconds={input.durationSeconds}
        running={all.running}
        marker={({ firstLegitDropAt }) => (firstLegitDropAt === null ? null : { at: firstLegitDropAt, label: words.firstLegitDrop(String(firstLegitDropAt)) })}
        charts={[
          {
            title: words.synChart,
            describe: (summary) => words.synDescription(formatCount(summary.totalSynDropped), formatCount(summary.totalCookiesSent)),
            yLabel: words.perSecond,
            marked: true,
            series: [
              { name: words.synReceived, colour: "var(--syn)", value: "synReceived" },
              { name: words.synDropped, colour: "var(--rst)", value: "synDropped", area: true },
              { name: words.cookiesSent, colour: "var(--fin)", value: "cookiesSent" },
            ],
          },
          {
            title: words.handshakeChart,
            describe: (summary) => words.handshakeDescription(formatCount(summary.totalHandshakesCompleted), formatCount(summary.totalConnectTimeouts)),
            yLabel: words.perSecond,
            marked: true,
            series: [
              { name: words.handshakes, colour: "var(--ack)", value: "handshakesCompleted", area: true },
              { name: words.accepted, colour: "var(--accent)", value: "accepted" },
              { name: words.timedOut, colour: "var(--rst)", value: "connectTimeouts" },
            ],
          },
          {
            title: words.queueChart,
            describe: (summary) => words.queueDescription(formatCount(summary.peakSynQueue), formatCount(summary.peakAcceptQueue)),
            yLabel: words.sockets,
            series: [
              { name: words.synQueue, colour: "var(--syn)", value: "synQueue", area: true },
              { name: words.acceptQueue, colour: "var(--ack)", value: "acceptQueue", area: true },
            ],
          },
        ]}
      />
    </LabFrame>
  );
}
