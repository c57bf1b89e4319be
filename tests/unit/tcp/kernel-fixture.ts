/** Typed access to tests/fixtures/tcp/kernel-timings.json (recorded by scripts/record-tcp-timings.py). */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface KernelSegment {
  t: number;
  sport: number;
  dport: number;
  flags: string[];
  seq: number;
  ack: number | null;
  len: number;
}

export interface KernelEvent {
  t: number;
  event: string;
  [field: string]: unknown;
}

export interface KernelExperiment {
  description: string;
  segments: KernelSegment[];
  events: KernelEvent[];
}

interface KernelTimings {
  kernel: string;
  sysctls: Record<string, string>;
  experiments: Record<string, KernelExperiment>;
}

const path = fileURLToPath(new URL("../../fixtures/tcp/kernel-timings.json", import.meta.url));
export const KERNEL = JSON.parse(readFileSync(path, "utf8")) as KernelTimings;

export function experiment(name: string): KernelExperiment {
  const found = KERNEL.experiments[name];
  if (found === undefined) throw new Error(`no kernel experiment "${name}" in ${path}`);
  return found;
}

export function kernelEvents(name: string, event: string): KernelEvent[] {
  return experiment(name).events.filter((entry) => entry.event === event);
}

export function kernelEvent(name: string, event: string): KernelEvent {
  const found = kernelEvents(name, event)[0];
  if (found === undefined) throw new Error(`kernel experiment "${name}" has no "${event}" event`);
  return found;
}

/** Segments sent towards (or from) a port. */
export function segmentsTo(name: string, port: number): KernelSegment[] {
  return experiment(name).segments.filter((segment) => segment.dport === port);
}

export function segmentsFrom(name: string, port: number): KernelSegment[] {
  return experiment(name).segments.filter((segment) => segment.sport === port);
}

export function flagsEqual(segment: KernelSegment, ...flags: string[]): boolean {
  return segment.flags.length === flags.length && flags.every((flag) => segment.flags.includes(flag));
}
