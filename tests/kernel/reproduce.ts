/**
 * Does a capture someone recorded with a "Run it yourself" box show what the course's capture
 * shows? Both are read by the capture reader and compared connection by connection: the same
 * segments in each direction (flags, relative seq and ack, length), the same inferred state
 * paths, and the kernel's timing. The programs' own calls (connect(), send(), shutdown(),
 * close()) come when their sleeps say, which a busy machine stretches by tens of milliseconds, so
 * the segments they send are not timed: each opens a new stretch. Every other segment (an ACK,
 * a SYN+ACK, a reset, a retransmission) is timed from the latest such call, within 20 ms or 5 %
 * of that stretch (the kernel's timers and delayed ACKs vary a little from run to run).
 */
import { analyzeCapture, type CaptureConnection, type CaptureSegment } from "@/domain/tcp/pcap";

export interface Reproduction {
  problems: string[];
  /** Segments found in both. */
  segments: number;
}

/** How far a segment's time may be from the shown one: 20 ms, or 5 % of its time since the stretch began. */
export function reproductionToleranceMs(t: number): number {
  return Math.max(20, 0.05 * t);
}

/**
 * A segment an application call sent: a SYN without ACK (connect()), or new data or a FIN, not a
 * retransmission. The kernel sends everything else on its own (a SYN+ACK carries ACK).
 */
export function sentByACall(segment: CaptureSegment): boolean {
  if (segment.retransmission) return false;
  if (segment.flags.includes("RST")) return false;
  if (segment.flags.includes("SYN")) return !segment.flags.includes("ACK");
  return segment.len > 0 || segment.flags.includes("FIN");
}

function describe(segment: CaptureSegment): string {
  return `${segment.flags.join("+")} seq=${segment.seq}${segment.ack === null ? "" : ` ack=${segment.ack}`}${segment.len ? ` len=${segment.len}` : ""} at ${segment.t.toFixed(1)} ms`;
}

function sameSegment(a: CaptureSegment, b: CaptureSegment): boolean {
  return a.flags.join() === b.flags.join() && a.seq === b.seq && a.ack === b.ack && a.len === b.len;
}

/** A segment's place among its direction's segments. */
function sameDirectionIndex(connection: CaptureConnection, segment: CaptureSegment): number {
  return connection.segments.filter((other) => other.from === segment.from).indexOf(segment);
}

/**
 * The latest segment sent by a call at or before `segment` in the shown capture, with the time of
 * its counterpart in the run (the same place in the same direction); the connection's start when
 * there is none or the run lacks it.
 */
function latestCall(shown: CaptureConnection, got: CaptureConnection, segment: CaptureSegment): { shown: number; run: number; name: string } {
  const calls = shown.segments.filter((candidate) => candidate.t <= segment.t && sentByACall(candidate));
  for (const call of calls.reverse()) {
    const index = sameDirectionIndex(shown, call);
    const counterpart = got.segments.filter((other) => other.from === call.from)[index];
    if (counterpart && sameSegment(call, counterpart)) {
      return { shown: call.t, run: counterpart.t, name: `the ${call.from}'s ${call.flags.join("+")}${call.len ? ` len=${call.len}` : ""}` };
    }
  }
  return { shown: 0, run: 0, name: "the start" };
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
      const anchor = latestCall(shown, got, a);
      const stretch = a.t - anchor.shown;
      const expected = anchor.run + stretch;
      if (!sentByACall(a) && Math.abs(b.t - expected) > reproductionToleranceMs(stretch)) {
        problems.push(
          `${label}, ${host} segment ${i + 1} (${a.flags.join("+")}): shown ${stretch.toFixed(1)} ms after ${anchor.name}, run ${(b.t - anchor.run).toFixed(1)} ms after it`,
        );
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
