/**
 * Capture reader: pcap and pcapng files to TCP connections, segments and inferred state paths.
 * Pure TypeScript over Uint8Array, for the browser and Node alike. See docs/capture-reader.md.
 */
export { analyzeCapture, analyzeCaptureStream, CaptureAnalyzer, type AnalyzeOptions, type CaptureAnalysisSummary } from "./analyze-capture";
export { SUMMARY_COLUMNS, summaryLine, summaryRowFromConnection } from "./summary";
export { connectionFromStream, summarizeCaptureStream, type StreamReadOptions } from "./streaming";
export { CaptureReader, type CaptureReaderOptions } from "./capture-reader";
export type { CaptureFormat, CapturedPacket } from "./captured-packet";
export { decodePacket, type DecodedPacket, type SkipReason, type TcpPacket } from "./decode/decode-packet";
export { TcpFlag, type TcpHeader, type TcpOptions } from "./decode/tcp-header";
export { CaptureFormatError, type CaptureNote, type CaptureWarning } from "./errors";
export { captureReaderWords, noteText, problemText, type CaptureReaderWords, type ProblemPhrase } from "./problem-words";
export type { CaptureNoteCode, CaptureProblem, NoteCode, NoteParams, PcapngBlock, PcapngBlockKind, ProblemCode, ProblemParams } from "./problems";
export { DEFAULT_LIMITS, type CaptureLimits } from "./limits";
export { LinkType, linkTypeName } from "./link-types";
export { formatEpoch, type CaptureTimestamp } from "./timestamp";
export type {
  CaptureAnalysis,
  CaptureConnection,
  CaptureConnectionSummary,
  CaptureSegment,
  CaptureSummary,
  EcnFlagName,
  Role,
  RoleBasis,
  SegmentOptions,
  StateTransition,
  TransitionRule,
  ArrivalEvidence,
  TcpFlagName,
  TcpState,
} from "./types";
