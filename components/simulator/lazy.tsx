"use client";

/**
 * The simulator components as lessons and pages embed them: each loads its code in a chunk of
 * its own, so a page pays for a component only when it shows one. The server still renders
 * them, so the first paint has the real thing.
 */
import dynamic from "next/dynamic";
import type { CaptureViewerProps } from "./capture-viewer";
import type { HandshakeSimulatorProps } from "./handshake-simulator";
import type { SimulatorChallengeProps } from "./simulator-challenge";
import type { SynBacklogLabProps } from "./syn-backlog-lab";
import type { TimeWaitLabProps } from "./time-wait-lab";

function Placeholder({ label, height = 320 }: { label: string; height?: number }) {
  return (
    <div
      className="not-prose my-8 flex items-center justify-center rounded-xl border border-dashed border-border bg-bg-sunken text-sm text-fg-muted"
      style={{ minHeight: height }}
    >
      Loading the {label}…
    </div>
  );
}

const LazySimulator = dynamic(() => import("./handshake-simulator").then((module) => module.HandshakeSimulator), {
  loading: () => <Placeholder label="simulator" height={600} />,
});
const LazyChallenge = dynamic(() => import("./simulator-challenge").then((module) => module.SimulatorChallenge), {
  loading: () => <Placeholder label="challenge" height={700} />,
});
const LazyTimeWaitLab = dynamic(() => import("./time-wait-lab").then((module) => module.TimeWaitLab), {
  loading: () => <Placeholder label="TIME-WAIT lab" height={900} />,
});
const LazySynBacklogLab = dynamic(() => import("./syn-backlog-lab").then((module) => module.SynBacklogLab), {
  loading: () => <Placeholder label="SYN backlog lab" height={900} />,
});
const LazyCaptureViewer = dynamic(() => import("./capture-viewer").then((module) => module.CaptureViewer), {
  loading: () => <Placeholder label="capture viewer" height={400} />,
});

export function HandshakeSimulator(props: HandshakeSimulatorProps) {
  return <LazySimulator {...props} />;
}

export function SimulatorChallenge(props: SimulatorChallengeProps) {
  return <LazyChallenge {...props} />;
}

export function TimeWaitLab(props: TimeWaitLabProps) {
  return <LazyTimeWaitLab {...props} />;
}

export function SynBacklogLab(props: SynBacklogLabProps) {
  return <LazySynBacklogLab {...props} />;
}

export function CaptureViewer(props: CaptureViewerProps) {
  return <LazyCaptureViewer {...props} />;
}
