"use client";

/**
 * The simulator components as lessons and pages embed them: each loads its code in a chunk of
 * its own, so a page pays for a component only when it shows one. The server still renders
 * them, so the first paint has the real thing.
 */
import dynamic from "next/dynamic";

function Placeholder({ label, height = 320 }: { label: string; height?: number }) {
  return (
    <div className="not-prose my-8 flex items-center justify-center rounded-xl border border-dashed border-border bg-bg-sunken text-sm text-fg-muted" style={{ minHeight: height }}>
      Loading the {label}…
    </div>
  );
}

export const HandshakeSimulator = dynamic(() => import("./handshake-simulator").then((module) => module.HandshakeSimulator), {
  loading: () => <Placeholder label="simulator" height={600} />,
});

export const TimeWaitLab = dynamic(() => import("./time-wait-lab").then((module) => module.TimeWaitLab), {
  loading: () => <Placeholder label="TIME-WAIT lab" height={900} />,
});

export const SynBacklogLab = dynamic(() => import("./syn-backlog-lab").then((module) => module.SynBacklogLab), {
  loading: () => <Placeholder label="SYN backlog lab" height={900} />,
});

export const CaptureViewer = dynamic(() => import("./capture-viewer").then((module) => module.CaptureViewer), {
  loading: () => <Placeholder label="capture viewer" height={400} />,
});

export const SimulatorChallenge = dynamic(() => import("./simulator-challenge").then((module) => module.SimulatorChallenge), {
  loading: () => <Placeholder label="challenge" height={700} />,
});
