/**
 * Does a capture someone recorded with a "Run it yourself" box show what the course's capture
 * shows? Both are read by the capture reader and compared connection by connection: the same
 * segments in each direction (flags, relative seq and ack, length), the same inferred state
 * paths, and each segment at about the same time since the connection began (the kernel's timers
 * and delayed ACKs vary a little from run to run).
 */
import { analyzeCapture, type CaptureConnection, type CaptureSegment } from "@/domain/tcp/pcap";

export interface Reproduction {
  problems: string[];
  /** Segments found in both. */
  segments: number;
}

/** How far a segment's time may be from the shown one: 20 ms, or 5 % of its time since the start. */
export function reproductionToleranceMs(t: number): number {
  return Math.max(20, 0.05 * t);
}

function describe(segment: CaptureSegment): string {
  return `${segment.flags.join("+")} seq=${segment.seq}${segment.ack === null ? "" : ` ack=${segment.ack}`}${segment.len ? ` len=${segment.len}` : ""} at ${segment.t.toFixed(1)} ms`;
}

function sameSegment(a: CaptureSegment, b: CaptureSegment): boolean {
  return a.flags.join() === b.flags.join() && a.seq === b.seq && a.ack === b.ack && a.len === b.len;
}

function compareConnection(label: string, shown: CaptureConnection, got: CaptureConnection, problems: string[]): number {
  let segments = 0;
  for (const host of ["client", "server"] as const) {
    const want = shown.segments.filter((segment) => segment.from === host);
    const have = got.segments.filter((segment) => segment.from === host);
    for (let i = 0; i < Math.max(want.length, have.length); i++) {
      const a = want[i];
      const b = have[i];
      if (a === undefined || b === undefined) {
        problems.push(`${label}, ${host}: ${a ? `the shown capture has ${describe(a)}, the run nothing` : `the run has ${describe(b!)}, the shown capture nothing`}`);
        break;
      }
      if (!sameSegment(a, b)) {
        problems.push(`${label}, ${host} segment ${i + 1}: shown ${describe(a)}, run ${describe(b)}`);
        break;
      }
      segments++;
      if (Math.abs(a.t - b.t) > reproductionToleranceMs(a.t)) {
        problems.push(`${label}, ${host} segment ${i + 1} (${a.flags.join("+")}): shown at ${a.t.toFixed(1)} ms, run at ${b.t.toFixed(1)} ms`);
      }
    }
    if (shown.states[host].join() !== got.states[host].join()) {
      problems.push(`${label}, ${host} states: shown ${shown.states[host].join(" → ")}, run ${got.states[host].join(" → ")}`);
    }
  }
  return segments;
}

export function compareReproduction(shownCapture: Uint8Array, runCapture: Uint8Array): Reproduction {
  const shown = analyzeCapture(shownCapture).connections;
  const got = analyzeCapture(runCapture).connections;
  const problems: string[] = [];
  if (shown.length !== got.length) problems.push(`the shown capture has ${shown.length} connection(s), the run ${got.length}`);
  let segments = 0;
  shown.forEach((connection, index) => {
    const other = got[index];
    if (other) segments += compareConnection(`connection ${index + 1}`, connection, other, problems);
  });
  return { problems, segments };
}
