/**
 * Grades an uploaded capture against a capture challenge: the capture reader analyses the file,
 * every connection to the learner's server port is judged by the challenge's goal, and the one
 * that came closest is explained segment by segment. Pure (no I/O): the server runs it in a
 * worker thread with time and memory budgets (lib/capture-challenges/grader.server.ts).
 */
import { explainTransition } from "@/domain/simulator/capture-explanations";
import { analyzeCapture, CaptureFormatError, CaptureReader, noteText, problemText, type CaptureConnection } from "@/domain/tcp/pcap";
import { payloadsByFrame, portOf, viewConnection } from "./connection-view";
import { gradeWords } from "./grade-words";
import type { Judgement } from "./judgement";
import type { CaptureChallenge } from "./registry";
import type { CaptureEvidenceSummary, CaptureValues, CaptureVerdict, ExaminedConnection, ExplainedSegment } from "./types";
import type { Locale } from "@/domain/locale";

export const GRADE_LIMITS = {
  /** Segments the analysis keeps per connection (every segment is still analysed). */
  maxSegmentsPerConnection: 5_000,
  /** Segments of the examined connection explained in the verdict. */
  maxListedSegments: 300,
  maxOthers: 20,
  maxWarnings: 20,
} as const;

export type GradeResult =
  | {
      ok: true;
      verdict: CaptureVerdict;
      /** Stored with a completion when the goal is reached. */
      evidence: CaptureEvidenceSummary | null;
      /** The examined connection's packets as a pcap file, when asked for and the goal is reached. */
      kept: Uint8Array | null;
    }
  | { ok: false; error: "not-a-capture"; message: string };

/** Why the file cannot be graded, when it is not a capture the reader can read. */
export function notACapture(error: CaptureFormatError, locale: Locale): { ok: false; error: "not-a-capture"; message: string } {
  return { ok: false, error: "not-a-capture", message: gradeWords(locale).notACapture(problemText(error.problem, locale)) };
}

function explainSegments(connection: CaptureConnection, judgement: Judgement, locale: Locale): ExaminedConnection {
  const marks = new Map<number, { mark: "meets" | "misses"; notes: string[] }>();
  for (const mark of judgement.marks) {
    const entry = marks.get(mark.index) ?? { mark: mark.mark, notes: [] };
    if (mark.mark === "misses") entry.mark = "misses";
    entry.notes.push(mark.note[locale]);
    marks.set(mark.index, entry);
  }
  const changes = new Map<number, string[]>();
  for (const transition of connection.transitions) {
    const explanation = explainTransition(connection, transition, locale);
    const line = gradeWords(locale).change(transition.host, `${transition.from} → ${transition.to}`, explanation.rule);
    changes.set(transition.segment, [...(changes.get(transition.segment) ?? []), line]);
  }
  const listed = connection.segments
    .map((segment, index) => ({ segment, index }))
    .filter(({ index }) => index < GRADE_LIMITS.maxListedSegments || marks.has(index));
  const segments: ExplainedSegment[] = listed.map(({ segment, index }) => {
    const marked = marks.get(index);
    return {
      index,
      frame: segment.frame,
      t: segment.t,
      from: segment.from,
      flags: segment.flags.join("+"),
      seq: segment.seq,
      ack: segment.ack,
      len: segment.len,
      retransmission: segment.retransmission === true,
      notes: marked?.notes ?? [],
      changes: changes.get(index) ?? [],
      ...(marked ? { mark: marked.mark } : {}),
    };
  });
  return {
    client: connection.client,
    server: connection.server,
    states: connection.states,
    segments,
    segmentsOmitted: connection.segments.length - segments.length + (connection.segmentsOmitted ?? 0),
    notes: connection.notes.map((note) => noteText(note, locale)),
  };
}

function noConnection(connections: readonly CaptureConnection[], values: CaptureValues, locale: Locale): string {
  const words = gradeWords(locale);
  if (connections.length === 0) return words.noSegment(values.serverPort);
  const ports = [...new Set(connections.map((c) => portOf(c.server)))].slice(0, 8).join(", ");
  if (connections.length === 1) return words.otherPort(values.serverPort, ports);
  return words.otherPorts(connections.length, values.serverPort, ports);
}

