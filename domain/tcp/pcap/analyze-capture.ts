import { ConnectionTracker, type ConnectionSegmentSink } from "./analysis/connection-tracker";
import { ReusedPacket, type CapturedPacket } from "./captured-packet";
import { CaptureReader, type CaptureReaderOptions } from "./capture-reader";
import { decodePacket, type DecodedPacket, type SkipReason } from "./decode/decode-packet";
import { decodeSegment, SegmentRecord } from "./decode/segment-record";
import { captureWarning, type CaptureWarning } from "./errors";
import type { CaptureTimestamp } from "./timestamp";
import type { CaptureAnalysis, CaptureSummary, CaptureConnectionSummary } from "./types";

export interface AnalyzeOptions extends CaptureReaderOptions {
  /** Segments listed per connection (all are analysed); the rest are counted in segmentsOmitted. */
  maxSegmentsPerConnection?: number;
  /** Warnings kept; more are summed up in a last one. */
  maxWarnings?: number;
  /**
   * Receives every segment as soon as it is decided, with its connection's index (order of first
   * segment): streaming output, with `maxSegmentsPerConnection: 0` so nothing is kept.
   */
  onSegment?: ConnectionSegmentSink;
  /**
   * Record every state change with its evidence (default). A summary needs the state paths alone:
   * `false` saves that memory, and `finish()` then throws (use `finishSummary()`).
   */
  transitions?: boolean;
  /**
   * The capture's size in bytes, when known before reading (a file): the per-connection columns
   * are then made about as large as the whole capture needs once its first connections are read,
   * instead of growing fourfold (each growth a copy).
   */
  expectedBytes?: number;
}

/** `tcp pcap --summary`: one row per connection instead of its segments. */
export interface CaptureAnalysisSummary {
  connections: CaptureConnectionSummary[];
  capture: CaptureSummary;
  warnings: CaptureWarning[];
}

const DEFAULT_MAX_WARNINGS = 100;
const PROJECTION_MARGIN = 1.125;

/**
 * Reads a capture pushed in chunks and analyses its TCP connections as packets complete, so a
 * large file streams through with memory for the result, not for the file.
 */
export class CaptureAnalyzer {
  private readonly reader: CaptureReader;
  private readonly tracker: ConnectionTracker;
  private readonly maxWarnings: number;
  private readonly warnings: CaptureWarning[] = [];
  private warningsDropped = 0;
  private readonly skipped: Record<SkipReason, number> = {
    "unsupported-link-type": 0,
    "not-tcp": 0,
    "non-first-fragment": 0,
    malformed: 0,
  };
  private readonly unsupportedLinkTypes = new Set<number>();
  private packets = 0;
  private tcpSegments = 0;
  /** The previous packet's time (epoch before the first), for packets without one. */
  private readonly lastTime: CaptureTimestamp = { seconds: 0, nanoseconds: 0 };
  /** Every TCP segment is decoded into this one record (nothing is allocated per packet). */
  private readonly record = new SegmentRecord();
  private warnedAboutMissingTimestamps = false;
  /** File offset of the latest packet. */
  private offset = 0;

  constructor(options: AnalyzeOptions = {}) {
    // Nothing of a packet is kept once it is handled: the reader may hand each over in one object.
    this.reader = new CaptureReader({ ...options, reusePackets: true });
    const { expectedBytes } = options;
    this.tracker = new ConnectionTracker({
      maxSegmentsPerConnection: options.maxSegmentsPerConnection ?? Number.POSITIVE_INFINITY,
      onSegment: options.onSegment,
      transitions: options.transitions ?? true,
      // As many connections per byte in the rest of the capture as so far, and an eighth more.
      projectedConnections:
        expectedBytes === undefined ? undefined : (count) => (count * expectedBytes * PROJECTION_MARGIN) / Math.max(this.offset, 1),
    });
    this.maxWarnings = options.maxWarnings ?? DEFAULT_MAX_WARNINGS;
  }

  /** Feeds the next bytes of the file. Throws CaptureFormatError on malformed input. */
  push(chunk: Uint8Array): void {
    this.reader.read(chunk, this.handle);
  }

  /** Ends the input and returns the analysis. */
  finish(): CaptureAnalysis {
    const capture = this.endInput();
    return { connections: this.tracker.finish(), capture, warnings: this.warnings };
  }

  /**
   * Ends the input and returns one row per connection. Per-connection state is all it needs, so
   * create the analyzer with `maxSegmentsPerConnection: 0` and `transitions: false` to keep no
   * segment and no transition at all.
   */
  finishSummary(): CaptureAnalysisSummary {
    const { rows, capture, warnings } = this.finishSummaryRows();
    return { connections: [...rows], capture, warnings };
  }

