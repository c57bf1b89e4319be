import { ConnectionTracker, type ConnectionSegmentSink } from "./analysis/connection-tracker";
import type { CapturedPacket } from "./captured-packet";
import { CaptureReader, type CaptureReaderOptions } from "./capture-reader";
import { decodePacket, type SkipReason } from "./decode/decode-packet";
import { captureWarning, type CaptureWarning } from "./errors";
import { linkTypeName } from "./link-types";
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
}

/** `tcp pcap --summary`: one row per connection instead of its segments. */
export interface CaptureAnalysisSummary {
  connections: CaptureConnectionSummary[];
  capture: CaptureSummary;
  warnings: CaptureWarning[];
}

const DEFAULT_MAX_WARNINGS = 100;
const EPOCH: CaptureTimestamp = { seconds: 0, nanoseconds: 0 };

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
  private lastTimestamp: CaptureTimestamp | null = null;
  private warnedAboutMissingTimestamps = false;

  constructor(options: AnalyzeOptions = {}) {
    this.reader = new CaptureReader(options);
    this.tracker = new ConnectionTracker(options.maxSegmentsPerConnection ?? Number.POSITIVE_INFINITY, options.onSegment);
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
   * create the analyzer with `maxSegmentsPerConnection: 0` to keep no segment at all.
   */
  finishSummary(): CaptureAnalysisSummary {
    const capture = this.endInput();
    return { connections: this.tracker.summaries(), capture, warnings: this.warnings };
  }

  private endInput(): CaptureSummary {
    for (const warning of this.reader.end()) this.warn(warning);
    if (this.skipped["non-first-fragment"] > 0) {
      this.warn(captureWarning(0, "IP fragments skipped", `${this.skipped["non-first-fragment"]} non-first fragments carry no TCP header`));
    }
    if (this.warningsDropped > 0) {
      this.warnings.push({ offset: 0, message: `${this.warningsDropped} more warnings not shown` });
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
    const time = packet.timestamp ?? this.timestampForUntimed(packet);
    this.lastTimestamp = time;
    const decoded = decodePacket(packet);
    if (decoded.kind === "tcp") {
      this.tcpSegments++;
      this.tracker.add(decoded.packet, time);
      return;
    }
    this.skipped[decoded.reason]++;
    if (decoded.reason === "malformed") {
      this.warn(captureWarning(packet.offset, `malformed packet (frame ${packet.frame})`, decoded.detail));
    } else if (decoded.reason === "unsupported-link-type" && !this.unsupportedLinkTypes.has(packet.linkType)) {
      this.unsupportedLinkTypes.add(packet.linkType);
      this.warn(captureWarning(packet.offset, `${linkTypeName(packet.linkType)} is not supported`, "its packets are skipped"));
    }
  };

  /** Simple packet blocks have no timestamp: they get the previous packet's time. */
  private timestampForUntimed(packet: CapturedPacket): CaptureTimestamp {
    if (!this.warnedAboutMissingTimestamps) {
      this.warnedAboutMissingTimestamps = true;
      this.warn(
        captureWarning(packet.offset, "packets without timestamps (pcapng simple packet blocks)", "they get the previous packet's time"),
      );
    }
    return this.lastTimestamp ?? EPOCH;
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
