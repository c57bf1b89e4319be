/**
 * What the kernel did in one case, read from scripts/kernel-diff/case_runner.py's output: the
 * segments from the tcpdump recording (read by the course's own capture reader, relative
 * numbers as Wireshark shows them), joined with the wire's log (which were dropped, when each
 * arrived), the socket states sock_diag reported, the errors and the calls' results.
 */
import { analyzeCapture, type CaptureConnection } from "@/domain/tcp/pcap";
import type { ErrorCode, HostId, TcpFlag, TcpState } from "@/domain/tcp";

export interface WireRecord {
  id: number;
  from: HostId;
  /** n-th segment sent by `from`. */
  n: number;
  /** ms since t0, when the wire read it. */
  t: number;
  flags: TcpFlag[];
  seq: number;
  ack: number | null;
  len: number;
  dropped: "rule" | "manual" | null;
  arriveAt: number | null;
}

export interface KernelSegment {
  from: HostId;
  /** ms since t0 (tcpdump's timestamp on the sender's interface). */
  t: number;
  flags: readonly TcpFlag[];
  relSeq: number;
  relAck: number | null;
  len: number;
  dropped: boolean;
  arriveAt: number | null;
  /** TCP timestamp option (TSval, TSecr), when present. */
  timestamps?: { value: number; echo: number };
}

export interface KernelCall {
  t: number;
  host?: HostId;
  do: string;
  result?: string;
  segment?: number;
}

export interface KernelRunResult {
  id: string;
  kernel: string;
  /** Epoch seconds of the run's time 0. */
  t0: number;
  durationMs: number;
  latencyMs: number;
  ports: Record<HostId, number>;
  addresses: Record<HostId, string>;
  sysctls: Record<string, string>;
  wire: WireRecord[];
  /** What sock_diag showed of each host, each change with the window it happened in. */
  states: Record<HostId, { t: number; state: TcpState; since: number }[]>;
  errors: { t: number; host: HostId; code: ErrorCode | string; call?: string }[];
  calls: KernelCall[];
  notes: string[];
}

export interface KernelRun extends KernelRunResult {
  segments: KernelSegment[];
  /** Problems of the recording itself (not of TCP): the capture and the wire disagree, say. */
  harness: string[];
}

/** Epoch seconds with nine decimals (the reader's `start`) plus `offsetMs`, as ms since t0. */
export function msSince(t0: number, epoch: string, offsetMs: number): number {
  const [seconds = "0", fraction = "0"] = epoch.split(".");
  const t0Seconds = Math.floor(t0);
  return (Number(seconds) - t0Seconds) * 1000 + Number(`0.${fraction}`) * 1000 - (t0 - t0Seconds) * 1000 + offsetMs;
}

export function kernelRunFrom(result: KernelRunResult, capture: Uint8Array): KernelRun {
  const analysis = analyzeCapture(capture);
  const harness: string[] = analysis.warnings.map((warning) => `capture: ${warning.message}`);
  const clientEndpoint = `${result.addresses.client}:${result.ports.client}`;
  const segments = analysis.connections
    .flatMap((connection: CaptureConnection) => {
      const swapped = connection.client !== clientEndpoint;
      return connection.segments.map((segment) => ({
        from: (swapped ? (segment.from === "client" ? "server" : "client") : segment.from) as HostId,
        t: msSince(result.t0, connection.start, segment.t),
        flags: segment.flags as readonly TcpFlag[],
        relSeq: segment.seq,
        relAck: segment.ack,
        len: segment.len,
        dropped: false,
        arriveAt: null as number | null,
        ...(segment.options?.timestamps ? { timestamps: segment.options.timestamps } : {}),
      }));
    })
    .sort((a, b) => a.t - b.t);

  // The k-th segment a host sent in the capture is the k-th the wire read from it.
  for (const host of ["client", "server"] as const) {
    const captured = segments.filter((segment) => segment.from === host);
    const wired = result.wire.filter((record) => record.from === host);
    if (captured.length !== wired.length) {
      harness.push(`the ${host} sent ${wired.length} segments on the wire but tcpdump recorded ${captured.length}`);
    }
    captured.forEach((segment, index) => {
      const record = wired[index];
      if (record === undefined) return;
      if (record.flags.join() !== segment.flags.join() || record.len !== segment.len) {
        harness.push(`${host} segment ${index + 1}: the wire read ${record.flags.join("+")} len ${record.len}, tcpdump ${segment.flags.join("+")} len ${segment.len}`);
      }
      segment.dropped = record.dropped !== null;
      segment.arriveAt = record.arriveAt;
    });
  }
  return { ...result, segments, harness };
}
