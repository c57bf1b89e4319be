"use client";

import { LINUX_DEFAULTS } from "@/domain/tcp";
import { formatCount } from "@/domain/simulator/format";
import { DEFAULT_SYN_BACKLOG_INPUT, labInputFrom, synBacklogInputSchema, type SynBacklogInput } from "@/domain/simulator/labs";
import type { LabWords } from "@/lib/i18n/words/labs";
import { Lab, type LabLayout, type LabProps } from "./lab";

export interface SynBacklogLabProps extends LabProps<SynBacklogInput> {
  attackSynPerSecond?: number;
  legitConnectsPerSecond?: number;
  durationSeconds?: number;
  tcp_max_syn_backlog?: number;
  somaxconn?: number;
  backlog?: number;
  tcp_syncookies?: 0 | 1 | 2;
  acceptPerSecond?: number;
}

function inputFromSettings(props: SynBacklogLabProps): SynBacklogInput {
  const { title: _title, initial: _initial, onChange: _onChange, locale: _locale, ...given } = props;
  return labInputFrom(synBacklogInputSchema, DEFAULT_SYN_BACKLOG_INPUT, given);
}

/** A SYN flood against a listener: SYN queue, cookies and accept queue, run in a worker. */
export function SynBacklogLab(props: SynBacklogLabProps) {
  return <Lab kind="synbacklog" props={props} fromSettings={() => inputFromSettings(props)} layout={synBacklogLayout} />;
}

function synBacklogLayout(all: LabWords): LabLayout<"synbacklog"> {
  const words = all.synBacklog;
  const controls: LabLayout<"synbacklog">["controls"] = [
    { kind: "number", setting: "attackSynPerSecond", label: words.attack, min: 0, max: 200_000, log: true },
    { kind: "number", setting: "legitConnectsPerSecond", label: words.legit, min: 0, max: 10_000, log: true },
    { kind: "number", setting: "backlog", label: words.backlog, min: 0, max: 1_000_000, log: true },
    { kind: "number", setting: "somaxconn", label: "somaxconn", min: 0, max: 1_000_000, log: true, hint: words.somaxconnHint(formatCount(LINUX_DEFAULTS.somaxconn)) },
    {
      kind: "number",
      setting: "tcp_max_syn_backlog",
      label: "tcp_max_syn_backlog",
      min: 0,
      max: 1_000_000,
      log: true,
      hint: words.synBacklogHint(formatCount(LINUX_DEFAULTS.tcp_max_syn_backlog)),
    },
    { kind: "choice", setting: "tcp_syncookies", label: "tcp_syncookies", options: ([0, 1, 2] as const).map((value) => ({ value, label: words.cookies[value] })) },
    { kind: "number", setting: "acceptPerSecond", label: words.accept, min: 0, max: 1_000_000, log: true, hint: words.acceptHint },
    { kind: "number", setting: "durationSeconds", label: words.duration, unit: all.secondsUnit, min: 5, max: 300 },
  ];
  return {
    text: words,
    controls,
    marker: ({ firstLegitDropAt }) => (firstLegitDropAt === null ? null : { at: firstLegitDropAt, label: words.firstLegitDrop(String(firstLegitDropAt)) }),
    charts: [
      {
        title: words.synChart,
        describe: (summary) => words.synDescription(formatCount(summary.totalSynDropped), formatCount(summary.totalCookiesSent)),
        yLabel: words.perSecond,
        marked: true,
        series: [{ name: words.synReceived, colour: "var(--syn)", value: "synReceived" }, { name: words.synDropped, colour: "var(--rst)", value: "synDropped", area: true }, { name: words.cookiesSent, colour: "var(--fin)", value: "cookiesSent" }],
      },
      {
        title: words.handshakeChart,
        describe: (summary) => words.handshakeDescription(formatCount(summary.totalHandshakesCompleted), formatCount(summary.totalConnectTimeouts)),
        yLabel: words.perSecond,
        marked: true,
        series: [{ name: words.handshakes, colour: "var(--ack)", value: "handshakesCompleted", area: true }, { name: words.accepted, colour: "var(--accent)", value: "accepted" }, { name: words.timedOut, colour: "var(--rst)", value: "connectTimeouts" }],
      },
      {
        title: words.queueChart,
        describe: (summary) => words.queueDescription(formatCount(summary.peakSynQueue), formatCount(summary.peakAcceptQueue)),
        yLabel: words.sockets,
        series: [{ name: words.synQueue, colour: "var(--syn)", value: "synQueue", area: true }, { name: words.acceptQueue, colour: "var(--ack)", value: "acceptQueue", area: true }],
      },
    ],
  };
}
