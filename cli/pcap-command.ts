/**
 * `tcp pcap FILE [--pretty] [--max-segments N] | --summary | --ndjson`
 *
 * Reads a pcap or pcapng file, streamed in 1 MiB chunks, and prints on stdout:
 * - by default one JSON object: {"connections":[...],"capture":{...},"warnings":[...]} (see
 *   domain/tcp/pcap/types.ts and docs/capture-reader.md);
 * - with --summary one tab-separated row per connection under a header line, keeping no segment
 *   in memory;
 * - with --ndjson one JSON line per segment as soon as it is decided ({"type":"segment",
 *   "connection":N,...}), then one per connection without its segments ({"type":"connection",
 *   "index":N,...}) and a last {"type":"capture",...,"warnings":[...]}.
 * Warnings are repeated on stderr. Bad input (usage, unreadable file, malformed capture): a
 * message on stderr and exit code 2.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import {
  CaptureAnalyzer,
  CaptureFormatError,
  SUMMARY_COLUMNS,
  type AnalyzeOptions,
  type CaptureAnalysis,
  type CaptureWarning,
} from "../domain/tcp/pcap";

const USAGE = "usage: tcp pcap FILE [--pretty] [--max-segments N] | [--summary] | [--ndjson]";
const CHUNK_BYTES = 1 << 20;
const SUMMARY_WRITE_BYTES = 1 << 16;

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

export interface PcapCommandIo {
  /**
   * Writes to stdout (`--summary` rows come as ASCII bytes, in a buffer reused once this returns or
   * its promise settles); may wait for the stream to drain.
   */
  out: (text: string | Uint8Array) => void | Promise<void>;
  err: (text: string) => void;
}

const processIo: PcapCommandIo = {
  out: (text) =>
    process.stdout.write(text) ? undefined : new Promise<void>((resolve) => process.stdout.once("drain", () => resolve())),
  err: (text) => {
    process.stderr.write(`${text}\n`);
  },
};

type OutputMode = "json" | "summary" | "ndjson";

interface PcapArguments {
  file: string;
  pretty: boolean;
  maxSegments: number | undefined;
  mode: OutputMode;
}

export async function runPcapCommand(args: string[], io: PcapCommandIo = processIo): Promise<number> {
  const parsed = parseArguments(args);
  if (typeof parsed === "string") {
    io.err(`tcp pcap: ${parsed}\n${USAGE}`);
    return EXIT_BAD_INPUT;
  }
  let warnings: CaptureWarning[];
  try {
    warnings = await analyzeFile(parsed, io);
  } catch (error) {
    if (error instanceof CaptureFormatError) {
      io.err(`tcp pcap: ${parsed.file}: ${error.name}: ${error.message}`);
      return EXIT_BAD_INPUT;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === "string") {
      io.err(`tcp pcap: cannot read ${parsed.file}: ${(error as Error).message}`);
      return EXIT_BAD_INPUT;
    }
    io.err(`tcp pcap: internal error: ${(error as Error).message ?? String(error)}`);
    return EXIT_FAILURE;
  }
  for (const warning of warnings) io.err(`tcp pcap: warning: ${warning.message}`);
  return EXIT_OK;
}

function parseArguments(args: string[]): PcapArguments | string {
  let file: string | undefined;
  let pretty = false;
  let maxSegments: number | undefined;
  let mode: OutputMode = "json";
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--pretty") pretty = true;
    else if (arg === "--summary" || arg === "--ndjson") {
      if (mode !== "json") return "--summary and --ndjson cannot be combined";
      mode = arg === "--summary" ? "summary" : "ndjson";
    }
    else if (arg === "--max-segments") {
      const value = Number(args[++i]);
      if (!Number.isInteger(value) || value < 0) return "--max-segments needs a whole number";
      maxSegments = value;
    } else if (arg.startsWith("--")) return `unknown option ${arg}`;
    else if (file === undefined) file = arg;
    else return `unexpected argument ${arg}`;
  }
  if (file === undefined) return "missing FILE";
  if (mode !== "json" && (pretty || maxSegments !== undefined)) return `--pretty and --max-segments apply to the JSON output, not --${mode}`;
  return { file, pretty, maxSegments, mode };
}

/**
 * Reads through one reused buffer: the analyzer keeps nothing of a chunk once push() returns, and
 * a fresh buffer per chunk would make V8 run full collections over a large result. Prints in the
 * asked mode; returns the warnings.
 */
async function analyzeFile({ file, maxSegments, mode, pretty }: PcapArguments, io: PcapCommandIo): Promise<CaptureWarning[]> {
  // --ndjson: lines of one chunk are written (and drained) before the next chunk is read.
  let pending: string[] = [];
  const options: AnalyzeOptions =
    mode === "json"
      ? { maxSegmentsPerConnection: maxSegments }
      : mode === "summary"
        ? { maxSegmentsPerConnection: 0, transitions: false }
        : {
            maxSegmentsPerConnection: 0,
            onSegment: (connection, segment) => pending.push(JSON.stringify({ type: "segment", connection, ...segment })),
          };
  const flush = async () => {
    if (pending.length === 0) return;
    const text = `${pending.join("\n")}\n`;
    pending = [];
    await io.out(text);
  };
  // Synchronous reads: a local file answers at once, and each read through the thread pool and a
  // promise would cost more than it waits.
  const fd = openSync(file, "r");
  let analyzer: CaptureAnalyzer;
  try {
    // Knowing the file's size, the analysis makes its columns about as large as they will need to be.
    const stats = fstatSync(fd);
    analyzer = new CaptureAnalyzer({ ...options, expectedBytes: stats.isFile() ? stats.size : undefined });
    const buffer = new Uint8Array(CHUNK_BYTES);
    for (;;) {
      const bytesRead = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      analyzer.push(buffer.subarray(0, bytesRead));
      if (pending.length > 0) await flush();
    }
  } finally {
    closeSync(fd);
  }
  if (mode === "summary") {
    const summary = analyzer.finishSummaryBytes(SUMMARY_WRITE_BYTES);
    await printSummary(summary.chunks, io);
    return summary.warnings;
  }
  const analysis = analyzer.finish();
  if (mode === "ndjson") {
    await flush();
    for (const [index, connection] of analysis.connections.entries()) {
      const { segments: _none, segmentsOmitted: _counted, ...rest } = connection;
      pending.push(JSON.stringify({ type: "connection", index, ...rest }));
      if (pending.length >= 1000) await flush();
    }
    pending.push(JSON.stringify({ type: "capture", ...analysis.capture, warnings: analysis.warnings }));
    await flush();
  } else {
    await printAnalysis(analysis, pretty, io);
  }
  return analysis.warnings;
}

/** The header, then the rows, written about 64 kB at a time as they are made. */
async function printSummary(rows: Iterable<Uint8Array>, io: PcapCommandIo): Promise<void> {
  await io.out(`${SUMMARY_COLUMNS.join("\t")}\n`);
  for (const chunk of rows) await io.out(chunk);
}

/** One connection at a time, so a large capture never becomes one huge string. */
async function printAnalysis(analysis: CaptureAnalysis, pretty: boolean, io: PcapCommandIo): Promise<void> {
  if (pretty) {
    await io.out(`${JSON.stringify(analysis, null, 2)}\n`);
    return;
  }
  await io.out('{"connections":[');
  for (const [index, connection] of analysis.connections.entries()) {
    await io.out((index > 0 ? "," : "") + JSON.stringify(connection));
  }
  await io.out(`],"capture":${JSON.stringify(analysis.capture)},"warnings":${JSON.stringify(analysis.warnings)}}\n`);
}
