"use client";

/**
 * The simulator components as lessons and pages embed them: each loads its code in a chunk of
 * its own, so a page pays for a component only when it shows one. The server still renders
 * them, so the first paint has the real thing.
 */
import dynamic from "next/dynamic";
import { simulatorWords, type SimulatorWords } from "@/lib/i18n/words/simulator";
import type { CaptureViewerProps } from "./capture-viewer";
import type { HandshakeSimulatorProps } from "./handshake-simulator";
import type { SimulatorChallengeProps } from "./simulator-challenge";
import type { SynBacklogLabProps } from "./syn-backlog-lab";
import type { TimeWaitLabProps } from "./time-wait-lab";
import { SimulatorLocale, useViewLocale } from "./locale";

type What = Parameters<SimulatorWords["loading"]>[0];

/** Shown while a component's chunk loads (client navigation); it speaks the language provided around it. */
function Placeholder({ what, height = 320 }: { what: What; height?: number }) {
  const words = simulatorWords(useViewLocale());
  return (
    <div
      className="not-prose my-8 flex items-center justify-center rounded-xl border border-dashed border-border bg-bg-sunken text-sm text-fg-muted"
      style={{ minHeight: height }}
    >
      {words.loading(what)}
    </div>
  );
}

const LazySimulator = dynamic(() => import("./handshake-simulator").then((module) => module.HandshakeSimulator), {
  loading: () => <Placeholder what="simulator" height={600} />,
});
const LazyChallenge = dynamic(() => import("./simulator-challenge").then((module) => module.SimulatorChallenge), {
  loading: () => <Placeholder what="challenge" height={700} />,
});
const LazyTimeWaitLab = dynamic(() => import("./time-wait-lab").then((module) => module.TimeWaitLab), {
  loading: () => <Placeholder what="TIME-WAIT lab" height={900} />,
});
const LazySynBacklogLab = dynamic(() => import("./syn-backlog-lab").then((module) => module.SynBacklogLab), {
  loading: () => <Placeholder what="SYN backlog lab" height={900} />,
});
const LazyCaptureViewer = dynamic(() => import("./capture-viewer").then((module) => module.CaptureViewer), {
  loading: () => <Placeholder what="capture viewer" height={400} />,
});

// Each wrapper provides its language around the lazy component so that the loading placeholder
// speaks it too (next/dynamic does not pass props to the placeholder).

export function HandshakeSimulator(props: HandshakeSimulatorProps) {
  return (
    <SimulatorLocale value={useViewLocale(props.locale)}>
      <LazySimulator {...props} />
    </SimulatorLocale>
  );
}

export function SimulatorChallenge(props: SimulatorChallengeProps) {
  return (
    <SimulatorLocale value={useViewLocale(props.locale)}>
      <LazyChallenge {...props} />
    </SimulatorLocale>
  );
}

export function TimeWaitLab(props: TimeWaitLabProps) {
  return (
    <SimulatorLocale value={useViewLocale(props.locale)}>
      <LazyTimeWaitLab {...props} />
    </SimulatorLocale>
  );
}

export function SynBacklogLab(props: SynBacklogLabProps) {
  return (
    <SimulatorLocale value={useViewLocale(props.locale)}>
      <LazySynBacklogLab {...props} />
    </SimulatorLocale>
  );
}

export function CaptureViewer(props: CaptureViewerProps) {
  return (
    <SimulatorLocale value={useViewLocale(props.locale)}>
      <LazyCaptureViewer {...props} />
    </SimulatorLocale>
  );
}