/** Writes the packets of the given frames as a pcap file (nanosecond timestamps), keeping their first link type. */
export function extractFrames(bytes: Uint8Array, frames: ReadonlySet<number>): Uint8Array | null {
  const records: { seconds: number; nanoseconds: number; data: Uint8Array; originalLength: number }[] = [];
  let linkType: number | null = null;
  const reader = new CaptureReader();
  reader.read(bytes, (packet) => {
    if (!frames.has(packet.frame)) return;
    linkType ??= packet.linkType;
    if (packet.linkType !== linkType) return;
    const time = packet.timestamp ?? { seconds: 0, nanoseconds: 0 };
    records.push({ seconds: time.seconds, nanoseconds: time.nanoseconds, data: packet.data.slice(), originalLength: packet.originalLength });
  });
  reader.end();
  if (linkType === null) return null;
  const size = 24 + records.reduce((sum, record) => sum + 16 + record.data.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0xa1b23c4d, true); // nanosecond-resolution pcap
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, 262_144, true);
  view.setUint32(20, linkType, true);
  let at = 24;
  for (const record of records) {
    view.setUint32(at, record.seconds >>> 0, true);
    view.setUint32(at + 4, record.nanoseconds, true);
    view.setUint32(at + 8, record.data.length, true);
    view.setUint32(at + 12, record.originalLength, true);
    out.set(record.data, at + 16);
    at += 16 + record.data.length;
  }
  return out;
}

/**
 * Grades `bytes` for `challenge` with the learner's `values`, explaining in `locale`. A file that
 * is not a capture gives `{ ok: false }` with a message; anything else is a verdict.
 */
export function gradeCapture(
  bytes: Uint8Array,
  challenge: CaptureChallenge,
  values: CaptureValues,
  locale: Locale,
  options: { keep?: boolean } = {},
): GradeResult {
  let analysis;
  try {
    analysis = analyzeCapture(bytes, { maxSegmentsPerConnection: GRADE_LIMITS.maxSegmentsPerConnection, maxWarnings: GRADE_LIMITS.maxWarnings });
  } catch (error) {
    if (error instanceof CaptureFormatError) return notACapture(error, locale);
    throw error;
  }
  const candidates = analysis.connections.filter((c) => portOf(c.server) === values.serverPort || portOf(c.client) === values.serverPort);
  const frames = new Set(candidates.flatMap((c) => c.segments.map((s) => s.frame)));
  const payloads = payloadsByFrame(bytes, frames);
  let best: { connection: CaptureConnection; judgement: Judgement } | null = null;
  for (const connection of candidates) {
    const judgement = challenge.judge(viewConnection(connection, values.serverPort, payloads, values.token), values);
    const better =
      best === null ||
      (judgement.reached && !best.judgement.reached) ||
      (judgement.reached === best.judgement.reached && judgement.rank > best.judgement.rank);
    if (better) best = { connection, judgement };
  }
  const others = analysis.connections
    .filter((c) => c !== best?.connection)
    .slice(0, GRADE_LIMITS.maxOthers)
    .map((c) => ({ client: c.client, server: c.server, segments: c.segments.length + (c.segmentsOmitted ?? 0) }));
  const capture = {
    format: analysis.capture.format,
    packets: analysis.capture.packets,
    tcpSegments: analysis.capture.tcpSegments,
    connections: analysis.connections.length,
  };
  const warnings = analysis.warnings.slice(0, GRADE_LIMITS.maxWarnings).map((warning) => problemText(warning, locale));
  if (best === null) {
    return {
      ok: true,
      verdict: { reached: false, outcome: "no-connection", summary: noConnection(analysis.connections, values, locale), connection: null, others, capture, warnings },
      evidence: null,
      kept: null,
    };
  }
  const { connection, judgement } = best;
  const text = challenge.outcomes[judgement.outcome];
  if (!text) throw new Error(`${challenge.id}: no text for outcome ${judgement.outcome}`);
  const verdict: CaptureVerdict = {
    reached: judgement.reached,
    outcome: judgement.outcome,
    summary: text(judgement.vars ?? {}, values)[locale],
    connection: explainSegments(connection, judgement, locale),
    others,
    capture,
    warnings,
  };
  if (!judgement.reached) return { ok: true, verdict, evidence: null, kept: null };
  const meets = judgement.marks.filter((m) => m.mark === "meets").map((m) => connection.segments[m.index]!.frame);
  const evidence: CaptureEvidenceSummary = {
    outcome: judgement.outcome,
    values,
    client: connection.client,
    server: connection.server,
    frames: [...new Set(meets)].sort((a, b) => a - b),
    format: analysis.capture.format,
    packets: analysis.capture.packets,
  };
  const kept = options.keep ? extractFrames(bytes, new Set(connection.segments.map((s) => s.frame))) : null;
  return { ok: true, verdict, evidence, kept };
}
