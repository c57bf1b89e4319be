/** Capture challenges: goals reached on the learner's own machine and proved with a capture file. */
import type { TcpState } from "@/domain/tcp";
import type { Locale } from "@/domain/locale";

export type Localized = Readonly<Record<Locale, string>>;

/**
 * Values the server issued to one learner for one challenge. The goal names them, so a capture
 * taken by someone else (or downloaded) does not meet it.
 */
export interface CaptureValues {
  /** The port the learner's server listens on (or, for a refused connection, nobody listens on). */
  serverPort: number;
  /** The port the learner's client binds before connecting (challenges that have no payload). */
  clientPort: number;
  /** A string the learner's programs send as data. */
  token: string;
}

/** Which issued values a challenge's goal checks. */
export type ValueName = keyof CaptureValues;

export type OperatingSystem = "linux" | "macos";

/** One thing to run, in its own terminal unless it ends by itself. */
export interface CommandStep {
  /** capture: tcpdump; server/client: the programs; observe: look at the sockets (ss, netstat). */
  role: "capture" | "server" | "client" | "observe";
  /** What the step does, one short sentence. */
  label: Localized;
  /** The exact command text (shell), with the learner's values filled in. */
  command: string;
  /** Keeps running until stopped or until a later step ends it (start it, then open another terminal). */
  background?: true;
}

/** What a segment of the examined connection shows, in one language. */
export interface ExplainedSegment {
  /** Index in the connection's segments. */
  index: number;
  frame: number;
  /** Milliseconds since the connection's first segment. */
  t: number;
  from: "client" | "server";
  /** "SYN+ACK", "FIN+ACK", "PSH+ACK". */
  flags: string;
  seq: number;
  ack: number | null;
  len: number;
  retransmission: boolean;
  /** The goal's reading of this segment: what it proves or what is wrong with it. */
  notes: string[];
  /** State changes it caused, with the rule behind each. */
  changes: string[];
  /** The segment decides the verdict: it meets the goal's condition or shows what misses it. */
  mark?: "meets" | "misses";
}

export interface ExaminedConnection {
  client: string;
  server: string;
  states: { client: TcpState[]; server: TcpState[] };
  segments: ExplainedSegment[];
  /** Segments not listed (very long connections). */
  segmentsOmitted: number;
  /** Assumptions the capture reader made about this connection (a capture starting mid-connection, say). */
  notes: string[];
}

/** The grader's answer for a file that is a capture. */
export interface CaptureVerdict {
  reached: boolean;
  /** A key of the challenge's outcomes ("reached", "no-connection", ...). */
  outcome: string;
  /** Why the goal is or is not met, in a few sentences the learner can act on. */
  summary: string;
  /** The connection that came closest to the goal, explained segment by segment; null when none qualified. */
  connection: ExaminedConnection | null;
  /** Other TCP connections in the file (at most 20), to show what was captured instead. */
  others: { client: string; server: string; segments: number }[];
  capture: { format: "pcap" | "pcapng"; packets: number; tcpSegments: number; connections: number };
  /** The capture reader's warnings (cut-off last record, skipped packets), at most 20. */
  warnings: string[];
}

/** What a success stores: enough to show and re-check why the goal was met, without the file. */
export interface CaptureEvidenceSummary {
  outcome: string;
  values: CaptureValues;
  client: string;
  server: string;
  /** Frame numbers of the segments of the examined connection that meet the goal. */
  frames: number[];
  format: "pcap" | "pcapng";
  packets: number;
}