  /**
   * Like `finishSummary`, with the rows made one at a time as they are read from `rows`: a caller
   * that writes each out (`tcp pcap --summary`) never holds them all.
   */
  finishSummaryRows(): Omit<CaptureAnalysisSummary, "connections"> & { rows: Iterable<CaptureConnectionSummary> } {
    const capture = this.endInput();
    return { rows: this.tracker.summaries(), capture, warnings: this.warnings };
  }

  /**
   * Like `finishSummaryRows`, with the rows already written out: each row's `summaryLine` and a
   * newline, as ASCII bytes, about `chunkBytes` at a time (`tcp pcap --summary`). The chunks share
   * one buffer: write each out before asking for the next.
   */
  finishSummaryBytes(chunkBytes: number): Omit<CaptureAnalysisSummary, "connections"> & { chunks: Iterable<Uint8Array> } {
    const capture = this.endInput();
    return { chunks: this.tracker.summaryBytes(chunkBytes), capture, warnings: this.warnings };
  }

  private endInput(): CaptureSummary {
    for (const warning of this.reader.end()) this.warn(warning);
    if (this.skipped["non-first-fragment"] > 0) {
      this.warn(captureWarning("fragments-skipped", 0, { count: this.skipped["non-first-fragment"] }));
    }
    if (this.warningsDropped > 0) {
      this.warnings.push(captureWarning("more-warnings", 0, { count: this.warningsDropped }));
    }
    return {
      format: this.reader.format ?? "pcap",
      packets: this.packets,
      tcpSegments: this.tcpSegments,
      skipped: { ...this.skipped },
    };
  }

  private readonly handle = (packet: CapturedPacket): void => {
    this.packets++;
    this.offset = packet.offset;
    if (packet.timestamp) {
      this.lastTime.seconds = packet.timestamp.seconds;
      this.lastTime.nanoseconds = packet.timestamp.nanoseconds;
    } else {
      this.warnAboutMissingTimestamps(packet);
    }
    const record = this.record;
    const decodedHere =
      packet instanceof ReusedPacket
        ? decodeSegment(packet.bytes, packet.start, packet.end, packet.linkType, record)
        : decodeSegment(packet.data, 0, packet.data.length, packet.linkType, record);
    if (!decodedHere) {
      const decoded = decodePacket(packet);
      if (decoded.kind === "tcp") record.fillFrom(decoded.packet);
      else return this.skip(packet, decoded);
    }
    record.frame = packet.frame;
    record.seconds = this.lastTime.seconds;
    record.nanoseconds = this.lastTime.nanoseconds;
    this.tcpSegments++;
    this.tracker.add(record);
  };

  private skip(packet: CapturedPacket, decoded: Extract<DecodedPacket, { kind: "skipped" }>): void {
    this.skipped[decoded.reason]++;
    if (decoded.reason === "malformed") {
      this.warn(captureWarning("malformed-packet", packet.offset, { frame: packet.frame, reason: decoded.detail }));
    } else if (decoded.reason === "unsupported-link-type" && !this.unsupportedLinkTypes.has(packet.linkType)) {
      this.unsupportedLinkTypes.add(packet.linkType);
      this.warn(captureWarning("unsupported-link-type", packet.offset, { linkType: packet.linkType }));
    }
  }

  /** Simple packet blocks have no timestamp: they get the previous packet's time. */
  private warnAboutMissingTimestamps(packet: CapturedPacket): void {
    if (this.warnedAboutMissingTimestamps) return;
    this.warnedAboutMissingTimestamps = true;
    this.warn(captureWarning("no-timestamps", packet.offset, {}));
  }

  private warn(warning: CaptureWarning): void {
    if (this.warnings.length < this.maxWarnings) this.warnings.push(warning);
    else this.warningsDropped++;
  }
}

/** Analyses a whole capture held in memory. Throws CaptureFormatError on malformed input. */
export function analyzeCapture(bytes: Uint8Array, options?: AnalyzeOptions): CaptureAnalysis {
  const analyzer = new CaptureAnalyzer(options);
  analyzer.push(bytes);
  return analyzer.finish();
}

/**
 * Analyses a capture read as a stream: a browser `File.stream()`, a fetch body, or any async
 * iterable of chunks (a Node read stream).
 */
export async function analyzeCaptureStream(
  source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  options?: AnalyzeOptions,
): Promise<CaptureAnalysis> {
  const analyzer = new CaptureAnalyzer(options);
  if ("getReader" in source) {
    const reader = source.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) analyzer.push(next.value);
  } else {
    for await (const chunk of source) analyzer.push(chunk);
  }
  return analyzer.finish();
}
