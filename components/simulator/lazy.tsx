"use client";

/**
 * The simulator components as lessons embed them: in the page's HTML as rendered by the server,
 * their code loaded in a chunk of its own when the reader approaches one
 * (components/ui/on-demand.tsx, ADR 0950), so a lesson's JavaScript before any interaction is
 * the page's own.
 */
import { onDemand } from "../ui/on-demand";

export const HandshakeSimulator = onDemand(() => import("./handshake-simulator").then((module) => module.HandshakeSimulator));
export const SimulatorChallenge = onDemand(() => import("./simulator-challenge").then((module) => module.SimulatorChallenge));
export const TimeWaitLab = onDemand(() => import("./time-wait-lab").then((module) => module.TimeWaitLab));
export const SynBacklogLab = onDemand(() => import("./syn-backlog-lab").then((module) => module.SynBacklogLab));
export const CaptureViewer = onDemand(() => import("./capture-viewer").then((module) => module.CaptureViewer));
