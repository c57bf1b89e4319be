/**
 * `tcp pcap FILE [--pretty] [--max-segments N]`
 *
 * Reads a pcap or pcapng file, streamed in 1 MiB chunks, and prints one JSON object on stdout:
 * {"connections":[...],"capture":{...},"warnings":[...]} (see domain/tcp/pcap/types.ts and
 * docs/capture-reader.md). Warnings are repeated on stderr. Bad input (usage, unreadable file,
 * malformed capture): a message on stderr and exit code 2.
 */
import { open } from "node:fs/promises";
import { CaptureAnalyzer, CaptureFormatError, type CaptureAnalysis } from "../domain/tcp/pcap";

const USAGE = "usage: tcp pcap FILE [--pretty] [--max-segments N]";
const CHUNK_BYTES = 1 << 20;

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

export interface PcapCommandIo {
  /** Writes to stdout; may wait for the stream to drain. */
  out: (text: string) => void | Promise<void>;
  err: (text: string) => void;
}

const processIo: PcapCommandIo = {
  out: (text) =>
    process.stdout.write(text) ? undefined : new Promise<void>((resolve) => process.stdout.once("drain", () => resolve())),
  err: (text) => {
    process.stderr.write(`${text}\n`);
  },
};

interface PcapArguments {
  file: string;
  pretty: boolean;
  maxSegments: number | undefined;
}

export async function runPcapCommand(args: string[], io: PcapCommandIo = processIo): Promise<number> {
  const parsed = parseArguments(args);
  if (typeof parsed === "string") {
    io.err(`tcp pcap: ${parsed}\n${USAGE}`);
    return EXIT_BAD_INPUT;
  }
  let analysis: CaptureAnalysis;
  try {
    analysis = await analyzeFile(parsed);
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
  for (const warning of analysis.warnings) io.err(`tcp pcap: warning: ${warning.message}`);
  await printAnalysis(analysis, parsed.pretty, io);
  return EXIT_OK;
}

function parseArguments(args: string[]): PcapArguments | string {
  let file: string | undefined;
  let pretty = false;
  let maxSegments: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--pretty") pretty = true;
    else if (arg === "--max-segments") {
      const value = Number(args[++i]);
      if (!Number.isInteger(value) || value < 0) return "--max-segments needs a whole number";
      maxSegments = value;
    } else if (arg.startsWith("--")) return `unknown option ${arg}`;
    else if (file === undefined) file = arg;
    else return `unexpected argument ${arg}`;
  }
  return file === undefined ? "missing FILE" : { file, pretty, maxSegments };
}

/**
 * Reads through one reused buffer: the analyzer keeps nothing of a chunk once push() returns, and
 * a fresh buffer per chunk would make V8 run full collections over a large result.
 */
async function analyzeFile({ file, maxSegments }: PcapArguments): Promise<CaptureAnalysis> {
  const analyzer = new CaptureAnalyzer({ maxSegmentsPerConnection: maxSegments });
  const handle = await open(file, "r");
  try {
    const buffer = new Uint8Array(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      analyzer.push(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return analyzer.finish();
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
